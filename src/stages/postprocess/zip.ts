/**
 * A folder of files as one zip with reproducible bytes (release's archive of the web page and
 * what it links): every entry dated with the release date, entries in path order, no directory
 * entries (unzip makes the folders from the paths), fixed compression, no Unix permission bits.
 */
import JSZip from 'jszip';

/** 1980-01-01, the earliest date a zip entry can hold. */
const DOS_EPOCH = Date.UTC(1980, 0, 1);

export async function zipFiles(files: ReadonlyArray<{ path: string; bytes: Uint8Array }>, date: Date): Promise<Uint8Array> {
  // Rounded down to the DOS clock's 2 s resolution so the date written equals the date read back.
  const entryDate = new Date(Math.max(DOS_EPOCH, Math.floor(date.getTime() / 2000) * 2000));
  const zip = new JSZip();
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (zip.file(f.path)) throw new Error(`zip: ${f.path} twice`);
    zip.file(f.path, f.bytes, { date: entryDate, createFolders: false, binary: true });
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
}
