/**
 * A call: caveat, bullets, the call table (header row of types; a target shared by adjacent
 * types is one merged cell, the composition spans every type), the schedule.
 */
import { para, type Cell, type Para, type SlideCanvas } from '../canvas.ts';
import type { DeckLook } from '../look.ts';
import type { ThemeTokens } from '../theme.ts';
import { caveat, listIndent, listParas } from './common.ts';
import type { SlideKind } from './types.ts';

interface CallView {
  bullets: string[];
  labels: Record<'typeTerm' | 'targetTerm' | 'goalTerm' | 'compositionTerm' | 'fundingTerm' | 'periodTerm' | 'awardsTerm', string>;
  notes: string[];
  table: { title: string; targetNote: string; budgetNote: string; composition: { text: string } };
  types: Array<{ name: string; goal: string }>;
  targetCells: Array<{ text: string; fieldName: string; span: number }>;
  budgets: Array<{ qualifier: string; text: string }>;
  periods: string[];
  awards: string[];
  schedule: { title: string; note?: string };
  milestones: Array<{ label: string; text: string }>;
}

export const call: SlideKind = {
  draw({ canvas, theme, look, slide, area }) {
    const v = slide.ctx as unknown as CallView;
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
    const rowHead = (label: string, sub?: string): Cell => ({
      paras: [para(label, rowTh), ...(sub ? [para(`※${sub}`, note)] : [])],
      fill: theme.color('th.row', 'background'),
      valign: 'middle',
    });
    const center = (lines: string[]): Cell => ({ paras: lines.map((l) => para(l, td, { align: 'center' })), valign: 'middle' });
    const n = v.types.length;
    const rows: Cell[][] = [
      [
        { ...rowHead(v.labels.typeTerm) },
        ...v.types.map((t): Cell => ({ paras: [para(t.name, th, { align: 'center' })], fill: theme.color('th', 'background'), valign: 'middle' })),
      ],
      [
        rowHead(v.labels.targetTerm, v.table.targetNote),
        ...v.targetCells.map((c): Cell => ({ paras: [para(c.text, td), ...(c.fieldName ? [para(`（${c.fieldName}）`, td)] : [])], colspan: c.span })),
      ],
      [rowHead(v.labels.goalTerm), ...v.types.map((t): Cell => ({ paras: [para(t.goal, td)] }))],
      [rowHead(v.labels.compositionTerm), { paras: [para(v.table.composition.text, td)], colspan: n }],
      [rowHead(v.labels.fundingTerm, v.table.budgetNote), ...v.budgets.map((b) => center(b.qualifier ? [b.qualifier, b.text] : [b.text]))],
      [rowHead(v.labels.periodTerm), ...v.periods.map((p) => center([p]))],
      [rowHead(v.labels.awardsTerm), ...v.awards.map((a) => center([a]))],
    ];
    // CSS widths are content widths: the column also holds the cell's padding and border.
    const [, thR, , thL] = theme.box('th', 'padding');
    const first = theme.px('table.call th.row', 'width') + thL + thR + theme.borderWidth('th', 'border');
    const colW = [first, ...v.types.map(() => (area.w - first) / Math.max(1, n))];
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

/** The milestones in a row, each with its bar on the left (`.schedule .ms`). */
function schedule(canvas: SlideCanvas, theme: ThemeTokens, look: DeckLook, at: { x: number; y: number; w: number }, milestones: CallView['milestones']): void {
  const { x, y, w } = at;
  const style = theme.style('.schedule', look.base);
  const strong = theme.style('.schedule .ms strong', theme.style('strong', style));
  const gap = theme.px('.schedule', 'gap');
  const bar = theme.borderWidth('.schedule .ms', 'border-left');
  const padL = theme.px('.schedule .ms', 'padding-left');
  let cx = x;
  milestones.forEach((m, i) => {
    const p: Para = para(
      [
        { text: m.label, bold: true, color: strong.color },
        // A space stands for the label's margin-right (0.33 em ≈ 6 px at this size).
        { text: ` ${m.text}` },
      ],
      style,
    );
    const tw = canvas.widthOf(p) + 2;
    const h = canvas.heightOf([p], Math.min(tw, x + w - cx - bar - padL));
    canvas.shape('rect', { x: cx, y, w: bar, h }, { fill: theme.color('.schedule .ms', 'border-left'), name: `Milestone ${i + 1} bar` });
    canvas.text({ x: cx + bar + padL, y, w: Math.min(tw, x + w - cx - bar - padL), h }, [p], { name: `Milestone ${i + 1}` });
    cx += bar + padL + tw + gap;
  });
}
