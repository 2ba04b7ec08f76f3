/**
 * pdf-lib post-processing of Chromium's PDFs: bytes in → bytes out.
 *
 * The document is modified in place (load → set → save). Pages are never copied into a new
 * document: that would drop Chromium's tagged structure (/StructTreeRoot, /MarkInfo, /ParentTree).
 *
 * What Chromium (Skia/PDF) writes, for reference: Info dict with Creator "Chromium",
 * Producer "Skia/PDF mNNN", CreationDate/ModDate = now; /Lang from `<html lang>`; /Dests
 * (old-style catalog dict) for ids targeted by internal links; /Outlines when printed with
 * `outline: true`; no /ID in the trailer and no XMP /Metadata stream (it only writes XMP in
 * PDF/A mode). We set every Info field ourselves, and one XMP packet of the same facts.
 */
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFFont,
  type PDFObject,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFRef,
  PDFString,
  PDFRawStream,
  ParseSpeeds,
  beginMarkedContent,
  degrees,
  endMarkedContent,
  rgb,
} from 'pdf-lib';
import { N, pageRefs, type PageLabelRange } from '../convert/pdf-read.ts';
import { markPageArtifacts } from './artifacts.ts';

export type { PageLabelRange, PageLabelStyle } from '../convert/pdf-read.ts';

export interface OutlineEntry {
  title: string;
  pageIndex: number;
  children?: OutlineEntry[];
  /** Show children expanded (default true). */
  open?: boolean;
}

export interface Watermark {
  text: string;
  /**
   * Font bytes (ttf/otf/woff; not woff2, see fonts.ts) with the text's glyphs, or several fonts:
   * each character then uses the first font that has it (see fonts.watermarkFonts).
   */
  fontBytes: Uint8Array | Uint8Array[];
  /** 0..1, default 0.15. */
  opacity?: number;
}

export interface Attachment {
  name: string;
  bytes: Uint8Array;
  mimeType: string;
  description?: string;
  /** Creation/modification date of the embedded file; defaults to opts.date; never the clock. */
  date?: Date;
}

export interface PostprocessOptions {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** Version string used in Creator/Producer: `kyoso-docs <version>`. */
  version: string;
  /** BCP 47 language for /Lang (default `ja-JP`). */
  lang?: string;
  /** CreationDate and ModDate (caller derives it from SOURCE_DATE_EPOCH when set). */
  date?: Date;
  /** Write a content-derived /ID so equal inputs give byte-identical output. */
  deterministic?: boolean;
  /** Replaces any existing outline; `[]` removes it. */
  outline?: OutlineEntry[];
  pageLabels?: PageLabelRange[];
  watermark?: Watermark;
  attachments?: Attachment[];
}

export async function postprocessPdf(bytes: Uint8Array, opts: PostprocessOptions): Promise<Uint8Array> {
  // Parsed and saved in one go: pdf-lib's default yields to the event loop every 50–100 objects, for UIs.
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const catalog = doc.catalog;

  // --- metadata
  const tool = `kyoso-docs ${opts.version}`;
  if (opts.title !== undefined) doc.setTitle(opts.title, { showInWindowTitleBar: true });
  if (opts.author !== undefined) doc.setAuthor(opts.author);
  if (opts.subject !== undefined) doc.setSubject(opts.subject);
  if (opts.keywords !== undefined) doc.setKeywords(opts.keywords);
  doc.setCreator(tool);
  doc.setProducer(tool);
  if (opts.date) {
    doc.setCreationDate(opts.date);
    doc.setModificationDate(opts.date);
  }
  catalog.set(N('Lang'), PDFString.of(opts.lang ?? 'ja-JP'));
  catalog.delete(N('Metadata')); // one XMP of the Info dict's facts (PDF/UA wants dc:title there)
  setXmp(doc, { title: opts.title, author: opts.author, subject: opts.subject, lang: opts.lang ?? 'ja-JP', tool, date: opts.date });
  describeLinks(doc);

  if (opts.outline) setOutline(doc, opts.outline);
  if (opts.pageLabels) setPageLabels(doc, opts.pageLabels);
  if (opts.watermark) await drawWatermark(doc, opts.watermark);
  markPageArtifacts(doc); // running heads, folios, slide numbers, the watermark: not body text
  for (const a of opts.attachments ?? []) {
    const date = a.date ?? opts.date;
    await doc.attach(a.bytes, a.name, {
      mimeType: a.mimeType,
      ...(a.description !== undefined ? { description: a.description } : {}),
      ...(date ? { creationDate: date, modificationDate: date } : {}),
    });
  }

  recompressStreams(doc);

  if (!opts.deterministic) return doc.save({ updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY });
  renumberStructureIds(doc);

  // Content-derived /ID: save with a zero placeholder, hash, patch the placeholder in place
  // (same length, inside the trailer / xref-stream dictionary, so no offsets move).
  const placeholder = '0'.repeat(32);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(placeholder), PDFHexString.of(placeholder)]);
  const out = await doc.save({ updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY });
  const id = createHash('sha256').update(out).digest('hex').slice(0, 32).toUpperCase();
  const needle = Buffer.from(`<${placeholder}>`, 'latin1');
  const buf = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  let from = buf.length;
  for (let i = 0; i < 2; i++) {
    const at = buf.lastIndexOf(needle, from - 1);
    if (at < 0) throw new Error('postprocessPdf: /ID placeholder not found in saved PDF');
    buf.write(`<${id}>`, at, 'latin1');
    from = at;
  }
  return out;
}

