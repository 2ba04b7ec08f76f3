/**
 * The bundled font (BIZ UDPGothic) embedded into generated HTML and PDFs, subset to what a
 * document uses.
 *
 * One subset per weight and document: the full TrueType file of the weight
 * (shared/font-package.ts) cut by harfbuzz (`subset-font`, wasm) down to the code points of
 * the document's text, embedded as ONE `@font-face` per weight. Chromium then embeds one font
 * object per weight in the PDF (the unicode-range slices of a web-font package gave ~80).
 *
 * A subset is made once per content digest — of the font file, the harfbuzz build, the
 * options and the code points — and kept under `output/.cache/fonts/` across builds. The
 * cache is safe to delete; an entry that does not check out (truncated, edited) is ignored
 * and written anew.
 */
import { createHash } from 'node:crypto';
import { sha256 } from '../../shared/digest.ts';
import { deflateSync } from 'node:zlib';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import { debug } from '../../shared/debug.ts';
import { FONT_FAMILY, FONT_WEIGHTS, fontFile, type FontWeight } from '../../shared/font-package.ts';

export { FONT_FAMILY, type FontWeight } from '../../shared/font-package.ts';

const log = debug('fonts');
const require = createRequire(import.meta.url);

/** `woff` for HTML (zlib: about 30% smaller than TrueType, made in milliseconds; woff2's brotli in wasm takes seconds a subset); `truetype` for pdf-lib. */
export type SubsetFormat = 'woff' | 'truetype';

export interface FontOptions {
  weights?: readonly FontWeight[];
  /** Folder of the subset cache (`output/.cache/fonts`); none: made in memory only. */
  cacheDir?: string;
}

/**
 * What harfbuzz keeps: no hinting (PDF viewers and Chromium's own rasteriser do not use it, and
 * the web-font slices this replaced had none either), and only the layout features horizontal
 * Japanese text uses — the font's jp78/jp90/vert/… alternates would more than double the glyphs.
 */
const SUBSET_OPTIONS = { noHinting: true, keepFeatures: ['ccmp', 'locl', 'liga', 'clig', 'calt', 'rlig', 'kern', 'mark', 'mkmk'] } as const;

/** Always in a subset: printable ASCII (digits and punctuation a page may draw itself: counters, page numbers). */
const ALWAYS = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);

/** Bumped when the entry format or what goes into a subset changes. */
const CACHE_VERSION = 'kyoso-font-subset/2';
/** An entry: magic, the SHA-256 of the payload, the payload. */
const MAGIC = Buffer.from('KFS1');

type SubsetFont = (font: Buffer, text: string, options: Record<string, unknown>) => Promise<Buffer>;

/** The sorted distinct code points of `text`, with ASCII. */
export function codePoints(text: string): number[] {
  const set = new Set<number>(ALWAYS);
  for (const ch of text) set.add(ch.codePointAt(0) ?? 0);
  return [...set].sort((a, b) => a - b);
}

const fontBytes = new Map<FontWeight, Promise<Buffer>>();

function readFont(weight: FontWeight): Promise<Buffer> {
  let p = fontBytes.get(weight);
  if (!p) {
    p = readFile(fontFile(weight));
    p.catch(() => fontBytes.delete(weight));
    fontBytes.set(weight, p);
  }
  return p;
}

let toolDigest: Promise<string> | undefined;

