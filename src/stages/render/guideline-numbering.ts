/**
 * How a 公募要領 numbers its tree (第1章 / 1.1 / 1.1.1 or (1) / (1) or ア, as the data chooses) and
 * what a cross-reference `{{ref:id}}` prints: the target's number (its page is added when printed).
 */
import type { Edition, Guideline, GuidelineNumbering, GuidelinePart } from '../../schema/index.ts';
import { expandNode, type TreeNode } from '../../schema/guideline-tree.ts';

/** ア, イ, ウ … — the 4th level, in the order official documents use (いろは would be older style). */
const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン';
const ROMAN = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ', 'Ⅶ', 'Ⅷ', 'Ⅸ', 'Ⅹ', 'Ⅺ', 'Ⅻ'];

/** The numbering of a guideline as the data chooses it (schema/guideline.ts NUMBERING), defaults filled. */
export type Numbering = Required<GuidelineNumbering>;
export const DEFAULT_NUMBERING: Numbering = { chapter: 'dai', subsection: 'paren', item: 'katakana', figure: 'serial' };

/** 第1章, Ⅰ. or 1. — a chapter's label. */
export function chapterLabel(n: number, numbering: Numbering = DEFAULT_NUMBERING): string {
  if (numbering.chapter === 'roman') return `${ROMAN[n - 1] ?? n}.`;
  if (numbering.chapter === 'arabic') return `${n}.`;
  return `第${n}章`;
}

/** The number a node prints at its level: 1.2 (section), (2) or 1.2.2 (subsection), イ or (2) (item). */
export function nodeNumber(level: 2 | 3 | 4, parent: string, index: number, numbering: Numbering = DEFAULT_NUMBERING): string {
  if (level === 2) return parent ? `${parent}.${index + 1}` : `${index + 1}.`;
  if (level === 3) return numbering.subsection === 'dotted' && parent ? `${parent.replace(/\.$/u, '')}.${index + 1}` : `(${index + 1})`;
  if (numbering.item === 'paren') return `(${index + 1})`;
  return KATAKANA[index] ?? `${index + 1}`;
}

/** How the figures of one document are numbered so far: 図1, 図2 … or, by chapter, 図3-1 (the data's numbering). */
export interface FigureCounter {
  style: Numbering['figure'];
  /** The chapter's label part (3, or 別紙1) for the chapter style. */
  chapter: string;
  serial: number;
  inChapter: number;
  /** Footnotes so far (numbered through the document), and those of the chapter being built. */
  notes: number;
  chapterNotes: ChapterNote[];
}

/** A footnote printed at the end of its chapter: 注1 and its text, its DOM id and the id of its mark (the link back). */
export interface ChapterNote {
  id: string;
  number: string;
  text: string;
  back: string;
}

/** The next figure's number: 図4, or 図3-2 by chapter. */
export function figureNumber(c: FigureCounter): string {
  c.serial++;
  c.inChapter++;
  return c.style === 'chapter' ? `図${c.chapter}-${c.inChapter}` : `図${c.serial}`;
}

/** A `{{note:…}}` in prose: the note recorded (numbered through the document), and a link 注N to it in its place (`token` makes the value token). */
export function noteMark(c: FigureCounter, text: string, token: (label: string) => string): string {
  const n = ++c.notes;
  c.chapterNotes.push({ id: `fn-${n}`, number: `注${n}`, text, back: `fnref-${n}` });
  return `[${token(`注${n}`)}](#fn-${n})`;
}

/** Rendered prose with each footnote mark given the id its note links back to. */
export function withNoteIds(html: string): string {
  return html.replace(/<a href="#fn-(\d+)"/gu, '<a href="#fn-$1" id="fnref-$1" class="noteref"');
}

/** `{{ref:id}}` in prose: a link to the node of that id, printing its number and page. */
export const REF_RE = /\{\{\s*ref\s*:\s*([^}\s]*)\s*\}\}/gu;

/** What a cross-reference points at: the DOM id (PDF destination) and the number it prints. */
export interface RefTarget {
  dom: string;
  label: string;
}

/** The chapters (or appendices) of a guideline with their shared parts put in. */
function treeOf(parts: readonly GuidelinePart[], guide: Guideline, which: 'chapters' | 'appendices'): TreeNode[] {
  return (guide[which] ?? []).map((c, i) => expandNode(parts, c, { part: undefined, path: [which, i] }));
}

/**
 * Every node id of the document (the data's ids, or a part's id where it is included) → its DOM id
 * and printed number: what `{{ref:id}}` prints. Read untracked: a reference reads the number, not the text.
 */
export function refTargets(edition: Edition, guide: Guideline): Map<string, RefTarget> {
  const numbering = { ...DEFAULT_NUMBERING, ...guide.numbering };
  const out = new Map<string, RefTarget>();
  for (const which of ['chapters', 'appendices'] as const) {
    treeOf(edition.guidelineParts, guide, which).forEach((chapter, ci) => {
      const appendix = which === 'appendices';
      const number = ci + 1;
      const chapterDom = appendix ? `app-${number}` : `ch-${number}`;
      if (chapter.id !== undefined) out.set(chapter.id, { dom: chapterDom, label: appendix ? `別紙${number}` : chapterLabel(number, numbering) });
      const walk = (nodes: readonly TreeNode[], level: 2 | 3 | 4, parentNumber: string, parentDom: string, prefix: string) =>
        nodes.forEach((n, i) => {
          const num = nodeNumber(level, parentNumber, i, numbering);
          const dom = `${parentDom}-${i + 1}`;
          // A (1) or ア alone says little: the reference prints it after its section (3.2(1)).
          const label = level === 2 || (level === 3 && numbering.subsection === 'dotted') ? num : `${prefix}${num}`;
          if (n.id !== undefined && !out.has(n.id)) out.set(n.id, { dom, label });
          const carried = level === 2 || (level === 3 && numbering.subsection === 'dotted') ? num : parentNumber;
          if (level < 4) walk(n.sections, (level + 1) as 3 | 4, carried, dom, label);
        });
      walk(chapter.sections, 2, appendix ? '' : String(number), appendix ? `app-${number}` : `sec-${number}`, appendix ? `別紙${number} ` : '');
    });
  }
  return out;
}
