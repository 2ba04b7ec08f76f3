/**
 * The deck's frame as the theme defines it, in px of the 1280×720 slide: colours, the base
 * text style, the content area, the heading band, footer, page number and the 「案」 stamp.
 * Every number is read from the theme (theme.ts); the few that CSS derives (a band's height
 * is padding + one line) are derived here the same way.
 */
import { SLIDE_H, SLIDE_W } from './canvas.ts';
import type { TextStyle, ThemeTokens } from './theme.ts';

export interface Colors {
  blue: string;
  blue2: string;
  soft: string;
  line: string;
  ink: string;
  muted: string;
  red: string;
  white: string;
  /** Marker colour per programme id (the map's dots). */
  programme: Record<string, string>;
}

export interface Area {
  x: number;
  y: number;
  w: number;
  /** Lowest y content may reach. */
  bottom: number;
}

export interface DeckLook {
  colors: Colors;
  base: TextStyle;
  /** The content box of a content slide (inside the section's padding). */
  area: Area;
  heading: { style: TextStyle; x: number; y: number; w: number; h: number; barWidth: number; ruleY: number; ruleHeight: number };
  footer: { style: TextStyle; x: number; y: number; w: number; h: number };
  pageNumber: { style: TextStyle; x: number; y: number; w: number; h: number };
  stamp: { style: TextStyle; x: number; y: number; w: number; h: number; border: number; letterSpacing: number; inset: [number, number, number, number] };
}

export function deckLook(theme: ThemeTokens, stampWidth: (style: TextStyle, letterSpacing: number) => number): DeckLook {
  const v = (name: string): string => theme.color('section', name);
  const colors: Colors = {
    blue: v('--blue'),
    blue2: v('--blue-2'),
    soft: v('--blue-soft'),
    line: v('--blue-line'),
    ink: v('--ink'),
    muted: v('--muted'),
    red: v('--red'),
    white: theme.color('section', 'background'),
    programme: { coi: v('--coi'), opera: v('--opera'), 'coi-next': v('--next') },
  };
  const base: TextStyle = { size: theme.px('section', 'font-size'), lineHeight: theme.num('section', 'line-height'), color: colors.ink, bold: false };
  const [pt, pr, pb, pl] = theme.box('section', 'padding');

  const h1 = 'section > h1';
  const hStyle = theme.style(h1, base);
  const [ht, hr, hb, hl] = theme.box(h1, 'padding');
  const headingH = hStyle.size * hStyle.lineHeight;

  const footerStyle = theme.style('footer', base);
  const footerH = footerStyle.size * footerStyle.lineHeight;
  const footerBottom = theme.px('footer', 'bottom');

  // Marp's pagination box inherits the section's padding (its offsets then count from the
  // content box) unless the theme gives it its own (`padding: 0`).
  const pageStyle = theme.style('section::after', base);
  const [, pageR, pageB] = theme.has('section::after', 'padding') ? theme.box('section::after', 'padding') : [pt, pr, pb, pl];
  const pageH = pageStyle.size * pageStyle.lineHeight;
  const pageW = 80;

  const stampStyle = theme.style('header', base);
  const [st, sr, sb, sl] = theme.box('header', 'padding');
  const border = theme.borderWidth('header', 'border');
  const letterSpacing = theme.px('header', 'letter-spacing', stampStyle.size);
  const stampW = stampWidth(stampStyle, letterSpacing) + sl + sr + 2 * border;
  const stampH = stampStyle.size * stampStyle.lineHeight + st + sb + 2 * border;

  const footerY = SLIDE_H - footerBottom - footerH;
  return {
    colors,
    base,
    area: { x: pl, y: pt, w: SLIDE_W - pl - pr, bottom: footerY },
    heading: {
      style: hStyle,
      x: hl,
      y: ht,
      w: SLIDE_W - hl - hr,
      h: headingH,
      barWidth: theme.firstPx(h1, 'background'),
      ruleY: ht + headingH + hb,
      ruleHeight: theme.borderWidth(h1, 'border-bottom'),
    },
    footer: { style: footerStyle, x: theme.px('footer', 'left'), y: footerY, w: SLIDE_W - 2 * theme.px('footer', 'left'), h: footerH },
    pageNumber: {
      style: pageStyle,
      x: SLIDE_W - theme.px('section::after', 'right') - pageR - pageW,
      y: SLIDE_H - theme.px('section::after', 'bottom') - pageB - pageH,
      w: pageW,
      h: pageH,
    },
    stamp: {
      style: stampStyle,
      x: SLIDE_W - theme.px('header', 'right') - stampW,
      y: theme.px('header', 'top'),
      w: stampW,
      h: stampH,
      border,
      letterSpacing,
      inset: [st + border, sr + border, sb + border, sl + border],
    },
  };
}
