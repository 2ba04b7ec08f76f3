import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserSession, printPdf, type ResolvedBrowser } from '../src/stages/convert/browser.ts';
import { FONT_FAMILY, fontFaceCss, fontFilesFor, fontSubsets, subsetsFor, watermarkFontBytes } from '../src/stages/convert/fonts.ts';
import { parseUnicodeRange } from '../src/shared/font-package.ts';
import { testBrowser } from './helpers/browser.ts';

const resolved: ResolvedBrowser | undefined = await testBrowser('fonts.test');

describe('parseUnicodeRange', () => {
  it('parses single points, ranges and wildcards', () => {
    expect(parseUnicodeRange('U+4E00-4E0F, U+0041,U+30??')).toEqual([
      [0x41, 0x41],
      [0x3000, 0x30ff],
      [0x4e00, 0x4e0f],
    ]);
  });
});

describe('subset selection', () => {
  it('parses ~120 subsets per weight', async () => {
    for (const w of [400, 700] as const) {
      const all = await fontSubsets(w);
      expect(all.length).toBeGreaterThan(100);
      expect(all.every((s) => s.weight === w && s.file.endsWith('.woff2'))).toBe(true);
    }
  });

  it('picks only the subsets holding 共 and 創 (plus latin)', async () => {
    const subsets = await subsetsFor('共創', { weights: [400] });
    expect(subsets.length).toBeLessThanOrEqual(3);
    expect(subsets.some((s) => s.subset === 'latin')).toBe(true);
    for (const ch of '共創') {
      const cp = ch.codePointAt(0)!;
      expect(subsets.some((s) => s.ranges.some(([a, b]) => a <= cp && cp <= b))).toBe(true);
    }
    const both = await fontFilesFor('共創');
    expect(both.length).toBe(subsets.length * 2);
    expect(both.some((f) => basename(f).includes('-700-'))).toBe(true);
  });

  it('always includes latin, even for empty text', async () => {
    const files = await fontFilesFor('', { weights: [400] });
    expect(files.map((f) => basename(f))).toEqual(['biz-udpgothic-latin-400-normal.woff2']);
  });

  it('emits @font-face rules with data: URLs only', async () => {
    const css = await fontFaceCss('共創の場', { weights: [400, 700] });
    const rules = css.match(/@font-face\s*\{[^}]*\}/g) ?? [];
    expect(rules.length).toBe((await fontFilesFor('共創の場')).length);
    for (const rule of rules) {
      expect(rule).toContain(`font-family: '${FONT_FAMILY}'`);
      expect(rule).toMatch(/src: url\(data:font\/woff2;base64,[A-Za-z0-9+/=]+\) format\('woff2'\)/);
      expect(rule).toMatch(/unicode-range: U\+/);
    }
    expect(css).not.toMatch(/url\((?!data:)/);
    // Far smaller than inlining the whole family (~17 MB of files).
    expect(css.length).toBeLessThan(600_000);
  });
});

describe('watermarkFontBytes', () => {
  it('returns a font fontkit can read that has every glyph', async () => {
    for (const text of ['案', '確定', 'DRAFT', '案 DRAFT']) {
      const bytes = await watermarkFontBytes(text);
      expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('wOFF'); // not woff2, see fonts.ts
      const font = fontkit.create(Buffer.from(bytes));
      for (const ch of text.replace(/\s/g, '')) expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!)).toBe(true);
    }
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
