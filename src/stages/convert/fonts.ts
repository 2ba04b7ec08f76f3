/**
 * The bundled font (BIZ UDPGothic from @fontsource) embedded into generated HTML as
 * `@font-face` rules with data: URLs, limited to the unicode-range subsets the text needs.
 *
 * @fontsource splits the font into ~120 woff2 files per weight (one `@font-face` per file,
 * each with a `unicode-range`). We parse `400.css` / `700.css`, pick the files whose range
 * intersects the text's code points (plus the latin subset, always), and inline them. The
 * resulting HTML is self-contained and Chromium never falls back to system fonts for
 * characters the text uses.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FONT_FAMILY, fontPackageDir, inRanges, parseFontsourceCss, type FontSubset, type FontWeight } from '../../shared/font-package.ts';

export { FONT_FAMILY, type FontWeight } from '../../shared/font-package.ts';

export interface FontFaceOptions {
  weights?: readonly FontWeight[];
}

const DEFAULT_WEIGHTS: readonly FontWeight[] = [400, 700];
/** Always shipped: digits, ASCII punctuation, spaces. */
const ALWAYS = 'latin';

const subsetCache = new Map<FontWeight, Promise<FontSubset[]>>();
const fileCache = new Map<string, Promise<Buffer>>();

function readCached(file: string): Promise<Buffer> {
  let p = fileCache.get(file);
  if (!p) {
    p = readFile(file);
    p.catch(() => fileCache.delete(file));
    fileCache.set(file, p);
  }
  return p;
}

/** All subsets of one weight, parsed once per process. */
export function fontSubsets(weight: FontWeight): Promise<FontSubset[]> {
  let p = subsetCache.get(weight);
  if (!p) {
    const dir = fontPackageDir();
    p = readFile(join(dir, `${weight}.css`), 'utf8').then((css) => parseFontsourceCss(css, join(dir, 'files')));
    subsetCache.set(weight, p);
  }
  return p;
}

function codePoints(text: string): number[] {
  const set = new Set<number>();
  for (const ch of text) set.add(ch.codePointAt(0) ?? 0);
  return [...set].sort((a, b) => a - b);
}

function intersects(ranges: ReadonlyArray<[number, number]>, cps: readonly number[]): boolean {
  return cps.some((cp) => inRanges(ranges, cp));
}

/** The subsets needed to render `text`, per weight, in stylesheet order. */
export async function subsetsFor(text: string, opts: FontFaceOptions = {}): Promise<FontSubset[]> {
  const cps = codePoints(text);
  const out: FontSubset[] = [];
  for (const weight of opts.weights ?? DEFAULT_WEIGHTS) {
    for (const s of await fontSubsets(weight)) {
      if (s.subset === ALWAYS || intersects(s.ranges, cps)) out.push(s);
    }
  }
  return out;
}

/** Font files `fontFaceCss(text)` inlines (for the build graph's input hash). */
export async function fontFilesFor(text: string, opts: FontFaceOptions = {}): Promise<string[]> {
  return (await subsetsFor(text, opts)).map((s) => s.file);
}

function formatRanges(ranges: ReadonlyArray<[number, number]>): string {
  return ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',');
}

/**
 * `@font-face` rules (family `BIZ UDPGothic`) with base64 woff2 data: URLs for the subsets
 * whose unicode-range intersects `text`, plus latin. `font-display: block` so print never
 * captures a fallback.
 */
export async function fontFaceCss(text: string, opts: FontFaceOptions = {}): Promise<string> {
  const rules: string[] = [];
  for (const s of await subsetsFor(text, opts)) {
    const data = (await readCached(s.file)).toString('base64');
    rules.push(
      `/* ${FONT_FAMILY} ${s.weight} [${s.subset}] */\n` +
        `@font-face {\n` +
        `  font-family: '${FONT_FAMILY}';\n` +
        `  font-style: normal;\n` +
        `  font-display: block;\n` +
        `  font-weight: ${s.weight};\n` +
        `  src: url(data:font/woff2;base64,${data}) format('woff2');\n` +
        `  unicode-range: ${formatRanges(s.ranges)};\n` +
        `}`,
    );
  }
  return rules.join('\n');
}

/**
 * Bytes of one font file containing the glyphs of `text`, for pdf-lib + @pdf-lib/fontkit.
 *
 * Returns the zlib `.woff` sibling, NOT the `.woff2`: @pdf-lib/fontkit parses woff2, but its
 * subsetter then copies still-transformed glyf data — the embedded font is ~640 KB and every
 * glyph renders blank. From `.woff` the subset is ~5 KB and renders correctly.
 * Prefers the single unicode-range subset that covers every character; otherwise the full
 * `japanese` file (all ~7,600 glyphs; pdf-lib embeds only the used ones, but fontkit layout and
 * subsetting of the full font take ~2 s — prefer `watermarkFonts`).
 */
export async function watermarkFontBytes(text: string, weight: FontWeight = 700): Promise<Uint8Array> {
  const cps = codePoints(text).filter((cp) => cp > 0x20);
  const candidates = (await fontSubsets(weight)).filter((s) => cps.every((cp) => inRanges(s.ranges, cp)));
  const file = candidates[0]?.file ?? join(fontPackageDir(), 'files', `biz-udpgothic-japanese-${weight}-normal.woff2`);
  return new Uint8Array(await readCached(file.replace(/\.woff2$/, '.woff')));
}

/**
 * Small font files (`.woff`, one per unicode-range subset) that together cover `text`, for
 * `Watermark.fontBytes` as an array: each character is drawn with the first font that has it.
 * ~30× faster to embed than the full font. Falls back to `[watermarkFontBytes(text)]` when a
 * character is outside every subset's range.
 */
export async function watermarkFonts(text: string, weight: FontWeight = 700): Promise<Uint8Array[]> {
  const subsets = await fontSubsets(weight);
  const files: string[] = [];
  for (const cp of codePoints(text)) {
    const hit =
      subsets.find((s) => files.includes(s.file) && inRanges(s.ranges, cp)) ??
      subsets.find((s) => s.subset === ALWAYS && inRanges(s.ranges, cp)) ??
      subsets.find((s) => inRanges(s.ranges, cp));
    if (!hit) return [await watermarkFontBytes(text, weight)];
    if (!files.includes(hit.file)) files.push(hit.file);
  }
  return Promise.all(files.map(async (f) => new Uint8Array(await readCached(f.replace(/\.woff2$/, '.woff')))));
}

/**
 * Put the `@font-face` rules for what a page prints into its `slot` (a CSS comment the
 * template left): the text, plus `extra` characters the page draws itself (the digits of
 * page numbers in running footers).
 */
export async function embedFonts(html: string, slot: string, extra = ''): Promise<string> {
  const faces = await fontFaceCss(`${html}${extra}`);
  return html.replace(slot, () => faces);
}
