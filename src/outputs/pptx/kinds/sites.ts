/**
 * Ongoing sites: the tile map of Japan as shapes (a rounded tile per prefecture, a coloured
 * dot per site), the legend and the site list by programme in two balanced columns, as text.
 * The heading's tag (参考) is a small framed label before the title.
 */
import type { Marker } from '../../../stages/render/slides/sites.ts';
import { para, type ShapeKind } from '../canvas.ts';
import { drawTag, tagInset } from './common.ts';
import type { KindBuilder } from './types.ts';

/** A marker's shape on the map and as a character in the legend and the list (as the HTML draws it). */
const SHAPE: Record<Marker, ShapeKind> = { circle: 'ellipse', square: 'rect', triangle: 'triangle' };
const GLYPH: Record<Marker, string> = { circle: '●', square: '■', triangle: '▲' };

export const sites: KindBuilder<'sites'> = {
  titleInset: ({ theme, look, view, metrics }) => tagInset(theme, look, metrics, view.tag),
  draw(k) {
    const { canvas, theme, look, view: v, area } = k;
    const dot = theme.px('.dot', 'width');
    const dotColor = (programme: string): string => look.colors.programme[programme] ?? look.colors.muted;
    drawTag(canvas, theme, look, v.tag);

    // The map.
    const [mapW = 0] = theme.columns('.sites-layout', 'grid-template-columns', 1);
    const layoutGap = theme.gap('.sites-layout').column;
    const cell = Number.parseFloat(theme.raw('.japan', 'grid-auto-rows'));
    const gap = theme.gap('.japan');
    const pref = theme.style('.pref', look.base);
    const pname = theme.style('.pref .pname', pref);
    const has = theme.style('.pref.has', pref);
    const [padT, padR, padB, padL] = theme.box('.pref', 'padding');
    const hasBorder = theme.borderWidth('.pref.has', 'border');
    const dotGaps = theme.gap('.pref .dots');
    const dotGap = dotGaps.column;
    for (const tile of v.tiles) {
      const x = area.x + (tile.col - 1) * (cell + gap.column);
      const y = area.y + (tile.row - 1) * (cell + gap.row);
      const lit = tile.sites.length > 0;
      const b = lit ? hasBorder : 0;
      canvas.text({ x, y, w: cell, h: cell }, [para(tile.short, { ...pname, color: lit ? has.color : pref.color })], {
        shape: 'roundRect',
        fill: theme.color(lit ? '.pref.has' : '.pref', 'background'),
        ...(lit ? { line: { color: theme.color('.pref.has', 'border'), width: hasBorder } } : {}),
        radius: theme.px('.pref', 'border-radius'),
        inset: [padT + b, padR + b, padB + b, padL + b],
        name: tile.name,
        what: { ja: `${tile.name}のタイル`, en: `the tile of ${tile.name}` },
      });
      const inner = cell - padL - padR - 2 * b;
      const top = y + padT + b + pname.size * pname.lineHeight + theme.px('.pref .dots', 'margin-top');
      const room = y + cell - padB - b - top;
      // The theme's dot size, or smaller where a prefecture has more sites than fit at that
      // size (the HTML tile clips them; here every site keeps its marker).
      const dotsAt = (d: number) => {
        const perRow = Math.max(1, Math.floor((inner + dotGap) / (d + dotGap)));
        return { d, perRow, need: Math.ceil(tile.sites.length / perRow) * (d + dotGaps.row) - dotGaps.row };
      };
      let layout = dotsAt(dot);
      for (let d = dot; d >= dot / 2 && layout.need > room; d -= 0.5) layout = dotsAt(d);
      tile.sites.forEach((s, i) => {
        const dx = x + padL + b + (i % layout.perRow) * (layout.d + dotGap);
        const dy = top + Math.floor(i / layout.perRow) * (layout.d + dotGaps.row);
        canvas.shape(SHAPE[s.marker], { x: dx, y: dy, w: layout.d, h: layout.d }, { fill: dotColor(s.programme), name: `${tile.name} site ${i + 1}` });
      });
      canvas.check({ ja: `${tile.name}のタイルの印`, en: `the markers of ${tile.name}` }, Math.max(0, layout.need), room);
    }

    // Legend and list.
    const lx = area.x + mapW + layoutGap;
    const lw = area.w - mapW - layoutGap;
    const legend = theme.style('.legend', look.base);
    // A site marker in text: ● drawn about as large as the map's dots (its disc is ~¾ em).
    const bullet = (programme: string, marker: Marker) => ({ text: GLYPH[marker], color: dotColor(programme), size: dot / 0.75 });
    const legendRuns = [{ text: v.legendTitle, bold: true }, ...v.legend.flatMap((l) => [{ text: '\u2003' }, bullet(l.id, l.marker), { text: ` ${l.label}（${l.count}）` }])];
    let y = area.y;
    y += canvas.text({ x: lx, y, w: lw }, [para(legendRuns, legend)], { name: 'Legend' });
    y += theme.px('.legend', 'margin-bottom');

    const groups = theme.style('.site-groups', look.base);
    const gname = theme.style('.site-group .gname', groups);
    const colGap = theme.gap('.site-groups').column;
    const colW = (lw - colGap) / 2;
    const after = theme.px('.site-group', 'margin-bottom');
    const rule = { color: theme.color('.site-group .gname', 'border-bottom'), width: theme.borderWidth('.site-group .gname', 'border-bottom') };
    const blocks = v.groups.map((g) => {
      const head = para([bullet(g.programme, g.marker), { text: ` ${g.label}` }], gname);
      const body = para(g.institutions.join('、'), groups);
      const headH = canvas.heightOf([head], colW) + rule.width;
      return { g, head, body, headH, h: headH + canvas.heightOf([body], colW) + after };
    });
    // CSS columns balance the two columns: the split that makes the taller one shortest.
    let split = blocks.length;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i <= blocks.length; i++) {
      const a = blocks.slice(0, i).reduce((s, b) => s + b.h, 0);
      const b = blocks.slice(i).reduce((s, x) => s + x.h, 0);
      if (Math.max(a, b) < best - 0.01) {
        best = Math.max(a, b);
        split = i;
      }
    }
    [blocks.slice(0, split), blocks.slice(split)].forEach((column, c) => {
      let cy = y;
      const cx = lx + c * (colW + colGap);
      for (const b of column) {
        canvas.text({ x: cx, y: cy, w: colW }, [b.head], { name: b.g.label });
        canvas.shape('line', { x: cx, y: cy + b.headH - rule.width / 2, w: colW, h: 0 }, { line: rule, name: `${b.g.label} rule` });
        canvas.text({ x: cx, y: cy + b.headH, w: colW }, [b.body], { name: `${b.g.label} sites` });
        cy += b.h;
      }
    });
  },
};
