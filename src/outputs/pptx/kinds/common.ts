/**
 * Pieces several slide kinds share, each the PowerPoint form of one theme block: a bulleted
 * list, a framed box with its title badge, the red caveat line, and the three points.
 */
import { para, widthOf, type Para, type SlideCanvas } from '../canvas.ts';
import type { DeckLook } from '../look.ts';
import type { TextStyle, ThemeTokens } from '../theme.ts';
import type { FieldOverviewSlide, OverviewFirstSlide } from '../../../stages/render/slides/index.ts';
import type { FontMetrics } from '../../../stages/convert/textfit.ts';

/** `ul`/`ol` items: the marker hangs in the list's left padding (`padding-left` in em). */
export function listParas(items: readonly string[], style: TextStyle, opts: { indent: number; gap: number; bullet?: 'disc' | 'number' }): Para[] {
  return items.map((text) => para(text, style, { bullet: opts.bullet ?? 'disc', indent: opts.indent, spaceAfter: opts.gap }));
}

/** The list's left padding in px (`ul, ol { padding-left: 1.2em }`, or a more specific rule). */
export function listIndent(theme: ThemeTokens, selector: string, style: TextStyle): number {
  return theme.has(selector, 'padding-left') ? theme.px(selector, 'padding-left', style.size) : theme.px('ul', 'padding-left', style.size);
}

/** Padding + border width of a framed block (what lies between its edge and its content). */
export function frameInsets(theme: ThemeTokens, selector: string): { inset: [number, number, number, number]; border: number } {
  const [t, r, b, l] = theme.box(selector, 'padding');
  const border = theme.has(selector, 'border') ? theme.borderWidth(selector, 'border') : 0;
  return { inset: [t + border, r + border, b + border, l + border], border };
}

/** A caveat line (`.notes.caveat`): the slide's notes run together, in red. */
export function caveat(canvas: SlideCanvas, theme: ThemeTokens, look: DeckLook, x: number, y: number, w: number, notes: readonly string[]): number {
  if (notes.length === 0 || notes.join('') === '') return 0;
  const style = theme.style('.caveat', theme.style('.notes', look.base));
  return canvas.text({ x, y, w }, [para(notes.join(''), style)], { name: 'Caveat' });
}

/**
 * A box with a title badge (`.box` + `.box-title`) and a body; returns its height. The badge
 * is its own shape (an inline block in HTML), the body a text box, the frame a rounded shape.
 */
export function titledBox(
  canvas: SlideCanvas,
  theme: ThemeTokens,
  look: DeckLook,
  box: { x: number; y: number; w: number },
  title: string,
  body: Para[],
  opts: {
    name: string;
    /** The bottom margin of the body's last block (`ul`/`p`), kept inside the box. */
    trailing: number;
    /** An enclosing block whose rules restyle the box (`.two-col`: the title as a tab on the border). */
    scope?: string;
  },
): number {
  const { name, trailing } = opts;
  const { inset, border } = frameInsets(theme, '.box');
  const badgeStyle = theme.style('.box-title', look.base);
  const [bt, br, bb, bl] = theme.box('.box-title', 'padding');
  const badgePara = para(title, badgeStyle);
  const badgeW = canvas.widthOf(badgePara) + bl + br;
  const badgeH = badgeStyle.size * badgeStyle.lineHeight + bt + bb;
  // Scoped rules, when the theme has them: the box's margin and top padding, the badge's margins.
  const scopedBox = opts.scope ? `${opts.scope} .box` : '';
  const scopedBadge = opts.scope ? `${opts.scope} .box > .box-title` : '';
  const marginTop = scopedBox && theme.has(scopedBox, 'margin-top') ? theme.px(scopedBox, 'margin-top') : 0;
  if (scopedBox && theme.has(scopedBox, 'padding-top')) inset[0] = theme.px(scopedBox, 'padding-top') + border;
  const badgeTop = scopedBadge && theme.has(scopedBadge, 'margin-top') ? theme.px(scopedBadge, 'margin-top', badgeStyle.size) : 0;
  const gap = scopedBadge && theme.has(scopedBadge, 'margin-bottom') ? theme.px(scopedBadge, 'margin-bottom', badgeStyle.size) : theme.px('.box-title', 'margin-bottom');
  const top = box.y + marginTop;
  const innerW = box.w - inset[1] - inset[3];
  const bodyH = canvas.heightOf(body, innerW);
  const h = inset[0] + badgeTop + badgeH + gap + bodyH + trailing + inset[2];
  canvas.shape(
    'roundRect',
    { x: box.x, y: top, w: box.w, h },
    { line: { color: theme.color('.box', 'border'), width: border }, radius: theme.px('.box', 'border-radius'), name: `${name} frame` },
  );
  canvas.text({ x: box.x + inset[3], y: top + inset[0] + badgeTop, w: badgeW, h: badgeH }, [badgePara], {
    shape: 'roundRect',
    fill: theme.color('.box-title', 'background'),
    radius: theme.px('.box-title', 'border-radius'),
    inset: [bt, br, bb, bl],
    valign: 'middle',
    name: `${name} title`,
  });
  canvas.text({ x: box.x + inset[3], y: top + inset[0] + badgeTop + badgeH + gap, w: innerW }, body, { name });
  return marginTop + h;
}

