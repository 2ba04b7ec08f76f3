/**
 * Stage 3 — render (guidelines): the view-model of one 公募要領 and its HTML.
 *
 * The view-model decides which data goes into which chapter; the Handlebars
 * templates (templates/guidelines/) decide how it looks. Every value is
 * formatted in src/stages/render/facts.ts, the same strings the slide side is tested
 * against. Chapter prose comes from data/<edition>/guidelines/<call>.yaml as
 * Markdown, rendered by markdown-it with raw HTML off.
 *
 * Longer than the usual file because the chapters' data bindings are kept together with the
 * view-model they fill, until the guideline's composition itself moves into the data.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import {
  GUIDELINE_CHAPTERS,
  PLACEHOLDER,
  type Call,
  type CallType,
  type Edition,
  type Guideline,
  type GuidelineChapterId,
  type Programme,
  type ProgrammeField,
} from '../../schema/index.ts';
import { rosterOf, typeLabel } from './facts.ts';
import { awardsPlainText, callBudgetText, callPeriodText, documentDateText, fieldBudgetText, fiscalYearText, milestoneText, rosterAsOfText } from './values.ts';
import { ReadRecord, settle } from '../../shared/reads.ts';
import { filesRead, trackEdition } from '../../schema/edition-paths.ts';
import { compileFile, escapeText, registerPartials } from './handlebars.ts';

/** Column heads and terms the data has no field for (kept here, in one place). */
const TERMS = {
  toc: '目次',
  item: '項目',
  when: '時期',
  role: '区分',
  name: '氏名',
  affiliation: '所属',
  position: '役職',
  organization: '機関',
  department: '部署',
  keyPoints: '公募の要点',
  contributions: '役割・貢献',
  references: '参考',
  asOf: '時点',
} as const;

// ---------------------------------------------------------------- view-model types

export interface Cell {
  text: string;
  /** A formatted value: never broken across lines. */
  value?: boolean;
  /** Row header cell. */
  th?: boolean;
  /** Smaller note printed under the text. */
  note?: string;
  rowspan?: number;
}

export type Block =
  /** Prose from the data, as Markdown; rendered to `html` when the document is (renderGuidelineHtml). */
  | { kind: 'html'; md: string; html?: Handlebars.SafeString }
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'notes'; items: string[] }
  | { kind: 'table'; caption?: string; head: string[]; rows: Cell[][]; widths: string[]; className?: string }
  | { kind: 'dl'; items: { term: string; desc: string; value?: boolean }[] }
  | { kind: 'h3'; text: string };

export interface Section {
  id: string;
  number: string;
  title: string;
  blocks: Block[];
}

export interface Chapter {
  key: GuidelineChapterId;
  id: string;
  number: number;
  /** 第1章 */
  label: string;
  title: string;
  blocks: Block[];
  sections: Section[];
  closing: Block[];
  /** What the chapter read from the data (planner, 新旧対照表). */
  reads: ReadRecord;
}

export interface TocEntry {
  id: string;
  label: string;
  title: string;
  page: string;
  sections: { id: string; label: string; title: string; page: string }[];
}

export interface GuidelineView {
  /** File name under output/<edition>/guidelines/. */
  fileName: string;
  callId: string;
  /** Document title (PDF Title, cover). */
  title: string;
  runningHead: string;
  isDraft: boolean;
  cover: {
    fiscalYear: string;
    programme: string;
    programmeAbbr: string;
    callName: string;
    docTitle: string;
    status: string;
    issued: string;
    publisher: string;
    notes: string[];
  };
  chapters: Chapter[];
  /** Data files the document reads, relative to the edition folder (what the PDF attaches). */
  sources: string[];
  /** What the cover, title and running head read (the chapters keep their own). */
  reads: ReadRecord;
  subject: string;
  keywords: string[];
  author: string;
}

// ---------------------------------------------------------------- markdown

let markdown: Promise<{ render(md: string): string }> | undefined;

/**
 * Markdown → HTML; the placeholder for undecided details is marked so it stands out.
 * markdown-it is loaded on first use: planning a build reads the view-model, not the prose's HTML.
 *
 * The mark is added where text is rendered as text (markdown-it's `text` rule), never by
 * replacing in the finished HTML: there the placeholder may sit inside an attribute (an
 * image's alt, a link's title), and markup inserted into it would break out of the attribute
 * and print a stray `">` in the PDF.
 */
