/**
 * Stage 3 — render (guidelines): the view-model of one 公募要領 and its HTML.
 *
 * The document's structure is data: guidelines/<call>.yaml is a tree of chapters →
 * sections → subsections → items (and appendices, 別紙), each an ordered list of Markdown
 * prose and data-bound blocks (guideline-blocks.ts). This file numbers the tree in Japanese
 * official style (第1章 / 1.1 / (1) / ア; 別紙1), builds each chapter from its own tracked
 * copy of the edition (so the planner, the attachments and the 新旧対照表 know what it reads),
 * and renders the HTML through templates/guidelines/. The TOC and the bookmarks follow
 * the tree (chapters and sections).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { NOTE_RE, VALUE_RE, type BodyItem, type Call, type Edition, type Guideline } from '../../schema/index.ts';
import { expandNode, type TreeNode } from '../../schema/guideline-tree.ts';
import { DEFAULT_NUMBERING, REF_RE, chapterLabel, figureNumber, nodeNumber, noteMark, refTargets, withNoteIds } from './guideline-numbering.ts';
import type { ChapterNote, FigureCounter, Numbering, RefTarget } from './guideline-numbering.ts';

export { DEFAULT_NUMBERING, REF_RE, chapterLabel, nodeNumber, refTargets, type Numbering, type RefTarget } from './guideline-numbering.ts';
import { ReadRecord, settle } from '../../shared/reads.ts';
import { filesRead, trackEdition } from '../../schema/edition-paths.ts';
import { BLOCK_BUILDERS, TERMS, blockEnv, figureBlock, noteTexts, valueText, type Block, type BlockEnv, type Cell } from './guideline-blocks.ts';
import { compileFile, escapeText, registerPartials } from './handlebars.ts';
import { formattedWords, keepTogetherIn } from './keep-together.ts';
import { renderMarkdown, valueToken } from './markdown.ts';
import { documentDateText, fiscalYearText } from './values.ts';
import { changesPage, type ChangesPage } from './guideline-changes.ts';
import type { PreviousChanges } from '../../schema/changes.ts';

export type { Block, Cell } from './guideline-blocks.ts';

// ---------------------------------------------------------------- view-model types

/** A numbered node of the tree below a chapter: a section (1.1), a subsection ((1)) or an item (ア). */
export interface Section {
  id: string;
  /** 1.1, (1), ア — what the heading, the TOC and the bookmark print. */
  number: string;
  /** 2 = section, 3 = subsection, 4 = item. */
  level: 2 | 3 | 4;
  title: string;
  blocks: Block[];
  sections: Section[];
}

export interface Chapter {
  /** The chapter's id in the data (or ch-N), for the template's class and the 新旧対照表. */
  key: string;
  /** DOM id and PDF destination: ch-1 …, app-1 … for appendices. */
  id: string;
  number: number;
  /** 第1章, or 別紙1 for an appendix. */
  label: string;
  title: string;
  appendix: boolean;
  blocks: Block[];
  sections: Section[];
  /** Its footnotes ({{note:…}} in its prose and its sections'), printed at its end. */
  notes: ChapterNote[];
  /** What the chapter read from the data (planner, 新旧対照表). */
  reads: ReadRecord;
}

export interface TocEntry {
  id: string;
  label: string;
  title: string;
  page: string;
  /** The entries one level down (sections, then subsections), as deep as the document's TOC depth. */
  sections: TocEntry[];
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
    /** 募集締切 and its date (the milestone the guideline names), or undefined. */
    deadline: { label: string; text: string } | undefined;
  };
  /** The 主なスケジュール page after the cover: the schedule block's table and notes. */
  schedule: { title: string; blocks: Block[] };
  /** 「前年度からの主な変更点」 after the schedule page; undefined for the first edition (guideline-changes.ts). */
  changes: ChangesPage | undefined;
  /** The chapters, then the appendices (appendix: true). */
  chapters: Chapter[];
  /** How deep the TOC and the bookmarks go: 1 chapters, 2 sections, 3 subsections. */
  tocDepth: 1 | 2 | 3;
  /** Data files the document reads, relative to the edition folder (what the PDF attaches). */
  sources: string[];
  /** What the cover, title and running head read (the chapters keep their own). */
  reads: ReadRecord;
  subject: string;
  keywords: string[];
  author: string;
  /** Words no line may break inside (keep-together.ts), from the files the document reads. */
  keepTogether?: string[];
}

