/**
 * Untagged content marked as Artifact (PDF/UA: all content is either in the structure tree or
 * an Artifact). Chromium tags what the DOM holds, but not what it paints outside it: a
 * 公募要領's running head and folio (the print header/footer templates) and a slide's number (a
 * `::after` box) come out as bare operators, and so does the 案 watermark pdf-lib draws. A screen
 * reader then reads 「3」「令和3年度…公募要領」 in the middle of the body. This pass wraps every
 * run of painting operators that lies outside any marked-content sequence in
 * `/Artifact BMC … EMC`, nested with q/Q and BT/ET; a stream it cannot read with certainty (an
 * inline image, unbalanced marked content) is left exactly as it was.
 */

import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, type PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

/** Byte classes of PDF syntax (ISO 32000-1 §7.2.2): white space, delimiters, and the rest. */
const REGULAR = 0;
const SPACE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = SPACE;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = DELIMITER;

/** An operator name of at most three bytes as one number, so the scanner never builds a string. */
const code = (name: string): number => [...name].reduce((acc, c, i) => acc | (c.charCodeAt(0) << (8 * i)), 0);
const codes = (names: string): number[] => names.split(' ').map(code);

/**
 * What an operator does for this pass; one map lookup per operator. Boundaries: operators an
 * Artifact run never spans — marked content, and q/Q and BT/ET, which it must nest with. A path
 * object runs from its first construction operator to its painting (or n) operator. An inline
 * image holds binary data that a tokenizer cannot skip safely.
 */
const Kind = { Other: 0, Paint: 1, Path: 2, NoPaint: 3, Boundary: 4, BeginMarked: 5, EndMarked: 6, InlineImage: 7 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];
const KIND = new Map<number, Kind>([
  ...codes(`Tj TJ ' " S s f F f* B B* b b* Do sh`).map((c) => [c, Kind.Paint] as const),
  ...codes('m l c v y h re').map((c) => [c, Kind.Path] as const),
  ...codes('n').map((c) => [c, Kind.NoPaint] as const),
  ...codes('q Q BT ET').map((c) => [c, Kind.Boundary] as const),
  ...codes('BDC BMC').map((c) => [c, Kind.BeginMarked] as const),
  ...codes('EMC').map((c) => [c, Kind.EndMarked] as const),
  ...codes('BI ID').map((c) => [c, Kind.InlineImage] as const),
]);
const KEYWORDS = ['true', 'false', 'null'].map((k) => Buffer.from(k, 'latin1'));

const isNumber = (b: Uint8Array, from: number, to: number): boolean => {
  let i = from;
  if (b[i] === 0x2b || b[i] === 0x2d) i++; // + -
  let digits = 0;
  let dots = 0;
  for (; i < to; i++) {
    const c = b[i]!;
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && dots++ === 0) continue;
    else return false;
  }
  return digits > 0;
};

/**
 * `[start, end)` byte spans to wrap: in each stretch of operators outside marked content and
 * between two boundaries, from its first painting operator (or the path it paints) to its last;
 * null where the stream's syntax is not the plain kind Skia writes. One pass over the bytes with
 * no string or object per token: a 公募要領's body streams hold ~1.5 M operators, and the
 * tokenizer this replaces (a string per token, a regex per number) cost ~1.5 s per document.
 *
 * Skia closes a tagged sequence lazily (BDC inside a q, its EMC after the Q), so marked content
 * and q/Q do not form a tree; a run that never holds a boundary nests with both whatever Skia
 * wrote around it. Marked content may not begin inside a path object, so a run starts at the
 * path's first segment.
 */
