/**
 * Issue #31, measured on what is printed: no line of the slides or the 公募要領 breaks inside
 * a word or a name (pdftotext -bbox-layout against the phrases of each paragraph with the
 * keep-together list, test/helpers/breaks.ts), for r3 and the fixture edition r4; one link
 * annotation per visual line of a URL at most, each with /Contents; XMP with the title and
 * language.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { guidelineView, renderGuidelineHtml } from '../../src/stages/render/guideline-view.ts';
import { keepTogetherOf } from '../../src/stages/render/keep-together.ts';
import { htmlParagraphs, judgeBreaks, printedBlocks } from '../helpers/breaks.ts';
import { pdfInfo, withFixture, type TempProject } from '../helpers/project.ts';
import { linkUris } from '../helpers/typeset.ts';
import { testBrowser } from '../helpers/browser.ts';

const resolved = await testBrowser('line-breaks.test.ts');

describe.skipIf(!resolved)('line breaks and links as printed', () => {
  const session = new BrowserSession({ resolved: resolved! });
  let p: TempProject;
  beforeAll(async () => {
    p = await withFixture();
    await build({ paths: p.paths, editions: ['r3', 'r4'], formats: ['pdf', 'html', 'guideline'], session, force: true });
  });
  afterAll(async () => {
    await session.close();
    await p.dispose();
  });

  for (const id of ['r3', 'r4']) {
    it(`${id}: no line breaks inside a word or a name, in the slides and every 公募要領`, async () => {
      const [valid] = await loadEditions(p.paths, [id], { text: 'none' });
      const e = valid!.edition;
      const keep = keepTogetherOf(e);
      const out = (rel: string) => path.join(p.paths.outDir, id, rel);
      const docs: Array<{ pdf: string; html: string }> = [{ pdf: out(`slides/${id}-slides.pdf`), html: await readFile(out(`slides/${id}-slides.html`), 'utf8') }];
      for (const g of e.guidelines) {
        const call = e.calls.find((c) => c.id === g.call)!;
        docs.push({ pdf: out(`guidelines/${g.call}.pdf`), html: await renderGuidelineHtml(p.paths.templatesDir, guidelineView(e, call, g)) });
      }
      let lineEnds = 0;
      for (const d of docs) {
        const blocks = printedBlocks(d.pdf);
        lineEnds += blocks.reduce((n, b) => n + b.lines.length - 1, 0);
        const inside = (await judgeBreaks(blocks, keep, htmlParagraphs(d.html))).filter((b) => b.insideWord);
        expect(
          inside.map((b) => `p${b.page} ${b.at} (${b.why})`),
          path.basename(d.pdf),
        ).toEqual([]);
      }
      // The measure saw real wrapped text.
      expect(lineEnds).toBeGreaterThan(50);
    });
  }

  it('r3: one link annotation per line of a URL at most, each with /Contents; XMP with title and language', async () => {
    for (const rel of ['slides/r3-slides.pdf', 'guidelines/kyoso.pdf']) {
      const file = path.join(p.paths.outDir, 'r3', rel);
      const perUri = new Map<string, number>();
      for (const uris of (await linkUris(file)).values()) for (const u of uris) perUri.set(u, (perUri.get(u) ?? 0) + 1);
      expect(perUri.size, rel).toBeGreaterThan(0);
      // The longest URL in either document takes at most two lines.
      for (const [u, n] of perUri) expect(n, `${rel}: ${u}`).toBeLessThanOrEqual(2);
      const bytes = (await readFile(file)).toString('latin1');
      expect(bytes.match(/\/Subtype\s*\/Link/g)?.length, rel).toBe(bytes.match(/\/Contents\s*</g)?.length);
      const xmp = execMeta(file);
      expect(xmp, rel).toContain('<dc:language><rdf:Bag><rdf:li>ja-JP</rdf:li>');
      expect(xmp, rel).toContain(`<rdf:li xml:lang="x-default">${pdfInfo(file).Title}</rdf:li>`);
    }
  });
});

function execMeta(file: string): string {
  // pdfinfo -meta prints the catalog's XMP packet.
  return execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
}
