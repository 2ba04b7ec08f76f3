/** The lines around a place in a data file, with a caret under its column, as compilers print them. */

/** Start offsets of every line of the last text framed: many issues of one file share it. */
let lineIndex: { text: string; starts: number[] } | undefined;

function lineAt(text: string, n: number): string | undefined {
  if (lineIndex?.text !== text) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineIndex = { text, starts };
  }
  const start = lineIndex.starts[n - 1];
  if (start === undefined) return undefined;
  const end = lineIndex.starts[n];
  return text.slice(start, end === undefined ? undefined : end - 1).replace(/\r$/, '');
}

/** Three lines of context with a caret under the column, like compilers print. */
export function codeFrame(text: string, line: number, col: number): string {
  const from = Math.max(1, line - 1);
  let to = line + 1;
  while (to > line && lineAt(text, to) === undefined) to--;
  const width = String(to).length;
  // A minified or garbage line can be megabytes long: show a window around the column.
  const start = Math.max(0, col - 1 - FRAME_LEAD);
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const raw = lineAt(text, n) ?? '';
    // Only the window is split into characters: a 2 MB line costs no more than a short one.
    const chars = Array.from(raw.slice(0, (start + FRAME_WIDTH + 1) * 2).replace(/\t/g, '→'));
    const shown = chars.slice(start, start + FRAME_WIDTH);
    const src = `${start > 0 && chars.length > start ? '…' : ''}${shown.join('')}${chars.length > start + FRAME_WIDTH ? '…' : ''}`;
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${src}`.trimEnd());
    if (n === line) {
      // Count columns in code points so the caret sits under wide characters' start.
      const prefix = [...(start > 0 ? ['…'] : []), ...chars.slice(start, Math.max(start, col - 1))];
      const pad = prefix.map((c) => (isWide(c) ? '  ' : ' ')).join('');
      out.push(`  ${' '.repeat(width)} | ${pad}^`);
    }
  }
  return out.join('\n');
}

/** Characters of a source line shown in a frame, and how many of them before the caret at most. */
const FRAME_WIDTH = 120;
const FRAME_LEAD = 60;

function isWide(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x20000
  );
}
