/** The slide PDF (`slides/r3-slides.pdf`): tagged, with metadata and one bookmark per slide. */
import { DECK_TEMPLATES, printedDeck, renderedDeck, slidesBaseName } from '../deck/index.ts';
import { deckPlan } from '../deck/plan.ts';
import type { Output } from '../types.ts';

export const pdf: Output = {
  kind: 'pdf',
  group: 'slides',
  label: { ja: 'スライド PDF', en: 'slides PDF' },
  plan: (edition) => deckPlan(edition, DECK_TEMPLATES),
  async build(job) {
    const { edition } = job.valid;
    const deck = await renderedDeck(job);
    const printed = await printedDeck(job);
    if (!printed.pdf) throw new Error('deck printed without its PDF');
    const { postprocessPdf } = await import('../../stages/postprocess/pdf.ts');
    const bytes = await postprocessPdf(printed.pdf, {
      title: deck.title,
      author: edition.meta.publisher,
      subject: edition.meta.subtitle,
      keywords: ['共創の場形成支援', 'COI-NEXT', edition.meta.subtitle],
      version: job.ctx.version,
      lang: 'ja-JP',
      date: job.ctx.date,
      deterministic: true,
      outline: deck.view.slides.map((s, i) => ({ title: `${i + 1}. ${s.title}`, pageIndex: i })),
    });
    return new Map([[`slides/${slidesBaseName(edition.id)}.pdf`, bytes]]);
  },
};
