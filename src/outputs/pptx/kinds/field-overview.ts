/**
 * A field's overview: on the left the background and summary boxes and the budget badge; on
 * the right the proposers — the 学・官・産 roles as three framed boxes with a round sector
 * mark — the hub → outcome flow and the diagram box; below, the three points (compact).
 */
import { para, type Para, type SlideCanvas } from '../canvas.ts';
import type { DeckLook } from '../look.ts';
import type { ThemeTokens } from '../theme.ts';
import { caveat, frameInsets, listIndent, listParas, marginBottom, points, titledBox } from './common.ts';
import type { TemplateGeometry } from '../template-geometry.ts';
import type { FieldOverviewSlide } from '../../../stages/render/slides/index.ts';
import type { KindBuilder } from './types.ts';

export const fieldOverview: KindBuilder<'field-overview'> = {
  draw({ canvas, theme, look, view: v, area, geometry }) {
    let y = area.y + caveat(canvas, theme, look, area.x, area.y, area.w, v.notes);
    const g = geometry;
    const [fl = 1, fr = 1] = g.fieldOverviewColumns;
    const leftW = ((area.w - g.fieldOverviewGap) * fl) / (fl + fr);
    const rightX = area.x + leftW + g.fieldOverviewGap;
    const rightW = area.w - leftW - g.fieldOverviewGap;
    const leftH = left(canvas, theme, look, { x: area.x, y, w: leftW }, v, g);
    const rightH = right(canvas, theme, look, { x: rightX, y, w: rightW }, v);
    y += Math.max(leftH, rightH) + g.fieldOverviewPointsGap;
    points(canvas, theme, look, area.x, y, area.w, v.points, '.compact-points');
  },
};

type At = { x: number; y: number; w: number };

function left(canvas: SlideCanvas, theme: ThemeTokens, look: DeckLook, at: At, v: FieldOverviewSlide, g: TemplateGeometry): number {
  const tiny = theme.style('.tiny', look.base);
  let y = at.y;
  const bg: Para[] = listParas(v.background.points, tiny, {
    indent: listIndent(theme, 'ul', tiny),
    gap: theme.px(theme.has('.tiny li', 'margin-bottom') ? '.tiny li' : 'li', 'margin-bottom'),
  });
  y += titledBox(canvas, theme, look, at, v.background.title, bg, { name: 'Background', trailing: marginBottom(theme, 'ul'), scope: '.two-col' });
  y += g.fieldOverviewBoxGap;
  y += titledBox(canvas, theme, look, { ...at, y }, v.summary.title, [para(v.summary.text, tiny)], { name: 'Summary', trailing: marginBottom(theme, 'p'), scope: '.two-col' });
  y += g.fieldOverviewBudgetGap;

  const sel = '.budget-badge';
  const badge = theme.style(sel, look.base);
  const { inset, border } = frameInsets(theme, sel);
  const text = `${v.budget.label} ${v.budget.amount}${v.budget.tag ? `（${v.budget.tag}）` : ''}`;
  const p = para(text, badge);
  const w = Math.min(at.w, canvas.widthOf(p) + inset[1] + inset[3] + 2);
  y += canvas.text({ x: at.x, y, w }, [p], {
    shape: 'roundRect',
    line: { color: theme.color(sel, 'border'), width: border },
    radius: theme.px(sel, 'border-radius'),
    inset,
    name: 'Budget',
  });
  const notes = theme.style('.notes', look.base);
  if (v.budget.notes.length > 0)
    y += canvas.text(
      { x: at.x, y, w: at.w },
      v.budget.notes.map((n) => para(`※${n}`, notes)),
      { name: 'Budget notes' },
    );
  return y - at.y;
}