// ---------------------------------------------------------------- the tree → view-model

/** `{{value:…}}` in a plain title: the value's text. */
function titleText(env: BlockEnv, title: string): string {
  return title.replace(VALUE_RE, (_, name: string) => valueText(env, name));
}

/** A node's body: prose (values and references as tokens, printed when rendered) and the blocks it names. The title a titled first block brings. */
function bodyOf(env: BlockEnv, items: readonly BodyItem[], targets: ReadonlyMap<string, RefTarget>, figures: FigureCounter): { blocks: Block[]; title: string | undefined } {
  const blocks: Block[] = [];
  let title: string | undefined;
  items.forEach((item, i) => {
    if ('figure' in item) {
      blocks.push(figureBlock(item, figureNumber(figures), titleText(env, item.caption)));
      return;
    }
    if ('text' in item) {
      const values: string[] = [];
      const refs: { index: number; dom: string; label: string }[] = [];
      const md = item.text
        .replace(VALUE_RE, (_, name: string) => valueToken(values.push(valueText(env, name)) - 1))
        .replace(REF_RE, (_, id: string) => {
          const t = targets.get(id);
          if (!t) throw new Error(`guideline ${env.call.id}: reference to ${id}: no such node (crossCheck should have caught this)`);
          const index = values.push(t.label) - 1;
          refs.push({ index, dom: t.dom, label: t.label });
          return `[${valueToken(index)}](#${t.dom})`;
        })
        .replace(NOTE_RE, (_, text: string) => noteMark(figures, text, (label) => valueToken(values.push(label) - 1)));
      blocks.push({ kind: 'html', md, ...(values.length ? { values } : {}), ...(refs.length ? { refs } : {}) });
      return;
    }
    const built = BLOCK_BUILDERS[item.block](env);
    if (i === 0) title = built.title;
    blocks.push(...built.blocks);
  });
  return { blocks: blocks.map(normalize), title };
}

function sectionsOf(
  env: BlockEnv,
  nodes: readonly TreeNode[],
  level: 2 | 3 | 4,
  parentNumber: string,
  parentId: string,
  numbering: Numbering,
  targets: ReadonlyMap<string, RefTarget>,
  figures: FigureCounter,
): Section[] {
  return nodes.map((node, i) => {
    const body = bodyOf(
      env,
      node.body.map((b) => b.item),
      targets,
      figures,
    );
    const number = nodeNumber(level, parentNumber, i, numbering);
    const id = `${parentId}-${i + 1}`;
    const title = node.title === undefined ? (body.title ?? '') : titleText(env, node.title);
    const next = (level + 1) as 3 | 4;
    // A dotted subsection carries its section's number (1.2.1); a (1) or ア does not.
    const carried = level === 2 || (level === 3 && numbering.subsection === 'dotted') ? number : parentNumber;
    return {
      id,
      number,
      level,
      title,
      blocks: body.blocks,
      sections: level < 4 ? sectionsOf(env, node.sections, next, carried, id, numbering, targets, figures) : [],
    };
  });
}

/** What the chapters of one document share: the cross-reference targets, the figure and note counters. */
type DocState = { targets: ReadonlyMap<string, RefTarget>; figures: FigureCounter };

