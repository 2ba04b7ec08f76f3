/**
 * The call's web page in the project's Chromium, as an applicant meets it: axe-core finds no
 * violation of the WCAG 2.x A/AA rules (JIS X 8341-3:2016 AA), the keyboard reaches every link in
 * order with a visible focus, nothing is wider than a 320 or 375 px window, no request leaves the
 * output folder, it prints; it says what the slide deck's call slides say (compared with what the
 * deck's view-model prints), and every download link leads to a file of the edition with the
 * stated format and size. Built from the fixture edition r4 with the deck and the 公募要領.
 */
import { cp, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { readManifest } from '../../src/app/plan.ts';
import { downloadOf, outputOf } from '../../src/outputs/index.ts';
import { WEB_PAGE } from '../../src/outputs/web/index.ts';
import type { Edition } from '../../src/schema/index.ts';
import { fileSize } from '../../src/shared/format/index.ts';
import { BrowserSession, loadFonts, printPdf, type BlockedRequest } from '../../src/stages/convert/browser.ts';
import { deckView } from '../../src/stages/render/deck-view.ts';
import { loadPhraser, markedText, resolveMarkers } from '../../src/stages/render/phrases.ts';
import type { CallSlide } from '../../src/stages/render/slides/call.ts';
import { testBrowser } from '../helpers/browser.ts';
import { FIXTURE_R4, pdfText, squash, tempProject, type TempProject } from '../helpers/project.ts';

const resolved = await testBrowser('web-page.test');
const describeBrowser = resolved ? describe : describe.skip;

/** axe-core's rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/**
 * A value of a view-model as every template prints it (the slides' and this page's): through the
 * escaper, its marks resolved, tags dropped, character references read back — squashed.
 */
function asPrinted(value: string): string {
  const html = resolveMarkers(markedText(value)).replace(/<[^>]+>/g, '');
  return squash(html.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))));
}

interface AxeResult {
  violations: Array<{ id: string; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> }>;
  passes: Array<{ id: string }>;
  incomplete: Array<{ id: string; nodes: Array<{ target: string[] }> }>;
}

