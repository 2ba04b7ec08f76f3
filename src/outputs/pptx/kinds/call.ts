/**
 * A call: caveat, bullets, the call table — a header row of types, then the view-model's
 * rows (target, goal, composition, budget, period, awards) with the HTML's merged cells
 * (neighbouring types with equal cells are one cell spanning them) — and the schedule.
 */
import type { MilestoneView } from '../../../stages/render/slides/index.ts';
import { para, type Cell, type Para, type SlideCanvas } from '../canvas.ts';
import type { DeckLook } from '../look.ts';
import type { ThemeTokens } from '../theme.ts';
import { caveat, listIndent, listParas } from './common.ts';
import type { KindBuilder } from './types.ts';

export const call: KindBuilder<'call'> = {
  draw({ canvas, theme, look, view: v, area }) {
    let y = area.y;
    y += caveat(canvas, theme, look, area.x, y, area.w, v.notes);
    const bullets = theme.style('.bullets', look.base);
    y += canvas.text({ x: area.x, y, w: area.w }, listParas(v.bullets, bullets, { indent: listIndent(theme, 'ul', bullets), gap: theme.px('.bullets li', 'margin-bottom') }), {
      name: 'Bullets',
    });
    y += theme.px('.bullets', 'margin-bottom');

    const tt = theme.style('.table-title', look.base);
    const [ttTop, , ttBottom] = theme.box('.table-title', 'margin');
    y += ttTop;
    y += canvas.text({ x: area.x, y, w: area.w }, [para(`■${v.table.title}`, tt)], { name: 'Table title' }) + ttBottom;

    const table = theme.style('table.call', theme.style('table', look.base));
    const th = theme.style('th', table);
    const rowTh = theme.style('th.row', th);
    const td = theme.style('td', table);
    const note = theme.style('th .note', theme.style('td .note', rowTh));
    const rowHead = (label: string, sub: string): Cell => ({
      paras: [para(label, rowTh), ...(sub ? [para(`※${sub}`, note)] : [])],
      fill: theme.color('th.row', 'background'),
      valign: 'middle',
    });
    // A cell's lines are paragraphs (the HTML's <br>); a formatted value is a line of its own there too.
    const cell = (c: (typeof v.rows)[number]['cells'][number]): Cell => ({
      paras: c.lines.map((l) => para(l.text, td, c.center ? { align: 'center' } : {})),
      ...(c.span > 1 ? { colspan: c.span } : {}),
      valign: c.center ? 'middle' : 'top',
    });
    const rows: Cell[][] = [
      [rowHead(v.labels.typeTerm, ''), ...v.types.map((t): Cell => ({ paras: [para(t.name, th, { align: 'center' })], fill: theme.color('th', 'background'), valign: 'middle' }))],
      ...v.rows.map((r): Cell[] => [rowHead(r.head, r.note), ...r.cells.map(cell)]),
    ];
    // CSS widths are content widths: the column also holds the cell's padding and border.
    const [, thR, , thL] = theme.box('th', 'padding');
    const first = theme.px('table.call th.row', 'width') + thL + thR + theme.borderWidth('th', 'border');
    const n = Math.max(1, v.types.length);
    const colW = [first, ...v.types.map(() => (area.w - first) / n)];
    y += canvas.table(area.x, y, colW, rows, {
      padding: theme.box('th', 'padding'),
      border: { color: theme.color('th', 'border'), width: theme.borderWidth('th', 'border') },
      name: v.table.title,
    });

    y += ttTop;
    const schedTitle = `■${v.schedule.title}${v.schedule.note ? `（※${v.schedule.note}）` : ''}`;
    y += canvas.text({ x: area.x, y, w: area.w }, [para(schedTitle, tt)], { name: 'Schedule title' }) + ttBottom;
    y += theme.px('.schedule', 'margin-top');
    schedule(canvas, theme, look, { x: area.x, y, w: area.w }, v.milestones);
  },
};

/**
 * The milestones as the theme's wrapping flex row (`.schedule`: row and column gap): each
 * with its bar on the left (`.schedule .ms`), its label, then its value pieces (a period's
 * start with its ～, its end). A milestone that does not fit the rest of a line starts the
 * next one; one wider than the whole line wraps inside. Returns the height.
 */
function schedule(canvas: SlideCanvas, theme: ThemeTokens, look: DeckLook, at: { x: number; y: number; w: number }, milestones: readonly MilestoneView[]): number {
  const { x, y, w } = at;
  const style = theme.style('.schedule', look.base);
  // <strong> is bold by the browser's default unless the theme says otherwise.
  const strongSel = '.schedule .ms strong';
  const strong = { ...theme.style(strongSel, theme.style('strong', style)), ...(theme.has(strongSel, 'font-weight') || theme.has('strong', 'font-weight') ? {} : { bold: true }) };
  const gap = theme.gap('.schedule');
  const bar = theme.borderWidth('.schedule .ms', 'border-left');
  const padL = theme.px('.schedule .ms', 'padding-left');
  // An ideographic space is 1 em wide: at the margin's size in px it stands for the label's margin-right.
  const labelGap = theme.px('.schedule .ms strong', 'margin-right', strong.size);
  let cx = x;
  let cy = y;
  let lineH = 0;
  milestones.forEach((m, i) => {
    const p: Para = para(
      [
        { text: m.label, bold: strong.bold, color: strong.color },
        ...(labelGap > 0 ? [{ text: '\u3000', size: labelGap }] : []),
        { text: (m.parts.length > 0 ? m.parts : [m.text]).join('') },
      ],
      style,
    );
    const natural = canvas.widthOf(p) + 1;
    const itemW = Math.min(natural + bar + padL, w);
    if (cx > x && cx + itemW > x + w + 0.5) {
      cx = x;
      cy += lineH + gap.row;
      lineH = 0;
    }
    const textW = itemW - bar - padL;
    const h = canvas.heightOf([p], textW);
    canvas.shape('rect', { x: cx, y: cy, w: bar, h }, { fill: theme.color('.schedule .ms', 'border-left'), name: `Milestone ${i + 1} bar` });
    canvas.text({ x: cx + bar + padL, y: cy, w: textW, h }, [p], { name: `Milestone ${i + 1}` });
    lineH = Math.max(lineH, h);
    cx += itemW + gap.column;
  });
  return cy + lineH - y;
}
