/**
 * The picture PowerPoint file (`slides/r3-slides-pictures.pptx`): one full-slide picture per
 * slide, the PNGs of the PDF's page load — pixel-exact, but nothing in it can be edited. Made
 * only when asked for (`--formats pptx-pictures`): the native PPTX is the PowerPoint file.
 * A separate output rather than an option of the PPTX, so both can exist side by side under
 * names that say what they are, and asking for one never rebuilds the other.
 */
import { slideFormat, slidesBaseName } from '../deck/names.ts';
import type { Output } from '../types.ts';

export const pptxPictures: Output = {
  ...slideFormat(
    'pptx-pictures',
    { ja: 'PPTX（画像）', en: 'PPTX (pictures)' },
    { browser: true, optIn: true, released: true, linked: { ext: '.pptx', text: { ja: 'PPTX（画像）', en: 'PPTX (pictures)' } } },
  ),
  async build(job) {
    const { edition } = job.valid;
    const [{ buildPptx }, { normalizePptx }, { printedDeck, renderedDeck }] = await Promise.all([
      import('../../stages/convert/print-deck.ts'),
      import('../../stages/postprocess/pptx.ts'),
      import('../deck/index.ts'),
    ]);
    const deck = await renderedDeck(job);
    const printed = await printedDeck(job);
    const titles = deck.view.slides.map((s) => s.title);
    const meta = { title: deck.title, author: edition.meta.publisher, subject: edition.meta.subtitle, company: edition.meta.publisher, altTexts: titles };
    const bytes = await normalizePptx(await buildPptx(printed.pngs, meta), { date: job.ctx.date, slideTitles: titles });
    return new Map([[`slides/${slidesBaseName(edition.id)}-pictures.pptx`, bytes]]);
  },
};
