/**
 * dev's preview step on a warm page: a data edit reaches the slide PDF (and the HTML the preview
 * page shows) without a build's cold work.
 *
 * Per edition one page keeps the print document loaded (stages/convert/live-deck-page.ts). An
 * edit is loaded and validated (the text checks are left to the complete step that follows),
 * rendered to Marp HTML as a build renders it, and compared slide by slide with what the page
 * holds: only the sections whose markup changed are swapped in and fitted, then the page prints.
 * Fonts and theme unchanged is the fast case; a new character (a new font subset) or an edited
 * theme loads the whole document again on the same page.
 *
 * What it writes is made by the build's own functions — the same render (renderDeck), the same
 * post-processing options (slidesPdfOptions), the same viewer document — and published the same
 * way (atomic, under output/'s lock). It leaves the manifest alone: the build graph did not make
 * these files, so the complete step that dev runs next finds the slide units stale (their files
 * no longer match the manifest's digests) and rebuilds them in the canonical way.
 */
import { renderDeck } from '../../outputs/deck/index.ts';
import { slidesHtmlFile, viewerDocument } from '../../outputs/html/index.ts';
import { slidesPdfFile, slidesPdfOptions } from '../../outputs/pdf/index.ts';
import type { BrowserSession } from '../../stages/convert/browser.ts';
import { LiveDeckPage } from '../../stages/convert/live-deck-page.ts';
import { assessLayouts, overflowError } from '../../stages/convert/print-deck.ts';
import { withFit, type SlideLayout } from '../../stages/convert/slide-layout.ts';
import { holdOutput, publish, type OutputFiles } from '../../stages/publish/index.ts';
import { debug } from '../../shared/debug.ts';
import { t } from '../../shared/i18n.ts';
import { TOOL_VERSION, type ProjectPaths } from '../../shared/paths.ts';
import { buildDate } from '../build-options.ts';
import { loadEditionsDeferred } from '../editions.ts';

const trace = debug('live');

export interface LiveResult {
  /** Files written, relative to output/. */
  written: string[];
  /** 0-based slides whose markup changed (every slide when the document was loaded whole). */
  changed: number[];
  /** The document was loaded whole (first time, new glyphs, theme or slide count changed). */
  full: boolean;
  warnings: string[];
}

interface EditionPage {
  page: LiveDeckPage;
  /** What a swap cannot change: Marp's CSS (the theme) and the font faces. */
  head: string;
  /** Each slide's `<section>` as the page holds it (as rendered, before fitting). */
  sections: string[];
  fits: number[];
}

/**
 * The top-level `<section>…</section>` of Marp's print HTML, in order. Data is escaped before it
 * reaches Marp, so the only section tags are those of the templates; nesting is counted.
 */
export function splitSections(html: string): string[] {
  const out: string[] = [];
  const tag = /<(\/?)section\b[^>]*>/g;
  let depth = 0;
  let start = -1;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[1] === '') {
      if (depth === 0) start = m.index;
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) out.push(html.slice(start, m.index + m[0].length));
    }
  }
  return out;
}

export class LivePreview {
  readonly #paths: ProjectPaths;
  readonly #session: BrowserSession;
  readonly #allowOverflow: boolean;
  readonly #pages = new Map<string, EditionPage>();

  constructor(opts: { paths: ProjectPaths; session: BrowserSession; allowOverflow?: boolean }) {
    this.#paths = opts.paths;
    this.#session = opts.session;
    this.#allowOverflow = opts.allowOverflow ?? false;
  }

