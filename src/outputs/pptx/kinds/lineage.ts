/** 大括り化: numbered statements, the predecessor programmes → an arrow → the successor, the end marker. */
import { para } from '../canvas.ts';
import { frameInsets, listIndent, listParas } from './common.ts';
import type { KindBuilder } from './types.ts';

export const lineage: KindBuilder<'lineage'> = {
  draw({ canvas, theme, look, view: v, area }) {
    const st = theme.style('.statements', look.base);
    const [mTop, , mBottom] = theme.box('.statements', 'margin');
    const itemGap = theme.px('.statements li', 'margin-bottom');
    let y = area.y + mTop;
    y += canvas.text({ x: area.x, y, w: area.w }, listParas(v.statements, st, { indent: listIndent(theme, '.statements', st), gap: itemGap, bullet: 'number' }), {
      name: 'Statements',
    });
    // The last item's margin collapses with the list's own bottom margin.
    y += Math.max(itemGap, mBottom);

    const [oldCol = 0, arrowCol = 0] = theme.columns('.lineage', 'grid-template-columns', 2);
    const newW = area.w - oldCol - arrowCol;

    const oldSel = '.lineage .old div';
    const old = frameInsets(theme, oldSel);
    const oldStyle = theme.style(oldSel, look.base);
    const gap = theme.gap('.lineage .old').row;
    const boxes = v.predecessors.map((p) => ({ p, h: canvas.heightOf([para(p.name, oldStyle)], oldCol - old.inset[1] - old.inset[3]) + old.inset[0] + old.inset[2] }));
    const oldH = boxes.reduce((a, b) => a + b.h, 0) + gap * Math.max(0, boxes.length - 1);

    const newSel = '.lineage .new';
    const nw = frameInsets(theme, newSel);
    const newStyle = theme.style(newSel, look.base);
    const newPara = para(v.successorLabel, newStyle, { align: 'center' });
    const newH = canvas.heightOf([newPara], newW - nw.inset[1] - nw.inset[3]) + nw.inset[0] + nw.inset[2];
    const rowH = Math.max(oldH, newH);

    let oy = y + (rowH - oldH) / 2;
    boxes.forEach(({ p, h }, i) => {
      canvas.text({ x: area.x, y: oy, w: oldCol, h }, [para(p.name, oldStyle)], {
        shape: 'roundRect',
        fill: theme.color(oldSel, 'background'),
        line: { color: theme.color(oldSel, 'border'), width: old.border },
        radius: theme.px(oldSel, 'border-radius'),
        inset: old.inset,
        valign: 'middle',
        name: `Predecessor ${i + 1}`,
      });
      oy += h + gap;
    });

    // The arrow: a CSS border triangle (border-left = its length, top + bottom = its height).
    const tri = '.lineage .arrow span';
    const triW = theme.borderWidth(tri, 'border-left');
    const triH = theme.borderWidth(tri, 'border-top') + theme.borderWidth(tri, 'border-bottom');
    const cx = area.x + oldCol + arrowCol / 2;
    const cy = y + rowH / 2;
    // A triangle's apex is at the top; turned 90° it points right (its box turns with it).
    canvas.shape('triangle', { x: cx - triH / 2, y: cy - triW / 2, w: triH, h: triW }, { fill: theme.color(tri, 'border-left'), rotate: 90, name: 'Arrow' });

    canvas.text({ x: area.x + oldCol + arrowCol, y: y + (rowH - newH) / 2, w: newW, h: newH }, [newPara], {
      shape: 'roundRect',
      fill: theme.color(newSel, 'background'),
      line: { color: theme.color(newSel, 'border'), width: nw.border },
      radius: theme.px(newSel, 'border-radius'),
      inset: nw.inset,
      valign: 'middle',
      name: 'Successor',
    });

    y += rowH + theme.px('.lineage .marker', 'margin-top');
    canvas.text({ x: area.x, y, w: oldCol }, [para(`${v.endMarker.symbol}${v.endMarker.text}`, theme.style('.lineage .marker', look.base))], { name: 'End marker' });
  },
};
