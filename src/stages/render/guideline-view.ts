/**
 * Stage 3 — render (guidelines): the view-model of one 公募要領 and its HTML.
 *
 * The view-model decides which data goes into which chapter; the Handlebars
 * templates (templates/guidelines/) decide how it looks. Every value is
 * formatted in src/stages/render/facts.ts, the same strings the slide side is tested
 * against. Chapter prose comes from data/<edition>/guidelines/<call>.yaml as
 * Markdown, rendered by markdown-it with raw HTML off.
 */
import path from 'node:path';
import Handlebars from 'handlebars';
import MarkdownIt from 'markdown-it';
import * as fmt from '../../shared/format/index.ts';
import { fontFaceCss } from '../convert/fonts.ts';
import {
  GUIDELINE_CHAPTERS,
  PLACEHOLDER,
  type Call,
  type Edition,
  type Guideline,
  type GuidelineChapterId,
  type Programme,
  type ProgrammeField,
} from '../../schema/index.ts';
import { callValues, rosterOf, typeLabel } from './facts.ts';
import { documentDateText } from './values.ts';
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
  | { kind: 'html'; html: Handlebars.SafeString }
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
  /** Data files the document reads, relative to the edition folder. */
  sources: string[];
  subject: string;
  keywords: string[];
  author: string;
}

// ---------------------------------------------------------------- markdown

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

/** Markdown → HTML; the placeholder for undecided details is marked so it stands out. */
export function renderMarkdown(md: string): Handlebars.SafeString {
  const html = markdown.render(md).split(PLACEHOLDER).join(`<span class="tbd">${PLACEHOLDER}</span>`);
  return new Handlebars.SafeString(html);
}

// ---------------------------------------------------------------- helpers