export async function renderMarkdown(md: string): Promise<Handlebars.SafeString> {
  markdown ??= import('markdown-it').then(({ default: MarkdownIt }) => {
    const it = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
    const escapeHtml = it.utils.escapeHtml;
    it.renderer.rules.text = (tokens, idx) =>
      escapeHtml(tokens[idx]!.content)
        .split(escapeHtml(PLACEHOLDER))
        .join(`<span class="tbd">${escapeHtml(PLACEHOLDER)}</span>`);
    return it;
  });
  return new Handlebars.SafeString((await markdown).render(md));
}

/** The view with every prose block's HTML rendered. */
async function withProse(view: GuidelineView): Promise<GuidelineView> {
  const fill = (blocks: Block[]): Promise<Block[]> => Promise.all(blocks.map(async (b) => (b.kind === 'html' ? { ...b, html: await renderMarkdown(b.md) } : b)));
  const chapters = await Promise.all(
    view.chapters.map(async (c) => ({
      ...c,
      blocks: await fill(c.blocks),
      closing: await fill(c.closing),
      sections: await Promise.all(c.sections.map(async (sec) => ({ ...sec, blocks: await fill(sec.blocks) }))),
    })),
  );
  return { ...view, chapters };
}

// ---------------------------------------------------------------- helpers

/** `＜…＞` or `（…）` around a slide heading → the bare heading. */
function stripBrackets(s: string): string {
  for (const [open, close] of [
    ['＜', '＞'],
    ['<', '>'],
    ['（', '）'],
    ['(', ')'],
  ] as const) {
    if (s.startsWith(open) && s.endsWith(close)) return s.slice(open.length, -close.length).trim();
  }
  return s;
}

function noteTexts(edition: Edition, ids: readonly string[]): string[] {
  return ids.map((id) => edition.meta.notes.find((n) => n.id === id)?.text).filter((t): t is string => t !== undefined);
}

function ownerOf(edition: Edition, call: Call): { programme: Programme; field: ProgrammeField } {
  for (const programme of edition.programmes.programmes) {
    const field = programme.fields?.find((f) => f.id === call.field);
    if (field) return { programme, field };
  }
  throw new Error(`call ${call.id}: field ${call.field} is in no programme (crossCheck should have caught this)`);
}

/** Escape a string for a CSS string literal inside a <style> element. */
export function cssString(s: string): string {
  return `"${s
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\A ')
    .replace(/</g, '\\3C ')}"`;
}

// ---------------------------------------------------------------- view-model

/** What every chapter builder gets: the (tracked) data of one call and its owner. */
interface ChapterEnv {
  edition: Edition;
  call: Call;
  programme: Programme;
  field: ProgrammeField;
  labels: Edition['meta']['labels'];
  typeName: (t: CallType) => string;
  fieldName: (id: string | undefined) => string;
}

type ChapterBody = { blocks: Block[]; sections: Omit<Section, 'id' | 'number'>[] };

/**
 * The data-bound content of each chapter. Each builder runs on its own tracked copy of the
 * edition, so what a chapter prints is known to the planner and the 新旧対照表 without a
 * list kept by hand.
 */
