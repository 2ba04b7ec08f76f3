/** The PowerPoint file (`slides/r3-slides.pptx`), one picture per slide, made from the same PNGs. */
import { DECK_TEMPLATES, printedDeck, renderedDeck, slidesBaseName } from '../deck/index.ts';
import { deckPlan } from '../deck/plan.ts';
import type { Output } from '../types.ts';

export const pptx: Output = {
  kind: 'pptx',
  group: 'slides',
  label: { ja: 'PPTX', en: 'PPTX' },
  plan: (edition) => deckPlan(edition, DECK_TEMPLATES),
  async build(job) {
    const { edition } = job.valid;
    const [{ buildPptx }, { normalizePptx }] = await Promise.all([import('../../stages/convert/print-deck.ts'), import('../../stages/postprocess/pptx.ts')]);
    const deck = await renderedDeck(job);
    const printed = await printedDeck(job);
    const meta = {
      title: deck.title,
      author: edition.meta.publisher,
      subject: edition.meta.subtitle,
      company: edition.meta.publisher,
      notes: deck.view.slides.map((s) => s.title),
    };
    // pptxgenjs stamps the clock into the zip and docProps; normalised to the build date.
    const bytes = await normalizePptx(await buildPptx(printed.pngs, meta), { date: job.ctx.date });
    return new Map([[`slides/${slidesBaseName(edition.id)}.pptx`, bytes]]);
  },
};
