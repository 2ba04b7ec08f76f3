/**
 * A slide's content uses its height (issue 31, balance): in r3's printed deck no slide leaves more
 * than a quarter of its body empty under the content, and no content comes closer than 16 px to
 * the footer. Measured in the browser on the emitted (fitted) Markdown, through the same Marp,
 * theme and fonts as the PDF: the body is the slide's content box (inside its padding: the
 * heading band above, the footer below), the content every box in it but the heading, the draft
 * stamp and the footer.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { fontFaceCss } from '../../src/stages/convert/fonts.ts';
import { renderMarp, slidesDocument } from '../../src/stages/convert/marp.ts';
import { inPage } from '../../src/stages/convert/page-script.ts';
import { testBrowser } from '../helpers/browser.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const resolved = await testBrowser('slide-balance.test.ts');

/** At most this share of a slide's body may stay empty under its content. */
const MAX_EMPTY = 0.25;
/** Content ends at least this far (px) above the footer. */
const FOOTER_GAP = 16;

interface Balance {
  slide: number;
  title: boolean;
  /** Share of the body empty under the content. */
  empty: number;
  /** px between the content's lowest edge and the footer's top (Infinity: no footer). */
  gap: number;
}

/** Runs in the page. Per slide: how much of its body the content leaves empty, and how close it comes to the footer. */
function balances(): Balance[] {
  const px = (v: string): number => Number.parseFloat(v) || 0;
  return Array.from(document.querySelectorAll<HTMLElement>('div.marpit > section')).map((section, i) => {
    const outer = section.getBoundingClientRect();
    const ss = getComputedStyle(section);
    const top = outer.top + px(ss.paddingTop);
    const bottom = outer.bottom - px(ss.paddingBottom);
    let lowest = top;
    for (const el of Array.from(section.querySelectorAll('*'))) {
      if (el.closest('header, footer, section > h1')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      lowest = Math.max(lowest, r.bottom);
    }
    const footer = section.querySelector('footer');
    const footerTop = footer ? footer.getBoundingClientRect().top : Number.POSITIVE_INFINITY;
    return {
      slide: i + 1,
      title: section.classList.contains('title') || section.classList.contains('contact'),
      empty: (bottom - lowest) / (bottom - top),
      gap: footerTop - lowest,
    };
  });
}

describe.skipIf(!resolved)('the balance of r3’s slides', () => {
  const session = new BrowserSession({ resolved: resolved! });
  let project: TempProject;
  let measured: Balance[];

  beforeAll(async () => {
    project = await tempProject();
    await build({ paths: project.paths, editions: ['r3'], only: 'slides', formats: ['md'], session, force: true });
    const markdown = await readFile(path.join(project.paths.outDir, 'r3', 'slides', 'r3-slides.md'), 'utf8');
    const theme = await readFile(path.join(TOOL_ROOT, 'templates', 'themes', 'kyoso.css'), 'utf8');
    const html = slidesDocument(renderMarp(markdown, theme), { title: 'balance', fontCss: await fontFaceCss(markdown + theme) });
    measured = await session.withPage(async (page) => {
      await page.setViewport({ width: 1280, height: 720 });
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready');
      return (await page.evaluate(inPage(balances))) as Balance[];
    });
  }, 300_000);
  afterAll(async () => {
    await session.close();
    await project?.dispose();
  });

  it('measures every slide', () => {
    expect(measured.length).toBeGreaterThan(8);
    // The check can see a slide's content: the programme table fills its slide.
    expect(Math.min(...measured.map((b) => b.empty))).toBeLessThan(0.1);
  });

  it('leaves no content slide with more than a quarter of its body empty at the bottom', () => {
    const loose = measured.filter((b) => !b.title && b.empty > MAX_EMPTY);
    expect(loose.map((b) => `slide ${b.slide}: ${Math.round(b.empty * 100)} % empty`)).toEqual([]);
  });

  it(`ends every slide's content at least ${FOOTER_GAP} px above the footer`, () => {
    const tight = measured.filter((b) => b.gap < FOOTER_GAP);
    expect(tight.map((b) => `slide ${b.slide}: ${b.gap.toFixed(1)} px above the footer`)).toEqual([]);
  });
});