/** What makes the subsets besides the font: subset-font's version and the harfbuzz wasm it loads. */
function subsetterDigest(): Promise<string> {
  toolDigest ??= (async () => {
    const pkg = require.resolve('subset-font/package.json');
    const version = (JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version;
    const wasm = await readFile(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    return sha256(`subset-font@${version}\0${sha256(wasm)}`);
  })();
  return toolDigest;
}

const fontDigests = new Map<FontWeight, Promise<string>>();

function fontDigest(weight: FontWeight): Promise<string> {
  let p = fontDigests.get(weight);
  if (!p) {
    p = readFont(weight).then(sha256);
    fontDigests.set(weight, p);
  }
  return p;
}

/** The cache key of one subset: every input that changes its bytes (zlib's version: the woff's deflate streams). */
export async function subsetKey(cps: readonly number[], weight: FontWeight, format: SubsetFormat): Promise<string> {
  const zlib = format === 'woff' ? `zlib ${process.versions.zlib}` : '';
  return sha256(
    [CACHE_VERSION, await fontDigest(weight), await subsetterDigest(), format, zlib, JSON.stringify(SUBSET_OPTIONS), cps.map((c) => c.toString(16)).join(',')].join('\0'),
  );
}

/**
 * An sfnt (TrueType) font as WOFF 1.0: the same tables, each zlib-compressed when that makes it
 * smaller, behind a 44-byte header and a directory sorted by tag (W3C WOFF 1.0, sections 3–5).
 */
export function sfntToWoff(sfnt: Uint8Array): Uint8Array {
  const src = Buffer.from(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const numTables = src.readUInt16BE(4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const rec = 12 + i * 16;
    const offset = src.readUInt32BE(rec + 8);
    const length = src.readUInt32BE(rec + 12);
    const data = src.subarray(offset, offset + length);
    const packed = deflateSync(data);
    return { tag: src.subarray(rec, rec + 4), checksum: src.readUInt32BE(rec + 4), origLength: length, data: packed.length < length ? packed : data };
  }).sort((a, b) => Buffer.compare(a.tag, b.tag));
  const pad4 = (n: number): number => (n + 3) & ~3;
  let size = 44 + 20 * numTables;
  const offsets = tables.map((t) => {
    const at = size;
    size = pad4(size + t.data.length);
    return at;
  });
  const out = Buffer.alloc(size);
  out.write('wOFF', 0, 'latin1');
  out.writeUInt32BE(src.readUInt32BE(0), 4); // flavor: the sfnt version
  out.writeUInt32BE(size, 8);
  out.writeUInt16BE(numTables, 12);
  out.writeUInt32BE(12 + 16 * numTables + tables.reduce((n, t) => n + pad4(t.origLength), 0), 16); // totalSfntSize
  // Major/minor version, metadata and private blocks stay zero.
  tables.forEach((t, i) => {
    const rec = 44 + i * 20;
    t.tag.copy(out, rec);
    out.writeUInt32BE(offsets[i]!, rec + 4);
    out.writeUInt32BE(t.data.length, rec + 8);
    out.writeUInt32BE(t.origLength, rec + 12);
    out.writeUInt32BE(t.checksum, rec + 16);
    t.data.copy(out, offsets[i]!);
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** A cache entry's bytes: magic, the SHA-256 of the payload, the payload. */
export function encodeEntry(payload: Uint8Array): Buffer {
  return Buffer.concat([MAGIC, createHash('sha256').update(payload).digest(), payload]);
}

/** The payload of an entry, or undefined when it does not check out (truncated, edited, another format). */
export function decodeEntry(bytes: Uint8Array): Uint8Array | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < MAGIC.length + 32 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const payload = buf.subarray(MAGIC.length + 32);
  if (
    !createHash('sha256')
      .update(payload)
      .digest()
      .equals(buf.subarray(MAGIC.length, MAGIC.length + 32))
  )
    return undefined;
  return new Uint8Array(payload);
}

/** Where the entry of `key` lives in `cacheDir`. */
export function entryFile(cacheDir: string, key: string, format: SubsetFormat): string {
  return path.join(cacheDir, `${key}.${format === 'woff' ? 'woff' : 'ttf'}`);
}

/** Write an entry whole or not at all (a temporary, then a rename); a cache that cannot be written is only slower. */
async function writeEntry(file: string, payload: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, encodeEntry(payload));
    await rename(tmp, file);
  } catch (err) {
    log(`font cache not written (${file}): ${String(err)}`);
    await rm(tmp, { force: true }).catch(() => {});
  }
}

let subsetter: SubsetFont | undefined;

/**
 * subset-font, with V8 told to keep WebAssembly on its baseline compiler (Liftoff). Left to tier
 * up, V8 compiles harfbuzz's ~1 MB module again with TurboFan right after the first subset and
 * the event loop stalls about 0.3 s (measured: a `setImmediate` after the first subset waited
 * 300–340 ms; with `--liftoff-only` 1 ms, and a subset takes the same 50 ms). The flag only
 * affects modules compiled after it, and harfbuzz is the only WebAssembly this tool runs.
 */
function loadSubsetter(): SubsetFont {
  if (!subsetter) {
    v8.setFlagsFromString('--liftoff-only');
    subsetter = require('subset-font') as SubsetFont;
  }
  return subsetter;
}

/** Subsets made or read in this process, by key: the deck's HTML, Markdown and PDF share one. */
const made = new Map<string, Promise<Uint8Array>>();

/**
 * One weight of the bundled font cut to the code points of `text` (plus ASCII), as a woff or
 * TrueType file: from this process's memory, else the cache folder, else made by harfbuzz.
 */
export function fontSubset(text: string, weight: FontWeight, format: SubsetFormat, cacheDir?: string): Promise<Uint8Array> {
  const cps = codePoints(text);
  return subsetKey(cps, weight, format).then((key) => {
    let p = made.get(key);
    if (!p) {
      p = (async () => {
        const file = cacheDir ? entryFile(cacheDir, key, format) : undefined;
        const entry = file ? await readFile(file).catch(() => undefined) : undefined;
        const hit = entry && decodeEntry(entry);
        if (hit) return hit;
        if (entry) log(`font cache entry ${file} does not check out: made again`);
        const subsetFont = loadSubsetter();
        const started = performance.now();
        // Always TrueType out of harfbuzz; the woff wrapping is ours (node's zlib: fontverter's pure-JS deflate took ~0.3 s a subset).
        const ttf = await subsetFont(await readFont(weight), String.fromCodePoint(...cps), {
          ...SUBSET_OPTIONS,
          keepFeatures: [...SUBSET_OPTIONS.keepFeatures],
          targetFormat: 'truetype',
        });
        const bytes = format === 'woff' ? sfntToWoff(ttf) : new Uint8Array(ttf);
        log(`subset ${weight} ${format}: ${cps.length} code points, ${bytes.length} bytes, ${Math.round(performance.now() - started)} ms`);
        if (file) await writeEntry(file, bytes);
        return bytes;
      })();
      p.catch(() => made.delete(key));
      made.set(key, p);
    }
    return p;
  });
}

/**
 * `@font-face` rules (family `BIZ UDPGothic`), one per weight, each a woff data: URL of the
 * subset holding the code points of `text`. `font-display: block` so print never captures a
 * fallback.
 */
export async function fontFaceCss(text: string, opts: FontOptions = {}): Promise<string> {
  const rules: string[] = [];
  for (const weight of opts.weights ?? FONT_WEIGHTS) {
    const data = Buffer.from(await fontSubset(text, weight, 'woff', opts.cacheDir)).toString('base64');
    rules.push(
      `/* ${FONT_FAMILY} ${weight}, subset to this document */\n` +
        `@font-face {\n` +
        `  font-family: '${FONT_FAMILY}';\n` +
        `  font-style: normal;\n` +
        `  font-display: block;\n` +
        `  font-weight: ${weight};\n` +
        `  src: url(data:font/woff;base64,${data}) format('woff');\n` +
        `}`,
    );
  }
  return rules.join('\n');
}

/** A TrueType file holding the glyphs of `text`, for pdf-lib + @pdf-lib/fontkit (the watermark). */
export function watermarkFontBytes(text: string, weight: FontWeight = 700, cacheDir?: string): Promise<Uint8Array> {
  return fontSubset(text, weight, 'truetype', cacheDir);
}

/**
 * Put the `@font-face` rules for what a page prints into its `slot` (a CSS comment the
 * template left): the text, plus `extra` characters the page draws itself (the numerals of
 * page numbers in running footers).
 */
export async function embedFonts(html: string, slot: string, extra = '', opts: FontOptions = {}): Promise<string> {
  const faces = await fontFaceCss(`${html}${extra}`, opts);
  return html.replace(slot, () => faces);
}
