/** Programme overview ②: two goals, the after-project line, two mechanisms, footnotes and caveat. */
import { para, pitch, type Para } from '../canvas.ts';
import { caveat, frameInsets, listIndent, listParas } from './common.ts';
import type { KindBuilder, KindContext } from './types.ts';

/** Two framed columns of equal height (a two-column grid); returns their height. */
function columns(k: KindContext<'overview-second'>, y: number, gap: number, sel: string, contents: Para[][], name: string): number {
  const { canvas, theme, area } = k;
  const n = contents.length || 1;
  const w = (area.w - gap * (n - 1)) / n;
  const { inset, border } = frameInsets(theme, sel);
  const h = Math.max(...contents.map((c) => canvas.heightOf(c, w - inset[1] - inset[3]))) + inset[0] + inset[2];
  contents.forEach((c, i) => {
    canvas.text({ x: area.x + i * (w + gap), y, w, h }, c, {
      shape: 'roundRect',
      line: { color: theme.color(sel, 'border'), width: border },
      radius: theme.px(sel, 'border-radius'),
      inset,
      name: `${name} ${i + 1}`,
    });
  });
  return h;
}

export const overviewSecond: KindBuilder<'overview-second'> = {
  draw(k) {
    const { canvas, theme, look, view: v, area } = k;
    const groupTitle = theme.style('.group-title', look.base);
    const [gtTop, , gtBottom] = theme.box('.group-title', 'margin');
    let y = area.y + gtTop;
    y += canvas.text({ x: area.x, y, w: area.w }, [para(v.goals.title, groupTitle)], { name: 'Goals title' }) + gtBottom;

    // A goal: its label as a badge — a filled shape with the label's text, on the goal's first
    // line — then the text below. Not a highlighted run: viewers without text highlight
    // (PowerPoint before 2019, others) showed the white label on white.
    const label = theme.style('.goal .goal-label', theme.style('.goal', look.base));
    const text = theme.style('.goal .goal-text', look.base);
    const badge = theme.color('.goal .goal-label', 'background');
    const badgePad = theme.box('.goal .goal-label', 'padding');
    const labelStyle = { ...label, size: label.size };
    const badgeH = pitch(para('\u3000', labelStyle));
    const goals = v.goals.items.map((g) => [
      // Room for the badge on the first line.
      para('\u3000', labelStyle, { spaceAfter: 2 }),
      para([{ text: g.text, bold: text.bold, color: text.color, size: text.size }], text),
    ]);
    const gap = theme.gap('.goals').column;
    const goalsTop = y;
    const { inset } = frameInsets(theme, '.goal');
    const colW = (area.w - gap * (goals.length - 1)) / (goals.length || 1);
    y += columns(k, y, gap, '.goal', goals, 'Goal');
    v.goals.items.forEach((g, i) => {
      const p = para(g.label, labelStyle);
      canvas.text({ x: area.x + i * (colW + gap) + inset[3], y: goalsTop + inset[0], w: canvas.widthOf(p) + badgePad[1] + badgePad[3], h: badgeH }, [p], {
        fill: badge,
        inset: [0, badgePad[1], 0, badgePad[3]],
        valign: 'middle',
        name: `Goal ${i + 1} label`,
      });
    });
    y += theme.px('.goals', 'margin-bottom');

    const after = theme.style('.after', look.base);
    const afterPad = theme.box('.after', 'padding');
    y += canvas.text({ x: area.x, y, w: area.w }, [para(v.mechanisms.afterProject, after)], {
      shape: 'roundRect',
      fill: theme.color('.after', 'background'),
      radius: theme.px('.after', 'border-radius'),
      inset: afterPad,
      name: 'After the project',
    });
    y += theme.px('.after', 'margin-bottom') + gtTop;
    y += canvas.text({ x: area.x, y, w: area.w }, [para(v.mechanisms.title, groupTitle)], { name: 'Mechanisms title' }) + gtBottom;

    const mech = theme.style('.mechanism', look.base);
    // The mechanism's title is a heading (bold by the browser's default); h2 or h3 by theme version.
    const heading = theme.first('.mechanism h2', '.mechanism h3');
    const h3 = { ...theme.style(heading, theme.style(heading.slice(-2), mech)), bold: true };
    const h3Bottom = theme.has(heading, 'margin') ? theme.box(heading, 'margin')[2] : theme.box(heading.slice(-2), 'margin')[2];
    const li = theme.px('.mechanism li', 'margin-bottom');
    const mechanisms = v.mechanisms.items.map((m) => [
      para(`${m.label}${m.title}`, h3, { spaceAfter: h3Bottom }),
      ...listParas(m.bullets, mech, { indent: listIndent(theme, 'ul', mech), gap: li }),
    ]);
    y += columns(k, y, theme.gap('.mechanisms').column, '.mechanism', mechanisms, 'Mechanism');

    const fn = theme.style('.footnotes', look.base);
    y += theme.px('.footnotes', 'margin-top');
    const footnotes = v.footnotes.map((f) => {
      const lines = [...f.lines, ...f.documents.flatMap((d) => [`「${d.title}」（${d.dateText}${d.issuer}）`, d.url])];
      return para(`(${f.mark}) ${lines.join('\n')}`, fn);
    });
    y += canvas.text({ x: area.x, y, w: area.w }, footnotes, { name: 'Footnotes' });
    caveat(canvas, theme, look, area.x, y, area.w, v.notes);
  },
};
