/**
 * Where each character of a YAML string value sits in the file: value index → source
 * offset, for every scalar style. A finding at character i of a value (a textlint range,
 * a refused character) is then reported at the very `line:col` of the YAML source — also
 * inside a block scalar (`text: |-`), where the value's line k is the source's line
 * header + 1 + k, shifted by the block's indentation.
 *
 * The value and the source are walked together; equal characters map 1:1 and only what
 * YAML removes is skipped: the block header and indentation, folded line breaks (a value
 * space facing a source line break), quote doubling (`''`), escapes (`\u3000`, `\` +
 * line break). Each map is self-checked: if any non-space value character does not face
 * the same source character, the map is not trusted and every index points at the start
 * of the value (never at a wrong place).
 */
import { Scalar } from 'yaml';

export interface OffsetMap {
  /** Source offset of value[i] (UTF-16 indices on both sides); `at(value.length)` is the end. */
  at(index: number): number;
  /** True when every value character was found in the source. */
  exact: boolean;
}

const BLOCK_HEADER = /^[|>](?:([1-9])[+-]?|[+-]?([1-9]))?/u;

/** Leading spaces of the line that holds `offset`. */
function lineIndent(src: string, offset: number): number {
  const start = src.lastIndexOf('\n', offset - 1) + 1;
  let n = 0;
  while (src[start + n] === ' ') n++;
  return n;
}

/** Content indentation of a block scalar whose content starts at `p`. */
function blockIndent(src: string, start: number, p: number, end: number): number {
  const header = BLOCK_HEADER.exec(src.slice(start, start + 4));
  const explicit = Number(header?.[1] ?? header?.[2] ?? 0);
  // An explicit indicator counts from the indentation of the line the header is on.
  if (explicit) return lineIndent(src, start) + explicit;
  // Otherwise YAML takes the first non-blank content line's indentation.
  for (let q = p; q < end; ) {
    const eol = src.indexOf('\n', q);
    const line = src.slice(q, eol === -1 || eol > end ? end : eol).replace(/\r$/u, '');
    if (line.trim() !== '') return line.length - line.trimStart().length;
    if (eol === -1) break;
    q = eol + 1;
  }
  return 0;
}

/** The map of one string scalar of `src` (the node's `range` must be set). */
export function offsetMap(src: string, node: Scalar): OffsetMap {
  const value = String(node.value);
  const [start, end] = node.range ?? [0, 0];
  const map = new Int32Array(value.length + 1);
  const type = node.type;
  const block = type === Scalar.BLOCK_LITERAL || type === Scalar.BLOCK_FOLDED;
  let p = start;
  let indent = 0;
  if (block) {
    p = src.indexOf('\n', start) + 1;
    indent = blockIndent(src, start, p, end);
  } else if (type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE) {
    p = start + 1;
  }
  const skipIndent = (): void => {
    for (let n = 0; n < indent && src[p] === ' '; n++) p++;
  };
  if (block) skipIndent();
  let exact = true;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    for (;;) {
      const s = src[p];
      if (p >= end) {
        map[i] = Math.min(p, src.length);
        if (c !== '\n') exact = false; // block scalars may keep a final newline the range does not cover
        break;
      }
      if (type === Scalar.QUOTE_DOUBLE && s === '\\') {
        const next = src[p + 1];
        if (next === '\n' || next === '\r') {
          // An escaped line break: nothing in the value.
          p += 2;
          while (/[ \t\r\n]/u.test(src[p] ?? '')) p++;
          continue;
        }
        map[i] = p;
        p += next === 'x' ? 4 : next === 'u' ? 6 : next === 'U' ? 10 : 2;
        // \U escapes an astral character: two UTF-16 units of the value.
        if (next === 'U' && (value.codePointAt(i) ?? 0) > 0xffff) map[++i] = map[i - 1] ?? p;
        break;
      }
      if (type === Scalar.QUOTE_SINGLE && s === "'" && src[p + 1] === "'" && c === "'") {
        map[i] = p;
        p += 2;
        break;
      }
      if (s === c) {
        map[i] = p;
        p++;
        if (block && c === '\n') skipIndent();
        break;
      }
      if (c === ' ' && (s === '\n' || s === '\r')) {
        // Folding: a line break became a space.
        map[i] = p;
        p++;
        if (src[p - 1] === '\r' && src[p] === '\n') p++;
        if (block) skipIndent();
        else while (src[p] === ' ' || src[p] === '\t') p++;
        break;
      }
      if (s === ' ' || s === '\t' || s === '\n' || s === '\r') {
        // Indentation of continuation lines, blank lines folding turned into one \n, a CR.
        p++;
        if (block && s === '\n') skipIndent();
        continue;
      }
      map[i] = p;
      exact = false;
      p++;
      break;
    }
  }
  map[value.length] = Math.min(p, src.length);
  if (!exact) {
    return { at: () => start, exact };
  }
  return { at: (index) => map[Math.max(0, Math.min(index, value.length))] ?? start, exact };
}
