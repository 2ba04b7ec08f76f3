/**
 * The programme table: a PowerPoint table with the PDF's merged cells — a programme with
 * fields spans its rows (name and purpose), a programme without fields spans the name and
 * field columns — and a header row.
 */
import { para, type Cell, type Para } from '../canvas.ts';
import type { TextStyle } from '../theme.ts';
import { caveat, listIndent, listParas } from './common.ts';
import type { KindBuilder, KindContext } from './types.ts';

export const programmes: KindBuilder<'programmes'> = {
  draw(k) {
    const { canvas, theme, look, view: v, area, geometry } = k;
    const s = styles(k);
    const colW = geometry.programmeColumns.map((pct) => (area.w * pct) / 100);
    const note = (text: string): Para => para(text, s.note);
    const lines = (texts: readonly string[], style: TextStyle): Para[] => texts.map((t) => para(t, style));
    const c = v.columns;
    const header: Cell[] = [
      { paras: [para(c.name, s.th, { align: 'center' })], colspan: 2 },
      ...[c.count, c.purpose, c.summary, c.participants, c.budget].map((t): Cell => ({ paras: [para(t, s.th, { align: 'center' })] })),
    ].map((cell) => ({ ...cell, fill: s.thFill, valign: 'middle' as const, padding: s.thPad }));
    const rows: Cell[][] = [header];
    for (const r of v.rows) {
      const cells: Cell[] = [];
      if (r.first) {
        cells.push({
          paras: [para(r.programme.name, s.prog), ...r.programmeNotes.map((n) => note(n))],
          rowspan: r.span,
          ...(r.hasField ? {} : { colspan: 2 }),
          fill: s.progFill,
        });
      }
      if (r.hasField) cells.push({ paras: [para(r.fieldName, s.field), ...(r.fieldStatus ? [note(r.fieldStatus)] : [])], fill: s.fieldFill });
      cells.push({ paras: [...(r.countLabel ? [note(`【${r.countLabel}】`)] : []), ...lines(r.counts, s.td)] });
      if (r.first) cells.push({ paras: [para(r.purpose, s.td), ...(r.purposeTag ? [para(`(${r.purposeTag})`, s.td)] : [])], rowspan: r.span });
      cells.push({ paras: listParas(r.summary, s.td, { indent: s.listIndent, gap: 0 }) });
      cells.push({ paras: [para(r.participants, s.td), ...(r.participantsNote ? [note(r.participantsNote)] : [])] });
      cells.push({ paras: lines(r.budget, s.td) });
      rows.push(cells);
    }
    const h = canvas.table(area.x, area.y, colW, rows, { padding: s.tdPad, border: { color: s.border, width: s.borderWidth }, name: v.columns.name });
    caveat(canvas, theme, look, area.x, area.y + h, area.w, v.notes);
  },
};

function styles({ theme, look }: Pick<KindContext, 'theme' | 'look'>) {
  const table = theme.style('table.programmes', theme.style('table', look.base));
  const th = theme.style('table.programmes th', theme.style('th', table));
  const td = theme.style('table.programmes td', table);
  return {
    th,
    thFill: theme.color('th', 'background'),
    thPad: theme.box('table.programmes th', 'padding'),
    td,
    tdPad: theme.box('table.programmes td', 'padding'),
    prog: theme.style('table.programmes td.prog', td),
    progFill: theme.color('table.programmes td.prog', 'background'),
    field: theme.style('table.programmes td.field', td),
    fieldFill: theme.color('table.programmes td.field', 'background'),
    note: theme.style('td .note', td),
    listIndent: listIndent(theme, 'table.programmes ul', td),
    border: theme.color('th', 'border'),
    borderWidth: theme.borderWidth('th', 'border'),
  };
}
