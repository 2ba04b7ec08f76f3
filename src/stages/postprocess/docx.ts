/**
 * Post-processing of a Word file (a zip): bytes in → bytes out. The re-zip of ooxml.ts fixes
 * the entry dates, order and compression and dates core.xml by the build; on the way every
 * part gets the patches of docx-xml.ts (Japanese runs, East Asian line breaking, settings, the
 * font table) and the ids docx draws from counters or at random are renumbered.
 */
import JSZip from 'jszip';
import { rezip } from './ooxml.ts';
import { IdRenumbering, TEXT_PART, patchCore, patchFontTable, patchNumbering, patchRuns, patchSettings, patchStyles } from './docx-xml.ts';

export interface DocxNormalizeOptions {
  /** The build date (SOURCE_DATE_EPOCH). */
  date: Date;
  /** The publisher: core.xml's last-modified-by. */
  author: string;
}

export async function normalizeDocx(bytes: Uint8Array, opts: DocxNormalizeOptions): Promise<Uint8Array> {
  // The relationships are read first: a part's random link ids are renamed with its .rels.
  const ids = new IdRenumbering();
  const zip = await JSZip.loadAsync(bytes);
  for (const name of Object.keys(zip.files).sort()) if (name.endsWith('.rels')) ids.learnRels(name, await zip.files[name]!.async('string'));
  return rezip(bytes, {
    date: opts.date,
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    patch: (name, xml) => {
      let out = ids.patch(name, xml);
      if (TEXT_PART.test(name)) out = patchRuns(out);
      if (name === 'word/styles.xml') out = patchStyles(out);
      if (name === 'word/settings.xml') out = patchSettings(out);
      if (name === 'word/numbering.xml') out = patchNumbering(out);
      if (name === 'word/fontTable.xml') out = patchFontTable(out);
      if (name === 'docProps/core.xml') out = patchCore(out, opts.author);
      return out;
    },
  });
}
