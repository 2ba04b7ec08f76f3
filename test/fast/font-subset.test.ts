/**
 * The one font source and its per-document subsets, without a browser: the coverage the
 * validator asks about (the font's cmap), the subset harfbuzz makes, the `@font-face` rules,
 * and the subset cache under output/.cache/fonts (a hit is read, a miss is made, a corrupt
 * entry is ignored and written anew).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cmapRanges, fontCovers, fontFile } from '../../src/shared/font-package.ts';
import {
  FONT_FAMILY,
  codePoints,
  decodeEntry,
  encodeEntry,
  entryFile,
  fontFaceCss,
  fontSubset,
  sfntToWoff,
  subsetKey,
  watermarkFontBytes,
} from '../../src/stages/convert/fonts.ts';
import { loadFontMetrics } from '../../src/stages/convert/textfit.ts';

interface Font {
  numGlyphs: number;
  postscriptName: string;
  hasGlyphForCodePoint(cp: number): boolean;
}
const open = (bytes: Uint8Array): Font => fontkit.create(Buffer.from(bytes)) as unknown as Font;

const dir = mkdtempSync(path.join(tmpdir(), 'kd-test-font-subset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the font source', () => {
  it('reads coverage from the TrueType cmap, as fontkit does', () => {
    const full = open(readFileSync(fontFile(400)));
    const ranges = cmapRanges(readFileSync(fontFile(400)));
    for (const ch of '共創の場形成支援ABCｱ①〒') {
      const cp = ch.codePointAt(0)!;
      expect(
        ranges.some(([a, b]) => a <= cp && cp <= b),
        ch,
      ).toBe(full.hasGlyphForCodePoint(cp));
    }
    expect(fontCovers('共'.codePointAt(0)!)).toBe(true);
    expect(fontCovers(0xe000)).toBe(false); // private use
    expect(fontCovers(0x1f600)).toBe(false); // 😀: not in the font
  });

  it('measures PPTX text with the same files (fontkit advance widths)', async () => {
    const metrics = await loadFontMetrics();
    expect(metrics.advance('共'.codePointAt(0)!, false)).toBeCloseTo(1, 2);
    expect(metrics.advance('i'.codePointAt(0)!, false)).toBeLessThan(0.5);
    expect(metrics.advance(0x1f600, false)).toBe(1);
  });
});

describe('subsets', () => {
  it('holds the glyphs of the text and ASCII, and few others', async () => {
    const font = open(await fontSubset('共創の場', 400, 'woff'));
    for (const ch of '共創の場AZaz09-()') expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
    expect(font.hasGlyphForCodePoint('長'.codePointAt(0)!)).toBe(false);
    expect(font.numGlyphs).toBeLessThan(200); // the full font has ~12,800
    expect(font.postscriptName).toBe('BIZUDPGothic-Regular');
    const bold = open(await watermarkFontBytes('案'));
    expect(bold.postscriptName).toBe('BIZUDPGothic-Bold');
    expect(bold.hasGlyphForCodePoint('案'.codePointAt(0)!)).toBe(true);
  });

  it('wraps TrueType as WOFF 1.0 whose tables inflate back to the same bytes', async () => {
    const ttf = Buffer.from(await fontSubset('共創の場形成支援', 400, 'truetype'));
    const woff = Buffer.from(sfntToWoff(ttf));
    expect(woff.subarray(0, 4).toString('latin1')).toBe('wOFF');
    expect(woff.readUInt32BE(8)).toBe(woff.length);
    const n = woff.readUInt16BE(12);
    expect(n).toBe(ttf.readUInt16BE(4));
    const tags: string[] = [];
    for (let i = 0; i < n; i++) {
      const rec = 44 + i * 20;
      const tag = woff.subarray(rec, rec + 4).toString('latin1');
      tags.push(tag);
      const [offset, comp, orig] = [woff.readUInt32BE(rec + 4), woff.readUInt32BE(rec + 8), woff.readUInt32BE(rec + 12)];
      expect(offset % 4, tag).toBe(0);
      const data = woff.subarray(offset, offset + comp);
      const table = comp < orig ? inflateSync(data) : data;
      const src = Array.from({ length: n }, (_, j) => 12 + j * 16).find((r) => ttf.subarray(r, r + 4).toString('latin1') === tag)!;
      expect(table.equals(ttf.subarray(ttf.readUInt32BE(src + 8), ttf.readUInt32BE(src + 8) + ttf.readUInt32BE(src + 12))), tag).toBe(true);
    }
    expect(tags).toEqual([...tags].sort());
    expect(woff.length).toBeLessThan(ttf.length);
  });

  it('is keyed by the set of code points, weight and format', async () => {
    const key = (t: string, w: 400 | 700 = 400, f: 'woff' | 'truetype' = 'woff') => subsetKey(codePoints(t), w, f);
    expect(await key('共創共')).toBe(await key('創共'));
    expect(await key('共創')).not.toBe(await key('共創場'));
    expect(await key('共創', 700)).not.toBe(await key('共創'));
    expect(await key('共創', 400, 'truetype')).not.toBe(await key('共創'));
  });

  it('emits one @font-face per weight with a data: URL', async () => {
    const css = await fontFaceCss('共創の場');
    const rules = css.match(/@font-face\s*\{[^}]*\}/g) ?? [];
    expect(rules).toHaveLength(2);
    expect(rules.map((r) => /font-weight: (\d+)/.exec(r)?.[1])).toEqual(['400', '700']);
    for (const rule of rules) {
      expect(rule).toContain(`font-family: '${FONT_FAMILY}'`);
      expect(rule).toMatch(/src: url\(data:font\/woff;base64,[A-Za-z0-9+/=]+\) format\('woff'\)/);
      expect(rule).not.toContain('unicode-range');
    }
    expect(css).not.toMatch(/url\((?!data:)/);
    expect(css.length).toBeLessThan(100_000);
  });
});

describe('the subset cache', () => {
  it('writes an entry on a miss and reads it back on a hit', async () => {
    const cache = path.join(dir, 'miss-hit');
    const made = await fontSubset('予算の概要', 400, 'woff', cache);
    const key = await subsetKey(codePoints('予算の概要'), 400, 'woff');
    const file = entryFile(cache, key, 'woff');
    expect(readdirSync(cache)).toEqual([path.basename(file)]);
    expect(Buffer.from(decodeEntry(readFileSync(file))!).equals(Buffer.from(made))).toBe(true);

    // A hit is served from the folder, not made again: an entry planted under a key this
    // process has not asked for yet comes back as it is.
    const planted = new TextEncoder().encode('planted payload');
    const plantedKey = await subsetKey(codePoints('公募の要領'), 400, 'woff');
    writeFileSync(entryFile(cache, plantedKey, 'woff'), encodeEntry(planted));
    expect(new TextDecoder().decode(await fontSubset('公募の要領', 400, 'woff', cache))).toBe('planted payload');

    // Another text is another entry.
    await fontSubset('予算の概要と日程', 400, 'woff', cache);
    expect(readdirSync(cache)).toHaveLength(3);
  });

  it('ignores a corrupt entry and writes it anew', async () => {
    const cache = path.join(dir, 'corrupt');
    const text = '採択予定件数';
    const key = await subsetKey(codePoints(text), 700, 'woff');
    const file = entryFile(cache, key, 'woff');
    const real = await fontSubset(text, 700, 'woff', path.join(dir, 'reference'));
    const good = encodeEntry(real);
    for (const [i, bad] of [
      good.subarray(0, good.length - 100),
      Buffer.concat([good.subarray(0, 40), Buffer.from('x'), good.subarray(41)]),
      Buffer.from('not an entry'),
    ].entries()) {
      rmSync(cache, { recursive: true, force: true });
      mkdirSync(cache, { recursive: true });
      writeFileSync(file, bad);
      expect(decodeEntry(bad), `case ${i}`).toBeUndefined();
      // Asked through a new module instance, as the next build's process would (this one remembers the subset).
      vi.resetModules();
      const fresh = await import('../../src/stages/convert/fonts.ts');
      const got = await fresh.fontSubset(text, 700, 'woff', cache);
      expect(Buffer.from(got).equals(Buffer.from(real)), `case ${i}`).toBe(true);
      expect(Buffer.from(decodeEntry(readFileSync(file))!).equals(Buffer.from(real)), `case ${i} rewritten`).toBe(true);
    }
  });
});
