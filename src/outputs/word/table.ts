/**
 * Tables for Word: fixed column widths (from per-cent shares of the text width), a header row
 * Word repeats on every page the table runs onto, rows that do not split across pages, merged
 * cells (a row-spanning cell is written once, the rows below skip it), and printed cells shaded
 * apart from cells left to fill in.
 */
import { BorderStyle, HeightRule, ShadingType, Table, TableCell, TableLayoutType, TableRow, VerticalAlignTable, WidthType, type Paragraph } from 'docx';
import { COLORS } from './document.ts';

export interface CellSpec {
  children: Paragraph[];
  /** A printed cell (a label, a row header): shaded. */
  fixed?: boolean;
  rowSpan?: number;
  columnSpan?: number;
}

export interface TableSpec {
  /** Column widths in per cent of `width` (rounded to twips; the last column takes the rest). */
  widths: readonly number[];
  /** The table's width in twips. */
  width: number;
  /** Header rows, repeated on every page. */
  head?: CellSpec[][];
  rows: CellSpec[][];
  /** No grid lines (a definition list). */
  borderless?: boolean;
  /** Height of the rows left to fill in, in twips. */
  rowHeight?: number;
}

const line = { style: BorderStyle.SINGLE, size: 4, color: COLORS.rule };
const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };

/** Per-cent shares → twips, summing exactly to the width. */
export function columnTwips(widths: readonly number[], width: number): number[] {
  const total = widths.reduce((s, w) => s + w, 0) || 1;
  const cols = widths.map((w) => Math.floor((w / total) * width));
  cols[cols.length - 1]! += width - cols.reduce((s, w) => s + w, 0);
  return cols;
}

function cell(spec: CellSpec, twips: number[], at: number): TableCell {
  const span = spec.columnSpan ?? 1;
  const w = twips.slice(at, at + span).reduce((s, x) => s + x, 0);
  return new TableCell({
    children: spec.children,
    width: { size: w, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.TOP,
    margins: { top: 40, bottom: 40, left: 100, right: 100 },
    ...(spec.fixed ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: COLORS.fixedCell } } : {}),
    ...(spec.rowSpan && spec.rowSpan > 1 ? { rowSpan: spec.rowSpan } : {}),
    ...(span > 1 ? { columnSpan: span } : {}),
  });
}

/** The table. A cell covered by a row span above is left out of its row: docx writes the continuation cell. */
export function table(spec: TableSpec): Table {
  const twips = columnTwips(spec.widths, spec.width);
  const covered = new Map<number, number>(); // column → rows still covered by a span from above
  const row = (cells: CellSpec[], header: boolean): TableRow => {
    const out: TableCell[] = [];
    let col = 0;
    for (const c of cells) {
      while ((covered.get(col) ?? 0) > 0) {
        covered.set(col, covered.get(col)! - 1);
        col++;
      }
      out.push(cell(c, twips, col));
      if (c.rowSpan && c.rowSpan > 1) covered.set(col, c.rowSpan - 1);
      col += c.columnSpan ?? 1;
    }
    for (const [k, v] of covered) if (k >= col && v > 0) covered.set(k, v - 1);
    return new TableRow({
      children: out,
      cantSplit: true,
      ...(header ? { tableHeader: true } : {}),
      ...(spec.rowHeight && !header ? { height: { value: spec.rowHeight, rule: HeightRule.ATLEAST } } : {}),
    });
  };
  const b = spec.borderless ? none : line;
  return new Table({
    rows: [...(spec.head ?? []).map((r) => row(r, true)), ...spec.rows.map((r) => row(r, false))],
    width: { size: spec.width, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    borders: { top: b, bottom: b, left: b, right: b, insideHorizontal: b, insideVertical: b },
  });
}
