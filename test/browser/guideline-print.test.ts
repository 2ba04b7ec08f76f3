/**
 * printGuideline's passes: the TOC settles in two prints, and a short last page is balanced
 * by one trial print per tighter spacing (chosen on the first print), then settled. The
 * document is synthetic — blocks of a fixed height that `--tight` shrinks (or not) — so the
 * page counts are known without the real 公募要領's fonts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { printGuideline } from '../../src/stages/convert/print-guideline.ts';
import { testBrowser } from '../helpers/browser.ts';

const resolved = await testBrowser('guideline-print.test');
const itBrowser = resolved ? it : it.skip;

/**
 * `blocks` blocks of 40 mm (35 mm at --tight 0.5 when `shrinks`) on A4 with guideline.css's
 * margins (22 mm top, 20 mm bottom: a 255 mm text block, 6 blocks a page, 7 when tighter).
 * The first block links to every block (the TOC) and prints the page numbers it is given.
 */
function doc(blocks: number, shrinks: boolean) {
  const calls: (Map<string, number> | undefined)[] = [];
  const render = async (dests: Map<string, number> | undefined): Promise<string> => {
    calls.push(dests);
    const height = shrinks ? 'calc(40mm - 10mm * var(--tight))' : '40mm';
    const toc = Array.from({ length: blocks }, (_, i) => `<a href="#b${i}">${i}: ${dests?.get(`b${i}`) ?? '—'}</a>`).join(' ');
    const body = Array.from({ length: blocks }, (_, i) => `<div class="block" id="b${i}">${i === 0 ? toc : `block ${i}`}</div>`).join('');
    return `<!doctype html><html><head><style>
      @page { size: A4; margin: 22mm 0 20mm; }
      html { --tight: 0; }
      body { margin: 0; font: 8pt sans-serif; }
      .block { height: ${height}; box-sizing: border-box; break-inside: avoid; overflow: hidden; }
    </style></head><body>${body}<a href="#document-end"></a><div id="document-end"></div></body></html>`;
  };
  return { render, calls };
}

describe('printGuideline', () => {
  const session = resolved ? new BrowserSession({ resolved }) : undefined;
  afterAll(async () => session?.close());

  itBrowser('settles the TOC in two prints when the last page is full enough', async () => {
    const d = doc(12, true);
    const printed = await printGuideline(session!, d.render, { allowedRoots: [], name: 'full' });
    expect(printed.pages).toBe(2);
    expect(printed.tight).toBe(0);
    expect(printed.passes).toBe(2);
    // The second render numbered the TOC from the first print's pages.
    expect(d.calls[0]).toBeUndefined();
    expect(d.calls[1]?.get('b11')).toBe(1);
  });

  itBrowser('keeps the first tighter spacing that saves a page, in three prints', async () => {
    const d = doc(13, true);
    const printed = await printGuideline(session!, d.render, { allowedRoots: [], name: 'short' });
    expect(printed.tight).toBe(0.5);
    expect(printed.pages).toBe(2);
    expect(printed.passes).toBe(3);
    // Settled: the last render's numbers are the pages of the PDF returned.
    expect([...d.calls.at(-1)!]).toEqual([...printed.destinations]);
    expect(printed.destinations.get('b12')).toBe(1);
  });

  itBrowser('keeps the page count when no spacing saves a page: one trial print each, then the settling print', async () => {
    const d = doc(13, false);
    const printed = await printGuideline(session!, d.render, { allowedRoots: [], name: 'fixed' });
    expect(printed.tight).toBe(0);
    expect(printed.pages).toBe(3);
    expect(printed.passes).toBe(4);
    expect(printed.destinations.get('b12')).toBe(2);
  });
});
