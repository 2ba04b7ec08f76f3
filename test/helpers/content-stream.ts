/**
 * A plain reader of PDF content streams for tests: every operator with the span of its operands,
 * written for clarity (a string per token), independent of the production scanner in
 * src/stages/postprocess/artifacts.ts, which works on bytes for speed. Tests read what the build
 * wrote with this, and compare the scanner's decisions against a marking derived from it.
 */

/** An operator with its operands: `[start, end)` in the content stream (latin1 text). */
export interface Op {
  name: string;
  start: number;
  end: number;
}

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
    } else if (c === ')') return null;
    else if (c === '[' || c === ']' || c === '{' || c === '}') i++;
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
