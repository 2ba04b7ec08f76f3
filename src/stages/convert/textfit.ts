/**
 * Stage 4 — convert (PPTX): how many lines a text takes in a box, measured with the bundled
 * font's own metrics (BIZ UDPGothic, the files the PDF's subsets are cut from), so the native
 * PPTX can size its boxes and fail the build when text would not fit, as the slide overflow
 * check does for the PDF — without a browser.
 *
 * Line breaking follows what PowerPoint and LibreOffice do for Japanese (`lang="ja-JP"`,
 * East Asian line breaking): a break between any two CJK characters, never inside a Latin word
 * (unless the word alone is wider than the line), no line starting with a closing bracket,
 * small kana or 、。 (kinsoku, carried to the next line with its neighbour), no line ending
 * with an opening bracket, and 、。 hanging past the edge. Checked against LibreOffice's own
 * breaks (research: 12 of 12 boxes the same line count). LibreOffice also inserts about
 * 0.2 em where Japanese meets Latin letters, digits or symbols (its "Asian/non-Asian spacing", not
 * settable from OOXML) and PowerPoint does not, so `lineCount` takes the worse of both.
 */
import { readFileSync } from 'node:fs';
import { fontFile, glyphAdvances, type FontWeight } from '../../shared/font-package.ts';

/** Advance widths of the bundled font, in em, per code point and weight. */
export interface FontMetrics {
  advance(cp: number, bold: boolean): number;
}

/**
 * The font's metrics, from the full TrueType file of each weight (the files every subset is cut
 * from), read lazily per code point (glyphAdvances: cmap → hmtx), so a deck's few hundred
 * characters cost microseconds, not a parse of all 12,000 glyphs. A code point the font lacks
 * measures 1 em (validation rejects such text).
 */
export async function loadFontMetrics(): Promise<FontMetrics> {
  const fonts = new Map<FontWeight, (cp: number) => number | undefined>();
  const fontFor = (weight: FontWeight): ((cp: number) => number | undefined) => {
    let f = fonts.get(weight);
    if (!f) {
      f = glyphAdvances(readFileSync(fontFile(weight)));
      fonts.set(weight, f);
    }
    return f;
  };
  const cache = new Map<number, number>();
  return {
    advance(cp, bold) {
      const key = cp * 2 + (bold ? 1 : 0);
      let em = cache.get(key);
      if (em === undefined) {
        em = fontFor(bold ? 700 : 400)(cp) ?? 1;
        cache.set(key, em);
      }
      return em;
    },
  };
}

/** A piece of text in one style; sizes in any unit (the caller's: CSS px here). */
export interface MeasureRun {
  text: string;
  size: number;
  bold?: boolean;
}

export interface WrapOptions {
  /** Extra space where CJK meets Latin/digits, in em of the run (LibreOffice: ≈0.2). */
  autospaceEm?: number;
  /** Break after a hyphen inside a Latin word (LibreOffice does: COI-|NEXT). */
  breakAfterHyphen?: boolean;
}

/** Characters that may not start a line (JIS X 4051, strict), and may not end one. */
export const NO_START = new Set([
  ...'、。，．・：；？！゛゜ヽヾゝゞ々〻ー‐–—～〜…‥）」』】〕〉》〙〗］｝｠,.:;?!)]}’”ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ％%‰℃°′″',
]);
export const NO_END = new Set([...'（「『【〔〈《〘〖［｛｟([{‘“￥＄$＃#']);
/** Punctuation that may hang past the right edge (`hangingPunct="1"`). */
const HANG = new Set([...'、。，．,.']);

const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆\u3000-\u303F\uFF01-\uFF60・]/u;
const SPACE = /^\s+$/u;

/** Whether LibreOffice sets a character as Asian (its Asian/non-Asian spacing falls between the two kinds). */
export function isAsian(ch: string): boolean {
  return CJK.test(ch);
}

interface Unit {
  text: string;
  width: number;
  size: number;
  bold: boolean;
}

