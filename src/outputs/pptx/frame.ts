/**
 * The slide layouts (pptxgenjs "masters") of one deck: what every slide shares — the heading
 * band with its real title placeholder (PowerPoint's outline and accessibility checker read
 * it), the footer with the edition's name, the page number and the 「案」 stamp while the
 * edition is a draft. Defined per deck because the footer and the stamp are the deck's data;
 * a layout whose title starts further right (a tag before the heading) is made on demand.
 */
import type { Pptx, ShapeName, SlideMasterProps, SlideNumberProps, TextPropsOptions } from './pptxgen-types.ts';
import { heightOf, para, SLIDE_H, SLIDE_W } from './canvas.ts';
import type { FontMetrics } from '../../stages/convert/textfit.ts';
import { PPTX_FONT } from '../../stages/postprocess/pptx-xml.ts';
import type { DeckLook } from './look.ts';
import type { TextStyle, ThemeTokens } from './theme.ts';

const inch = (px: number): number => px / 96;
const pt = (px: number): number => Math.round(px * 0.75 * 100) / 100;

type MasterObject = NonNullable<SlideMasterProps['objects']>[number];

export interface Layout {
  name: string;
  /** Where the slide's title is, px. */
  title: { x: number; y: number; w: number; h: number; style: TextStyle };
}

/** Placeholder text style options (fresh object each call: pptxgenjs mutates them). */
function textOptions(style: TextStyle, color?: string): TextPropsOptions {
  return { fontFace: PPTX_FONT, lang: 'ja-JP', fontSize: pt(style.size), bold: style.bold, color: color ?? style.color, lineSpacing: pt(style.size * style.lineHeight) };
}

export class Frame {
  readonly #layouts = new Map<string, Layout>();

  constructor(
    readonly pptx: Pptx,
    readonly look: DeckLook,
    readonly theme: ThemeTokens,
    readonly metrics: FontMetrics,
    readonly deck: { footer: string; draft: boolean; draftMark: string },
  ) {}

  /** Footer and stamp: on every layout. */
  #shared(): MasterObject[] {
    const { footer, stamp, colors } = this.look;
    const objects: MasterObject[] = [
      {
        text: {
          text: this.deck.footer,
          options: { ...textOptions(footer.style), x: inch(footer.x), y: inch(footer.y), w: inch(footer.w), h: inch(footer.h), margin: 0, valign: 'top', objectName: 'Footer' },
        },
      },
    ];
    if (this.deck.draft) {
      const [t, r, b, l] = stamp.inset;
      objects.push({
        text: {
          text: this.deck.draftMark,
          options: {
            ...textOptions(stamp.style),
            shape: 'rect' as ShapeName,
            x: inch(stamp.x),
            y: inch(stamp.y),
            w: inch(stamp.w),
            h: inch(stamp.h),
            align: 'center',
            valign: 'middle',
            fill: { color: colors.white },
            line: { color: colors.red, width: pt(stamp.border) },
            margin: [pt(l), pt(r), pt(b), pt(t)],
            charSpacing: pt(stamp.letterSpacing),
            objectName: 'Draft stamp',
          },
        },
      });
    }
    return objects;
  }

  /** A content slide's layout; `titleInset` px moves the title right (room for a tag before it). */
  content(titleInset = 0): Layout {
    const name = `KYOSO_CONTENT${titleInset > 0 ? `_${Math.round(titleInset)}` : ''}`;
    const known = this.#layouts.get(name);
    if (known) return known;
    const { heading, colors, pageNumber } = this.look;
    const title = { x: heading.x + titleInset, y: heading.y, w: heading.w - titleInset, h: heading.h, style: heading.style };
    this.pptx.defineSlideMaster({
      title: name,
      background: { color: colors.white },
      objects: [
        { rect: { x: 0, y: 0, w: inch(heading.barWidth), h: inch(heading.ruleY), fill: { color: colors.blue }, line: { color: colors.blue, width: 0 } } },
        { rect: { x: 0, y: inch(heading.ruleY), w: inch(SLIDE_W), h: inch(heading.ruleHeight), fill: { color: colors.blue }, line: { color: colors.blue, width: 0 } } },
        ...this.#shared(),
        {
          placeholder: {
            options: {
              ...textOptions(heading.style),
              name: 'title',
              type: 'title',
              x: inch(title.x),
              y: inch(title.y),
              w: inch(title.w),
              h: inch(title.h),
              align: 'left',
              valign: 'middle',
              margin: 0,
            },
            text: '',
          },
        },
      ],
      slideNumber: {
        x: inch(pageNumber.x),
        y: inch(pageNumber.y),
        w: inch(pageNumber.w),
        h: inch(pageNumber.h),
        fontFace: PPTX_FONT,
        fontSize: pt(pageNumber.style.size),
        color: pageNumber.style.color,
        align: 'right',
        margin: [0, 0, 0, 0],
      } as SlideNumberProps,
    });
    const layout = { name, title };
    this.#layouts.set(name, layout);
    return layout;
  }

  /** The title slide's layout: the title placeholder as tall as the deck's title needs. */
  titleSlide(titleText: string): Layout {
    const name = 'KYOSO_TITLE';
    const known = this.#layouts.get(name);
    if (known) return known;
    const { theme, look } = this;
    const block = 'section.title .title-block';
    const style = theme.style('section.title .title-main', look.base);
    const x = theme.px(block, 'left');
    const w = SLIDE_W - x - theme.px(block, 'right');
    const h = heightOf(this.metrics, [para(titleText, style)], w);
    const title = { x, y: theme.px(block, 'top'), w, h, style };
    const split = SLIDE_H * theme.percent('section.title', 'background');
    this.pptx.defineSlideMaster({
      title: name,
      background: { color: look.colors.white },
      objects: [
        {
          rect: {
            x: 0,
            y: inch(split),
            w: inch(SLIDE_W),
            h: inch(SLIDE_H - split),
            fill: { color: theme.lastColor('section.title', 'background') },
            line: { color: theme.lastColor('section.title', 'background'), width: 0 },
          },
        },
        ...this.#shared(),
        {
          placeholder: {
            options: {
              ...textOptions(style),
              name: 'title',
              type: 'title',
              x: inch(title.x),
              y: inch(title.y),
              w: inch(title.w),
              h: inch(title.h),
              align: 'left',
              valign: 'top',
              margin: 0,
            },
            text: '',
          },
        },
      ],
    });
    const layout = { name, title };
    this.#layouts.set(name, layout);
    return layout;
  }
}
