/**
 * Stage 4 — convert (guidelines): print one 公募要領 with page numbers in its TOC.
 *
 * Chromium writes a named destination for every element an internal link points
 * at; the TOC links to each chapter and section, so after one print we know the
 * page of each. The HTML is rendered again with those numbers and printed again on
 * the same page object. A TOC number is a few digits either way, so the second
 * print normally lays out exactly like the first; if it does not, a third print
 * settles it, and a layout that still moves is an error rather than a wrong TOC.
 */
import type { Page } from 'puppeteer-core';
import { fail } from '../../shared/errors.ts';
import { readNamedDestinations } from './pdf-read.ts';
import { TIMEOUTS, printPdf, type BrowserSession } from './browser.ts';

export interface PrintedGuideline {
  pdf: Uint8Array;
  /** Named destination (element id) → 0-based page index in `pdf`. */
  destinations: Map<string, number>;
  /** How many prints it took (2 in the normal case). */
  passes: number;
  /** URLs the request sandbox refused (the caller reports them, as the deck's are). */
  blocked: string[];
}

const MAX_PASSES = 3;

async function print(page: Page, html: string): Promise<Uint8Array> {
  await page.setContent(html, { waitUntil: 'load', timeout: TIMEOUTS.navigation });
  return printPdf(page);
}

const same = (a: Map<string, number>, b: Map<string, number>): boolean => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/**
 * `render(destinations)` returns the document HTML; it is called with undefined
 * for the first print and with the pages found by the previous print after that.
 */
export async function printGuideline(
  session: BrowserSession,
  render: (destinations: Map<string, number> | undefined) => Promise<string>,
  opts: { allowedRoots: readonly string[]; name: string },
): Promise<PrintedGuideline> {
  return session.withPage(
    async (page, ctx) => {
      let known: Map<string, number> | undefined;
      for (let pass = 1; pass <= MAX_PASSES; pass++) {
        const pdf = await print(page, await render(known));
        const destinations = await readNamedDestinations(pdf);
        if (known && same(known, destinations)) return { pdf, destinations, passes: pass, blocked: [...new Set(ctx.blockedRequests.map((b) => b.url))] };
        known = destinations;
      }
      throw fail('tocUnsettled', { name: opts.name, passes: MAX_PASSES });
    },
    { allowedRoots: opts.allowedRoots, timeoutMs: TIMEOUTS.navigation },
  );
}
