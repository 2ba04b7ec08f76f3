/**
 * Stage 4 — convert (slides): one page load of the deck serves the fit of each
 * slide and the overflow check (slide-layout.ts), the PDF and every PNG; the PPTX is assembled from those same PNGs, so
 * the browser renders each slide once.
 */
import type { Page } from 'puppeteer-core';
import { type KyosoError, fail } from '../../shared/errors.ts';
import { TIMEOUTS, loadFonts, printPdf, withTimeout, type BrowserSession } from './browser.ts';
import { debug } from '../../shared/debug.ts';

const trace = debug('deck');
import { fitSlidesScript, type SlideLayout } from './slide-layout.ts';

export const SLIDE_WIDTH = 1280;
export const SLIDE_HEIGHT = 720;
/** PNGs at 1.5× (1920×1080): sharp enough for review and for a projector-sized PPTX. */
export const IMAGE_SCALE = 1.5;

export interface Overflow {
  /** 1-based slide number. */
  slide: number;
  /** The slide's heading, to recognise it. */
  heading: string;
  /** How far the content spills, in CSS px (0 and 0 for an overlap). */
  overflowX: number;
  overflowY: number;
  /** Two pieces of text drawn over each other, when that is the fault. */
  overlap?: [string, string];
  /** Data file / field that fills the overflowing block (`data-source` of the nearest annotated element). */
  source: string;
}

export interface SlideConversion {
  pdf?: Uint8Array;
  pngs: Uint8Array[];
  overflows: Overflow[];
  /** The fit of each slide (slide-layout.ts): what the Markdown and the HTML viewer must carry. */
  fits: number[];
  /** The whole measurement, per slide (tests read the sizes). */
  layouts: SlideLayout[];
  /** Requests the sandbox refused (should be none for our own templates). */
  blocked: string[];
}

/** A slide that does not fit at the floors: overflow first (it names how far), else the overlap. */
function overflowOf(l: SlideLayout): Overflow | undefined {
  if (l.overflow) return { slide: l.index + 1, heading: l.heading, overflowX: l.overflow.x, overflowY: l.overflow.y, source: l.overflow.source };
  if (l.overlap) return { slide: l.index + 1, heading: l.heading, overflowX: 0, overflowY: 0, overlap: l.overlap.texts, source: l.overlap.source };
  return undefined;
}

/** Text below its floor fails (a theme error); what does not fit is returned, for the caller to fail or warn. */
export function assessLayouts(layouts: readonly SlideLayout[]): Overflow[] {
  const belowFloor = layouts.flatMap((l) => l.belowFloor.map((b) => ({ slide: l.index + 1, ...b })));
  if (belowFloor.length > 0) throw fail('textBelowFloor', { slides: belowFloor });
  return layouts.map(overflowOf).filter((o): o is Overflow => o !== undefined);
}

export async function convertSlides(session: BrowserSession, html: string, opts: { pdf: boolean; png: boolean; allowedRoots: readonly string[] }): Promise<SlideConversion> {
  return session.withPage(
    async (page: Page, ctx) => {
      await page.setViewport({ width: SLIDE_WIDTH, height: SLIDE_HEIGHT, deviceScaleFactor: IMAGE_SCALE });
      trace('page ready');
      await page.setContent(html, { waitUntil: 'load', timeout: TIMEOUTS.navigation });
      trace(`content set (${html.length} chars)`);
      // Measured and screenshotted below, so every face must be in before anything else.
      await loadFonts(page);
      trace('fonts loaded');
      ctx.contentLoaded();
      // Each slide's sizes are fitted here and stay set on the page that prints and screenshots.
      const layouts = (await page.evaluate(fitSlidesScript())) as SlideLayout[];
      trace(`slides fitted (${layouts.reduce((n, l) => n + l.probes, 0)} layouts measured)`);
      const overflows = assessLayouts(layouts);

      const pngs: Uint8Array[] = [];
      if (opts.png) {
        const count = await page.evaluate(() => document.querySelectorAll('div.marpit > section').length);
        for (let i = 0; i < count; i++) {
          const shot = await withTimeout(
            page.screenshot({ type: 'png', clip: { x: 0, y: i * SLIDE_HEIGHT, width: SLIDE_WIDTH, height: SLIDE_HEIGHT }, captureBeyondViewport: true }),
            TIMEOUTS.screenshot,
            `screenshot of slide ${i + 1}`,
          );
          pngs.push(new Uint8Array(shot));
        }
      }
      let pdf: Uint8Array | undefined;
      if (opts.pdf) {
        // Tagged PDF (printPdf's default) keeps the document accessible (screen readers, reflow).
        pdf = await printPdf(page, { width: `${SLIDE_WIDTH}px`, height: `${SLIDE_HEIGHT}px` });
        trace(`printed (${pdf.byteLength} bytes)`);
      }
      return { pdf, pngs, overflows, fits: layouts.map((l) => l.fit), layouts, blocked: ctx.blockedRequests.map((b) => b.url) };
    },
    { allowedRoots: opts.allowedRoots },
  );
}

/** The overflow error (or warning text) naming each slide and the data that fills it. */
export function overflowError(editionId: string, overflows: Overflow[]): KyosoError {
  return fail('overflow', {
    edition: editionId,
    slides: overflows.map((o) => ({ slide: o.slide, heading: o.heading, x: o.overflowX, y: o.overflowY, source: o.source, ...(o.overlap ? { overlap: o.overlap } : {}) })),
  });
}

/** PPTX from the slide images (what marp-cli does too): exact look, one image per slide, its title as the alt text. */
export async function buildPptx(
  pngs: readonly Uint8Array[],
  meta: { title: string; author: string; subject: string; company: string; altTexts?: readonly string[] },
): Promise<Uint8Array> {
  // pptxgenjs ships CJS typings whose default export TypeScript cannot see as a class under NodeNext.
  const mod = (await import('pptxgenjs')) as unknown as { default: new () => import('pptxgenjs').default };
  const pptx = new mod.default();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = meta.title;
  pptx.author = meta.author;
  pptx.subject = meta.subject;
  pptx.company = meta.company;
  pngs.forEach((png, i) => {
    const slide = pptx.addSlide();
    const altText = meta.altTexts?.[i];
    slide.addImage({ data: `data:image/png;base64,${Buffer.from(png).toString('base64')}`, x: 0, y: 0, w: '100%', h: '100%', ...(altText ? { altText } : {}) });
  });
  const out = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return new Uint8Array(out);
}
