/**
 * Stage 4 — convert (slides): one page load of the deck serves the overflow
 * check, the PDF and every PNG; the picture PPTX is assembled from those same PNGs,
 * so the browser renders each slide once.
 */
import type { Page } from 'puppeteer-core';
import { type KyosoError, fail } from '../../shared/errors.ts';
import { TIMEOUTS, loadFonts, printPdf, withTimeout, type BrowserSession } from './browser.ts';

export const SLIDE_WIDTH = 1280;
export const SLIDE_HEIGHT = 720;
/** PNGs at 1.5× (1920×1080): sharp enough for review and for a projector-sized PPTX. */
export const IMAGE_SCALE = 1.5;

export interface Overflow {
  /** 1-based slide number. */
  slide: number;
  /** The slide's heading, to recognise it. */
  heading: string;
  /** How far the content spills, in CSS px. */
  overflowX: number;
  overflowY: number;
  /** Data file / field that fills the overflowing block (`data-source` of the nearest annotated element). */
  source: string;
}

export interface SlideConversion {
  pdf?: Uint8Array;
  pngs: Uint8Array[];
  overflows: Overflow[];
  /** Requests the sandbox refused (should be none for our own templates). */
  blocked: string[];
}

/** Measured in the page: every element box must stay inside its slide. */
function measureOverflow(): Array<Omit<Overflow, 'slide'> & { index: number }> {
  const out: Array<Omit<Overflow, 'slide'> & { index: number }> = [];
  const sections = Array.from(document.querySelectorAll<HTMLElement>('div.marpit > section'));
  sections.forEach((section, index) => {
    const box = section.getBoundingClientRect();
    let worst: { x: number; y: number; el: Element } | undefined;
    for (const el of Array.from(section.querySelectorAll('*'))) {
      if (el.closest('header, footer')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const x = Math.max(0, r.right - box.right, box.left - r.left);
      const y = Math.max(0, r.bottom - box.bottom, box.top - r.top);
      // Half a pixel of sub-pixel rounding is not an overflow.
      if ((x > 1 || y > 1) && (!worst || x + y > worst.x + worst.y)) worst = { x, y, el };
    }
    // Text that overflows its own box without a taller child (e.g. a long word).
    const sx = section.scrollWidth - section.clientWidth;
    const sy = section.scrollHeight - section.clientHeight;
    if (!worst && (sx > 1 || sy > 1)) worst = { x: Math.max(0, sx), y: Math.max(0, sy), el: section };
    if (worst) {
      const src = worst.el.closest('[data-source]')?.getAttribute('data-source') ?? section.querySelector('[data-source]')?.getAttribute('data-source') ?? '';
      const heading = section.querySelector('h1')?.textContent ?? '';
      out.push({ index, heading, overflowX: Math.round(worst.x), overflowY: Math.round(worst.y), source: src });
    }
  });
  return out;
}

export async function convertSlides(session: BrowserSession, html: string, opts: { pdf: boolean; png: boolean; allowedRoots: readonly string[] }): Promise<SlideConversion> {
  return session.withPage(
    async (page: Page, ctx) => {
      await page.setViewport({ width: SLIDE_WIDTH, height: SLIDE_HEIGHT, deviceScaleFactor: IMAGE_SCALE });
      await page.setContent(html, { waitUntil: 'load', timeout: TIMEOUTS.navigation });
      // Measured and screenshotted below, so every face must be in before anything else.
      await loadFonts(page);
      const measured = await page.evaluate(measureOverflow);
      const overflows = measured.map(({ index, ...rest }) => ({ slide: index + 1, ...rest }));

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
      }
      return { pdf, pngs, overflows, blocked: ctx.blockedRequests.map((b) => b.url) };
    },
    { allowedRoots: opts.allowedRoots },
  );
}

/** The overflow error (or warning text) naming each slide and the data that fills it. */
export function overflowError(editionId: string, overflows: Overflow[]): KyosoError {
  return fail('overflow', { edition: editionId, slides: overflows.map((o) => ({ slide: o.slide, heading: o.heading, x: o.overflowX, y: o.overflowY, source: o.source })) });
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
