/**
 * Property tests (issue 7.2), the printed half (the validator's: test/fast/property.test.ts): arbitrary Unicode — biased toward Markdown, HTML and
 * Handlebars syntax — in any free-text field either validates and then renders with the
 * text appearing literally in the PDF and the HTML (and nothing injected), or is rejected
 * with located issues, or fails as a reported OVERFLOW naming the slide. Never a crash,
 * never an unknown error.
 *
 * The text fields are taken from the zod schemas themselves: every string leaf of the
 * r3 data whose schema carries `Text`'s checks (non-empty, trimmed, no look-alikes).
 * Seeds are fixed and shrinking is off: a failure is reproduced by the printed
 * field/value, and shrinking would mean dozens of browser builds.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { isKyosoError, type KyosoError } from '../../src/shared/errors.ts';
import { BrowserSession, type ResolvedBrowser } from '../../src/stages/convert/browser.ts';
import { testBrowser } from '../helpers/browser.ts';
import { canon, expectLocated, restore, setField, type TextField, textArb, textFields } from '../helpers/property.ts';
import { pdfText, tempProject, type TempProject } from '../helpers/project.ts';

const fields = await textFields();

const resolved: ResolvedBrowser | undefined = await testBrowser('property.test');

describe.skipIf(!resolved)('accepted text renders literally in PDF and HTML, never as markup', () => {
  let p: TempProject;
  let session: BrowserSession;
  let baselinePdf = '';
  let baselineTags = '';
  /** Fields whose current value is printed on a slide (the others only feed the guidelines). */
  let shown: TextField[] = [];
  const pdfFile = () => path.join(p.paths.outDir, 'r3', 'slides', 'r3-slides.pdf');
  const htmlFile = () => path.join(p.paths.outDir, 'r3', 'slides', 'r3-slides.html');

  /**
   * The viewer HTML as a browser sees it: its text, and every element except the typesetter's
   * own (line breaks, phrase breaks and held phrases, links it makes of URLs and e-mail addresses)
   * and table cells, whose count follows the data (equal neighbouring target cells of a call
   * table merge into one). Markup a value smuggled in as cells would still fail the text check.
   */
  async function readHtml(): Promise<{ text: string; tags: string }> {
    const html = await readFile(htmlFile(), 'utf8');
    return session.withPage(async (page) => {
      await page.setContent(html, { waitUntil: 'load' });
      return page.evaluate(() => ({
        text: document.body.textContent,
        tags: Array.from(document.querySelectorAll('*'))
          .filter((e) => !['br', 'wbr', 'a', 'td'].includes(e.tagName.toLowerCase()) && !e.classList.contains('ph'))
          .map((e) => e.tagName.toLowerCase())
          .join(' '),
      }));
    });
  }

  const slides = () => ({ paths: p.paths, editions: ['r3'], only: 'slides' as const, formats: ['pdf' as const, 'html' as const], session, force: true, allowOverflow: false });

  beforeAll(async () => {
    p = await tempProject();
    session = new BrowserSession({ resolved: resolved! });
    await build(slides());
    baselinePdf = canon(pdfText(pdfFile()));
    baselineTags = (await readHtml()).tags;
    shown = fields.filter((f) => canon(f.original).length >= 2 && baselinePdf.includes(canon(f.original)));
  });
  afterAll(async () => {
    await session.close();
    await p.dispose();
  });

  it('the slide-visible text fields are most of the deck', () => {
    expect(shown.length).toBeGreaterThan(40);
  });

  it('renders or reports (12 samples, one browser)', async () => {
    const outcomes = { rejected: 0, rendered: 0, overflow: 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1_000_000 }), textArb, async (pick, value) => {
        const f = shown[pick % shown.length]!;
        const where = `${f.file} ${f.path.join('.')} = ${JSON.stringify(value)}`;
        await setField(p, f, value);
        try {
          try {
            await loadEditions(p.paths, ['r3']);
          } catch (err) {
            expectLocated(err, where);
            outcomes.rejected++;
            return;
          }
          try {
            await build(slides());
          } catch (err) {
            // The only acceptable build failure for valid data: content that does not fit, named by slide.
            expect(isKyosoError(err) && err.code === 'OVERFLOW', `${where}: ${String((err as Error)?.stack ?? err)}`).toBe(true);
            expect((err as KyosoError).detail.en, where).toMatch(/slide \d+ ".+"/);
            outcomes.overflow++;
            return;
          }
          const pdf = canon(pdfText(pdfFile()));
          expect(pdf, `${where}: PDF text`).toContain(canon(value));
          const html = await readHtml();
          expect(canon(html.text), `${where}: HTML text`).toContain(canon(value));
          expect(html.tags, `${where}: no element was added or removed`).toBe(baselineTags);
          outcomes.rendered++;
        } finally {
          await restore(p, f);
        }
      }),
      { numRuns: 12, seed: 42, endOnFailure: true },
    );
    // The generator must reach the renderer, not only the validator.
    expect(outcomes.rendered, JSON.stringify(outcomes)).toBeGreaterThan(0);
    // A limit, not a measurement: 12 deck builds on a busy 2-core CI machine.
  }, 900_000);
});
