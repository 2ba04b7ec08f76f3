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
import type { SlideView } from '../../stages/render/deck-view.ts';
import { heightOf, para, SlideCanvas, widthOf } from './canvas.ts';
import { Frame } from './frame.ts';
import { loadPhraser, withKeepTogether } from '../../stages/render/phrases.ts';
import { builderOf, type KindBuilder } from './kinds/index.ts';
import { breaking, type BreakCache, type BreakMode } from './line-breaks.ts';
import { deckLook } from './look.ts';
import { loadMarkdownParser } from './markdown.ts';
import type { Slide } from './pptxgen-types.ts';
import type { TemplateGeometry } from './template-geometry.ts';
import type { TextStyle, ThemeTokens } from './theme.ts';

export interface NativeDeckInput {
  view: DeckView;
  theme: ThemeTokens;
  geometry: TemplateGeometry;
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

/** A slide's fit: its --k (undefined: a theme without one) and how it breaks its lines. */
interface Fit {
  k: number | undefined;
  mode: BreakMode;
  /** `wrap`: the paragraphs (by text) left to the renderer. */
  wrapOnly?: ReadonlySet<string>;
}

export async function buildNativePptx(input: NativeDeckInput): Promise<NativeDeck> {
  const { view, theme, meta, geometry } = input;
  // pptxgenjs ships CJS typings whose default export TypeScript cannot see as a class under NodeNext.
  const [mod, metrics, markdown] = await Promise.all([import('pptxgenjs') as unknown as Promise<{ default: new () => Pptx }>, loadFontMetrics(), loadMarkdownParser()]);
  const pptx = new mod.default();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = meta.title;
  pptx.author = meta.author;
  pptx.subject = meta.subject;
  pptx.company = meta.company;
  // Latin faces of the theme fonts; the post-processor adds the East Asian ones.
  pptx.theme = { headFontFace: PPTX_FONT, bodyFontFace: PPTX_FONT };

  const stampWidth = (style: TextStyle, letterSpacing: number): number => widthOf(metrics, para(view.draftMark, style)) + letterSpacing * [...view.draftMark].length;
  const look = deckLook(theme.has('section', '--k') ? theme.at({ '--k': '1' }) : theme, stampWidth);
  const frame = new Frame(pptx, look, theme, metrics, view);
  const problems: FitProblem[] = [];

  // The theme may size its text `floor + headroom × --k` (fitted per slide, as the PDF's build
  // does in the browser): then each slide takes the largest --k in [0, 1] at which it fits,
  // found by laying it out on a slide that draws nothing; a theme without --k is used as it is.
  const fits = theme.has('section', '--k');
  const linkColor = theme.has('a', 'color') ? theme.color('a', 'color') : undefined;
  const dryRun = { addText() {}, addShape() {}, addTable() {} } as unknown as Slide;
  const breaks: BreakCache = new Map();
  const lay = (kind: KindBuilder, slide: SlideView, target: Slide, fit: Fit): SlideCanvas => {
    const { k } = fit;
    const t = k === undefined ? theme : theme.at({ '--k': String(k) });
    const canvas = new SlideCanvas(target, metrics, linkColor, breaking(fit.mode, breaks, fit.wrapOnly));
    const area = { ...look.area };
    if (kind.layout === 'title') area.y = 0;
    kind.draw({ canvas, theme: t, look: k === undefined ? look : deckLook(t, stampWidth), view: slide.ctx, area, geometry, markdown });
    canvas.check({ ja: 'スライドの内容（下端）', en: 'the slide content (bottom edge)' }, canvas.bottom, area.bottom);
    return canvas;
  };
  // How a slide breaks its lines (line-breaks.ts), best first: between phrases with nothing
  // left to the renderer, then with the fewest lines; then the same with stretches wider than
  // their line left to the renderer (a long name in a narrow cell at the type's floor); the
  // renderer's own wrapping last. Each with the largest --k at which the slide fits: the
  // type shrinks before a line breaks anywhere but between phrases.
  const tries: Array<{ mode: BreakMode; whole: boolean }> = [
    { mode: 'phrase', whole: true },
    { mode: 'lines', whole: true },
    { mode: 'phrase', whole: false },
    { mode: 'lines', whole: false },
    { mode: 'wrap', whole: false },
  ];
  // The renderer's wrapping is then kept only for the paragraphs the slide cannot fit without:
  // one by one, each is given its breaks back while the slide still fits.
  const fewestLeft = (kind: KindBuilder, slide: SlideView, fit: Fit): Fit => {
    if (fit.mode !== 'wrap') return fit;
    const left = new Set(lay(kind, slide, dryRun, fit).lines.left);
    for (const text of [...left]) {
      left.delete(text);
      if (lay(kind, slide, dryRun, { ...fit, wrapOnly: new Set(left) }).problems.length > 0) left.add(text);
    }
    return { ...fit, wrapOnly: left };
  };
  const fitOf = (kind: KindBuilder, slide: SlideView): Fit => fewestLeft(kind, slide, bestFit(kind, slide));
  const bestFit = (kind: KindBuilder, slide: SlideView): Fit => {
    for (const { mode, whole } of tries) {
      const ok = (k: number | undefined): boolean => {
        const c = lay(kind, slide, dryRun, { k, mode });
        return c.problems.length === 0 && (!whole || c.lines.overfull === 0);
      };
      if (!fits) {
        if (ok(undefined)) return { k: undefined, mode };
        continue;
      }
      if (ok(1)) return { k: 1, mode };
      if (!ok(0)) continue;
      let [lo, hi] = [0, 1];
      for (let i = 0; i < 7; i++) {
        const mid = (lo + hi) / 2;
        if (ok(mid)) lo = mid;
        else hi = mid;
      }
      return { k: Math.floor(lo * 100) / 100, mode };
    }
    // Nothing fits: laid out as small as the theme allows, the problems reported.
    return { k: fits ? 0 : undefined, mode: 'wrap' };
  };

  // Line breaks go between phrases with the deck's keep-together list (line-breaks.ts).
  await loadPhraser();
  withKeepTogether(view.keepTogether, () =>
    view.slides.forEach((slide, index) => {
      // The registry has a builder for every kind (a compile error otherwise), taking its kind's view-model.
      const kind: KindBuilder = builderOf(slide.kind);
      const layout = kind.layout === 'title' ? frame.titleSlide(slide.title) : frame.content(kind.titleInset?.({ theme, look, view: slide.ctx, metrics }) ?? 0);
      const s = pptx.addSlide({ masterName: layout.name });

      // The slide's heading in the layout's title placeholder (outline, accessibility checker).
      const { title } = layout;
      const headingFits = heightOf(metrics, [para(slide.title, title.style)], title.w) <= title.h + 0.5;
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

      // Speaker notes from deck.yaml (never printed on the slide).
      if (slide.speakerNotes) s.addNotes(slide.speakerNotes);

      const fit = fitOf(kind, slide);
      const canvas = lay(kind, slide, s, fit);
      if (!headingFits) canvas.check({ ja: '見出し', en: 'the heading' }, heightOf(metrics, [para(slide.title, title.style)], title.w), title.h);
      for (const p of canvas.problems) problems.push({ slide: index + 1, heading: slide.title, source: slide.source, ...p });
    }),
  );

  const out = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return { bytes: new Uint8Array(out), problems };
}
