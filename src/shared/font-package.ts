/**
 * The bundled font as a package: where the full TrueType files of BIZ UDPGothic are
 * installed (@expo-google-fonts/biz-udpgothic, one file per weight) and which code points
 * they map (their cmap). Light and synchronous on purpose: the data schema asks "can the
 * documents show this character?" while validating, long before anything is rendered.
 *
 * These two files are the one font source of every output: the per-document subsets the
 * HTML and PDFs embed (stages/convert/fonts.ts), the watermark, the PPTX text measuring
 * (stages/convert/textfit.ts) and this coverage check.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const FONT_FAMILY = 'BIZ UDPGothic';

/** The npm package that ships the font files (its version is a build input). */
export const FONT_PACKAGE = '@expo-google-fonts/biz-udpgothic';

export type FontWeight = 400 | 700;

export const FONT_WEIGHTS: readonly FontWeight[] = [400, 700];

const FILES: Record<FontWeight, string> = {
  400: join('400Regular', 'BIZUDPGothic_400Regular.ttf'),
  700: join('700Bold', 'BIZUDPGothic_700Bold.ttf'),
};

const require = createRequire(import.meta.url);

/** Folder of the installed font package. */
export function fontPackageDir(): string {
  return dirname(require.resolve(`${FONT_PACKAGE}/package.json`));
}

/** Absolute path of the full TrueType file of one weight. */
export function fontFile(weight: FontWeight): string {
  return join(fontPackageDir(), FILES[weight]);
}

/** Merge sorted, possibly overlapping ranges into disjoint ones. */
export function mergeRanges(ranges: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** Is `cp` inside one of the sorted, disjoint `ranges`? Binary search: a CJK cmap has thousands of ranges. */
export function inRanges(ranges: ReadonlyArray<[number, number]>, cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (r[0] <= cp) {
      if (cp <= r[1]) return true;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return false;
}

/** Offsets of an sfnt's tables by tag. */
function tableOffsets(font: Uint8Array): Map<string, number> {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, number>();
  for (let i = 0; i < v.getUint16(4); i++) {
    const rec = 12 + i * 16;
    tables.set(String.fromCharCode(font[rec]!, font[rec + 1]!, font[rec + 2]!, font[rec + 3]!), v.getUint32(rec + 8));
  }
  return tables;
}

/**
 * The advance width (in em) of the glyph an sfnt font maps `cp` to, or undefined when it maps
 * none: cmap (format 12, else 4) → glyph id → hmtx, over unitsPerEm (head). All the PPTX text
 * measuring needs; reading these three tables by hand spares it fontkit, whose import alone
 * costs ~0.3 s of CPU (it Brotli-decompresses its own data), for the same numbers (the font
 * tests compare every mapped code point with fontkit's).
 */
export function glyphAdvances(font: Uint8Array): (cp: number) => number | undefined {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = tableOffsets(font);
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const cmap = tables.get('cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) throw new Error('font lacks one of head, hhea, hmtx, cmap');
  const unitsPerEm = v.getUint16(head + 18);
  const metrics = v.getUint16(hhea + 34);
  const advanceOf = (glyph: number): number => v.getUint16(hmtx + 4 * Math.min(glyph, metrics - 1)) / unitsPerEm;
  const subtables = unicodeSubtables(v, cmap);
  const at12 = subtables.find((o) => v.getUint16(o) === 12);
  if (at12 !== undefined) {
    const groups = v.getUint32(at12 + 12);
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const p = at12 + 16 + mid * 12;
        if (cp < v.getUint32(p)) hi = mid - 1;
        else if (cp > v.getUint32(p + 4)) lo = mid + 1;
        else {
          const glyph = v.getUint32(p + 8) + cp - v.getUint32(p);
          return glyph === 0 ? undefined : advanceOf(glyph);
        }
      }
      return undefined;
    };
  }
  const bmp = format4(v, subtables);
  return (cp) => {
    if (cp > 0xffff) return undefined;
    let lo = 0;
    let hi = bmp.segments - 1;
    while (lo <= hi) {
      const s = (lo + hi) >> 1;
      if (cp > bmp.end(s)) lo = s + 1;
      else if (s > 0 && cp <= bmp.end(s - 1)) hi = s - 1;
      else {
        const glyph = cp < bmp.start(s) ? 0 : bmp.glyph(s, cp);
        return glyph === 0 ? undefined : advanceOf(glyph);
      }
    }
    return undefined;
  };
}

/**
 * The cmap's format 4 subtable (the BMP, in segments): each segment's first and last code point,
 * and the glyph of a code point inside it (0: none).
 */
function format4(v: DataView, subtables: readonly number[]): { segments: number; start(s: number): number; end(s: number): number; glyph(s: number, cp: number): number } {
  const at4 = subtables.find((o) => v.getUint16(o) === 4);
  if (at4 === undefined) throw new Error('font has no Unicode cmap subtable (format 4 or 12)');
  const segments = v.getUint16(at4 + 6) / 2;
  const ends = at4 + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const start = (s: number): number => v.getUint16(starts + s * 2);
  return {
    segments,
    start,
    end: (s) => v.getUint16(ends + s * 2),
    glyph(s, cp) {
      const delta = v.getUint16(deltas + s * 2);
      const ro = v.getUint16(rangeOffsets + s * 2);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = v.getUint16(rangeOffsets + s * 2 + ro + (cp - start(s)) * 2);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    },
  };
}

/** Offsets of a cmap's Unicode subtables: Unicode platform, or Windows Unicode BMP (1) / full (10). */
function unicodeSubtables(v: DataView, cmap: number): number[] {
  const subtables: number[] = [];
  for (let i = 0; i < v.getUint16(cmap + 2); i++) {
    const rec = cmap + 4 + i * 8;
    const platform = v.getUint16(rec);
    const encoding = v.getUint16(rec + 2);
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) subtables.push(cmap + v.getUint32(rec + 4));
  }
  return subtables;
}

