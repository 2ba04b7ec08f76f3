/** The slide PDF (`slides/r3-slides.pdf`): tagged, with metadata and one bookmark per slide. */
import type { Edition } from '../../schema/index.ts';
import type { PostprocessOptions } from '../../stages/postprocess/pdf.ts';
import type { RenderedDeck } from '../deck/index.ts';
import { slideFormat, slidesBaseName } from '../deck/names.ts';
import type { Output } from '../types.ts';

/** Where the slide PDF goes, relative to output/<edition>/. */
export function slidesPdfFile(edition: Edition): string {
  return `slides/${slidesBaseName(edition.id)}.pdf`;
}

/** What post-processing puts into the slide PDF (metadata, bookmarks): one rule for the build and dev's live page. */
export function slidesPdfOptions(edition: Edition, deck: RenderedDeck, ctx: { version: string; date: Date }): PostprocessOptions {
  return {
    title: deck.title,
    author: edition.meta.publisher,
    subject: edition.meta.subtitle,
    keywords: ['共創の場形成支援', 'COI-NEXT', edition.meta.subtitle],
    version: ctx.version,
    lang: 'ja-JP',
    date: ctx.date,
    deterministic: true,
    outline: deck.view.slides.map((s, i) => ({ title: `${i + 1}. ${s.title}`, pageIndex: i })),
  };
}

export const pdf: Output = {
  ...slideFormat(
    'pdf',
    { ja: 'スライド PDF', en: 'slides PDF' },
    { browser: true, released: true, linked: { ext: '.pdf', text: { ja: 'スライド PDF', en: 'Slides PDF' } }, offered: true },
  ),
  async build(job) {
    const { edition } = job.valid;
    const { printedDeck, renderedDeck } = await import('../deck/index.ts');
    // pdf-lib loads while the page prints: module evaluation is this thread's work, printing the browser's.
    const post = job.ctx.session.firstPage.then(() => import('../../stages/postprocess/pdf.ts'));
    const deck = await renderedDeck(job);
    const printed = await printedDeck(job);
    if (!printed.pdf) throw new Error('deck printed without its PDF');
    const { postprocessPdf } = await post;
    const bytes = await postprocessPdf(printed.pdf, slidesPdfOptions(edition, deck, job.ctx));
    return new Map([[slidesPdfFile(edition), bytes]]);
  },
};