/**
 * Chromium deflates its streams (page content, fonts) at a fast level; deflated again at zlib's
 * best the slide PDF's page streams lose 2 KB, which keeps it under 300 KB (kB, not KiB). A
 * stream is replaced only when smaller, and only a plain /FlateDecode one (same data, predictors
 * included). zlib's output depends only on its input, level and version: reproducible.
 */
function recompressStreams(doc: PDFDocument): void {
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream) || obj.dict.get(N('Filter')) !== N('FlateDecode')) continue;
    const packed = recompressed(obj.contents);
    if (packed) doc.context.assign(ref, PDFRawStream.of(obj.dict, packed));
  }
}

/**
 * Streams already deflated again in this process, by a digest of the bytes Chromium wrote →
 * the smaller bytes, or null (not smaller, not zlib data). A dev session prints the same font
 * subsets and unchanged slides edit after edit, and editions of one deck share most of theirs:
 * 25 streams, 0.25 MB, 50–100 ms of zlib per slide PDF that need not be spent twice. zlib's output
 * is a function of its input, so a hit gives the bytes the deflate would. Oldest first out past
 * RECOMPRESSED_LIMIT bytes (each entry counted with its key, so a long dev session of streams that
 * did not shrink stays bounded too).
 */
const recompressedCache = new Map<string, Uint8Array | null>();
let recompressedBytes = 0;
const RECOMPRESSED_LIMIT = 32 * 1024 * 1024;
const ENTRY_BYTES = 64;
/** How often a stream was deflated again, and how often its earlier result was reused (the tests read it). */
export const recompressCounts = { deflated: 0, reused: 0 };

function recompressed(contents: Uint8Array): Uint8Array | null {
  const key = createHash('sha256').update(contents).digest('base64');
  const hit = recompressedCache.get(key);
  if (hit !== undefined) {
    recompressCounts.reused++;
    return hit;
  }
  recompressCounts.deflated++;
  let packed: Uint8Array | null = null;
  try {
    const out = deflateSync(inflateSync(contents), { level: 9 });
    if (out.length < contents.length) packed = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch {
    // not inflatable as zlib data: left as Chromium wrote it
  }
  recompressedCache.set(key, packed);
  recompressedBytes += (packed?.byteLength ?? 0) + ENTRY_BYTES;
  for (const [old, bytes] of recompressedCache) {
    if (recompressedBytes <= RECOMPRESSED_LIMIT) break;
    recompressedCache.delete(old);
    recompressedBytes -= (bytes?.byteLength ?? 0) + ENTRY_BYTES;
  }
  return packed;
}

/**
 * Chromium names the structure elements a table header cell needs (`/ID`, the IDTree, a cell's
 * `/Headers`) after DOM node ids, a counter of the renderer process: they shift with whatever
 * that process laid out before (a page of another document, a browser that printed earlier).
 * Renamed here by rank (`id00001`, … in the order Chromium numbered them), so the bytes depend
 * on the document alone. Only strings that are a structure element's /ID are touched.
 */
function renumberStructureIds(doc: PDFDocument): void {
  const ids = new Set<string>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(N('Type')) !== N('StructElem')) continue;
    const id = obj.get(N('ID'));
    if (id instanceof PDFString || id instanceof PDFHexString) ids.add(id.decodeText());
  }
  if (ids.size === 0) return;
  const rank = [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const renamed = new Map(rank.map((old, i) => [old, PDFString.of(`id${String(i + 1).padStart(5, '0')}`)]));
  const seen = new Set<PDFObject>();
  const visit = (obj: PDFObject): PDFObject | undefined => {
    if (obj instanceof PDFString || obj instanceof PDFHexString) return renamed.get(obj.decodeText());
    if (seen.has(obj)) return undefined;
    seen.add(obj);
    if (obj instanceof PDFDict) {
      for (const [key, value] of obj.entries()) {
        const next = visit(value);
        if (next) obj.set(key, next);
      }
    } else if (obj instanceof PDFArray) {
      for (let i = 0; i < obj.size(); i++) {
        const next = visit(obj.get(i));
        if (next) obj.set(i, next);
      }
    }
    return undefined;
  };
  for (const [, obj] of doc.context.enumerateIndirectObjects()) visit(obj);
}

