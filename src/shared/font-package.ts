/**
 * The bundled font as a package: where @fontsource/biz-udpgothic is installed and which
 * code points it covers (its stylesheets' unicode-ranges). Light and synchronous on
 * purpose: the data schema asks "can the documents show this character?" while
 * validating, long before anything is rendered.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const FONT_FAMILY = 'BIZ UDPGothic';

export type FontWeight = 400 | 700;

export interface FontSubset {
  /** Subset id as named by @fontsource: `0`…`119`, `latin`, `latin-ext`, `cyrillic`, … */
  subset: string;
  weight: FontWeight;
  /** Absolute path to the woff2 file. */
  file: string;
  /** Inclusive code point ranges, sorted. */
  ranges: Array<[number, number]>;
}

const require = createRequire(import.meta.url);

/** Folder of the installed @fontsource/biz-udpgothic package. */
export function fontPackageDir(): string {
  return dirname(require.resolve('@fontsource/biz-udpgothic/package.json'));
}

/** Parse `unicode-range: U+0000-00FF,U+0131,U+4E??` into sorted inclusive ranges. */
export function parseUnicodeRange(value: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const raw of value.split(',')) {
    const part = raw.trim().replace(/^U\+/i, '');
    if (!part) continue;
    if (part.includes('?')) {
      out.push([parseInt(part.replace(/\?/g, '0'), 16), parseInt(part.replace(/\?/g, 'F'), 16)]);
    } else if (part.includes('-')) {
      const [a = '', b = ''] = part.split('-');
      out.push([parseInt(a, 16), parseInt(b, 16)]);
    } else {
      const n = parseInt(part, 16);
      out.push([n, n]);
    }
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/** Parse one @fontsource weight stylesheet into its subsets (in stylesheet order). */
export function parseFontsourceCss(css: string, filesDir: string): FontSubset[] {
  const subsets: FontSubset[] = [];
  const block = /@font-face\s*\{([^}]*)\}/g;
  for (const m of css.matchAll(block)) {
    const body = m[1] ?? '';
    const woff2 = /url\(\.\/files\/([^)]+?\.woff2)\)/.exec(body)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
    const weight = Number(/font-weight:\s*(\d+)/.exec(body)?.[1]);
    if (!woff2 || !range || (weight !== 400 && weight !== 700)) continue;
    const subset = /^biz-udpgothic-(.+)-\d+-normal\.woff2$/.exec(woff2)?.[1] ?? woff2;
    subsets.push({ subset, weight, file: join(filesDir, woff2), ranges: parseUnicodeRange(range) });
  }
  return subsets;
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

/** Is `cp` inside one of the sorted, disjoint `ranges`? Binary search: the data has ~8,000 ranges. */
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

let coverage: Array<[number, number]> | undefined;

/** Can the embedded font draw this code point? (Regular weight; bold covers the same ranges.) */
export function fontCovers(cp: number): boolean {
  coverage ??= mergeRanges(parseFontsourceCss(readFileSync(join(fontPackageDir(), '400.css'), 'utf8'), '').flatMap((s) => s.ranges));
  return inRanges(coverage, cp);
}
