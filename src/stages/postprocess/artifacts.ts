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

/** An operator with its operands: `[start, end)` in the content stream (latin1 text). */
interface Op {
  name: string;
  start: number;
  end: number;
}

const PAINT = new Set(['Tj', 'TJ', "'", '"', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'Do', 'sh']);
/** Path construction: a path object runs from the first of these to its painting (or n) operator. */
const PATH = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
/** Operators an Artifact run never spans: marked content, and q/Q and BT/ET, which it must nest with. */
const BOUNDARY = new Set(['BDC', 'BMC', 'EMC', 'q', 'Q', 'BT', 'ET']);
const DELIMITERS = '()<>[]{}/%';
const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\0';

/** The operators of a content stream, or null where its syntax is not the plain kind Skia writes. */
export function operatorsOf(text: string): Op[] | null {
  const ops: Op[] = [];
  let i = 0;
  let start = -1;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '%') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (start < 0) start = i;
    if (c === '(') {
      let depth = 0;
      for (; i < n; i++) {
        const d = text[i]!;
        if (d === '\\') i++;
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
      if (i >= n) return null;
      i++;
    } else if (c === '<' || c === '>') {
      if (text[i + 1] === c) i += 2;
      else if (c === '<') {
        const close = text.indexOf('>', i);
        if (close < 0) return null;
        i = close + 1;
      } else return null;
    } else if (c === '[' || c === ']' || c === '{' || c === '}') i++;
    else if (c === '/') {
      i++;
      while (i < n && !isSpace(text[i]!) && !DELIMITERS.includes(text[i]!)) i++;
    } else {
      const from = i;
      while (i < n && !isSpace(text[i]!) && !DELIMITERS.includes(text[i]!)) i++;
      const word = text.slice(from, i);
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) || word === 'true' || word === 'false' || word === 'null') continue;
      // An inline image holds binary data that a tokenizer cannot skip safely.
      if (word === 'BI' || word === 'ID') return null;
      ops.push({ name: word, start, end: i });
      start = -1;
    }
  }
  return start < 0 ? ops : null;
}

/**
 * `[start, end)` spans to wrap: in each stretch of operators outside marked content and between
 * two boundaries, from its first painting operator to its last. Skia closes a tagged sequence
 * lazily (BDC inside a q, its EMC after the Q), so marked content and q/Q do not form a tree; a
 * run that never holds a boundary nests with both whatever Skia wrote around it.
 */
function artifactSpans(ops: readonly Op[]): [number, number][] | null {
  const spans: [number, number][] = [];
  let depth = 0;
  let first: Op | undefined;
  let last: Op | undefined;
  let path: Op | undefined;
  const flush = () => {
    if (first && last) spans.push([first.start, last.end]);
    first = last = undefined;
  };
  for (const op of ops) {
    if (BOUNDARY.has(op.name)) {
      flush();
      if (op.name === 'BDC' || op.name === 'BMC') depth++;
      else if (op.name === 'EMC' && --depth < 0) return null;
    } else if (PATH.has(op.name)) path ??= op;
    else if (PAINT.has(op.name) || op.name === 'n') {
      // Marked content may not begin inside a path object: the run starts at its first segment.
      if (depth === 0 && op.name !== 'n') {
        first ??= path ?? op;
        last = op;
      }
      path = undefined;
    }
  }
  flush();
  return depth === 0 ? spans : null;
}

/**
 * The content stream with its untagged painting wrapped as Artifact, and how many runs were
 * wrapped; the stream unchanged (0 runs) when it cannot be read with certainty.
 */
export function markArtifacts(text: string): { text: string; runs: number } {
  const ops = operatorsOf(text);
  const spans = ops && artifactSpans(ops);
  if (!spans || spans.length === 0) return { text, runs: 0 };
  let out = '';
  let at = 0;
  for (const [from, to] of spans) {
    out += `${text.slice(at, from)}/Artifact BMC\n${text.slice(from, to)}\nEMC`;
    at = to;
  }
  return { text: out + text.slice(at), runs: spans.length };
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
      const bytes = filter ? inflateSync(stream.contents) : stream.contents;
      const marked = markArtifacts(Buffer.from(bytes).toString('latin1'));
      if (marked.runs === 0) continue;
      runs += marked.runs;
      const dict = stream.dict.clone(doc.context);
      dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
      doc.context.assign(ref, PDFRawStream.of(dict, new Uint8Array(deflateSync(Buffer.from(marked.text, 'latin1'), { level: 9 }))));
    }
  }
  return runs;
}
