/**
 * The re-zip step every Office Open XML output ends with (the PPTX and the Word files): bytes in →
 * bytes out, so two builds with the same SOURCE_DATE_EPOCH give byte-identical files.
 *
 * The libraries that write these packages stamp the build clock in two places: every zip
 * entry's DOS timestamp and docProps/core.xml (dcterms:created / dcterms:modified). The zip is
 * rewritten with one fixed date on every entry, the core properties set to the build date, a
 * fixed entry order and fixed compression; each XML part passes through the caller's patch.
 */
import JSZip from 'jszip';

/** DOS timestamps cannot express anything before 1980-01-01 (and count in 2-second steps). */
const DOS_EPOCH = Date.UTC(1980, 0, 1);

export interface RezipOptions {
  /** The build date (SOURCE_DATE_EPOCH): core.xml created/modified and every entry's timestamp. */
  date: Date;
  /** The package's content type (the zip's `mimetype` hint). */
  mimeType: string;
  /** Rewrites one XML part (by its name in the package); parts it returns unchanged stay as they were. */
  patch?: (name: string, xml: string) => string;
}

/** W3CDTF as Office writes it: seconds precision, UTC. */
export function w3cdtf(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** `[Content_Types].xml` first (the OPC convention readers expect), then by name. */
function entryOrder(a: string, b: string): number {
  const ct = '[Content_Types].xml';
  if (a === ct || b === ct) return a === ct ? (b === ct ? 0 : -1) : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** docProps/core.xml with created and modified at the build date. */
export function datedCoreProperties(xml: string, date: Date): string {
  return xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${w3cdtf(date)}$3`);
}

export async function rezip(bytes: Uint8Array, opts: RezipOptions): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(bytes);
  // Rounded down to the DOS clock's 2 s resolution so the date written equals the date read back.
  const entryDate = new Date(Math.max(DOS_EPOCH, Math.floor(opts.date.getTime() / 2000) * 2000));
  const out = new JSZip();
  // Directory entries are dropped: OOXML needs none (Office writes none), and JSZip would
  // otherwise add them with the current time.
  const names = Object.keys(source.files)
    .filter((n) => !source.files[n]!.dir)
    .sort(entryOrder);
  for (const name of names) {
    let content: Uint8Array = await source.files[name]!.async('uint8array');
    if (/\.(xml|rels)$/.test(name)) {
      const text = Buffer.from(content).toString('utf8');
      let xml = opts.patch ? opts.patch(name, text) : text;
      if (name === 'docProps/core.xml') xml = datedCoreProperties(xml, opts.date);
      if (xml !== text) content = Buffer.from(xml, 'utf8');
    }
    out.file(name, content, { date: entryDate, createFolders: false, binary: true });
  }
  return out.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    // DOS platform: no Unix permission bits (umask-dependent) in the external attributes.
    platform: 'DOS',
    mimeType: opts.mimeType,
  });
}
