/**
 * PO/AD roster: one PowerPoint table per role, its header row the role, then a row per member
 * (name, with a title such as 特別アドバイザー; affiliation and position), the as-of date and notes.
 */
import { para, type Cell } from '../canvas.ts';
import type { KindBuilder } from './types.ts';

export const roster: KindBuilder<'roster'> = {
  draw({ canvas, theme, look, view: v, area, geometry }) {
    const role = theme.style('.roster .role', look.base);
    const rolePad = theme.box('.roster .role', 'padding');
    const entry = theme.style('.roster .entry', look.base);
    const [ep, er, eb, el] = theme.box('.roster .entry', 'padding');
    const name = theme.style('.roster .entry .name', entry);
    const special = theme.style('.roster .entry .name .special', name);
    const [nameW = 0] = theme.columns('.roster .entry', 'grid-template-columns', 1);
    const rule = { color: theme.color('.roster .entry', 'border-bottom'), width: theme.borderWidth('.roster .entry', 'border-bottom') };
    const colW = [el + nameW, area.w - el - nameW];
    let y = area.y;
    for (const g of v.groups) {
      y += theme.px('.roster .role', 'margin-top');
      const rows: Cell[][] = [
        [{ paras: [para(g.label, role)], colspan: 2, fill: theme.color('.roster .role', 'background'), padding: rolePad, borders: [null, null, null, null], valign: 'middle' }],
        ...g.entries.map((e): Cell[] => [
          {
            // The special title sits after the name, set off by its margin-left (an en space at 13 px).
            paras: [para([{ text: e.name }, ...(e.title ? [{ text: `\u2002（${e.title}）`, bold: special.bold, color: special.color, size: special.size }] : [])], name)],
            padding: [ep, 0, eb, el],
            borders: [null, null, rule, null],
          },
          { paras: [para(`${e.affiliation}　${e.position}`, entry)], padding: [ep, er, eb, 0], borders: [null, null, rule, null] },
        ]),
      ];
      y += canvas.table(area.x, y, colW, rows, { padding: [ep, er, eb, el], border: null, name: g.label });
    }
    y += geometry.rosterNotesGap;
    const notes = theme.style('.notes', look.base);
    canvas.text({ x: area.x, y, w: area.w }, [para(`※${v.asOf}時点`, notes), ...v.notes.map((n) => para(`※${n}`, notes))], { name: 'Notes' });
  },
};