/** One chapter (or appendix), built from its own tracked copy of the edition. */
function chapterOf(edition: Edition, call: Call, guideCall: string, which: 'chapters' | 'appendices', index: number, doc: DocState): Chapter {
  const { targets, figures } = doc;
  const reads = new ReadRecord();
  const e = trackEdition(edition, reads);
  const guide = e.guidelines.find((x) => x.call === guideCall);
  const raw = guide?.[which]?.[index];
  if (!guide || !raw) throw new Error(`guideline ${guideCall}: no ${which}[${index}]`);
  const node = expandNode(e.guidelineParts, raw, { part: undefined, path: [which, index] });
  const numbering = { ...DEFAULT_NUMBERING, ...guide.numbering };
  const env = blockEnv(e, call.id);
  const appendix = which === 'appendices';
  const number = index + 1;
  const id = appendix ? `app-${number}` : `ch-${number}`;
  figures.style = numbering.figure;
  figures.chapter = appendix ? `別紙${number}` : String(number);
  figures.inChapter = 0;
  figures.chapterNotes = [];
  const body = bodyOf(
    env,
    node.body.map((b) => b.item),
    targets,
    figures,
  );
  const chapter = settle({
    key: node.id ?? id,
    id,
    number,
    label: appendix ? `別紙${number}` : chapterLabel(number, numbering),
    title: titleText(env, node.title ?? ''),
    appendix,
    blocks: body.blocks,
    // A chapter's sections are 1.1, 1.2 …; an appendix's 1., 2. …
    sections: sectionsOf(env, node.sections, 2, appendix ? '' : String(number), appendix ? `app-${number}` : `sec-${number}`, numbering, targets, figures),
    notes: figures.chapterNotes,
  });
  return { ...chapter, reads };
}

/**
 * The words no line of the document may break inside, read into a record of their own: they shape
 * every line, so they are inputs of the document (the planner), but they print nothing, so no
 * change of theirs belongs to the cover's rows of the 新旧対照表.
 */
function keepTogetherOfGuideline(edition: Edition, callId: string, record: ReadRecord): string[] {
  const e = trackEdition(edition, record);
  const call = e.calls.find((c) => c.id === callId);
  return keepTogetherIn({ meta: e.meta, programmes: e.programmes, calls: call ? [call] : [], rosters: e.rosters.filter((r) => r.call === callId), contact: e.contact }, [
    ...(e.meta.keepTogether ?? []),
    ...formattedWords(e.meta.fiscalYear),
  ]);
}

/** `previous`: the edition of the year before and the comparison with it (the build's), for 「前年度からの主な変更点」. */
export function guidelineView(edition: Edition, call: Call, guide: Guideline, previous?: PreviousChanges): GuidelineView {
  // The document's own frame (cover, title, running head) is one record; each chapter another.
  const reads = new ReadRecord();
  const keepReads = new ReadRecord();
  const e = trackEdition(edition, reads);
  const env = blockEnv(e, call.id);
  const { meta } = e;
  const g = e.guidelines.find((x) => x.call === guide.call) ?? guide;
  const { programme } = env;
  const isDraft = meta.status === 'draft';
  const fy = fiscalYearText(e);
  const programmeName = `${programme.name}（${programme.abbr}）`;
  const title = `${fy} ${programme.name}「${env.call.name}」${g.title}`;

  const targets = refTargets(edition, guide);
  const changes = changesPage(e, env.call, previous);
  // Figures are numbered through the document in reading order (chapters, then appendices).
  const figures: FigureCounter = { style: 'serial', chapter: '', serial: 0, inChapter: 0, notes: 0, chapterNotes: [] };
  const chapters: Chapter[] = [
    ...g.chapters.map((_, i) => chapterOf(edition, call, guide.call, 'chapters', i, { targets, figures })),
    ...(g.appendices ?? []).map((_, i) => chapterOf(edition, call, guide.call, 'appendices', i, { targets, figures })),
  ];

  const statusLabel = g.statusLabels[meta.status];
  const view: Omit<GuidelineView, 'sources' | 'reads' | 'chapters'> = settle({
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
      notes: noteTexts(e, g.coverNoteRefs ?? meta.titleNoteRefs ?? []),
      deadline: g.deadline === undefined ? undefined : { label: TERMS.deadline, text: valueText(env, `milestone.${g.deadline}`) },
    },
    schedule: { title: TERMS.mainSchedule, blocks: BLOCK_BUILDERS.schedule(env).blocks.map(normalize) },
    changes: changes && { ...changes, blocks: changes.blocks.map(normalize) },
    tocDepth: (g.tocDepth ?? 2) as 1 | 2 | 3,
    subject: `${programmeName} ${fy} ${env.call.name} ${g.title}`,
    keywords: [programme.abbr, programme.name, env.call.name, g.title, fy],
    author: meta.publisher,
    keepTogether: keepTogetherOfGuideline(edition, call.id, keepReads),
  });
  // Everything the document read, so the planner, the attachments and the 新旧対照表 agree.
  const all = new ReadRecord().merge(reads).merge(keepReads);
  for (const c of chapters) all.merge(c.reads);
  return { ...view, chapters, reads, sources: filesRead(edition.sources, all) };
}

