/**
 * Cells equal across neighbouring call types merge into one, as the seed prints them (the
 * 対象分野 「科学技術分野全般を対象」 of 育成型 and 本格型 is one cell; the 構成要件 spans
 * every type). One rule for every output: the slide table merges across columns (colspan),
 * the guideline tables down rows (rowspan), and the PPTX can merge from the same runs.
 */

/** A run of equal neighbours: the value, where it starts and how many it covers. */
export interface Run<T> {
  value: T;
  /** Index of the first item of the run. */
  start: number;
  span: number;
}

/** Neighbouring items with the same key, as runs: [a, a, b] → [{a, 0, 2}, {b, 2, 1}]. */
export function mergeAdjacent<T>(items: readonly T[], key: (item: T) => string = (x) => JSON.stringify(x)): Run<T>[] {
  const runs: Run<T>[] = [];
  let lastKey: string | undefined;
  items.forEach((item, i) => {
    const k = key(item);
    const last = runs[runs.length - 1];
    if (last && k === lastKey) last.span++;
    else runs.push({ value: item, start: i, span: 1 });
    lastKey = k;
  });
  return runs;
}

/** A table cell that may cover the cells below it (rowspan), or be covered by one above (skip). */
export interface SpanningCell {
  rowspan?: number | undefined;
  /** Covered by the cell above: not printed. */
  skip?: boolean | undefined;
}

/**
 * Merge equal cells down the given columns of a table whose rows are types: the first of a run
 * gets `rowspan`, the others `skip`. `key` says when two cells are equal (by default their JSON).
 */
export function mergeDown<C extends SpanningCell>(rows: C[][], columns: readonly number[], key: (cell: C) => string = (c) => JSON.stringify(c)): C[][] {
  const out = rows.map((r) => r.map((c) => ({ ...c })));
  for (const col of columns) {
    const runs = mergeAdjacent(
      out.map((r) => r[col]!),
      key,
    );
    for (const run of runs) {
      if (run.span === 1) continue;
      out[run.start]![col]!.rowspan = run.span;
      for (let i = run.start + 1; i < run.start + run.span; i++) out[i]![col]!.skip = true;
    }
  }
  return out;
}
