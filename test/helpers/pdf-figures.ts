/** The Figure elements of a PDF's structure tree, read back with pdf-lib. */
import { readFile } from 'node:fs/promises';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

/** The /Alt of every Figure structure element, in document order of the objects. */
export async function figureAlts(file: string): Promise<string[]> {
  const doc = await PDFDocument.load(await readFile(file));
  const alts: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('S')) !== PDFName.of('Figure')) continue;
    const alt = obj.get(PDFName.of('Alt'));
    alts.push(alt instanceof PDFHexString || alt instanceof PDFString ? alt.decodeText() : '');
  }
  return alts;
}