/** More rows than this and a table may split across pages rather than leave a page half empty. */
const LONG_TABLE_ROWS = 6;

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
        // A long table may split between rows (its head repeats); a short one moves whole.
        className: [b.className, b.rows.length > LONG_TABLE_ROWS ? 'long' : undefined].filter(Boolean).join(' ') || undefined,
        rows: b.rows.map((r) => r.map((c: Cell) => ({ text: c.text, value: c.value, th: c.th, note: c.note, rowspan: c.rowspan, skip: c.skip }))),
      };
    case 'dl':
      return { ...b, items: b.items.map((i) => ({ term: i.term, desc: i.desc, value: i.value })) };
    default:
      return b;
  }
}

// ---------------------------------------------------------------- HTML

/** Escape a string for a CSS string literal inside a <style> element. */
export function cssString(s: string): string {
  return `"${s
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\A ')
    .replace(/</g, '\\3C ')}"`;
}

/** What a cross-reference prints: the target's number and, once the print has found it, its page (3.2（p.12）). */
export function refText(label: string, page: string | undefined): string {
  return page === undefined ? label : `${label}（p.${page}）`;
}

/** A prose block's values with its references' pages filled in (the number alone when `pages` is undefined). */
export function proseValues(b: Extract<Block, { kind: 'html' }>, pages: TocPages | undefined): string[] | undefined {
  if (!b.values) return undefined;
  const values = [...b.values];
  // Before the first print the page is unknown: reserve the width of two digits, as the TOC does.
  for (const r of b.refs ?? []) values[r.index] = refText(r.label, pages ? (pages.get(r.dom) ?? '00') : '00');
  return values;
}

/** The view with every prose block's HTML rendered. */
async function withProse(view: GuidelineView, pages: TocPages | undefined): Promise<GuidelineView> {
  const fill = (blocks: Block[]): Promise<Block[]> =>
    Promise.all(
      blocks.map(async (b) => {
        if (b.kind !== 'html') return b;
        const values = proseValues(b, pages);
        const html = String(await renderMarkdown(b.md, { ...(values ? { values } : {}), keepTogether: view.keepTogether ?? [] }));
        return { ...b, html: new Handlebars.SafeString(withNoteIds(html)) };
      }),
    );
  const sections = (list: Section[]): Promise<Section[]> => Promise.all(list.map(async (s) => ({ ...s, blocks: await fill(s.blocks), sections: await sections(s.sections) })));
  const chapters = await Promise.all(view.chapters.map(async (c) => ({ ...c, blocks: await fill(c.blocks), sections: await sections(c.sections) })));
  return { ...view, chapters };
}

/** Page numbers for the TOC: dest id → label printed in the footer (body pages count from 1). */
export type TocPages = Map<string, string>;

export function tocEntries(view: GuidelineView, pages: TocPages | undefined): TocEntry[] {
  // Before the first print the numbers are unknown: reserve the width of two digits.
  const page = (id: string) => pages?.get(id) ?? '00';
  const below = (list: Section[], depth: number): TocEntry[] =>
    depth > view.tocDepth ? [] : list.map((s) => ({ id: s.id, label: s.number, title: s.title, page: page(s.id), sections: below(s.sections, depth + 1) }));
  return view.chapters.map((c) => ({ id: c.id, label: c.label, title: c.title, page: page(c.id), sections: below(c.sections, 2) }));
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
    view: await withProse(view, pages),
    toc: tocEntries(view, pages),
    terms: TERMS,
    css: new Handlebars.SafeString(css.replace(/<\//g, '<\\/')),
    pageCss: new Handlebars.SafeString(`@page { @top-center { content: ${cssString(view.runningHead)}; } }`),
    // The convert stage puts the embedded fonts here (embedFonts), subset to what the page prints.
    fonts: new Handlebars.SafeString(FONT_SLOT),
  };
  return template(context);
}

export { escapeText };
