/**
 * The 公募要領 as a Word file, from the same view-model as the PDF (GuidelineView): a cover, a
 * TOC field pre-filled with the PDF's entries (Word fills the page numbers when it updates the
 * field), then the chapters and appendices as Word's built-in heading styles numbered by the
 * lists linked to them (第1章 / 1.1 / (1) / ア, 別紙1 / 1.), each holding its blocks — one small
 * function per kind of block (a new kind is a case here and a function).
 */
import { AlignmentType, BorderStyle, ImageRun, Paragraph, TableOfContents, type FileChild, type ParagraphChild } from 'docx';
import type { FigureFile } from '../../stages/render/guideline-figures.ts';
import type { Block, Cell, Chapter, GuidelineView, Section } from '../../stages/render/guideline-view.ts';
import { TERMS } from '../../stages/render/guideline-blocks.ts';
import { COLORS, STYLE, TEXT_WIDTH, pageFooter, pageHeader, pageNumberEstimator, packWord, section, wordDocument } from '../word/document.ts';
import { table, type CellSpec } from '../word/table.ts';
import { jaRun, runsOf } from '../word/text.ts';
import { proseBlocks, type ProseCtx } from './prose.ts';

type Ctx = ProseCtx & { figures: ReadonlyMap<string, FigureFile> };

/**
 * A 1×1 white PNG: what a Word too old for SVG shows in place of an SVG figure (docx requires a
 * fallback; rendering the SVG would need the browser, which the Word output does not start).
 */
const SVG_FALLBACK = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64'));

/** A figure: the picture (its alt text as the picture's description, as the PDF's /Alt) centred, its numbered caption under it. */
function figureBlock(ctx: Ctx, b: Extract<Block, { kind: 'figure' }>): FileChild[] {
  const file = ctx.figures.get(b.src);
  if (!file) throw new Error(`guideline: figure ${b.src} was not read`);
  // The text width in twips → px at 96 dpi (15 twips a px), as much of it as the data asks.
  const width = Math.round((ctx.width / 15) * (b.width / 100));
  const height = Math.round((width * file.height) / Math.max(1, file.width));
  const common = { transformation: { width, height }, altText: { name: b.number, title: `${b.number} ${b.caption}`, description: b.alt } };
  const image =
    file.type === 'svg'
      ? new ImageRun({ type: 'svg', data: file.bytes, fallback: { type: 'png', data: SVG_FALLBACK }, ...common })
      : new ImageRun({ type: 'png', data: file.bytes, ...common });
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [image] }),
    new Paragraph({ style: STYLE.caption, alignment: AlignmentType.CENTER, children: runsOf(`${b.number}　${b.caption}`) }),
  ];
}

const cellParagraph = (c: Cell, head = false): Paragraph[] => [
  new Paragraph({ style: head ? STYLE.tableHead : STYLE.tableText, children: runsOf([{ text: c.text, value: c.value }], c.th ? { bold: true } : {}) }),
  ...(c.note ? [new Paragraph({ style: STYLE.tableText, children: runsOf(c.note, { size: 17 }) })] : []),
];

function tableBlock(ctx: Ctx, b: Extract<Block, { kind: 'table' }>): FileChild[] {
  const head: CellSpec[][] = b.head.length ? [b.head.map((h) => ({ fixed: true, children: [new Paragraph({ style: STYLE.tableHead, children: runsOf(h) })] }))] : [];
  const rows = b.rows.map((r) =>
    r.filter((c) => !c.skip).map((c): CellSpec => ({ ...(c.th ? { fixed: true } : {}), ...(c.rowspan ? { rowSpan: c.rowspan } : {}), children: cellParagraph(c) })),
  );
  return [
    ...(b.caption ? [new Paragraph({ style: STYLE.caption, children: runsOf(`■${b.caption}`) })] : []),
    table({ widths: b.widths.map((w) => Number.parseFloat(w)), width: ctx.width, head, rows }),
    new Paragraph({ spacing: { after: 0 }, children: [] }),
  ];
}

function dlBlock(ctx: Ctx, b: Extract<Block, { kind: 'dl' }>): FileChild[] {
  const rows = b.items.map((i): CellSpec[] => [
    { children: [new Paragraph({ style: STYLE.tableText, children: runsOf(i.term, { bold: true }) })] },
    { children: [new Paragraph({ style: STYLE.tableText, children: runsOf([{ text: i.desc, value: i.value }]) })] },
  ]);
  return [table({ widths: [18, 82], width: ctx.width, rows, borderless: true }), new Paragraph({ spacing: { after: 0 }, children: [] })];
}

/** One block of the view: a case per kind, each a small function. */
async function block(ctx: Ctx, b: Block): Promise<FileChild[]> {
  switch (b.kind) {
    case 'html':
      return proseBlocks(ctx, b.md, b.values);
    case 'p':
      return [new Paragraph({ indent: { firstLine: 210 }, children: runsOf(b.text) })];
    case 'list':
      return b.items.map((item) => new Paragraph({ style: STYLE.list, children: runsOf(item) }));
    case 'notes':
      return b.items.map((item) => new Paragraph({ style: STYLE.note, children: runsOf(`※${item}`) }));
    case 'table':
      return tableBlock(ctx, b);
    case 'dl':
      return dlBlock(ctx, b);
    case 'h3':
      return [new Paragraph({ style: STYLE.subheading, children: runsOf(b.text) })];
    case 'figure':
      return figureBlock(ctx, b);
    default:
      return b satisfies never;
  }
}

/**
 * A numbered heading: the style's list numbers it (the appendices' list for an appendix). The TOC
 * bookmarks it. An appendix (別紙) starts on a page of its own, as in the PDF.
 */