const CHAPTER_BODIES: Record<GuidelineChapterId, (env: ChapterEnv) => ChapterBody> = {
  purpose({ edition, call, field }) {
    const ov = edition.overview;
    const s: ChapterBody['sections'] = [];
    s.push({ title: ov.first.background.title, blocks: [{ kind: 'list', items: ov.first.background.points }] });
    s.push({
      title: ov.first.summary.title,
      blocks: [
        { kind: 'p', text: ov.first.summary.text },
        { kind: 'list', items: field.summary },
      ],
    });
    s.push({ title: stripBrackets(ov.first.points.title), blocks: [pointsTable(ov.first.points.items)] });
    s.push({
      title: stripBrackets(ov.second.goals.title),
      blocks: [{ kind: 'dl', items: ov.second.goals.items.map((g) => ({ term: g.label, desc: g.text })) }],
    });
    if (call.overview) {
      const o = call.overview;
      s.push({
        title: `${call.name}の${o.background.title}`,
        blocks: [
          { kind: 'notes', items: o.notes },
          { kind: 'list', items: o.background.points },
        ],
      });
      s.push({
        title: `${call.name}の${o.summary.title}`,
        blocks: [
          { kind: 'p', text: o.summary.text },
          pointsTable(o.points.items),
          { kind: 'dl', items: [{ term: o.budget.label, desc: `${fieldBudgetText(o)}${o.budget.tag ? `（${o.budget.tag}）` : ''}`, value: true }] },
          { kind: 'notes', items: o.budget.notes },
        ],
      });
    }
    return { blocks: [], sections: s };
  },

  scope({ call, labels, typeName, fieldName }) {
    return {
      blocks: [
        { kind: 'h3', text: TERMS.keyPoints },
        { kind: 'list', items: call.bullets },
        {
          kind: 'table',
          caption: call.table.title,
          head: [labels.typeTerm, labels.targetTerm, labels.goalTerm],
          widths: ['18%', '30%', '52%'],
          rows: call.types.map((t) => [
            { text: typeName(t), th: true },
            { text: t.target.field ? `${t.target.text}（${fieldName(t.target.field)}）` : t.target.text },
            { text: t.goal },
          ]),
        },
        { kind: 'notes', items: [`${labels.targetTerm}：${call.table.targetNote}`] },
      ],
      sections: [],
    };
  },

  eligibility({ edition, call, programme, field, labels }) {
    const s: ChapterBody['sections'] = [{ title: labels.compositionTerm, blocks: [{ kind: 'p', text: call.table.composition.text }] }];
    const participants = programme.participants;
    if (participants) {
      s.push({
        title: edition.programmes.table.columns.participants,
        blocks: [
          { kind: 'p', text: participants.institutions.join('、') },
          ...(field.participantsNote ? [{ kind: 'notes', items: [field.participantsNote] } as Block] : []),
          ...(participants.fundingNote ? [{ kind: 'notes', items: [participants.fundingNote] } as Block] : []),
        ],
      });
    }
    if (call.overview) {
      const p = call.overview.proposer;
      s.push({
        title: `${p.label}（${p.structure}）`,
        blocks: [
          {
            kind: 'table',
            head: [TERMS.role, p.label, TERMS.contributions],
            widths: ['10%', '22%', '68%'],
            rows: p.roles.map((r) => [{ text: r.sector, th: true }, { text: r.name }, { text: r.contributions.join('、') }]),
          },
        ],
      });
    }
    return { blocks: [], sections: s };
  },

  budget({ edition, call, labels, typeName }) {
    return {
      blocks: [
        {
          kind: 'table',
          caption: call.table.title,
          head: [labels.typeTerm, labels.fundingTerm, labels.periodTerm],
          widths: ['26%', '46%', '28%'],
          rows: call.types.map((t) => [
            { text: typeName(t), th: true },
            { text: callBudgetText(call, t), value: true, ...(t.budgetQualifier ? { note: t.budgetQualifier } : {}) },
            { text: callPeriodText(edition, t), value: true },
          ]),
        },
        { kind: 'notes', items: [`${labels.fundingTerm}：${call.table.budgetNote}`] },
      ],
      sections: [],
    };
  },

  awards({ call, labels, typeName, fieldName }) {
    return {
      blocks: [
        {
          kind: 'table',
          head: [labels.typeTerm, labels.targetTerm, labels.awardsTerm],
          widths: ['26%', '26%', '48%'],
          rows: call.types.map((t) => [{ text: typeName(t), th: true }, { text: fieldName(t.target.field) }, { text: awardsPlainText(t), value: true }]),
        },
      ],
      sections: [],
    };
  },

  schedule({ edition, call }) {
    return {
      blocks: [
        {
          kind: 'table',
          caption: call.schedule.title + (call.schedule.note ? `（※${call.schedule.note}）` : ''),
          head: [TERMS.item, TERMS.when],
          widths: ['40%', '60%'],
          rows: call.schedule.milestones.map((m) => [
            { text: m.label, th: true },
            { text: milestoneText(m), value: true },
          ]),
        },
        { kind: 'notes', items: noteTexts(edition, call.noteRefs) },
      ],
      sections: [],
    };
  },

  review({ edition, call }) {
    const mech = edition.overview.second.mechanisms;
    const s: ChapterBody['sections'] = [
      {
        title: stripBrackets(mech.title),
        blocks: mech.items.flatMap((m): Block[] => [
          { kind: 'h3', text: `${m.label}${m.title}` },
          { kind: 'list', items: m.bullets },
        ]),
      },
    ];
    const roster = rosterOf(edition, call);
    if (roster) {
      const rows: Cell[][] = [];
      for (const role of ['po', 'ad'] as const) {
        for (const e of roster.entries.filter((x) => x.role === role)) {
          rows.push([{ text: roster.roleLabels[role], th: true }, { text: e.name, ...(e.title ? { note: e.title } : {}) }, { text: e.affiliation }, { text: e.position }]);
        }
      }
      s.push({
        title: roster.heading,
        blocks: [
          { kind: 'table', className: 'roster', head: [TERMS.role, TERMS.name, TERMS.affiliation, TERMS.position], widths: ['27%', '17%', '36%', '20%'], rows },
          { kind: 'notes', items: [`${rosterAsOfText(roster)}${TERMS.asOf}`, ...roster.notes] },
        ],
      });
    }
    return { blocks: [], sections: s };
  },

  afterProject({ edition }) {
    return { blocks: [{ kind: 'p', text: edition.overview.second.mechanisms.afterProject }], sections: [] };
  },

  contact({ edition }) {
    const c = edition.contact;
    return {
      blocks: [
        {
          kind: 'dl',
          items: [
            { term: TERMS.organization, desc: c.organization },
            { term: TERMS.department, desc: `${c.department} ${c.section}` },
            { term: c.emailLabel, desc: c.email, value: true },
            { term: c.urlLabel, desc: c.url, value: true },
          ],
        },
        { kind: 'p', text: c.lead },
      ],
      sections: [],
    };
  },

  notes({ edition, call }) {
    const { meta, overview: ov } = edition;
    const ids = [...new Set([...(meta.titleNoteRefs ?? []), ...call.noteRefs, ...ov.second.noteRefs])];
    return {
      blocks: [{ kind: 'list', items: noteTexts(edition, ids) }],
      sections: [
        {
          title: TERMS.references,
          blocks: ov.footnotes.map(
            (f): Block => ({
              kind: 'dl',
              items: [
                {
                  term: f.mark,
                  desc: [...f.lines, ...(f.documents ?? []).flatMap((d) => [`「${d.title}」（${documentDateText(d.date)} ${d.issuer}）`, d.url])].join('\n'),
                },
              ],
            }),
          ),
        },
      ],
    };
  },
};

