/**
 * Underscores in links stay visible (issue 31): a printed URL such as `a_menu` must not read as
 * `a menu` because the link's underline covers the underscore. The `a` rule of each template (the
 * slide theme and the 公募要領's stylesheet, read from the files) is applied to `_` set in the
 * bundled font, with the glyph black and the underline red; a screenshot at print resolution is
 * read back in the page (canvas) row by row: the underscore's ink must lie in rows no red
 * reaches, so the two stay apart on paper.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession, type ResolvedBrowser } from '../../src/stages/convert/browser.ts';
import { FONT_FAMILY, fontFaceCss } from '../../src/stages/convert/fonts.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { testBrowser } from '../helpers/browser.ts';

const resolved: ResolvedBrowser | undefined = await testBrowser('underscore.test');

/** The `a { … }` rule of a template's stylesheet, as written there. */
function linkRule(rel: string): string {
  const css = readFileSync(path.join(TOOL_ROOT, 'templates', rel), 'utf8');
  const rule = /(^|\n)a \{[^}]*\}/u.exec(css)?.[0];
  if (!rule) throw new Error(`no a { … } rule in ${rel}`);
  return rule.trim();
}

interface Rows {
  /** Rows holding the underscore's ink (dark, not red). */
  glyph: number[];
  /** Rows the underline paints (red). */
  line: number[];
}

/** Where the underscore and the underline print, at `size` px and a device scale of 3 (~288 dpi for a 96-px inch). */
async function rowsOf(session: BrowserSession, rule: string, size: number): Promise<Rows> {
  const css = await fontFaceCss('_a');
  const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>${css}
    body { margin: 0; background: #fff; font-family: '${FONT_FAMILY}'; font-size: ${size}px; line-height: 2; }
    ${rule}
    a { color: #000 !important; text-decoration-color: #f00 !important; }
    #probe { display: inline-block; padding: 4px 8px; }</style></head>
    <body><span id="probe"><a href="https://example.jp/a_a">_</a></span></body></html>`;
  return session.withPage(async (page) => {
    await page.setViewport({ width: 200, height: 200, deviceScaleFactor: 3 });
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const probe = await page.$('#probe');
    const shot = Buffer.from(await probe!.screenshot({ encoding: 'binary' })).toString('base64');
    return page.evaluate(async (b64: string) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, img.width, img.height);
      const glyph = new Set<number>();
      const line = new Set<number>();
      for (let y = 0; y < img.height; y++)
        for (let x = 0; x < img.width; x++) {
          const i = (y * img.width + x) * 4;
          const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
          // Red (the underline, antialiased toward white or mixed with ink), else grey-to-black ink.
          if (r - g > 60 && r - b > 60) line.add(y);
          else if (r + g + b < 3 * 200 && Math.abs(r - g) < 40 && Math.abs(r - b) < 40) glyph.add(y);
        }
      return { glyph: [...glyph].sort((a, b) => a - b), line: [...line].sort((a, b) => a - b) };
    }, shot);
  });
}

describe.skipIf(!resolved)('an underscore in a link stays visible above the underline', () => {
  let session: BrowserSession;
  beforeAll(() => {
    session = new BrowserSession({ resolved: resolved! });
  });
  afterAll(() => session.close());

  // The sizes a URL prints at: the slides' small text and body; the 公募要領's 10.5 pt body (14 px).
  for (const [rel, sizes] of [
    ['themes/kyoso.css', [14, 18, 22]],
    ['guidelines/guideline.css', [12, 14]],
  ] as const)
    for (const size of sizes)
      it(`${rel} at ${size} px`, async () => {
        const { glyph, line } = await rowsOf(session, linkRule(rel), size);
        expect(line.length, 'the underline is drawn').toBeGreaterThan(0);
        expect(glyph.length, 'the underscore has ink of its own').toBeGreaterThan(0);
        // Apart: no row holds both, and a clear row lies between the underscore and the underline.
        expect(glyph.filter((y) => line.includes(y))).toEqual([]);
        expect(Math.min(...line) - Math.max(...glyph), `underscore rows ${glyph.join(',')}, underline rows ${line.join(',')}`).toBeGreaterThanOrEqual(2);
      });
});
