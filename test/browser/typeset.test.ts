/**
 * The page as a Japanese officer reads it, measured in the browser on r3 and on a dense
 * fixture: no BudouX phrase, formatted value or name split across lines (unless wider than its
 * box), no one-character lines in the guidelines, text at or above the floors on every slide,
 * a link annotation for every URL and e-mail address printed, axe-core clean on the HTML deck,
 * the emitted Marp project rendering the same deck in marp-cli, and the layout faults that fail
 * the build (text over text on a slide, a line wider than a guideline page).
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { isKyosoError, type KyosoError } from '../../src/shared/errors.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { embedFonts, fontFaceCss } from '../../src/stages/convert/fonts.ts';
import { GUIDELINE_TEXT_WIDTH_PX } from '../../src/stages/convert/guideline-layout.ts';
import { renderMarp, slidesDocument } from '../../src/stages/convert/marp.ts';
import { inPage } from '../../src/stages/convert/page-script.ts';
import { readDestinationPoint } from '../../src/stages/convert/pdf-read.ts';
import { SHORT_LAST_PAGE } from '../../src/stages/convert/print-guideline.ts';
import { FONT_SLOT, guidelineView, renderGuidelineHtml } from '../../src/stages/render/guideline-view.ts';
import { testBrowser } from '../helpers/browser.ts';
import { pdfFonts, pdfInfo, pdfText, squash, tempProject, type TempProject } from '../helpers/project.ts';
import { linkableInData, linkUris, oneCharacterLines, slideFontSizes, splitsIn, type Split } from '../helpers/typeset.ts';

const resolved = await testBrowser('typeset.test.ts');
const run = promisify(execFile);

/** The floors the README states (px of the 1280×720 slide). */
const FLOOR_BODY = 15;
const FLOOR_SMALL = 13;

/** The dense fixture: r3 with fuller slides and guideline pages (test/fixtures/dense/README.md). */
async function makeDense(p: TempProject): Promise<void> {
  await cp(path.join(TOOL_ROOT, 'test', 'fixtures', 'dense', 'roster.yaml'), path.join(p.paths.dataDir, 'r3', 'roster.yaml'));
  await p.edit(
    'r3/calls/kyoso.yaml',
    '  - 公募分野として、科学技術分野全般を対象とする共創分野と、国の政策方針に基づき文部科学省が設定する政策重点分野を設定\n',
    '  - 公募分野として、科学技術分野全般を対象とする共創分野と、国の政策方針に基づき文部科学省が設定する政策重点分野を設定\n  - 提案にあたっては、代表機関のトップマネジメントによるコミットメントと、参画機関の役割分担を明確にすること\n',
  );
  await p.edit('r3/sites.yaml', /institution: 筑波大学/g, 'institution: 国立研究開発法人量子科学技術研究開発機構');
  await p.edit('r3/sites.yaml', /institution: 信州大学/g, 'institution: 国立研究開発法人産業技術総合研究所');
  await p.edit(
    'r3/contact.yaml',
    'lead: 今後の情報は、下記ホームページをご覧ください。',
    'lead: 今後の情報は、下記ホームページをご覧ください。公募説明会の日程、提案書の様式、よくある質問は決まり次第掲載します。',
  );
  await p.edit(
    'r3/guidelines/kyoso.yaml',
    '本章では、プログラムの背景・課題、事業概要、プロジェクトに求めるゴールを示します。',
    '本章では、プログラムの背景・課題、事業概要、プロジェクトに求めるゴールを示します。\n\n          エグゼクティブフェローや公益財団法人日本科学技術振興財団のような長い語を含む文も、語の途中では改行しません。最新の情報は https://www.jst.go.jp/pf/platform/ に掲載し、質問は platform@jst.go.jp で受け付けます。[文部科学省の資料](https://www.mext.go.jp/) も参照してください。',
  );
}

/** The slides as printed: the emitted (fitted) Markdown through the same Marp and fonts. */
async function slidePrintDocument(mdFile: string): Promise<string> {
  const markdown = await readFile(mdFile, 'utf8');
  const theme = await readFile(path.join(TOOL_ROOT, 'templates', 'themes', 'kyoso.css'), 'utf8');
  return slidesDocument(renderMarp(markdown, theme), { title: 'measure', fontCss: await fontFaceCss(markdown + theme) });
}

const describeMessage = (splits: Split[]) => splits.map((s) => `${s.unit ? 'value/name' : 'phrase'} 「${s.text}」 on ${s.lines} lines (${s.width}px in ${s.avail}px)`).join('\n');

