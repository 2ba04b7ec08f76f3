/**
 * Post-processing of the PPTX (a zip): bytes in → bytes out, so two builds with the
 * same SOURCE_DATE_EPOCH give byte-identical files.
 *
 * pptxgenjs stamps the build clock in the zip entries and docProps/core.xml; everything else
 * it writes is a function of the slides. The re-zip of ooxml.ts fixes the dates, the order and
 * the compression; on the way every XML part gets the Japanese patches of pptx-xml.ts
 * (language, fonts, line breaking, unique ids, slide titles).
 */
import { rezip } from './ooxml.ts';
import { patchPart } from './pptx-xml.ts';

export interface PptxNormalizeOptions {
  /** The build date (SOURCE_DATE_EPOCH): core.xml created/modified and every entry's timestamp. */
  date: Date;
  /** Each slide's title, in order: slide names and the document's list of slide titles. */
  slideTitles?: readonly string[];
}

export function normalizePptx(bytes: Uint8Array, opts: PptxNormalizeOptions): Promise<Uint8Array> {
  return rezip(bytes, {
    date: opts.date,
    mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    patch: (name, xml) => (name.endsWith('.xml') ? patchPart(name, xml, opts.slideTitles) : xml),
  });
}
