/**
 * `npx tsx scripts/render-pptx.ts <file.pptx> [outDir]` — how LibreOffice shows a PPTX:
 * converts it to PDF with the bundled font (test/helpers/libreoffice.ts) and writes one PNG
 * per slide (pdftoppm, 96 dpi = the slides' 1280×720 px). For looking at the native PPTX
 * next to the PDF's pages; not part of the build.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pptxToPdf } from '../test/helpers/libreoffice.ts';

const [file, out = path.join(path.dirname(file ?? '.'), 'pptx-render')] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx scripts/render-pptx.ts <file.pptx> [outDir]');
  process.exit(2);
}
await mkdir(out, { recursive: true });
const pdf = await pptxToPdf(path.resolve(file), path.resolve(out));
execFileSync('pdftoppm', ['-png', '-r', '96', pdf, path.join(out, 'slide')]);
console.log(`${pdf}\n${path.join(out, 'slide-*.png')}`);