// ---------------------------------------------------------------- XMP and links

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An uncompressed XMP packet on the catalog: dc:title and dc:language, the tool, the dates. */
function setXmp(
  doc: PDFDocument,
  m: { title?: string | undefined; author?: string | undefined; subject?: string | undefined; lang: string; tool: string; date?: Date | undefined },
): void {
  const date = m.date ? m.date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
  const alt = (v: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xmlText(v)}</rdf:li></rdf:Alt>`;
  const xmp = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    '<dc:format>application/pdf</dc:format>',
    m.title !== undefined ? `<dc:title>${alt(m.title)}</dc:title>` : '',
    m.author !== undefined ? `<dc:creator><rdf:Seq><rdf:li>${xmlText(m.author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    m.subject !== undefined ? `<dc:description>${alt(m.subject)}</dc:description>` : '',
    `<dc:language><rdf:Bag><rdf:li>${xmlText(m.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreatorTool>${xmlText(m.tool)}</xmp:CreatorTool><pdf:Producer>${xmlText(m.tool)}</pdf:Producer>`,
    date ? `<xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate>` : '',
    '</rdf:Description></rdf:RDF></x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('');
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(N('Metadata'), doc.context.register(stream));
}

/**
 * Every link annotation gets `/Contents` (what a screen reader announces for it): its URI
 * without the scheme of a mail link. Chromium writes none.
 */
function describeLinks(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(N('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const a = annots!.lookupMaybe(i, PDFDict);
      if (!a || a.lookupMaybe(N('Subtype'), PDFName) !== N('Link') || a.has(N('Contents'))) continue;
      const uri = a.lookupMaybe(N('A'), PDFDict)?.lookup(N('URI'));
      if (uri instanceof PDFString || uri instanceof PDFHexString) a.set(N('Contents'), PDFHexString.fromText(uri.decodeText().replace(/^mailto:/, '')));
    }
  }
}

// ---------------------------------------------------------------- outline

function setOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  const { context, catalog } = doc;
  catalog.delete(N('Outlines'));
  if (entries.length === 0) {
    if (catalog.lookupMaybe(N('PageMode'), PDFName) === N('UseOutlines')) catalog.delete(N('PageMode'));
    return;
  }
  const refs = pageRefs(doc);
  const pages = doc.getPages();
  const rootRef = context.nextRef();

  /** Builds siblings under `parent`; returns [first, last, visible descendant count]. */
  const build = (items: OutlineEntry[], parent: PDFRef): [PDFRef, PDFRef, number] => {
    const itemRefs = items.map(() => context.nextRef());
    let visible = 0;
    items.forEach((item, i) => {
      const page = refs[item.pageIndex];
      const pdfPage = pages[item.pageIndex];
      if (!page || !pdfPage) {
        throw new RangeError(`outline "${item.title}": pageIndex ${item.pageIndex} out of range (0..${refs.length - 1})`);
      }
      const { height } = pdfPage.getSize();
      const dict = context.obj({
        Title: PDFHexString.fromText(item.title),
        Parent: parent,
        Dest: [page, 'XYZ', 0, height, null],
      });
      const prev = itemRefs[i - 1];
      const next = itemRefs[i + 1];
      if (prev) dict.set(N('Prev'), prev);
      if (next) dict.set(N('Next'), next);
      visible += 1;
      if (item.children && item.children.length > 0) {
        const [first, last, count] = build(item.children, itemRefs[i]!);
        const open = item.open ?? true;
        dict.set(N('First'), first);
        dict.set(N('Last'), last);
        dict.set(N('Count'), PDFNumber.of(open ? count : -count));
        if (open) visible += count;
      }
      context.assign(itemRefs[i]!, dict);
    });
    return [itemRefs[0]!, itemRefs[itemRefs.length - 1]!, visible];
  };

  const [first, last, count] = build(entries, rootRef);
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: first, Last: last, Count: count }));
  doc.catalog.set(N('Outlines'), rootRef);
  doc.catalog.set(N('PageMode'), N('UseOutlines'));
}

