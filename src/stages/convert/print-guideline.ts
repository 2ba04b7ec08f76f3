/**
 * Stage 4 — convert (guidelines): print one 公募要領 with page numbers in its TOC.
 *
 * Chromium writes a named destination for every element an internal link points
 * at; the TOC links to each chapter and section, so after one print we know the
 * page of each. The HTML is rendered again with those numbers and printed again on
 * the same page object. A TOC number is a few digits either way, so the second
 * print normally lays out exactly like the first; if it does not, a third print
 * settles it, and a layout that still moves is an error rather than a wrong TOC.
 *
 * Before the first print the page is measured (guideline-layout.ts): content wider than
 * the text block or text below the floor fails the build. A last page holding only a few
 * lines is balanced: after the first print, the document is printed again with less leading
 * and spacing (`--tight` 0.5, then 1; guideline.css) and the first that saves a page is kept,
 * then its TOC settles. If none does, the page count stands (the content needs it) and
 * --debug says so.
 */
import type { Page } from 'puppeteer-core';
import { debug } from '../../shared/debug.ts';
import { fail } from '../../shared/errors.ts';
import { TIMEOUTS, printPdf, type BrowserSession } from './browser.ts';
import { checkGuidelinePage, GUIDELINE_MIN_FONT_PT, GUIDELINE_TEXT_WIDTH_PX, type GuidelineFault } from './guideline-layout.ts';
import { inPage } from './page-script.ts';
import { readPrintedLayout } from './pdf-read.ts';

export interface PrintedGuideline {
  pdf: Uint8Array;
  /** Named destination (element id) → 0-based page index in `pdf`. */
  destinations: Map<string, number>;
  /** How many prints it took (2 in the normal case, 3 when a tighter spacing saved a page). */
  passes: number;
  /** URLs the request sandbox refused (the caller reports them, as the deck's are). */
  blocked: string[];
  /** Pages, and how full the last one is (0–1 of the text block's height). */
  pages: number;
  lastPageFill: number;
  /** The spacing the document was printed with: 0 (the stylesheet's) to 1 (tightest). */
  tight: number;
}

const MAX_PASSES = 3;
/** A last page less full than this (about ten lines of body text) is worth a page less. */
export const SHORT_LAST_PAGE = 0.25;
const TIGHTER = [0.5, 1] as const;
/** The end-of-document marker the template puts after the last chapter. */
const END_ID = 'document-end';
/** A4 margins of guideline.css in pt: top 22 mm, bottom 20 mm. */
const MARGIN_TOP_PT = (22 / 25.4) * 72;
const MARGIN_BOTTOM_PT = (20 / 25.4) * 72;

const log = debug('browser');

const same = (a: Map<string, number>, b: Map<string, number>): boolean => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** The document with its spacing set (`--tight` on the root element). */
function withTight(html: string, tight: number): string {
  return tight === 0 ? html : html.replace('</head>', `<style>html { --tight: ${tight}; }</style></head>`);
}

interface Print {
  pdf: Uint8Array;
  destinations: Map<string, number>;
  pages: number;
  lastPageFill: number;
}

/** Print `html`; `loaded` when the page holds exactly that document already (the first print, just checked). */
async function print(page: Page, html: string, loaded = false): Promise<Print> {
  const t0 = performance.now();
  if (!loaded) await page.setContent(html, { waitUntil: 'load', timeout: TIMEOUTS.navigation });
  const t1 = performance.now();
  const pdf = await printPdf(page);
  const t2 = performance.now();
  const { destinations, point: end } = await readPrintedLayout(pdf, END_ID);
  log(`print: load ${Math.round(t1 - t0)} ms, print ${Math.round(t2 - t1)} ms, read back ${Math.round(performance.now() - t2)} ms`);
  const pages = end?.pages ?? 0;
  // The marker's height on the last page: how far down the text block the document runs.
  const lastPageFill = end && end.page === pages - 1 ? (end.pageHeight - MARGIN_TOP_PT - end.y) / (end.pageHeight - MARGIN_TOP_PT - MARGIN_BOTTOM_PT) : 1;
  return { pdf, destinations, pages, lastPageFill: Math.min(1, Math.max(0, lastPageFill)) };
}