function chapterEnv(edition: Edition, callId: string): ChapterEnv {
  const call = edition.calls.find((c) => c.id === callId);
  if (!call) throw new Error(`guideline: no call ${callId}`);
  const { programme, field } = ownerOf(edition, call);
  return {
    edition,
    call,
    programme,
    field,
    labels: edition.meta.labels,
    typeName: (t) => typeLabel(edition, call, t),
    fieldName: (id) => edition.programmes.programmes.flatMap((p) => p.fields ?? []).find((f) => f.id === (id ?? call.field))?.name ?? call.name,
  };
}

export function guidelineView(edition: Edition, call: Call, guide: Guideline): GuidelineView {
  // The document's own frame (cover, title, running head) is one record; each chapter another.
  const reads = new ReadRecord();
  const e = trackEdition(edition, reads);
  const env = chapterEnv(e, call.id);
  const { meta } = e;
  const g = e.guidelines.find((x) => x.call === guide.call) ?? guide;
  const { programme } = env;
  const isDraft = meta.status === 'draft';
  const fy = fiscalYearText(e);
  const programmeName = `${programme.name}（${programme.abbr}）`;
  const title = `${fy} ${programme.name}「${env.call.name}」${g.title}`;

  const chapters: Chapter[] = GUIDELINE_CHAPTERS.map((key, i) => {
    const chapterReads = new ReadRecord();
    const ce = trackEdition(edition, chapterReads);
    const ch = ce.guidelines.find((x) => x.call === guide.call)?.chapters[key] ?? guide.chapters[key];
    const b = settle(CHAPTER_BODIES[key](chapterEnv(ce, call.id)));
    const number = i + 1;
    return {
      key,
      id: `ch-${number}`,
      number,
      label: `第${number}章`,
      title: ch.title,
      blocks: [...(ch.text ? [{ kind: 'html', md: ch.text } as Block] : []), ...b.blocks].map(normalize),
      sections: b.sections.map((sec, j) => ({ ...sec, blocks: sec.blocks.map(normalize), id: `sec-${number}-${j + 1}`, number: `${number}.${j + 1}` })),
      closing: ch.closing ? [{ kind: 'html', md: ch.closing }] : [],
      reads: chapterReads,
    };
  });

  const statusLabel = g.statusLabels[meta.status];
  const view: Omit<GuidelineView, 'sources' | 'reads'> = settle({
    fileName: `${call.id}.pdf`,
    callId: call.id,
    title: isDraft ? `${title}（${statusLabel}）` : title,
    runningHead: `${fy} ${programme.name}「${env.call.name}」${g.title}${isDraft ? `（${statusLabel}）` : ''}`,
    isDraft,
    cover: {
      fiscalYear: fy,
      programme: programme.name,
      programmeAbbr: programme.abbr,
      callName: env.call.name,
      docTitle: g.title,
      status: statusLabel,
      issued: documentDateText(g.issued ?? meta.date),
      publisher: meta.publisher,
      notes: noteTexts(e, meta.titleNoteRefs ?? []),
    },
    chapters,
    subject: `${programmeName} ${fy} ${env.call.name} ${g.title}`,
    keywords: [programme.abbr, programme.name, env.call.name, g.title, fy],
    author: meta.publisher,
  });
  // Everything the document read, so the planner, the attachments and the 新旧対照表 agree.
  const all = new ReadRecord().merge(reads);
  for (const c of chapters) all.merge(c.reads);
  return { ...view, reads, sources: filesRead(edition.sources, all) };
}