/**
 * The code points an sfnt (TrueType/OpenType) font maps to a glyph, as sorted disjoint
 * ranges, from its cmap: the format 12 subtable (full Unicode) when there is one, else the
 * format 4 (BMP). Hand-read rather than through fontkit so that validation loads no font library.
 */
export function cmapRanges(font: Uint8Array): Array<[number, number]> {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const cmap = tableOffsets(font).get('cmap');
  if (cmap === undefined) throw new Error('font has no cmap table');
  const subtables = unicodeSubtables(v, cmap);
  const at12 = subtables.find((o) => v.getUint16(o) === 12);
  const out: Array<[number, number]> = [];
  if (at12 !== undefined) {
    const groups = v.getUint32(at12 + 12);
    for (let g = 0; g < groups; g++) {
      const p = at12 + 16 + g * 12;
      out.push([v.getUint32(p), v.getUint32(p + 4)]);
    }
    return mergeRanges(out);
  }
  const bmp = format4(v, subtables);
  for (let s = 0; s < bmp.segments; s++) {
    for (let cp = bmp.start(s); cp <= bmp.end(s) && cp !== 0xffff; cp++) if (bmp.glyph(s, cp) !== 0) out.push([cp, cp]);
  }
  return mergeRanges(out);
}

const coverage = new Map<FontWeight, Array<[number, number]>>();

/** The code points one weight of the bundled font maps (read once per process). */
export function fontCoverage(weight: FontWeight): ReadonlyArray<[number, number]> {
  let ranges = coverage.get(weight);
  if (!ranges) {
    ranges = cmapRanges(readFileSync(fontFile(weight)));
    coverage.set(weight, ranges);
  }
  return ranges;
}

/** Can the embedded font draw this code point, in both weights (a value may be set in bold)? */
export function fontCovers(cp: number): boolean {
  return FONT_WEIGHTS.every((w) => inRanges(fontCoverage(w), cp));
}
