/**
 * Screenshots of an edition's web page for the docs, at a phone's width (375 px) and a desktop's
 * (1280 px), whole page, in the project's Chromium:
 *   npm run build -- r3 && npx tsx scripts/web-screenshots.ts r3
 * writes docs/images/web-375.png and docs/images/web-1280.png. The page is opened from output/
 * as a visitor opens it (file: URL, nothing outside output/ allowed).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserSession, loadFonts } from '../src/stages/convert/browser.ts';
import { projectPaths, TOOL_ROOT } from '../src/shared/paths.ts';
import { WEB_PAGE } from '../src/outputs/web/index.ts';

const edition = process.argv[2] ?? 'r3';
const paths = projectPaths({ root: TOOL_ROOT });
const page = path.join(paths.outDir, edition, WEB_PAGE);
const session = new BrowserSession();
try {
  for (const width of [375, 1280]) {
    const png = await session.withPage(
      async (p) => {
        await p.setViewport({ width, height: 800 });
        await p.goto(pathToFileURL(page).href, { waitUntil: 'load' });
        await loadFonts(p);
        return p.screenshot({ fullPage: true, type: 'png' });
      },
      { allowedRoots: [paths.outDir] },
    );
    const out = path.join(TOOL_ROOT, 'docs', 'images', `web-${width}.png`);
    await writeFile(out, png);
    console.log(`${path.relative(TOOL_ROOT, out)} (${png.length} bytes)`);
  }
} finally {
  await session.close();
}
