/**
 * The deck work the slide outputs share: the view-model, its Marp Markdown, the theme, the
 * embedded fonts, and one page load that serves the overflow check, the PDF and the PNGs.
 * Each is computed once per edition and run (UnitJob.shared), whichever output asks first.
 * The convert stage (marp-core, the browser) is imported when first needed, so planning a
 * build that has nothing to do never loads it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { THEME_FILE } from './names.ts';
import { fail } from '../../shared/errors.ts';
import { debug } from '../../shared/debug.ts';
import { t } from '../../shared/i18n.ts';
import { fontCacheDir } from '../../shared/paths.ts';
import type { SlideConversion } from '../../stages/convert/print-deck.ts';
import type { MarpRender } from '../../stages/convert/marp.ts';
import type { Edition } from '../../schema/index.ts';
import type { ProjectPaths } from '../../shared/paths.ts';
import { deckView, renderDeckMarkdown, type DeckView } from '../../stages/render/deck-view.ts';
import type { UnitJob } from '../types.ts';

const trace = debug('deck');

export { DECK_TEMPLATES, slidesBaseName, THEME_FILE } from './names.ts';

export async function loadTheme(templatesDir: string): Promise<string> {
  const file = path.join(templatesDir, THEME_FILE);
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw fail('themeMissing', { file }, { cause });
  }
}

export interface RenderedDeck {
  view: DeckView;
  markdown: string;
  theme: string;
  title: string;
  /** `@font-face` rules for the glyphs the deck uses. */
  fontCss: string;
  /** Marp's print rendering (plain sections, one per page) that printHtml wraps. */
  print: MarpRender;
  /** The print document: one section per page. */
  printHtml: string;
}

/** render: view-model → Markdown → Marp HTML (no browser). */
export function renderedDeck(job: UnitJob): Promise<RenderedDeck> {
  return job.shared('deck:render', () => renderDeck(job.valid.edition, job.ctx.paths, (css) => job.ctx.session.preloadFonts(css)));
}

/**
 * The same for one edition outside a build (dev's live page renders each edit with it).
 * `fontsKnown` gets the `@font-face` rules as soon as the Markdown is rendered, before Marp
 * turns it into HTML (a build hands them to the browser: BrowserSession.preloadFonts).
 */
export async function renderDeck(edition: Edition, paths: ProjectPaths, fontsKnown?: (css: string) => void): Promise<RenderedDeck> {
  const [{ renderMarp, slidesDocument }, { fontFaceCss }] = await Promise.all([import('../../stages/convert/marp.ts'), import('../../stages/convert/fonts.ts')]);
  trace('render: modules');
  const view = deckView(edition);
  trace('render: view-model');
  const markdown = await renderDeckMarkdown(paths.templatesDir, view);
  trace('render: Markdown');
  const theme = await loadTheme(paths.templatesDir);
  const cacheDir = fontCacheDir(paths);
  if (fontsKnown) {
    // The subsets as the text known before Marp's render asks for them; Marp's HTML seldom adds a
    // character (a typographic quote, an entity), so the final call below is usually the same
    // subset, made once (fonts.ts keeps it by its code points). When it does add one, this was
    // only a warm-up, and the page loads the final subsets itself.
    fontsKnown(await fontFaceCss(markdown + theme, { cacheDir }));
    // A turn of the event loop, so the page command goes out before Marp's render holds this thread.
    await new Promise((resolve) => setImmediate(resolve));
    trace('render: fonts (before Marp)');
  }
  const print = renderMarp(markdown, theme);
  trace('render: Marp HTML');
  if (print.slides !== view.slides.length) {
    // A value must never create or swallow a slide; if the count differs, escaping failed.
    throw fail('slideCountMismatch', { expected: view.slides.length, got: print.slides });
  }
  // One subset per weight holding the glyphs this deck uses — of the Markdown, the theme and the
  // HTML Marp made of them (markdown-it may add characters: typographic quotes, entities).
  const fontCss = await fontFaceCss(markdown + theme + print.html, { cacheDir });
  const title = `${edition.meta.title} ${edition.meta.subtitle}`;
  return { view, markdown, theme, title, fontCss, print, printHtml: slidesDocument(print, { title, fontCss }) };
}

/**
 * The deck's Markdown as printed: with each slide's fitted sizes (measured in the browser), so
 * the `.md`, the HTML viewer, marp-cli and Marp for VS Code lay the slides out as the PDF.
 */
export function fittedMarkdown(job: UnitJob): Promise<string> {
  return job.shared('deck:fitted', async () => {
    const [deck, printed, { withFit }] = await Promise.all([renderedDeck(job), printedDeck(job), import('../../stages/convert/slide-layout.ts')]);
    return withFit(deck.markdown, printed.fits);
  });
}

/**
 * convert: one page load for the fit and overflow check, the PDF and the PNGs — the PDF only when
 * this run makes it, the PNGs only when an output of this run needs them.
 */
export function printedDeck(job: UnitJob): Promise<SlideConversion> {
  return job.shared('deck:print', async () => {
    const deck = await renderedDeck(job);
    const { convertSlides, overflowError } = await import('../../stages/convert/print-deck.ts');
    const converted = await convertSlides(job.ctx.session, deck.printHtml, {
      pdf: job.wants.has('pdf'),
      png: job.wants.has('png') || job.wants.has('pptx-pictures'),
      allowedRoots: job.ctx.allowedRoots,
    });
    if (converted.overflows.length > 0) {
      const err = overflowError(job.valid.edition.id, converted.overflows);
      if (!job.ctx.allowOverflow) throw err;
      job.ctx.warn(`${t({ ja: '警告', en: 'warning' })}: ${t(err.detail)}`);
    }
    if (converted.blocked.length > 0) job.ctx.warn(`${t({ ja: '警告: 読み込みを遮断しました', en: 'warning: blocked requests' })}: ${converted.blocked.join(', ')}`);
    return converted;
  });
}