export function artifactSpans(b: Uint8Array): [number, number][] | null {
  const spans: [number, number][] = [];
  const n = b.length;
  let i = 0;
  let start = -1; // where the current operator's operands begin
  let depth = 0;
  let first = -1;
  let last = -1;
  let path = -1;
  while (i < n) {
    const c = b[i]!;
    const cls = CLASS[c];
    if (cls === SPACE) {
      i++;
      continue;
    }
    if (c === 0x25) {
      while (i < n && b[i] !== 10 && b[i] !== 13) i++;
      continue;
    }
    if (start < 0) start = i;
    if (c === 0x28) {
      // A literal string: balanced parentheses, backslash escapes.
      let nest = 0;
      for (; i < n; i++) {
        const d = b[i]!;
        if (d === 0x5c) i++;
        else if (d === 0x28) nest++;
        else if (d === 0x29 && --nest === 0) break;
      }
      if (i >= n) return null;
      i++;
    } else if (c === 0x3c || c === 0x3e) {
      if (b[i + 1] === c) i += 2;
      else if (c === 0x3c) {
        const close = b.indexOf(0x3e, i);
        if (close < 0) return null;
        i = close + 1;
      } else return null;
    } else if (c === 0x29)
      return null; // a ) outside a string
    else if (cls === DELIMITER && c !== 0x2f)
      i++; // [ ] { }
    else if (c === 0x2f) {
      i++;
      while (i < n && CLASS[b[i]!] === REGULAR) i++;
    } else {
      const from = i;
      while (i < n && CLASS[b[i]!] === REGULAR) i++;
      const len = i - from;
      if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
        if (isNumber(b, from, i)) continue;
      } else if (len >= 4 && KEYWORDS.some((k) => k.length === len && k.every((x, j) => b[from + j] === x))) continue;
      const op = len <= 3 ? b[from]! | ((len > 1 ? b[from + 1]! : 0) << 8) | ((len > 2 ? b[from + 2]! : 0) << 16) : -1;
      const kind = op < 0 ? Kind.Other : (KIND.get(op) ?? Kind.Other);
      if (kind === Kind.InlineImage) return null;
      if (kind >= Kind.Boundary) {
        if (first >= 0) spans.push([first, last]);
        first = last = -1;
        if (kind === Kind.BeginMarked) depth++;
        else if (kind === Kind.EndMarked && --depth < 0) return null;
      } else if (kind === Kind.Path) {
        if (path < 0) path = start;
      } else if (kind === Kind.Paint || kind === Kind.NoPaint) {
        if (depth === 0 && kind === Kind.Paint) {
          if (first < 0) first = path >= 0 ? path : start;
          last = i;
        }
        path = -1;
      }
      start = -1;
    }
  }
  if (first >= 0) spans.push([first, last]);
  return start < 0 && depth === 0 ? spans : null;
}

/**
 * The content stream with its untagged painting wrapped as Artifact, and how many runs were
 * wrapped; the same bytes (0 runs) when it cannot be read with certainty.
 */
export function markArtifactBytes(bytes: Uint8Array): { bytes: Uint8Array; runs: number } {
  const spans = artifactSpans(bytes);
  if (!spans || spans.length === 0) return { bytes, runs: 0 };
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const [from, to] of spans) {
    parts.push(bytes.subarray(at, from), OPEN, bytes.subarray(from, to), CLOSE);
    at = to;
  }
  parts.push(bytes.subarray(at));
  return { bytes: Buffer.concat(parts), runs: spans.length };
}
const OPEN = Buffer.from('/Artifact BMC\n', 'latin1');
const CLOSE = Buffer.from('\nEMC', 'latin1');

/** `markArtifactBytes` on a latin1 string (a content stream as text). */
export function markArtifacts(text: string): { text: string; runs: number } {
  const marked = markArtifactBytes(Buffer.from(text, 'latin1'));
  return marked.runs === 0 ? { text, runs: 0 } : { text: Buffer.from(marked.bytes).toString('latin1'), runs: marked.runs };
}

/** Marks the untagged painting of every page as Artifact (after the watermark is drawn); returns the runs wrapped. */
export function markPageArtifacts(doc: PDFDocument): number {
  let runs = 0;
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) {
      const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
      if (!(ref instanceof PDFRef) || !(stream instanceof PDFRawStream)) continue;
      const filter = stream.dict.get(PDFName.of('Filter'));
      if (filter !== undefined && filter !== PDFName.of('FlateDecode')) continue;
      const marked = markArtifactBytes(filter ? inflateSync(stream.contents) : stream.contents);
      if (marked.runs === 0) continue;
      runs += marked.runs;
      const dict = stream.dict.clone(doc.context);
      dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
      doc.context.assign(ref, PDFRawStream.of(dict, new Uint8Array(deflateSync(marked.bytes, { level: 9 }))));
    }
  }
  return runs;
}