  /** Editions with a page loaded. */
  get editions(): string[] {
    return [...this.#pages.keys()];
  }

  /**
   * Load and check `editionId`, bring the page up to date with it, print and post-process, and
   * (unless `write` is false: warming the page after dev's first build) publish its slide PDF and HTML.
   */
  async preview(editionId: string, opts: { write?: boolean } = {}): Promise<LiveResult> {
    const paths = this.#paths;
    const warnings: string[] = [];
    const write = opts.write ?? true;
    // Held from loading to publishing, as a build holds it: a CLI build never interleaves with it.
    const locking = performance.now();
    const lock = await holdOutput(paths.outDir, (line) => warnings.push(line));
    try {
      const started = performance.now();
      trace(`output/ held in ${Math.round(started - locking)} ms`);
      const { editions } = await loadEditionsDeferred(paths, [editionId], { text: 'none' });
      const edition = editions[0]!.edition;
      trace(`loaded in ${Math.round(performance.now() - started)} ms`);
      const deck = await renderDeck(edition, paths);
      trace(`rendered in ${Math.round(performance.now() - started)} ms`);
      const sections = splitSections(deck.print.html);
      const head = `${deck.print.css}\0${deck.fontCss}`;

      let state = this.#pages.get(editionId);
      if (state && !state.page.alive) {
        await this.#drop(editionId);
        state = undefined;
      }
      let layouts: SlideLayout[];
      let changed: number[];
      const full = !state || state.head !== head || state.sections.length !== sections.length;
      try {
        if (!state || full) {
          const page = state?.page ?? LiveDeckPage.open(this.#session, [paths.outDir, paths.templatesDir]);
          // Recorded before loading: if the load fails, #drop below closes this page.
          this.#pages.set(editionId, { page, head: '', sections: [], fits: [] });
          layouts = await page.load(deck.printHtml);
          changed = sections.map((_, i) => i);
          state = { page, head, sections, fits: layouts.map((l) => l.fit) };
          this.#pages.set(editionId, state);
        } else {
          const held = state;
          changed = sections.flatMap((s, i) => (s === held.sections[i] ? [] : [i]));
          layouts = changed.length > 0 ? await held.page.swap(changed.map((index) => ({ index, html: sections[index]! }))) : [];
          held.sections = sections;
          for (const l of layouts) held.fits[l.index] = l.fit;
        }
      } catch (err) {
        // The page may hold half of an edit: the next preview starts from a fresh page.
        await this.#drop(editionId);
        throw err;
      }
      trace(`${full ? 'loaded whole' : `swapped ${changed.length}`} and fitted in ${Math.round(performance.now() - started)} ms`);
      // What a build checks, for the slides that changed (the others passed when they were fitted).
      const overflows = assessLayouts(layouts);
      if (overflows.length > 0) {
        const err = overflowError(edition.id, overflows);
        if (!this.#allowOverflow) throw err;
        warnings.push(`${t({ ja: '警告', en: 'warning' })}: ${t(err.detail)}`);
      }

      // The viewer HTML renders here while the browser prints.
      const printing = state.page.print();
      const html = await viewerDocument(withFit(deck.markdown, state.fits), deck.theme, deck.title, deck.fontCss);
      const [raw, { postprocessPdf }] = await Promise.all([printing, import('../../stages/postprocess/pdf.ts')]);
      trace(`printed in ${Math.round(performance.now() - started)} ms`);
      const pdf = await postprocessPdf(raw, slidesPdfOptions(edition, deck, { version: TOOL_VERSION, date: buildDate() }));
      // Warming the page: everything but the publishing has now run once. A page's first print
      // (and the first post-processing in this process) took about 1 s more than the next ones,
      // and that second was the wait of the first edit after dev started.
      if (!write) {
        trace(`warmed in ${Math.round(performance.now() - started)} ms`);
        return { written: [], changed, full, warnings };
      }
      const files: OutputFiles = new Map();
      files.set(`${edition.id}/${slidesPdfFile(edition)}`, pdf);
      files.set(`${edition.id}/${slidesHtmlFile(edition.id)}`, html);
      await publish(paths.outDir, files);
      trace(`published in ${Math.round(performance.now() - started)} ms`);
      return { written: [...files.keys()].sort(), changed, full, warnings };
    } finally {
      await lock.release();
    }
  }

  async #drop(editionId: string): Promise<void> {
    const state = this.#pages.get(editionId);
    this.#pages.delete(editionId);
    await state?.page.close();
  }

  /** Forget an edition (its folder went away). */
  forget(editionId: string): Promise<void> {
    return this.#drop(editionId);
  }

  async close(): Promise<void> {
    for (const id of [...this.#pages.keys()]) await this.#drop(id);
  }
}
