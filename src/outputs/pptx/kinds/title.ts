/** The title slide: title (in the layout's title placeholder), subtitle, rule, notes, publisher and date. */
import { para } from '../canvas.ts';
import type { KindBuilder } from './types.ts';

export const title: KindBuilder<'title'> = {
  layout: 'title',
  draw({ canvas, theme, look, view: v }) {
    const block = 'section.title .title-block';
    const x = theme.px(block, 'left');
    const w = 1280 - x - theme.px(block, 'right');
    const main = theme.style('section.title .title-main', look.base);
    // The title itself is the layout's placeholder, sized to it (frame.ts); the rest follows it.
    let y = theme.px(block, 'top') + canvas.heightOf([para(v.meta.title, main)], w);
    y += theme.px('section.title .title-sub', 'margin-top');
    y += canvas.text({ x, y, w }, [para(v.meta.subtitle, theme.style('section.title .title-sub', look.base))], { name: 'Subtitle' });
    const [ruleTop, , ruleBottom] = theme.box('section.title .title-rule', 'margin');
    y += ruleTop;
    const ruleH = theme.px('section.title .title-rule', 'height');
    canvas.shape('rect', { x, y, w: theme.px('section.title .title-rule', 'width'), h: ruleH }, { fill: theme.color('section.title .title-rule', 'background'), name: 'Rule' });
    y += ruleH + ruleBottom;
    const note = theme.style('section.title .title-note', look.base);
    if (v.notes.length > 0)
      y += canvas.text(
        { x, y, w },
        v.notes.map((n) => para(n, note)),
        { name: 'Notes' },
      );

    const metaStyle = theme.style('section.title .title-meta', look.base);
    const mx = theme.px('section.title .title-meta', 'left');
    const metaH = metaStyle.size * metaStyle.lineHeight;
    const metaY = 720 - theme.px('section.title .title-meta', 'bottom') - metaH;
    canvas.text({ x: mx, y: metaY, w: 1280 - 2 * mx, h: metaH }, [para(`${v.meta.publisher}　${v.dateText}`, metaStyle)], { name: 'Publisher and date' });
    canvas.check({ ja: 'タイトルと注記', en: 'the title and its notes' }, y, metaY);
  },
};