/** The bottom margin of a block (`ul`, `p`: `margin: 0 0 6px`). */
export function marginBottom(theme: ThemeTokens, selector: string): number {
  return theme.box(selector, 'margin')[2];
}

/** The three points, as both overviews' view-models carry them (one schema, PointsSchema). */
export type PointsView = OverviewFirstSlide['points'] | FieldOverviewSlide['points'];

/**
 * The three points (`points.hbs`): a title, then three framed columns of equal height, each a
 * coloured caption band, a subcaption and a line. `prefix` picks the compact variant's rules.
 */
export function points(canvas: SlideCanvas, theme: ThemeTokens, look: DeckLook, x: number, y: number, w: number, view: PointsView, prefix = ''): number {
  const sel = (s: string): string => (prefix && theme.has(`${prefix} ${s}`, 'font-size') ? `${prefix} ${s}` : s);
  const titleSel = sel('.points-title');
  const titleStyle = theme.style(titleSel, theme.style('.points-title', look.base));
  const [tmTop, , tmBottom] = theme.box(titleSel, 'margin');
  let top = y + tmTop;
  top += canvas.text({ x, y: top, w }, [para(view.title, titleStyle)], { name: 'Points title' }) + tmBottom;

  const gap = theme.gap('.points').column;
  const n = view.items.length || 1;
  const colW = (w - gap * (n - 1)) / n;
  const border = theme.borderWidth('.point', 'border');
  const cap = theme.style(sel('.point .cap'), theme.style('.point .cap', look.base));
  const sub = theme.style(sel('.point .sub'), theme.style('.point .sub', look.base));
  const line = theme.style(sel('.point .line'), theme.style('.point .line', look.base));
  const capPad = theme.box(sel('.point .cap'), 'padding');
  const subPad = theme.box(sel('.point .sub'), 'padding');
  const linePad = theme.box(sel('.point .line'), 'padding');
  const inner = colW - 2 * border;
  const capH = Math.max(...view.items.map((it) => canvas.heightOf([para(it.caption, cap, { align: 'center' })], inner - capPad[1] - capPad[3]))) + capPad[0] + capPad[2];
  const bodyOf = (it: PointsView['items'][number]): Para[] => [para(it.subcaption, sub, { align: 'center', spaceAfter: subPad[2] + linePad[0] }), para(it.line, line)];
  const bodyW = inner - Math.max(subPad[1], linePad[1]) - Math.max(subPad[3], linePad[3]);
  const bodyH = Math.max(...view.items.map((it) => canvas.heightOf(bodyOf(it), bodyW))) + subPad[0] + linePad[2];
  const h = border + capH + bodyH + border;
  const radius = theme.px('.point', 'border-radius');
  const color = theme.color('.point', 'border');
  view.items.forEach((it, i) => {
    const px = x + i * (colW + gap);
    canvas.shape('roundRect', { x: px, y: top, w: colW, h }, { line: { color, width: border }, radius, name: `Point ${i + 1} frame` });
    canvas.text({ x: px, y: top, w: colW, h: capH + border }, [para(it.caption, cap, { align: 'center' })], {
      shape: 'round2SameRect',
      fill: theme.color('.point .cap', 'background'),
      radius,
      inset: [capPad[0] + border, capPad[1] + border, capPad[2], capPad[3] + border],
      valign: 'middle',
      name: `Point ${i + 1} caption`,
    });
    canvas.text({ x: px + border, y: top + border + capH, w: inner, h: bodyH }, bodyOf(it), {
      inset: [subPad[0], Math.max(subPad[1], linePad[1]), linePad[2], Math.max(subPad[3], linePad[3])],
      name: `Point ${i + 1}`,
    });
  });
  return top + h - y;
}

const TAG = '.tag';

/** The heading's tag (`<span class="tag">参考</span>` before the title): its paragraph and style. */
function tagPara(theme: ThemeTokens, look: DeckLook, text: string): { p: Para; style: TextStyle } {
  const style = theme.style(TAG, look.base);
  return { p: para(text, style, { align: 'center' }), style };
}

/** Room the tag takes before the title in the heading band, px (0 without a tag). */
export function tagInset(theme: ThemeTokens, look: DeckLook, metrics: FontMetrics, tag: string): number {
  if (!tag) return 0;
  const { p } = tagPara(theme, look, tag);
  const [, r, , l] = theme.box(TAG, 'padding');
  return widthOf(metrics, p) + l + r + 2 * theme.borderWidth(TAG, 'border') + theme.px(TAG, 'margin-right');
}

/** The tag as a small framed label at the start of the heading band, on the title's baseline. */
export function drawTag(canvas: SlideCanvas, theme: ThemeTokens, look: DeckLook, tag: string): void {
  if (!tag) return;
  const { p, style } = tagPara(theme, look, tag);
  const [t, r, b, l] = theme.box(TAG, 'padding');
  const border = theme.borderWidth(TAG, 'border');
  const w = canvas.widthOf(p) + l + r + 2 * border;
  const h = style.size * style.lineHeight + t + b + 2 * border;
  const band = look.heading;
  canvas.text({ x: band.x, y: band.y + band.h - h - (band.h - band.style.size) / 4, w, h }, [p], {
    shape: 'roundRect',
    line: { color: theme.color(TAG, 'border'), width: border },
    radius: theme.px(TAG, 'border-radius'),
    inset: [t + border, r + border, b + border, l + border],
    valign: 'middle',
    name: 'Tag',
  });
}
