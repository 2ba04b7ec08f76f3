/** One PNG per slide (`slides/png/r3-slides-01.png`, 1920×1080). */
import { DECK_TEMPLATES, printedDeck, slidesBaseName } from '../deck/index.ts';
import { deckPlan } from '../deck/plan.ts';
import type { Output, UnitFiles } from '../types.ts';

export const png: Output = {
  kind: 'png',
  group: 'slides',
  label: { ja: 'スライド PNG', en: 'slides PNG' },
  browser: true,
  plan: (edition) => deckPlan(edition, DECK_TEMPLATES),
  async build(job) {
    const base = slidesBaseName(job.valid.edition.id);
    const printed = await printedDeck(job);
    const out: UnitFiles = new Map();
    printed.pngs.forEach((bytes, i) => out.set(`slides/png/${base}-${String(i + 1).padStart(2, '0')}.png`, bytes));
    return out;
  },
};
