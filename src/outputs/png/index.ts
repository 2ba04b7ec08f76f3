/** One PNG per slide (`slides/png/r3-slides-01.png`, 1920×1080). */
import { slideFormat, slidesBaseName } from '../deck/names.ts';
import type { Output, UnitFiles } from '../types.ts';

export const png: Output = {
  // Pictures of the slides for web pages and previews: neither published nor linked one by one.
  ...slideFormat('png', { ja: 'スライド PNG', en: 'slides PNG' }, { browser: true, released: false }),
  async build(job) {
    const { printedDeck } = await import('../deck/index.ts');
    const base = slidesBaseName(job.valid.edition.id);
    const printed = await printedDeck(job);
    const out: UnitFiles = new Map();
    printed.pngs.forEach((bytes, i) => out.set(`slides/png/${base}-${String(i + 1).padStart(2, '0')}.png`, bytes));
    return out;
  },
};
