/**
 * The HTML deck for browsers (`slides/r3-slides.html`): Marp's inline-SVG rendering scales
 * each slide to the window with no script, fonts embedded, nothing fetched — opens offline.
 */
import { slideFormat, slidesBaseName } from '../deck/names.ts';
import type { Output } from '../types.ts';

/** The viewer document of a deck's (fitted) Markdown: the build's, and dev's live page's. */
export async function viewerDocument(markdown: string, theme: string, title: string, fontCss: string): Promise<string> {
  const { renderMarp } = await import('../../stages/convert/marp.ts');
  const render = renderMarp(markdown, theme, { inlineSVG: true });
  return `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</title>
<style>${fontCss}</style>
<style>${render.css}</style>
<style>
html, body { margin: 0; background: #5b6470; }
div.marpit { display: flex; flex-direction: column; align-items: center; gap: 16px; padding: 16px 0; }
div.marpit > svg[data-marpit-svg] { display: block; width: min(96vw, calc(92vh * 16 / 9)); height: auto; box-shadow: 0 2px 10px rgba(0,0,0,.35); background: #fff; }
@media print { html, body { background: #fff; } div.marpit { gap: 0; padding: 0; } div.marpit > svg[data-marpit-svg] { width: 100vw; box-shadow: none; break-after: page; } }
</style>
</head><body><main>${render.html}</main></body></html>`;
}

/** Where the slide HTML goes, relative to output/<edition>/. */
export function slidesHtmlFile(editionId: string): string {
  return `slides/${slidesBaseName(editionId)}.html`;
}

export const html: Output = {
  ...slideFormat('html', { ja: 'スライド HTML', en: 'slides HTML' }, { browser: true, released: true, linked: { ext: '.html', text: { ja: 'スライド HTML', en: 'Slides HTML' } } }),
  async build(job) {
    const { fittedMarkdown, renderedDeck } = await import('../deck/index.ts');
    const deck = await renderedDeck(job);
    const markdown = await fittedMarkdown(job);
    return new Map([[slidesHtmlFile(job.valid.edition.id), await viewerDocument(markdown, deck.theme, deck.title, deck.fontCss)]]);
  },
};