function unitsOf(metrics: FontMetrics, run: MeasureRun, opts: WrapOptions): Unit[] {
  const re = opts.breakAfterHyphen
    ? /[A-Za-z0-9\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F.,:/%'’+&_@=?#~]*-?|\s+|[\s\S]/gu
    : /[A-Za-z0-9\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F.,:/%\-'’+&_@=?#~]*|\s+|[\s\S]/gu;
  const bold = run.bold ?? false;
  return [...run.text.matchAll(re)].map((m) => ({ text: m[0], width: widthOf(metrics, m[0], run.size, bold), size: run.size, bold }));
}

/** Width of a text in one style (advance widths; no kerning, as PowerPoint at `kern="0"`). */
export function widthOf(metrics: FontMetrics, text: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of text) w += metrics.advance(ch.codePointAt(0) ?? 0, bold) * size;
  return w;
}

/** One wrapped line: its text and width. */
export interface Line {
  text: string;
  width: number;
}

/**
 * Greedy line breaking of one paragraph (a `\n` starts a new line) into `width`. Returns the
 * lines; an empty paragraph is one empty line.
 */
export function wrap(metrics: FontMetrics, runs: readonly MeasureRun[], width: number, opts: WrapOptions = {}): Line[] {
  const lines: Line[] = [];
  // Split runs at newlines: each piece list is one visual line group.
  const groups: MeasureRun[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((piece, i) => {
      if (i > 0) groups.push([]);
      if (piece) groups[groups.length - 1]!.push({ ...run, text: piece });
    });
  }
  for (const group of groups) {
    let units = group.flatMap((r) => unitsOf(metrics, r, opts));
    // A word wider than the line breaks anywhere (PowerPoint and LibreOffice both do).
    units = units.flatMap((u) => (u.width > width && [...u.text].length > 1 ? [...u.text].map((c) => ({ ...u, text: c, width: widthOf(metrics, c, u.size, u.bold) })) : [u]));
    let line: Unit[] = [];
    let w = 0;
    const flush = (): void => {
      while (line.length > 0 && SPACE.test(line[line.length - 1]!.text)) w -= line.pop()!.width;
      lines.push({ text: line.map((u) => u.text).join(''), width: Math.max(0, w) });
      line = [];
      w = 0;
    };
    const spaced = (u: Unit, prev: Unit | undefined): number => {
      if (!opts.autospaceEm || !prev) return u.width;
      // LibreOffice spaces every change between Asian and non-Asian script (× and / too).
      const western = (x: Unit): boolean => !CJK.test(x.text) && !SPACE.test(x.text);
      const boundary = (western(u) && CJK.test(prev.text.slice(-1))) || (CJK.test(u.text) && western(prev));
      return boundary ? u.width + opts.autospaceEm * u.size : u.width;
    };
    for (const u of units) {
      const uw = spaced(u, line[line.length - 1]);
      if (line.length === 0 && SPACE.test(u.text)) continue;
      if (w + uw <= width + 1e-6 || line.length === 0 || SPACE.test(u.text)) {
        line.push(u);
        w += uw;
        continue;
      }
      if (HANG.has(u.text)) {
        line.push(u);
        w += uw;
        flush();
        continue;
      }
      // u starts the next line — unless it may not start one (or the line would end with an
      // opening bracket): then the unit before it moves down too.
      const carry = [u];
      while (line.length > 1 && (NO_START.has(carry[0]!.text[0] ?? '') || NO_END.has(line[line.length - 1]!.text.slice(-1)))) carry.unshift(line.pop()!);
      flush();
      for (const c of carry) {
        const cw = spaced(c, line[line.length - 1]);
        if (line.length > 0 && w + cw > width + 1e-6) flush();
        line.push(c);
        w += cw;
      }
    }
    flush();
  }
  return lines;
}

/**
 * The space LibreOffice adds between Asian and non-Asian characters, in em, as a fit check
 * should assume it: ≈0.2 em measured, 0.25 em to stay on the safe side (a box sized to a
 * label must not wrap it).
 */
export const LIBREOFFICE_AUTOSPACE = 0.25;

/**
 * LibreOffice lays glyphs out on a coarser grid (twips) than the font's units: a line that
 * fits by a pixel or two in the font's metrics can wrap there (seen at 258 px in 260 px).
 */
export const LIBREOFFICE_SLACK = 0.015;

/** Lines of a paragraph in the worse of PowerPoint's and LibreOffice's breaking. */
export function lineCount(metrics: FontMetrics, runs: readonly MeasureRun[], width: number): number {
  return Math.max(wrap(metrics, runs, width).length, wrap(metrics, runs, width * (1 - LIBREOFFICE_SLACK), { autospaceEm: LIBREOFFICE_AUTOSPACE, breakAfterHyphen: true }).length);
}

/** Width a box needs to hold the paragraph on one line (a label's natural width), worst case. */
export function naturalWidth(metrics: FontMetrics, runs: readonly MeasureRun[]): number {
  const widest = (lines: Line[]): number => Math.max(0, ...lines.map((l) => l.width));
  const plain = widest(wrap(metrics, runs, Number.POSITIVE_INFINITY));
  const libre = widest(wrap(metrics, runs, Number.POSITIVE_INFINITY, { autospaceEm: LIBREOFFICE_AUTOSPACE })) / (1 - LIBREOFFICE_SLACK);
  return Math.max(plain, libre);
}