/**
 * Handlebars strict mode throws on a missing key (that is the point: a template typo
 * fails the build). Optional keys of blocks are therefore present, set to undefined.
 */
function normalize(b: Block): Block {
  switch (b.kind) {
    case 'table':
      return {
        ...b,
        caption: b.caption,
        className: b.className,
        rows: b.rows.map((r) => r.map((c) => ({ text: c.text, value: c.value, th: c.th, note: c.note, rowspan: c.rowspan }))),
      };
    case 'dl':
      return { ...b, items: b.items.map((i) => ({ term: i.term, desc: i.desc, value: i.value })) };
    default:
      return b;
  }
}

function pointsTable(items: { caption: string; subcaption: string; line: string }[]): Block {
  return {
    kind: 'table',
    head: [],
    widths: ['26%', '74%'],
    className: 'points',
    rows: items.map((p) => [{ text: p.caption, th: true, note: p.subcaption }, { text: p.line }]),
  };
}

// ---------------------------------------------------------------- HTML

/** Page numbers for the TOC: dest id → label printed in the footer (body pages count from 1). */
export type TocPages = Map<string, string>;

export function tocEntries(view: GuidelineView, pages: TocPages | undefined): TocEntry[] {
  // Before the first print the numbers are unknown: reserve the width of two digits.
  const page = (id: string) => pages?.get(id) ?? '00';
  return view.chapters.map((c) => ({
    id: c.id,
    label: c.label,
    title: c.title,
    page: page(c.id),
    sections: c.sections.map((s) => ({ id: s.id, label: s.number, title: s.title, page: page(s.id) })),
  }));
}

/** Where a rendered guideline wants its `@font-face` rules (stages/convert/fonts.ts `embedFonts`). */
export const FONT_SLOT = '/*@font-faces*/';

/**
 * The HTML of one guideline, fonts left to the convert stage (FONT_SLOT). `pages`
 * fills the TOC's page numbers (second print); without it they are placeholders.
 */
export async function renderGuidelineHtml(templatesDir: string, view: GuidelineView, pages?: TocPages): Promise<string> {
  const dir = path.join(templatesDir, 'guidelines');
  // Read on every render: a partial edited during `npm run dev` is used at once.
  await registerPartials(path.join(dir, 'partials'), 'guidelines');
  const template = await compileFile(path.join(dir, 'guideline.hbs'));
  const css = await readFile(path.join(dir, 'guideline.css'), 'utf8');
  const context = {
    view: await withProse(view),
    toc: tocEntries(view, pages),
    terms: TERMS,
    css: new Handlebars.SafeString(css.replace(/<\//g, '<\\/')),
    pageCss: new Handlebars.SafeString(`@page { @top-center { content: ${cssString(view.runningHead)}; } }`),
    // The convert stage puts the embedded fonts here (embedFonts), subset to what the page prints.
    fonts: new Handlebars.SafeString(FONT_SLOT),
  };
  const html = template(context);
  // Subset the fonts to what this document prints (text, running head, digits of page numbers).
  return html;
}

export { escapeText };