/**
 * `render(destinations)` returns the document HTML; it is called with undefined
 * for the first print and with the pages found by the previous print after that.
 * `fault` turns what the layout check found into the build's error.
 */
export async function printGuideline(
  session: BrowserSession,
  render: (destinations: Map<string, number> | undefined) => Promise<string>,
  opts: { allowedRoots: readonly string[]; name: string; fault?: (faults: GuidelineFault[]) => Error },
): Promise<PrintedGuideline> {
  return session.withPage(
    async (page, ctx) => {
      // Laid out as printed: print media, as wide as the page's text block.
      await page.emulateMediaType('print');
      await page.setViewport({ width: Math.floor(GUIDELINE_TEXT_WIDTH_PX), height: 1100 });
      let passes = 0;

      /** One print at a spacing, its TOC numbered from `known` (unnumbered when undefined). */
      const printAt = async (tight: number, known: Map<string, number> | undefined): Promise<Print> => {
        const t0 = performance.now();
        const html = withTight(await render(known), tight);
        const first = passes === 0;
        log(`${opts.name}: render ${Math.round(performance.now() - t0)} ms`);
        if (first) {
          const t1 = performance.now();
          await page.setContent(html, { waitUntil: 'load', timeout: TIMEOUTS.navigation });
          ctx.contentLoaded();
          const t2 = performance.now();
          const faults = (await page.evaluate(inPage(checkGuidelinePage, GUIDELINE_MIN_FONT_PT))) as GuidelineFault[];
          log(`${opts.name}: first load ${Math.round(t2 - t1)} ms, layout check ${Math.round(performance.now() - t2)} ms`);
          if (faults.length > 0) throw opts.fault?.(faults) ?? new Error(`guideline ${opts.name}: ${JSON.stringify(faults)}`);
        }
        // The check only measures, so the first print is of the document it checked, not a second load of it.
        const printed = await print(page, html, first);
        passes++;
        return printed;
      };

      // The spacing is chosen on the first print, before the TOC settles: numbering the TOC
      // changes a few digits, not its lines, so the first print already tells whether the last
      // page is short, and each tighter trial is one print (numbered from the first) instead of a
      // settled pair. The settling below checks the chosen spacing's numbers as before.
      const first = await printAt(0, undefined);
      let tight = 0;
      let best = first;
      let known: Map<string, number> | undefined;
      if (first.lastPageFill < SHORT_LAST_PAGE && first.pages > 2) {
        for (const t of TIGHTER) {
          const trial = await printAt(t, first.destinations);
          if (trial.pages < first.pages) {
            best = trial;
            tight = t;
            known = first.destinations;
            break;
          }
        }
        if (tight === 0) log(`${opts.name}: last page ${Math.round(first.lastPageFill * 100)} % full; tighter spacing saves no page, ${first.pages} pages kept`);
      }
      // Print until the TOC's page numbers are those of the print (at the chosen spacing).
      for (let pass = 1; !(known && same(known, best.destinations)); pass++) {
        if (pass >= MAX_PASSES) throw fail('tocUnsettled', { name: opts.name, passes: MAX_PASSES });
        known = best.destinations;
        best = await printAt(tight, known);
      }
      log(`${opts.name}: ${best.pages} pages, last ${Math.round(best.lastPageFill * 100)} % full, tight ${tight}, ${passes} prints`);
      return { ...best, passes, tight, blocked: [...new Set(ctx.blockedRequests.map((b) => b.url))] };
    },
    { allowedRoots: opts.allowedRoots, timeoutMs: TIMEOUTS.navigation },
  );
}