function heading(level: 1 | 2 | 3 | 4, title: string, appendix: boolean): Paragraph {
  return new Paragraph({
    style: STYLE.heading[level - 1],
    ...(appendix ? { numbering: { reference: 'appendices', level: level - 1 } } : {}),
    ...(appendix && level === 1 ? { pageBreakBefore: true } : {}),
    children: [jaRun(title)],
  });
}

async function sectionBlocks(ctx: Ctx, s: Section, appendix: boolean): Promise<FileChild[]> {
  const out: FileChild[] = [heading(s.level, s.title, appendix)];
  for (const b of s.blocks) out.push(...(await block(ctx, b)));
  for (const sub of s.sections) out.push(...(await sectionBlocks(ctx, sub, appendix)));
  return out;
}

async function chapterBlocks(ctx: Ctx, c: Chapter): Promise<FileChild[]> {
  const out: FileChild[] = [heading(1, c.title, c.appendix)];
  for (const b of c.blocks) out.push(...(await block(ctx, b)));
  for (const s of c.sections) out.push(...(await sectionBlocks(ctx, s, c.appendix)));
  // Its footnotes at its end, as in the PDF (注1 …; the marks in the text read 注1 too).
  for (const n of c.notes) out.push(new Paragraph({ style: STYLE.note, children: runsOf(`${n.number}　${n.text}`, { size: 18 }) }));
  return out;
}

/** The cover, as the PDF's: publisher, year, programme, call and title, the status (案 in red while a draft), notes, date. */
function cover(view: GuidelineView): FileChild[] {
  const c = view.cover;
  const line = (children: ParagraphChild[], o: { before?: number; size?: number } = {}) =>
    new Paragraph({ style: STYLE.cover, spacing: { before: o.before ?? 0, after: 160 }, children });
  const big = (text: string, size: number, bold = true) => jaRun(text, { size, bold });
  return [
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [jaRun(c.publisher, { size: 20 })] }),
    line([big(c.fiscalYear, 32, false)], { before: 2800 }),
    line([big(c.programme, 32, false), big(`（${c.programmeAbbr}）`, 24, false)]),
    line([big(`「${c.callName}」`, 48)], { before: 240 }),
    line([big(c.docTitle, 48)]),
    new Paragraph({
      style: STYLE.cover,
      spacing: { before: 480, after: 480 },
      children: [jaRun(` ${c.status} `, { size: 28, ...(view.isDraft ? { color: COLORS.draft } : {}) })],
      border: {
        top: { style: BorderStyle.SINGLE, size: 8, color: view.isDraft ? COLORS.draft : COLORS.text, space: 4 },
        bottom: { style: BorderStyle.SINGLE, size: 8, color: view.isDraft ? COLORS.draft : COLORS.text, space: 4 },
        left: { style: BorderStyle.SINGLE, size: 8, color: view.isDraft ? COLORS.draft : COLORS.text, space: 4 },
        right: { style: BorderStyle.SINGLE, size: 8, color: view.isDraft ? COLORS.draft : COLORS.text, space: 4 },
      },
      indent: { left: 4200, right: 4200 },
    }),
    ...c.notes.map((n) => line(runsOf(n, { size: 20 }))),
    line([big(c.issued, 26, false)], { before: 2400 }),
    line([big(c.publisher, 26, false)]),
  ];
}

/** 「前年度からの主な変更点」 on a page of its own after the cover, as in the PDF (none for the first edition). */
async function changes(ctx: Ctx, view: GuidelineView): Promise<FileChild[]> {
  if (!view.changes) return [];
  const out: FileChild[] = [new Paragraph({ style: STYLE.tocHeading, pageBreakBefore: true, children: [jaRun(view.changes.title)] })];
  for (const b of view.changes.blocks) out.push(...(await block(ctx, b)));
  return out;
}

/**
 * 目次: Word's TOC field over heading levels 1–2 (chapters and sections, as the PDF's), filled in
 * from the headings with their numbers (第1章, 1.1) and pages and linked to them.
 */
function toc(): FileChild[] {
  return [
    new Paragraph({ style: STYLE.tocHeading, pageBreakBefore: true, children: [jaRun(TERMS.toc)] }),
    new TableOfContents(TERMS.toc, { hyperlink: true, headingStyleRange: '1-2' }),
  ];
}

/** The guideline's Word file. */
export async function writeGuideline(view: GuidelineView, date: Date, draftMark: string, figures: ReadonlyMap<string, FigureFile> = new Map()): Promise<Uint8Array> {
  const width = TEXT_WIDTH.portrait;
  let lists = 0;
  const ctx: Ctx = { width, nextListInstance: () => ++lists, figures };
  const body: FileChild[] = [];
  for (const c of view.chapters) body.push(...(await chapterBlocks(ctx, c)));
  const draft = view.isDraft ? draftMark : undefined;
  const header = () => pageHeader(view.runningHead, undefined, draft, width);
  const doc = wordDocument(
    { title: view.title, subject: view.subject, keywords: view.keywords, author: view.author },
    [
      // Cover and TOC: no header or footer on the cover, roman page numbers after it (as the PDF's front matter).
      section({
        header: await header(),
        firstHeader: await pageHeader('', undefined, draft, width),
        footer: pageFooter(),
        titlePage: true,
        pageNumbers: { start: 1, format: 'lowerRoman' },
        children: [...cover(view), ...(await changes(ctx, view)), ...toc()],
      }),
      section({ header: await header(), footer: pageFooter(), pageNumbers: { start: 1 }, children: body }),
    ],
    { pageNumbers: await pageNumberEstimator() },
  );
  return packWord(doc, date, view.author);
}
