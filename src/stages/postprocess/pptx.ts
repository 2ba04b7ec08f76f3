/**
 * Post-processing of the PPTX (a zip): bytes in → bytes out, so two builds with the
 * same SOURCE_DATE_EPOCH give byte-identical files.
 *
 * pptxgenjs stamps the build clock in two places: every zip entry's DOS timestamp and
 * docProps/core.xml (dcterms:created / dcterms:modified). Everything else it writes is
 * a function of the slides. The zip is rewritten with one fixed date on every entry,
 * the core properties set to the build date, a fixed entry order and fixed compression.
 * On the way every XML part gets the Japanese patches of pptx-xml.ts (language, fonts,
 * line breaking, unique ids, slide titles).
 */
import JSZip from 'jszip';
import { patchPart } from './pptx-xml.ts';

/** DOS timestamps cannot express anything before 1980-01-01 (and count in 2-second steps). */
const DOS_EPOCH = Date.UTC(1980, 0, 1);

export interface PptxNormalizeOptions {
  /** The build date (SOURCE_DATE_EPOCH): core.xml created/modified and every entry's timestamp. */
  date: Date;
  /** Each slide's title, in order: slide names and the document's list of slide titles. */
  slideTitles?: readonly string[];
}

/** W3CDTF as Office writes it: seconds precision, UTC. */
function w3cdtf(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** `[Content_Types].xml` first (the OPC convention readers expect), then by name. */
function entryOrder(a: string, b: string): number {
  const ct = '[Content_Types].xml';
  if (a === ct || b === ct) return a === ct ? (b === ct ? 0 : -1) : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function normalizePptx(bytes: Uint8Array, opts: PptxNormalizeOptions): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(bytes);
  // Rounded down to the DOS clock's 2 s resolution so the date written equals the date read back.
  const ms = Math.max(DOS_EPOCH, Math.floor(opts.date.getTime() / 2000) * 2000);
  const entryDate = new Date(ms);
  const stamp = w3cdtf(opts.date);

  const out = new JSZip();
  // Directory entries are dropped: OOXML needs none (Office writes none), and JSZip would
  // otherwise add them with the current time.
  const names = Object.keys(source.files)
    .filter((n) => !source.files[n]!.dir)
    .sort(entryOrder);
  for (const name of names) {
    let content: Uint8Array | string = await source.files[name]!.async('uint8array');
    if (name.endsWith('.xml')) {
      let xml = patchPart(name, Buffer.from(content).toString('utf8'), opts.slideTitles);
      if (name === 'docProps/core.xml') xml = xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
      content = Buffer.from(xml, 'utf8');
    }
    out.file(name, content, { date: entryDate, createFolders: false, binary: typeof content !== 'string' });
  }
  return out.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    // DOS platform: no Unix permission bits (umask-dependent) in the external attributes.
    platform: 'DOS',
    mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  });
}