// ---------------------------------------------------------------- page labels

function setPageLabels(doc: PDFDocument, ranges: PageLabelRange[]): void {
  const { context } = doc;
  const sorted = [...ranges].sort((a, b) => a.startIndex - b.startIndex);
  if (sorted[0]?.startIndex !== 0) {
    // The number tree must start at page 0.
    sorted.unshift({ startIndex: 0, style: 'D' });
  }
  const nums = context.obj([]);
  for (const r of sorted) {
    const label = context.obj({});
    if (r.style) label.set(N('S'), N(r.style));
    if (r.prefix) label.set(N('P'), PDFHexString.fromText(r.prefix));
    if (r.start !== undefined && r.start !== 1) label.set(N('St'), PDFNumber.of(r.start));
    nums.push(PDFNumber.of(r.startIndex));
    nums.push(label);
  }
  doc.catalog.set(N('PageLabels'), context.obj({ Nums: nums }));
}

// ---------------------------------------------------------------- watermark

async function drawWatermark(doc: PDFDocument, wm: Watermark): Promise<void> {
  if (!wm.text) return;
  // Only a watermark embeds a font: a PDF without one never loads fontkit (~0.2 s to import).
  doc.registerFontkit((await import('@pdf-lib/fontkit')).default);
  const sources = Array.isArray(wm.fontBytes) ? wm.fontBytes : [wm.fontBytes];
  // customName keeps the BaseFont name stable (no random suffix) for reproducible output, and
  // names the font what it is — pdffonts then lists only the bundled family.
  const fonts = await Promise.all(sources.map((bytes) => doc.embedFont(bytes, { subset: true, customName: 'BIZUDPGothic-Bold' })));
  const charsets = fonts.map((f) => new Set(f.getCharacterSet()));
  // Split into runs of characters drawn with the same font.
  const runs: Array<{ font: PDFFont; text: string; widthAt1: number }> = [];
  for (const ch of wm.text) {
    const cp = ch.codePointAt(0)!;
    const idx = Math.max(
      0,
      charsets.findIndex((set) => set.has(cp)),
    );
    const last = runs[runs.length - 1];
    if (last && last.font === fonts[idx]) last.text += ch;
    else runs.push({ font: fonts[idx]!, text: ch, widthAt1: 0 });
  }
  for (const r of runs) r.widthAt1 = r.font.widthOfTextAtSize(r.text, 1);
  const widthAt1 = runs.reduce((sum, r) => sum + r.widthAt1, 0);
  const heightAt1 = Math.max(...fonts.map((f) => f.heightAtSize(1, { descender: false })));
  if (widthAt1 <= 0) return;
  const opacity = wm.opacity ?? 0.15;
  for (const page of doc.getPages()) {
    const { x: bx, y: by, width, height } = page.getMediaBox();
    const angle = Math.atan2(height, width);
    const diagonal = Math.hypot(width, height);
    const size = Math.min((diagonal * 0.6) / widthAt1, (Math.min(width, height) * 0.5) / heightAt1);
    const tw = widthAt1 * size;
    const th = heightAt1 * size;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    // Start of the baseline such that the rotated text box is centred on the page.
    let x = bx + width / 2 - (cos * tw) / 2 + (sin * th) / 2;
    let y = by + height / 2 - (sin * tw) / 2 - (cos * th) / 2;
    page.pushOperators(beginMarkedContent('Artifact'));
    for (const run of runs) {
      page.drawText(run.text, {
        x,
        y,
        size,
        font: run.font,
        color: rgb(0.5, 0.5, 0.5),
        opacity,
        rotate: degrees((angle * 180) / Math.PI),
      });
      x += cos * run.widthAt1 * size;
      y += sin * run.widthAt1 * size;
    }
    page.pushOperators(endMarkedContent());
  }
}