describeBrowser('the web page in the browser', () => {
  let project: TempProject;
  let session: BrowserSession;
  let edition: Edition;
  let pageFile: string;

  beforeAll(async () => {
    project = await tempProject([]);
    await cp(FIXTURE_R4, path.join(project.root, 'data', 'r4'), { recursive: true });
    // A second type in 共創分野, not called this year: a table wider than a phone, and a status of each kind.
    await project.edit(
      'r4/calls/kyoso.yaml',
      '    awards: { count: 5, approx: 程度 }\n',
      `    awards: { count: 5, approx: 程度 }
  - id: honkaku
    kind: honkaku
    name: 本格型
    target:
      text: 科学技術分野全般を対象
      field: kyoso
    goal: 大学等を中心とし、大学等や地域の強みに基づく持続的な産学共創拠点の形成
    budgetQualifier: プロジェクトの規模に応じて
    budget: { yen: 320000000, upTo: true, approx: 程度 }
    period: { years: 10, upTo: true }
    awards: { notCalled: true, note: 令和4年度の公募は予定しておりません }
`,
    );
    session = new BrowserSession(resolved ? { resolved } : {});
    await loadPhraser();
    // The deck's PDF and PPTX and the 公募要領 are what the page offers; the other slide formats are not.
    await build({ paths: project.paths, editions: ['r4'], formats: ['pdf', 'pptx', 'guideline', 'web'], session, date: new Date('2022-04-01T00:00:00Z') });
    edition = (await loadEditions(project.paths, ['r4'], { text: 'none' }))[0]!.edition;
    pageFile = path.join(project.paths.outDir, 'r4', WEB_PAGE);
  });
  afterAll(async () => {
    await session?.close();
    await project?.dispose();
  });

  /** The page open at a width, as a visitor opens it (file: URL; nothing outside output/ may load). */
  const onPage = <T>(width: number, fn: (page: Page, blocked: readonly BlockedRequest[]) => Promise<T>): Promise<T> =>
    session.withPage(
      async (page, ctx) => {
        await page.setViewport({ width, height: 900 });
        await page.goto(pathToFileURL(pageFile).href, { waitUntil: 'load' });
        await loadFonts(page);
        return fn(page, ctx.blockedRequests);
      },
      { allowedRoots: [project.paths.outDir] },
    );

  it.each([1280, 375])('has no violation of the WCAG 2.x A/AA rules at %i px, and loads nothing from outside', async (width) => {
    const result = await onPage(width, async (page, blocked) => {
      expect(blocked).toEqual([]);
      await page.addScriptTag({ content: AXE_SOURCE });
      return page.evaluate(async (tags) => {
        const axe = (window as unknown as { axe: { run: (c: Document, o: unknown) => Promise<AxeResult> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
        // What axe could not decide, with whether the element sits in a table's scroll box.
        const undecided = r.incomplete.flatMap((i) => i.nodes.map((n) => ({ id: i.id, inBox: document.querySelector(n.target[0]!)?.closest('.table-box') !== null })));
        return { violations: r.violations, passes: r.passes.map((p) => ({ id: p.id })), incomplete: undecided };
      }, WCAG_AA);
    });
    const found = result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('; ')}`);
    expect(found).toEqual([]);
    // The rules did look at the page: contrast, the language, the tables' headers — and on a phone, the boxes a table scrolls in.
    const looked = ['color-contrast', 'html-has-lang', 'th-has-data-cells', 'link-name', 'list', ...(width < 400 ? ['scrollable-region-focusable'] : [])];
    expect(result.passes.map((p) => p.id)).toEqual(expect.arrayContaining(looked));
    // Left undecided only: the contrast of table cells partly outside the visible part of their
    // scroll box on a phone (axe cannot see their background there); the same cells pass at 1280 px.
    for (const u of result.incomplete) expect(u).toEqual({ id: 'color-contrast', inBox: true });
  });

  it('is plain, structured HTML: lang ja, one h1, headings in order, captioned tables with scoped heads, no script', async () => {
    const facts = await onPage(1280, (page) =>
      page.evaluate(() => ({
        lang: document.documentElement.lang,
        headings: Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'), (h) => Number(h.tagName[1])),
        tables: Array.from(document.querySelectorAll('table'), (t) => ({
          caption: t.caption?.textContent?.trim() ?? '',
          unscoped: t.querySelectorAll('th:not([scope])').length,
          heads: t.querySelectorAll('th').length,
        })),
        scripts: document.querySelectorAll('script').length + document.querySelectorAll('[onclick], [onload]').length,
      })),
    );
    expect(facts.lang).toBe('ja');
    expect(facts.headings.filter((h) => h === 1)).toHaveLength(1);
    expect(facts.headings[0]).toBe(1);
    for (let i = 1; i < facts.headings.length; i++) expect(facts.headings[i]! - facts.headings[i - 1]!, `heading ${i}`).toBeLessThanOrEqual(1);
    expect(facts.tables.length).toBeGreaterThanOrEqual(edition.calls.length + 1);
    for (const t of facts.tables) {
      expect(t.caption).not.toBe('');
      expect(t.heads).toBeGreaterThan(0);
      expect(t.unscoped).toBe(0);
    }
    expect(facts.scripts).toBe(0);
  });

  it('lets the keyboard reach every link in document order, each with a visible focus ring', async () => {
    const { links, focused } = await onPage(1280, async (page) => {
      const links = await page.evaluate(() =>
        Array.from(document.querySelectorAll('a[href]'), (a, i) => {
          a.setAttribute('data-order', String(i));
          return a.getAttribute('href');
        }),
      );
      const stops = await page.evaluate(() => document.querySelectorAll('a[href], [tabindex="0"]').length);
      const focused: Array<{ order: string | null; ring: string }> = [];
      for (let i = 0; i < stops + 2; i++) {
        await page.keyboard.press('Tab');
        focused.push(
          await page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            const style = el ? getComputedStyle(el) : undefined;
            return { order: el?.getAttribute('data-order') ?? null, ring: style ? `${style.outlineStyle} ${style.outlineWidth}` : '' };
          }),
        );
      }
      return { links, focused };
    });
    expect(links.length).toBeGreaterThan(6);
    // Tab after the last link leaves the page and comes round to the first again: one round.
    const order = focused.filter((f) => f.order !== null).slice(0, links.length);
    expect(order.map((f) => Number(f.order))).toEqual(links.map((_, i) => i));
    for (const f of order) expect(f.ring).toMatch(/^solid [3-9]/);
  });

  it.each([320, 375])('fits a %i px window: nothing wider than the window, a wide table scrolls in its own box', async (width) => {
    const fit = await onPage(width, (page) =>
      page.evaluate(() => ({
        scrollWidth: document.scrollingElement!.scrollWidth,
        innerWidth: window.innerWidth,
        boxes: Array.from(document.querySelectorAll('table'), (t) => {
          const box = t.parentElement!;
          return { scrolls: box.scrollWidth > box.clientWidth, focusable: box.tabIndex === 0, named: box.getAttribute('aria-labelledby') === t.caption?.id };
        }),
      })),
    );
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.innerWidth);
    expect(fit.boxes.some((b) => b.scrolls)).toBe(true);
    for (const b of fit.boxes) expect(b).toMatchObject({ focusable: true, named: true });
  });

  it("says what the deck's call slides say: types, amounts, periods, counts and every schedule entry", async () => {
    // What a reader sees (innerText: rendered text, nothing hidden by CSS), not the markup's text.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
    const text = squash(await onPage(1280, (page) => page.evaluate(() => document.body.innerText)));
    const slides = deckView(edition)
      .slides.filter((s) => s.kind === 'call')
      .map((s) => s.ctx as CallSlide);
    expect(slides).toHaveLength(edition.calls.length);
    let facts = 0;
    for (const slide of slides) {
      for (const type of slide.types) expect(text, `${slide.id} type ${type.name}`).toContain(asPrinted(type.name));
      for (const row of slide.rows) {
        expect(text, `${slide.id} ${row.id}`).toContain(asPrinted(row.head));
        for (const line of row.cells.flatMap((c) => c.lines)) {
          expect(text, `${slide.id} ${row.id}`).toContain(asPrinted(line.text));
          facts++;
        }
      }
      for (const m of slide.milestones) {
        expect(text, `${slide.id} ${m.label}`).toContain(asPrinted(m.label) + asPrinted(m.text));
        facts++;
      }
    }
    expect(facts).toBeGreaterThan(20);
  });

  it('links every download of the edition, each to its file with the stated format and size', async () => {
    const links = await onPage(1280, (page) =>
      page.evaluate(() => Array.from(document.querySelectorAll<HTMLAnchorElement>('ul.downloads a'), (a) => ({ url: a.href, text: a.textContent ?? '', type: a.type }))),
    );
    const FORMATS: Record<string, string> = { '.pdf': 'PDF', '.pptx': 'PowerPoint', '.docx': 'Word' };
    const linked: string[] = [];
    for (const link of links) {
      const file = fileURLToPath(link.url);
      const size = (await stat(file)).size;
      const m = /（([^：（）]+)：([^：（）]+)）$/.exec(link.text);
      expect(m?.[1], link.text).toBe(FORMATS[path.extname(file)]);
      expect(m?.[2], link.text).toBe(fileSize(size));
      linked.push(path.relative(project.paths.outDir, file).split(path.sep).join('/'));
    }
    // Every file of the edition that an output offers, and nothing else.
    const { manifest } = await readManifest(project.paths.outDir);
    const offered = Object.values(manifest.units)
      .filter((u) => u.edition === 'r4')
      .flatMap((u) => Object.keys(u.files).filter((rel) => downloadOf(outputOf(u.kind), rel.slice('r4/'.length), edition) !== false));
    expect(linked.sort()).toEqual(offered.sort());
    expect(linked.some((f) => f.endsWith('.pptx'))).toBe(true);
    expect(linked.filter((f) => f.startsWith('r4/guidelines/'))).toHaveLength(edition.guidelines.length);
  });

  it('prints: A4, the contents list left out, every schedule entry on paper', async () => {
    const tmp = await mkdtemp(path.join(tmpdir(), 'kd-web-print-'));
    try {
      const printed = await onPage(1280, async (page) => {
        await page.emulateMediaType('print');
        const tocShown = await page.evaluate(() => getComputedStyle(document.querySelector('nav.toc')!).display !== 'none');
        return { tocShown, pdf: await printPdf(page) };
      });
      expect(printed.tocShown).toBe(false);
      const file = path.join(tmp, 'page.pdf');
      await writeFile(file, printed.pdf);
      const text = pdfText(file);
      for (const call of deckView(edition)
        .slides.filter((s) => s.kind === 'call')
        .map((s) => s.ctx as CallSlide))
        for (const m of call.milestones) expect(text).toContain(asPrinted(m.text));
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
