/**
 * Which characters of a changed value changed: a longest-common-subsequence diff
 * on code points, so 最大3.2億円 → 最大3.5億円 marks only 2 → 5. Values are short
 * (a cell of a table); the common prefix and suffix are cut first, and a middle
 * too large for the quadratic table is marked as a whole.
 */

export interface Piece {
  text: string;
  changed: boolean;
}

export interface Marked {
  old: Piece[];
  new: Piece[];
}

/** Cells of the LCS table we allow (≈ 1 MB of Uint16); beyond it the middle is marked whole. */
const MAX_CELLS = 500_000;

/** `both`: a match absorbed into the surrounding change (marked on both sides). */
type Op = { kind: 'eq' | 'del' | 'ins' | 'both'; text: string };

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || n * m > MAX_CELLS) {
    return [...(n ? [{ kind: 'del' as const, text: a.join('') }] : []), ...(m ? [{ kind: 'ins' as const, text: b.join('') }] : [])];
  }
  // Suffix table: len[i][j] = LCS length of a[i..] and b[j..].
  const w = m + 1;
  const len = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i * w + j] = a[i] === b[j] ? len[(i + 1) * w + j + 1]! + 1 : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
    }
  }
  const ops: Op[] = [];
  const push = (kind: Op['kind'], ch: string) => {
    const last = ops[ops.length - 1];
    if (last && last.kind === kind) last.text += ch;
    else ops.push({ kind, text: ch });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push('eq', a[i]!);
      i++;
      j++;
    } else if (len[(i + 1) * w + j]! >= len[i * w + j + 1]!) push('del', a[i++]!);
    else push('ins', b[j++]!);
  }
  while (i < n) push('del', a[i++]!);
  while (j < m) push('ins', b[j++]!);
  return ops;
}

/**
 * A single matching character between two changes (platform → kyoso sharing an
 * `o`) is noise to a reader: count it as changed, so the mark covers one run.
 */
function absorbStrayMatches(ops: Op[]): Op[] {
  return ops.map((op, k): Op => {
    if (op.kind !== 'eq' || [...op.text].length > 1) return op;
    const before = ops[k - 1];
    const after = ops[k + 1];
    return before && after && before.kind !== 'eq' && after.kind !== 'eq' ? { kind: 'both', text: op.text } : op;
  });
}

function pieces(parts: Array<[string, boolean]>): Piece[] {
  const out: Piece[] = [];
  for (const [text, changed] of parts) {
    if (text === '') continue;
    const last = out[out.length - 1];
    if (last && last.changed === changed) last.text += text;
    else out.push({ text, changed });
  }
  return out;
}

/** Mark the changed runs of `before` and `after`. */
export function markChanges(before: string, after: string): Marked {
  const a = [...before];
  const b = [...after];
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const prefix = a.slice(0, p).join('');
  const suffix = a.slice(a.length - s).join('');
  const ops = absorbStrayMatches(lcsOps(a.slice(p, a.length - s), b.slice(p, b.length - s)));
  const oldParts: Array<[string, boolean]> = [[prefix, false]];
  const newParts: Array<[string, boolean]> = [[prefix, false]];
  for (const op of ops) {
    if (op.kind === 'eq') {
      oldParts.push([op.text, false]);
      newParts.push([op.text, false]);
    } else if (op.kind === 'both') {
      oldParts.push([op.text, true]);
      newParts.push([op.text, true]);
    } else if (op.kind === 'del') oldParts.push([op.text, true]);
    else newParts.push([op.text, true]);
  }
  oldParts.push([suffix, false]);
  newParts.push([suffix, false]);
  return { old: pieces(oldParts), new: pieces(newParts) };
}

/** A whole value as one marked piece (added or removed entries). */
export function wholly(text: string): Piece[] {
  return text === '' ? [] : [{ text, changed: true }];
}
