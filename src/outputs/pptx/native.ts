/**
 * The native PowerPoint deck: every slide as PowerPoint objects (text boxes with paragraphs
 * and bullets, tables with merged cells and header rows, shapes with text), drawn from the
 * slide view-models by the kind builders (kinds/), on layouts with a real title placeholder
 * (frame.ts). No browser: text is measured with the bundled font (textfit.ts). What would not
 * fit is returned as problems (slide, what, how much, data file) for the caller to raise.
 */
import type { Pptx } from './pptxgen-types.ts';
import type { Message } from '../../shared/values.ts';
import type { DeckView } from '../../stages/render/deck-view.ts';
import { loadFontMetrics } from '../../stages/convert/textfit.ts';
import { PPTX_FONT } from '../../stages/postprocess/pptx-xml.ts';
import { para, SlideCanvas, widthOf } from './canvas.ts';
import { Frame } from './frame.ts';
import { kindOf, SLIDE_KINDS } from './kinds/index.ts';
import { deckLook } from './look.ts';
import type { ThemeTokens } from './theme.ts';

export interface NativeDeckInput {
  view: DeckView;
  theme: ThemeTokens;
  meta: { title: string; author: string; subject: string; company: string };
}

export interface FitProblem {
  slide: number;
  heading: string;
  what: Message;
  need: number;
  room: number;
  source: string;
}

export interface NativeDeck {
  bytes: Uint8Array;
  problems: FitProblem[];
}

const pt = (px: number): number => Math.round(px * 0.75 * 100) / 100;

export async function buildNativePptx(input: NativeDeckInput): Promise<NativeDeck> {
  const { view, theme, meta } = input;
  // pptxgenjs ships CJS typings whose default export TypeScript cannot see as a class under NodeNext.
  const [mod, metrics] = await Promise.all([import('pptxgenjs') as unknown as Promise<{ default: new () => Pptx }>, loadFontMetrics()]);
  const pptx = new mod.default();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = meta.title;
  pptx.author = meta.author;
  pptx.subject = meta.subject;
  pptx.company = meta.company;
  // Latin faces of the theme fonts; the post-processor adds the East Asian ones.
  pptx.theme = { headFontFace: PPTX_FONT, bodyFontFace: PPTX_FONT };

  const look = deckLook(theme, (style, letterSpacing) => widthOf(metrics, para(view.draftMark, style)) + letterSpacing * [...view.draftMark].length);
  const frame = new Frame(pptx, look, theme, metrics, view);
  const problems: FitProblem[] = [];

  view.slides.forEach((slide, index) => {
    const kind = SLIDE_KINDS[kindOf(slide)];
    if (!kind) throw new Error(`no PPTX builder for the slide kind "${kindOf(slide)}" (slide ${index + 1})`);
    const layout = kind.layout === 'title' ? frame.titleSlide(slide.title) : frame.content(kind.titleInset?.({ theme, look, slide, metrics }) ?? 0);
    const s = pptx.addSlide({ masterName: layout.name });
    const canvas = new SlideCanvas(s, metrics);

    // The slide's heading in the layout's title placeholder (outline, accessibility checker).
    const { title } = layout;
    const heading = para(slide.title, title.style);
    canvas.check({ ja: '見出し', en: 'the heading' }, canvas.heightOf([heading], title.w), title.h);
    s.addText(
      [
        {
          text: slide.title,
          options: {
            fontFace: PPTX_FONT,
            lang: 'ja-JP',
            fontSize: pt(title.style.size),
            bold: title.style.bold,
            color: title.style.color,
            lineSpacing: pt(title.style.size * title.style.lineHeight),
          },
        },
      ],
      { placeholder: 'title' },
    );

    const area = { ...look.area };
    if (kind.layout === 'title') area.y = 0;
    kind.draw({ canvas, theme, look, slide, area });
    canvas.check({ ja: 'スライドの内容（下端）', en: 'the slide content (bottom edge)' }, canvas.bottom, area.bottom);
    for (const p of canvas.problems) problems.push({ slide: index + 1, heading: slide.title, source: slide.source, ...p });
  });

  const out = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return { bytes: new Uint8Array(out), problems };
}