/** `＜…＞` or `（…）` around a slide heading → the bare heading. */
function stripBrackets(s: string): string {
  for (const [open, close] of [['＜', '＞'], ['<', '>'], ['（', '）'], ['(', ')']] as const) {
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
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\A ').replace(/</g, '\\3C ')}"`;
}

// ---------------------------------------------------------------- view-model

export function guidelineView(edition: Edition, call: Call, guide: Guideline): GuidelineView {
  const { meta } = edition;
  const labels = meta.labels;
  const values = callValues(edition, call);
  const { programme, field } = ownerOf(edition, call);
  const roster = rosterOf(edition, call);
  const ov = edition.overview;
  const isDraft = meta.status === 'draft';
  const fy = values.fiscalYear;
  const programmeName = `${programme.name}（${programme.abbr}）`;
  const title = `${fy} ${programme.name}「${call.name}」${guide.title}`;

  const typeName = (t: Call['types'][number]) => typeLabel(edition, call, t);
  const fieldName = (id: string | undefined) =>
    edition.programmes.programmes.flatMap((p) => p.fields ?? []).find((f) => f.id === (id ?? call.field))?.name ?? call.name;

  const body: Record<GuidelineChapterId, { blocks: Block[]; sections: Omit<Section, 'id' | 'number'>[] }> = {
    purpose: { blocks: [], sections: [] },
    scope: { blocks: [], sections: [] },
    eligibility: { blocks: [], sections: [] },
    budget: { blocks: [], sections: [] },
    awards: { blocks: [], sections: [] },
    schedule: { blocks: [], sections: [] },
    review: { blocks: [], sections: [] },
    afterProject: { blocks: [], sections: [] },
    contact: { blocks: [], sections: [] },
    notes: { blocks: [], sections: [] },
  };

  // 1. purpose and background
  {
    const s = body.purpose.sections;
    s.push({ title: ov.first.background.title, blocks: [{ kind: 'list', items: ov.first.background.points }] });
    s.push({ title: ov.first.summary.title, blocks: [{ kind: 'p', text: ov.first.summary.text }, { kind: 'list', items: field.summary }] });
    s.push({
      title: stripBrackets(ov.first.points.title),
      blocks: [pointsTable(ov.first.points.items)],
    });
    s.push({
      title: stripBrackets(ov.second.goals.title),
      blocks: [{ kind: 'dl', items: ov.second.goals.items.map((g) => ({ term: g.label, desc: g.text })) }],
    });
    if (call.overview) {
      const o = call.overview;
      s.push({
        title: `${call.name}の${o.background.title}`,
        blocks: [{ kind: 'notes', items: o.notes }, { kind: 'list', items: o.background.points }],
      });
      s.push({
        title: `${call.name}の${o.summary.title}`,
        blocks: [
          { kind: 'p', text: o.summary.text },
          pointsTable(o.points.items),
          {
            kind: 'dl',
            items: [{ term: o.budget.label, desc: `${values.fieldBudget ?? ''}${o.budget.tag ? `（${o.budget.tag}）` : ''}`, value: true }],
          },
          { kind: 'notes', items: o.budget.notes },
        ],
      });
    }
  }

  // 2. what the call seeks
  {
    body.scope.blocks.push({ kind: 'h3', text: TERMS.keyPoints }, { kind: 'list', items: call.bullets });
    body.scope.blocks.push({
      kind: 'table',
      caption: call.table.title,
      head: [labels.typeTerm, labels.targetTerm, labels.goalTerm],
      widths: ['18%', '30%', '52%'],
      rows: call.types.map((t) => [
        { text: typeName(t), th: true },
        { text: t.target.field ? `${t.target.text}（${fieldName(t.target.field)}）` : t.target.text },
        { text: t.goal },
      ]),
    });
    body.scope.blocks.push({ kind: 'notes', items: [`${labels.targetTerm}：${call.table.targetNote}`] });
  }

  // 3. eligibility and composition
  {
    const s = body.eligibility.sections;
    s.push({
      title: labels.compositionTerm,
      blocks: [{ kind: 'p', text: call.table.composition.text }],
    });
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
  }

  // 4. budget and support period
  {
    body.budget.blocks.push({
      kind: 'table',
      caption: call.table.title,
      head: [labels.typeTerm, labels.fundingTerm, labels.periodTerm],
      widths: ['26%', '46%', '28%'],
      rows: call.types.map((t) => {
        const v = values.types.get(t.id)!;
        return [
          { text: typeName(t), th: true },
          { text: v.budget, value: true, ...(t.budgetQualifier ? { note: t.budgetQualifier } : {}) },
          { text: v.period, value: true },
        ];
      }),
    });
    body.budget.blocks.push({ kind: 'notes', items: [`${labels.fundingTerm}：${call.table.budgetNote}`] });
  }

  // 5. expected number of awards
  body.awards.blocks.push({
    kind: 'table',
    head: [labels.typeTerm, labels.targetTerm, labels.awardsTerm],
    widths: ['26%', '26%', '48%'],
    rows: call.types.map((t) => {
      const v = values.types.get(t.id)!;
      return [{ text: typeName(t), th: true }, { text: fieldName(t.target.field) }, { text: v.awards, value: true }];
    }),
  });

  // 6. schedule
  body.schedule.blocks.push({
    kind: 'table',
    caption: call.schedule.title + (call.schedule.note ? `（※${call.schedule.note}）` : ''),
    head: [TERMS.item, TERMS.when],
    widths: ['40%', '60%'],
    rows: call.schedule.milestones.map((m) => [{ text: m.label, th: true }, { text: values.milestones.get(m.id)!, value: true }]),
  });
  body.schedule.blocks.push({ kind: 'notes', items: noteTexts(edition, call.noteRefs) });

  // 7. review and programme management
  {
    const s = body.review.sections;
    const mech = ov.second.mechanisms;
    s.push({
      title: stripBrackets(mech.title),
      blocks: mech.items.flatMap((m): Block[] => [
        { kind: 'h3', text: `${m.label}${m.title}` },
        { kind: 'list', items: m.bullets },
      ]),
    });
    if (roster) {
      const order = ['po', 'ad'] as const;
      const rows: Cell[][] = [];
      for (const role of order) {
        const people = roster.entries.filter((e) => e.role === role);
        people.forEach((e) => {
          rows.push([
            { text: roster.roleLabels[role], th: true },
            { text: e.name, ...(e.title ? { note: e.title } : {}) },
            { text: e.affiliation },
            { text: e.position },
          ]);
        });
      }
      s.push({
        title: roster.heading,
        blocks: [
          {
            kind: 'table',
            className: 'roster',
            head: [TERMS.role, TERMS.name, TERMS.affiliation, TERMS.position],
            widths: ['27%', '17%', '36%', '20%'],
            rows,
          },
          { kind: 'notes', items: [`${values.rosterAsOf ?? ''}${TERMS.asOf}`, ...roster.notes] },
        ],
      });
    }
  }

  // 8. after the project
  body.afterProject.blocks.push({ kind: 'p', text: ov.second.mechanisms.afterProject });

  // 9. contact
  {
    const c = edition.contact;
    body.contact.blocks.push({
      kind: 'dl',
      items: [
        { term: TERMS.organization, desc: c.organization },
        { term: TERMS.department, desc: `${c.department} ${c.section}` },
        { term: c.emailLabel, desc: c.email, value: true },
        { term: c.urlLabel, desc: c.url, value: true },
      ],
    });
    body.contact.blocks.push({ kind: 'p', text: c.lead });
  }

  // 10. notes and caveats
  {
    const ids = [...new Set([...(meta.titleNoteRefs ?? []), ...call.noteRefs, ...ov.second.noteRefs])];
    body.notes.blocks.push({ kind: 'list', items: noteTexts(edition, ids) });
    const s = body.notes.sections;
    s.push({
      title: TERMS.references,
      blocks: ov.footnotes.map((f): Block => ({
        kind: 'dl',
        items: [
          {
            term: f.mark,
            desc: [
              ...f.lines,
              ...(f.documents ?? []).flatMap((d) => [`「${d.title}」（${documentDateText(d.date)} ${d.issuer}）`, d.url]),
            ].join('\n'),
          },
        ],
      })),
    });
  }

  const chapters: Chapter[] = GUIDELINE_CHAPTERS.map((key, i) => {
    const number = i + 1;
    const ch = guide.chapters[key];
    const b = body[key];
    return {
      key,
      id: `ch-${number}`,
      number,
      label: `第${number}章`,
      title: ch.title,
      blocks: [...(ch.text ? [{ kind: 'html', html: renderMarkdown(ch.text) } as Block] : []), ...b.blocks].map(normalize),
      sections: b.sections.map((sec, j) => ({ ...sec, blocks: sec.blocks.map(normalize), id: `sec-${number}-${j + 1}`, number: `${number}.${j + 1}` })),
      closing: ch.closing ? [{ kind: 'html', html: renderMarkdown(ch.closing) }] : [],
    };
  });

  const statusLabel = guide.statusLabels[meta.status];
  const sources = [
    edition.sources.edition,
    edition.sources.programmes,
    edition.sources.overview,
    edition.sources[call.id],
    edition.sources[`roster:${call.id}`],
    edition.sources.contact,
    edition.sources[`guideline:${call.id}`],
  ].filter((x): x is string => x !== undefined);

  return {
    fileName: `${call.id}.pdf`,
    callId: call.id,
    title: isDraft ? `${title}（${statusLabel}）` : title,
    runningHead: `${fy} ${programme.name}「${call.name}」${guide.title}${isDraft ? `（${statusLabel}）` : ''}`,
    isDraft,
    cover: {
      fiscalYear: fy,
      programme: programme.name,
      programmeAbbr: programme.abbr,
      callName: call.name,
      docTitle: guide.title,
      status: statusLabel,
      issued: documentDateText(guide.issued ?? meta.date),
      publisher: meta.publisher,
      notes: noteTexts(edition, meta.titleNoteRefs ?? []),
    },
    chapters,
    sources,
    subject: `${programmeName} ${fy} ${call.name} ${guide.title}`,
    keywords: [programme.abbr, programme.name, call.name, guide.title, fy],
    author: meta.publisher,
  };
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

let partialsReady: Promise<unknown> | undefined;

/**
 * The HTML of one guideline, self-contained (fonts as data: URLs). `pages`
 * fills the TOC's page numbers (second print); without it they are placeholders.
 */
export async function renderGuidelineHtml(templatesDir: string, view: GuidelineView, pages?: TocPages): Promise<string> {
  const dir = path.join(templatesDir, 'guidelines');
  partialsReady ??= registerPartials(path.join(dir, 'partials'), 'guidelines');
  await partialsReady;
  const template = await compileFile(path.join(dir, 'guideline.hbs'));
  const { readFile } = await import('node:fs/promises');
  const css = await readFile(path.join(dir, 'guideline.css'), 'utf8');
  const context = {
    view,
    toc: tocEntries(view, pages),
    terms: TERMS,
    css: new Handlebars.SafeString(css.replace(/<\//g, '<\\/')),
    pageCss: new Handlebars.SafeString(`@page { @top-center { content: ${cssString(view.runningHead)}; } }`),
    fonts: new Handlebars.SafeString('/*@font-faces*/'),
  };
  const html = template(context);
  // Subset the fonts to what this document prints (text, running head, digits of page numbers).
  const faces = await fontFaceCss(`${html}0123456789ivxlcdm−－`);
  return html.replace('/*@font-faces*/', () => faces);
}

export { escapeText };