function right(canvas: SlideCanvas, theme: ThemeTokens, look: DeckLook, at: At, v: FieldOverviewSlide): number {
  const gt = theme.style('.group-title', look.base);
  const [gtTop, , gtBottom] = theme.box('.group-title', 'margin');
  let y = at.y + gtTop;
  y += canvas.text({ x: at.x, y, w: at.w }, [para(`【${v.proposer.label}】${v.proposer.structure}`, gt)], { name: 'Proposers' }) + gtBottom;

  // The roles: framed boxes of equal height; the sector mark a circle, the name beside it.
  const gap = theme.gap('.proposer').column;
  const n = v.proposer.roles.length || 1;
  const colW = (at.w - gap * (n - 1)) / n;
  const actor = frameInsets(theme, '.actor');
  const inner = colW - actor.inset[1] - actor.inset[3];
  const mark = theme.px('.actor .sector', 'width');
  const markGap = theme.px('.actor .sector', 'margin-right');
  const nameStyle = theme.style('.actor .actor-name', look.base);
  const list = theme.style('.actor ul', look.base);
  const listTop = theme.box('.actor ul', 'margin')[0];
  const items = (r: FieldOverviewSlide['proposer']['roles'][number]): Para[] => listParas(r.contributions, list, { indent: listIndent(theme, '.actor ul', list), gap: 0 });
  const headH = Math.max(mark, nameStyle.size * nameStyle.lineHeight);
  const bodyH = Math.max(...v.proposer.roles.map((r) => canvas.heightOf(items(r), inner)));
  const h = actor.inset[0] + headH + listTop + bodyH + actor.inset[2];
  const markStyle = { ...theme.style('.actor .sector', look.base), lineHeight: 1 };
  v.proposer.roles.forEach((r, i) => {
    const x = at.x + i * (colW + gap);
    canvas.shape(
      'roundRect',
      { x, y, w: colW, h },
      { line: { color: theme.color('.actor', 'border'), width: actor.border }, radius: theme.px('.actor', 'border-radius'), name: `${r.name} frame` },
    );
    const ix = x + actor.inset[3];
    const iy = y + actor.inset[0];
    canvas.text({ x: ix, y: iy + (headH - mark) / 2, w: mark, h: mark }, [para(r.sector, markStyle, { align: 'center' })], {
      shape: 'ellipse',
      fill: theme.color('.actor .sector', 'background'),
      valign: 'middle',
      name: `${r.name} sector`,
    });
    const nameH = nameStyle.size * nameStyle.lineHeight;
    canvas.text({ x: ix + mark + markGap, y: iy + (headH - nameH) / 2, w: inner - mark - markGap, h: nameH }, [para(r.name, nameStyle)], { valign: 'middle', name: r.name });
    canvas.text({ x: ix, y: iy + headH + listTop, w: inner }, items(r), { name: `${r.name} roles` });
  });
  y += h;

  // The flow: the hub (a dashed pill) → the outcome.
  const [flowTop, , flowBottom] = theme.box('.flow', 'margin');
  y += flowTop;
  const flow = theme.style('.flow', look.base);
  const hubSel = '.flow .hub';
  const hubStyle = theme.style(hubSel, flow);
  const hub = frameInsets(theme, hubSel);
  const hubPara = para(v.hubLabel, hubStyle, { align: 'center' });
  const hubW = canvas.widthOf(hubPara) + hub.inset[1] + hub.inset[3] + 2;
  const hubH = hubStyle.size * hubStyle.lineHeight + hub.inset[0] + hub.inset[2];
  canvas.text({ x: at.x, y, w: hubW, h: hubH }, [hubPara], {
    shape: 'roundRect',
    line: { color: theme.color(hubSel, 'border'), width: hub.border, dash: true },
    radius: Math.min(theme.px(hubSel, 'border-radius'), hubH / 2),
    inset: hub.inset,
    valign: 'middle',
    name: 'Hub',
  });
  const flowGap = theme.gap('.flow').column;
  const arrow = '.flow .arrow-r';
  const aw = theme.borderWidth(arrow, 'border-left');
  const ah = theme.borderWidth(arrow, 'border-top') + theme.borderWidth(arrow, 'border-bottom');
  const ax = at.x + hubW + flowGap;
  canvas.shape('triangle', { x: ax + aw / 2 - ah / 2, y: y + hubH / 2 - aw / 2, w: ah, h: aw }, { fill: theme.color(arrow, 'border-left'), rotate: 90, name: 'Flow arrow' });
  const outcome = { ...flow, bold: true, color: look.colors.blue };
  const ox = ax + aw + flowGap;
  const oh = outcome.size * outcome.lineHeight;
  canvas.text({ x: ox, y: y + (hubH - oh) / 2, w: at.x + at.w - ox, h: oh }, [para(v.outcome.label, outcome)], { valign: 'middle', name: 'Outcome' });
  y += hubH + flowBottom;

  const tiny = theme.style('.tiny', look.base);
  y += canvas.text(
    { x: at.x, y, w: at.w },
    listParas(v.outcome.results, tiny, { indent: listIndent(theme, 'ul', tiny), gap: theme.px(theme.has('.tiny li', 'margin-bottom') ? '.tiny li' : 'li', 'margin-bottom') }),
    {
      name: 'Results',
    },
  );
  y += marginBottom(theme, 'ul');

  // The diagram box: title, the place and its description, the labels.
  const box = frameInsets(theme, '.box');
  const strong = { ...tiny, bold: true, color: look.colors.blue };
  const lines: Para[] = [
    para(v.diagramTitle, strong),
    para([{ text: v.place.name, bold: true, color: strong.color }, { text: `（${v.place.description}）` }], tiny),
    para(v.place.labels.join('／'), tiny),
    para(v.diagramLabels.join(''), tiny),
  ];
  y += canvas.text({ x: at.x, y, w: at.w }, lines, {
    shape: 'roundRect',
    line: { color: theme.color('.box', 'border'), width: box.border },
    radius: theme.px('.box', 'border-radius'),
    inset: box.inset,
    name: 'Diagram',
  });
  return y - at.y;
}
