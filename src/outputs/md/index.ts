/** The deck's Marp Markdown (`slides/r3-slides.md`): what the other slide formats are printed from. */
import { DECK_TEMPLATES, renderedDeck, slidesBaseName } from '../deck/index.ts';
import { deckPlan } from '../deck/plan.ts';
import type { Output } from '../types.ts';

export const md: Output = {
  kind: 'md',
  group: 'slides',
  label: { ja: 'スライド Markdown', en: 'slides Markdown' },
  plan: (edition) => deckPlan(edition, DECK_TEMPLATES),
  async build(job) {
    const deck = await renderedDeck(job);
    return new Map([[`slides/${slidesBaseName(job.valid.edition.id)}.md`, deck.markdown]]);
  },
};
