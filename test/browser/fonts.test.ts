import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { decodeHTML } from 'entities';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { loadTheme } from '../../src/outputs/deck/index.ts';
import { renderMarp } from '../../src/stages/convert/marp.ts';
import { deckView, renderDeckMarkdown } from '../../src/stages/render/deck-view.ts';
import { BrowserSession, printPdf, type ResolvedBrowser } from '../../src/stages/convert/browser.ts';
import { FONT_FAMILY, fontFaceCss, watermarkFontBytes } from '../../src/stages/convert/fonts.ts';
import { testBrowser } from '../helpers/browser.ts';
import { cmapRanges, FONT_WEIGHTS, fontCoverage, fontFile, glyphAdvances } from '../../src/shared/font-package.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const resolved: ResolvedBrowser | undefined = await testBrowser('fonts.test');

describe('watermarkFontBytes', () => {
  it('returns a TrueType subset fontkit can read that has every glyph', async () => {
    for (const text of ['案', '確定', 'DRAFT', '案 DRAFT']) {
      const bytes = await watermarkFontBytes(text);
      expect(Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0)).toBe(0x00010000); // sfnt TrueType
      const font = fontkit.create(Buffer.from(bytes));
      for (const ch of text.replace(/\s/g, '')) expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!)).toBe(true);
    }
  });
});

describe('glyphAdvances (the PPTX measuring, without fontkit)', () => {
  it("gives fontkit's advance for every code point either weight maps, and undefined for the rest", () => {
    for (const weight of FONT_WEIGHTS) {
      const bytes = readFileSync(fontFile(weight));
      const advance = glyphAdvances(bytes);
      const font = fontkit.create(Buffer.from(bytes));
      let compared = 0;
      for (const [lo, hi] of fontCoverage(weight))
        for (let cp = lo; cp <= hi; cp++) {
          expect(advance(cp), `U+${cp.toString(16)} (${weight})`).toBe(font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm);
          compared++;
        }
      // The whole font (thousands of kanji), not a handful.
      expect(compared).toBeGreaterThan(10_000);
      for (const cp of [0x0, 0x1f600, 0x10ffff, 0xe000]) if (!font.hasGlyphForCodePoint(cp)) expect(advance(cp)).toBeUndefined();
    }
  });

  it('reads a font that has only the BMP subtable (format 4) the same way', async () => {
    // harfbuzz's subsets carry format 4 alone; the full fonts are read through format 12.
    const text = '案 DRAFT 確定（令和）';
    const bytes = await watermarkFontBytes(text);
    const advance = glyphAdvances(bytes);
    const font = fontkit.create(Buffer.from(bytes));
    for (const ch of text) expect(advance(ch.codePointAt(0)!), ch).toBe(font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth / font.unitsPerEm);
    expect(advance('字'.codePointAt(0)!)).toBeUndefined();
    expect(cmapRanges(bytes).some(([lo, hi]) => lo <= 0x6848 && 0x6848 <= hi)).toBe(true);
  });
});

describe.skipIf(!resolved)('printing with the embedded font', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kd-test-fonts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('embeds only BIZ UDPGothic and keeps the text extractable', async () => {
    const text = '共創の場形成支援 長 令和3年度 2.5千万円';
    const css = await fontFaceCss(text + '見出し');
    const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>${css}
      body { font-family: '${FONT_FAMILY}'; font-size: 14pt; }</style></head>
      <body><h1>見出し</h1><p>${text}</p></body></html>`;
    const session = new BrowserSession({ resolved: resolved! });
    let pdf: Uint8Array;
    try {
      pdf = await session.withPage(async (page, ctx) => {
        await page.setContent(html, { waitUntil: 'load' });
        const out = await printPdf(page, { format: 'A4' });
        expect(ctx.blockedRequests).toEqual([]);
        return out;
      });
    } finally {
      await session.close();
    }
    const file = join(dir, 'fonts.pdf');
    writeFileSync(file, pdf);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.split(/\s+/)[0]!);
    expect(fonts.length).toBeGreaterThan(0);
    for (const name of fonts) expect(name).toMatch(/^[A-Z]{6}\+BIZUDPGothic-(Regular|Bold)$/);
    expect(fonts.some((n) => n.endsWith('-Bold'))).toBe(true); // <h1> uses the 700 subset
    const extracted = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    for (const word of text.split(' ')) expect(extracted).toContain(word);
  });
});

describe.skipIf(!resolved)('the slide PDF of r3', () => {
  let project: TempProject;
  let pdf: string;
  beforeAll(async () => {
    project = await tempProject();
    await build({ paths: project.paths, editions: ['r3'], formats: ['pdf'] });
    pdf = join(project.paths.outDir, 'r3', 'slides', 'r3-slides.pdf');
  });
  afterAll(() => project.dispose());

  it('embeds BIZ UDPGothic as one subset per weight (or two), each far smaller than the font', async () => {
    const rows = execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
    const names = rows.map((r) => r[0]!);
    for (const name of names) expect(name).toMatch(/^[A-Z]{6}\+BIZUDPGothic-(Regular|Bold)$/);
    // emb, sub, uni: embedded, a subset, with a ToUnicode map
    for (const r of rows) expect(r.slice(-5, -2), r[0]).toEqual(['yes', 'yes', 'yes']);
    for (const weight of ['Regular', 'Bold']) {
      const count = names.filter((n) => n.endsWith(`-${weight}`)).length;
      expect(count, weight).toBeGreaterThanOrEqual(1);
      expect(count, weight).toBeLessThanOrEqual(2);
    }
    // The embedded programs are cut from the document's subset: a fraction of the 12,800 glyphs.
    const doc = await PDFDocument.load(readFileSync(pdf), { updateMetadata: false });
    const programs = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'))
      .map((d) => d.lookup(PDFName.of('FontFile2')))
      .filter((s): s is PDFRawStream => s instanceof PDFRawStream);
    expect(programs).toHaveLength(names.length);
    for (const p of programs) {
      const font = fontkit.create(Buffer.from(decodePDFRawStream(p).decode())) as unknown as { numGlyphs: number };
      expect(font.numGlyphs).toBeLessThan(4000);
    }
    expect(statSync(pdf).size).toBeLessThan(400_000); // 80 slices per deck made ~730 KB
  });

  it('keeps every character of every slide extractable on its page', async () => {
    const [valid] = await loadEditions(project.paths, ['r3']);
    const markdown = await renderDeckMarkdown(project.paths.templatesDir, deckView(valid!.edition));
    const { html } = renderMarp(markdown, await loadTheme(project.paths.templatesDir));
    const sections = html.split(/<section\b/).slice(1);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(sections).toHaveLength(pages);
    sections.forEach((section, i) => {
      const text = decodeHTML(section.replace(/^[^>]*>/, '').replace(/<[^>]*>/g, ' '));
      const page = new Set(execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
      const missing = [...new Set(text)].filter((ch) => !/\s/u.test(ch) && !page.has(ch));
      expect(missing.join(''), `slide ${i + 1}`).toBe('');
      expect(text.replace(/\s/g, '').length, `slide ${i + 1}`).toBeGreaterThan(10);
    });
  });
});
