/** Programme overview ①: background and summary boxes, the three points, the concept labels. */
import { para, type Para, type SlideCanvas } from '../canvas.ts';
import type { DeckLook } from '../look.ts';
import type { ThemeTokens } from '../theme.ts';
import { listIndent, listParas, marginBottom, points, titledBox } from './common.ts';
import type { OverviewFirstSlide } from '../../../stages/render/slides/index.ts';
import type { KindBuilder } from './types.ts';

export const overviewFirst: KindBuilder<'overview-first'> = {
  draw({ canvas, theme, look, view: v, area, geometry }) {
    const body = theme.style('.body', look.base);
    const liGap = theme.px('li', 'margin-bottom');
    let y = area.y;
    const bg: Para[] = listParas(v.background.points, body, { indent: listIndent(theme, 'ul', body), gap: liGap });
    y += titledBox(canvas, theme, look, { x: area.x, y, w: area.w }, v.background.title, bg, { name: 'Background', trailing: marginBottom(theme, 'ul') });
    y += geometry.overviewBoxGap;
    y += titledBox(canvas, theme, look, { x: area.x, y, w: area.w }, v.summary.title, [para(v.summary.text, body)], { name: 'Summary', trailing: marginBottom(theme, 'p') });
    y += points(canvas, theme, look, area.x, y, area.w, v.points);
    y += geometry.overviewConceptGap;
    conceptLabels(canvas, theme, look, { x: area.x, y, w: area.w }, v.concept);
  },
};

/** The concept line: its title, then rounded labels that wrap like a flex row. */
function conceptLabels(canvas: SlideCanvas, theme: ThemeTokens, look: DeckLook, at: { x: number; y: number; w: number }, concept: OverviewFirstSlide['concept']): number {
  const { x, y, w } = at;
  const gap = theme.gap('.concept');
  const titleStyle = theme.style('.concept .concept-title', look.base);
  const labelSel = '.concept .label';
  const labelStyle = theme.style(labelSel, look.base);
  const [pt, pr, pb, pl] = theme.box(labelSel, 'padding');
  const border = theme.borderWidth(labelSel, 'border');
  const labelH = labelStyle.size * labelStyle.lineHeight + pt + pb + 2 * border;
  const items = [
    { kind: 'title' as const, p: para(concept.title, titleStyle), extra: theme.px('.concept .concept-title', 'margin-right') },
    ...concept.labels.map((l) => ({ kind: 'label' as const, p: para(l, labelStyle, { align: 'center' }), extra: 0 })),
  ].map((it) => ({ ...it, w: canvas.widthOf(it.p) + (it.kind === 'label' ? pl + pr + 2 * border : 0) }));
  let cx = x;
  let cy = y;
  items.forEach((it, i) => {
    if (cx > x && cx + it.w > x + w) {
      cx = x;
      cy += labelH + gap.row;
    }
    if (it.kind === 'title') {
      const h = titleStyle.size * titleStyle.lineHeight;
      canvas.text({ x: cx, y: cy + (labelH - h) / 2, w: it.w + 1, h }, [it.p], { name: 'Concept title', valign: 'middle' });
    } else {
      canvas.text({ x: cx, y: cy, w: it.w, h: labelH }, [it.p], {
        shape: 'roundRect',
        fill: theme.color(labelSel, 'background'),
        line: { color: theme.color(labelSel, 'border'), width: border },
        radius: Math.min(theme.px(labelSel, 'border-radius'), labelH / 2),
        inset: [pt + border, pr + border, pb + border, pl + border],
        valign: 'middle',
        name: `Concept ${i}`,
      });
    }
    cx += it.w + it.extra + gap.column;
  });
  return cy + labelH - y;
}