describe.skipIf(!resolved)('typesetting, measured in the browser', () => {
  const session = new BrowserSession({ resolved: resolved! });
  afterAll(() => session.close());

  for (const variant of ['r3', 'dense'] as const) {
    describe(variant, () => {
      let p: TempProject;
      const out = (...parts: string[]) => path.join(p.paths.outDir, 'r3', ...parts);
      beforeAll(async () => {
        p = await tempProject();
        if (variant === 'dense') await makeDense(p);
        await build({ paths: p.paths, editions: ['r3'], session, force: true });
      });
      afterAll(() => p.dispose());

      it('splits no phrase, value or name across lines on any slide, unless wider than its box; text at or above the floors', async () => {
        const html = await slidePrintDocument(out('slides', 'r3-slides.md'));
        const { splits, sizes } = await session.withPage(async (page) => {
          await page.setViewport({ width: 1280, height: 720 });
          await page.setContent(html, { waitUntil: 'load' });
          await page.evaluate('document.fonts.ready');
          return { splits: await splitsIn(page, 'div.marpit > section'), sizes: (await page.evaluate(inPage(slideFontSizes))) as ReturnType<typeof slideFontSizes> };
        });
        const avoidable = splits.filter((s) => !s.forced);
        expect(avoidable, describeMessage(avoidable)).toEqual([]);
        // The measurement sees the splits a narrow box forces (so it could see the others).
        expect(splits.length, 'the checker found no multi-line unit at all').toBeGreaterThan(0);
        for (const s of sizes) {
          expect([s.body, s.small], `slide ${s.slide}: the theme's floors`).toEqual([FLOOR_BODY, FLOOR_SMALL]);
          expect(s.minBody, `slide ${s.slide}: body text`).toBeGreaterThanOrEqual(FLOOR_BODY - 0.01);
          expect(s.minSmall, `slide ${s.slide}: small text`).toBeGreaterThanOrEqual(FLOOR_SMALL - 0.01);
        }
      });

      it('uses the room a slide has: only slides that need it are set below the theme sizes', async () => {
        const markdown = await readFile(out('slides', 'r3-slides.md'), 'utf8');
        const fits = new Map([...markdown.matchAll(/section\[id="(\d+)"\] \{ --k: ([\d.]+); \}/g)].map((m) => [Number(m[1]), Number(m[2])]));
        // The dense overview and programme table are fitted; the title and contact slides keep the theme's sizes.
        expect(fits.has(3) && fits.has(8), JSON.stringify([...fits])).toBe(true);
        expect(fits.has(1) || fits.has(11), JSON.stringify([...fits])).toBe(false);
        for (const k of fits.values()) expect(k).toBeGreaterThanOrEqual(0);
      });

      it('splits no phrase, value or name across lines on any guideline page, and leaves no one-character line', async () => {
        const [valid] = await loadEditions(p.paths, ['r3']);
        const edition = valid!.edition;
        for (const call of edition.calls) {
          const guide = edition.guidelines.find((g) => g.call === call.id);
          if (!guide) continue;
          const html = await embedFonts(await renderGuidelineHtml(p.paths.templatesDir, guidelineView(edition, call, guide)), FONT_SLOT, '0123456789ivxlcdm−－');
          const { splits, single } = await session.withPage(async (page) => {
            await page.emulateMediaType('print');
            await page.setViewport({ width: Math.floor(GUIDELINE_TEXT_WIDTH_PX), height: 1100 });
            await page.setContent(html, { waitUntil: 'load' });
            await page.evaluate('document.fonts.ready');
            return { splits: await splitsIn(page, 'body'), single: (await page.evaluate(inPage(oneCharacterLines, 'main'))) as string[] };
          });
          const avoidable = splits.filter((s) => !s.forced);
          expect(avoidable, `${call.id}:\n${describeMessage(avoidable)}`).toEqual([]);
          expect(single, call.id).toEqual([]);
        }
      });

      it('has a link annotation for every URL and e-mail address each PDF prints', async () => {
        const [valid] = await loadEditions(p.paths, ['r3']);
        const files = Object.values(valid!.edition.sources);
        const linkable = await linkableInData(path.join(p.paths.dataDir, 'r3'), files);
        expect(linkable).toEqual(expect.arrayContaining(['platform@jst.go.jp', 'https://www.jst.go.jp/pf/platform']));
        for (const pdf of [out('slides', 'r3-slides.pdf'), out('guidelines', 'kyoso.pdf'), out('guidelines', 'chiiki.pdf')]) {
          const text = squash(pdfText(pdf));
          const uris = [...(await linkUris(pdf)).values()].flat();
          // Printed as itself, not only as the start of a longer URL that is printed.
          const shown = linkable.filter((l) => text.includes(squash(l)));
          const printed = shown.filter((l) => !shown.some((o) => o !== l && o.startsWith(l)));
          expect(printed.length, pdf).toBeGreaterThanOrEqual(3);
          for (const l of printed) expect(uris, `${path.basename(pdf)}: ${l}`).toContain(l.includes('@') && !l.startsWith('http') ? `mailto:${l}` : l);
          // Nothing but web and mail links.
          for (const u of uris) expect(u, pdf).toMatch(/^(?:https?:|mailto:)/);
        }
        // A Markdown link in guideline prose is a link too (its URL is not printed).
        if (variant === 'dense') expect([...(await linkUris(out('guidelines', 'kyoso.pdf'))).values()].flat()).toContain('https://www.mext.go.jp/');
      });

      it('ends each guideline on a page at least a quarter full, or the page count could not be reduced', async () => {
        for (const call of ['kyoso', 'chiiki']) {
          const bytes = await readFile(out('guidelines', `${call}.pdf`));
          const end = await readDestinationPoint(bytes, 'document-end');
          expect(end, call).toBeDefined();
          const top = end!.pageHeight - (22 / 25.4) * 72;
          const fill = (top - end!.y) / (top - (20 / 25.4) * 72);
          expect(end!.page, call).toBe(end!.pages - 1);
          expect(fill, `${call}: last page ${Math.round(fill * 100)} % full`).toBeGreaterThanOrEqual(SHORT_LAST_PAGE);
        }
      });
    });
  }

  describe('the HTML deck and the Marp project of r3', () => {
    let p: TempProject;
    const slides = (...parts: string[]) => path.join(p.paths.outDir, 'r3', 'slides', ...parts);
    beforeAll(async () => {
      p = await tempProject();
      await build({ paths: p.paths, editions: ['r3'], only: 'slides', formats: ['md', 'pdf', 'html'], session, force: true });
    });
    afterAll(() => p.dispose());

    it('has no serious or critical axe-core violation', async () => {
      const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
      const html = await readFile(slides('r3-slides.html'), 'utf8');
      const violations = await session.withPage(async (page) => {
        await page.setViewport({ width: 1280, height: 800 });
        await page.setContent(html, { waitUntil: 'load' });
        await page.addScriptTag({ content: axe });
        return (await page.evaluate(
          `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, first: v.nodes[0] && v.nodes[0].target.join(' ') })))`,
        )) as Array<{ id: string; impact: string; nodes: number; first: string }>;
      });
      // The run must have checked something real: the deck has text to check contrast of.
      expect(html).toContain('<main>');
      const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(severe, JSON.stringify(severe)).toEqual([]);
    });

    it('renders the emitted .md with marp-cli (its .marprc.yml and theme) as the same deck', async () => {
      const pdf = path.join(await mkdtemp(path.join(tmpdir(), 'kyoso-marp-')), 'marp.pdf');
      try {
        const cli = createRequire(import.meta.url).resolve('@marp-team/marp-cli/marp-cli.js');
        // The browser the build uses (never a download): CHROME_PATH from resolveBrowser(). Its
        // profile goes under our temp folder (TMPDIR), not into /tmp where other tests look for leftovers.
        await run(process.execPath, [cli, '--no-stdin', '--pdf', 'r3-slides.md', '-o', pdf], {
          cwd: slides(),
          env: { ...process.env, CHROME_PATH: resolved!.executablePath, TMPDIR: path.dirname(pdf) },
          timeout: 120_000,
        });
        expect(pdfInfo(pdf).Pages).toBe('11');
        // The theme's fonts (the subsets in kyoso.css), nothing substituted.
        expect(
          pdfFonts(pdf).every((f) => f.includes('BIZUDPGothic')),
          pdfFonts(pdf).join(', '),
        ).toBe(true);
        for (let page = 1; page <= 11; page++) {
          // The same text, and nearly all of it on the same lines. pdftotext keeps line breaks (spaces
          // dropped); lines are compared as a multiset because the order it reads table cells in is the
          // drawing order, and a few lines may break elsewhere: with chrome-headless-shell (CI's
          // @sparticuz/chromium) marp-cli's print of the densest slide breaks 3 of ~120 lines
          // differently from ours (89 % of its lines in common), with Debian's Chromium none. Without
          // the theme or HTML, the fonts, sizes and tables change and most lines move.
          const lines = (file: string) =>
            pdfText(file, { page, keepSpace: true })
              .replace(/[ \t\f]/g, '')
              .split('\n')
              .filter((l) => l !== '');
          const [mine, marp] = [lines(slides('r3-slides.pdf')), lines(pdf)];
          const chars = (ls: string[]) => [...ls.join('')].sort().join('');
          expect(chars(marp), `slide ${page}: same characters`).toBe(chars(mine));
          const rest = [...marp];
          const shared = mine.filter((l) => {
            const i = rest.indexOf(l);
            if (i >= 0) rest.splice(i, 1);
            return i >= 0;
          }).length;
          expect(shared / mine.length, `slide ${page}: lines in common`).toBeGreaterThanOrEqual(0.8);
        }
        expect(pdfText(pdf)).toContain(squash('1～10億円'));
      } finally {
        await rm(path.dirname(pdf), { recursive: true, force: true });
      }
    }, 240_000);
  });

  describe('layout faults fail the build', () => {
    let p: TempProject;
    beforeEach(async () => {
      p = await tempProject();
    });
    afterEach(() => p.dispose());

    it('a long contact.lead under a two-line closing: shrunk to fit, or reported as text over text (#16.6)', async () => {
      // Longer than the theme's sizes hold (it ran under the closing line): the fit sets the slide smaller.
      const sentence = '今後の情報は、下記ホームページをご覧ください。';
      const lead = sentence.repeat(17);
      await p.edit('r3/contact.yaml', 'lead: 今後の情報は、下記ホームページをご覧ください。', `lead: ${lead}`);
      await p.edit('r3/contact.yaml', 'closing: ご清聴ありがとうございました', 'closing: "ご清聴ありがとうございました\\n今後ともよろしくお願いいたします"');
      await build({ paths: p.paths, editions: ['r3'], only: 'slides', formats: ['md'], session, force: true });
      const md = await readFile(path.join(p.paths.outDir, 'r3', 'slides', 'r3-slides.md'), 'utf8');
      expect(md).toMatch(/section\[id="11"\] \{ --k: 0(\.\d+)?; \}/);

      // Too long to fit even at the floors: the lead runs under the closing line.
      // (42 sentences run into the closing line before the slide's bottom edge: an overlap, not an overflow.)
      await p.edit('r3/contact.yaml', `lead: ${lead}`, `lead: ${sentence.repeat(42)}`);
      const err = await build({ paths: p.paths, editions: ['r3'], only: 'slides', formats: ['pdf'], session, force: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isKyosoError(err) && err.code, String(err)).toBe('OVERFLOW');
      expect((err as KyosoError).detail.en).toMatch(/slide 11 ".*": text drawn over other text \("[^"]+" and "[^"]+", data: data\/r3\/contact\.yaml\)/);
      expect((err as KyosoError).detail.ja).toContain('文字が重なっています');
    });

    it('a 203-character line in a fenced code block of guideline prose names the chapter and its data (#16.5)', async () => {
      const line = `curl -s https://example.invalid/api?${'q=kyoso-no-ba&'.repeat(16)}`.slice(0, 203);
      expect([...line]).toHaveLength(203);
      // The block scalar's own indentation (chapters → body → text).
      const pad = ' '.repeat(10);
      await p.edit(
        'r3/guidelines/kyoso.yaml',
        '本章では、プログラムの背景・課題、事業概要、プロジェクトに求めるゴールを示します。',
        `本章では、プログラムの背景・課題、事業概要、プロジェクトに求めるゴールを示します。\n\n${pad}\`\`\`\n${pad}${line}\n${pad}\`\`\``,
      );
      const err = await build({ paths: p.paths, editions: ['r3'], only: 'guidelines', session, force: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isKyosoError(err) && err.code, String(err)).toBe('OVERFLOW');
      const detail = (err as KyosoError).detail;
      expect(detail.en).toMatch(
        /guideline r3\/kyoso\.pdf: content does not fit the page\n {2}第1章 プログラムの趣旨・背景: [\d.]+ mm wider than the page .*data: .*data\/r3\/guidelines\/kyoso\.yaml/,
      );
      expect(detail.ja).toContain('ページの幅を');
      // Nothing was published.
      await expect(readFile(path.join(p.paths.outDir, 'r3', 'guidelines', 'kyoso.pdf'))).rejects.toThrow();
    });
  });
});
