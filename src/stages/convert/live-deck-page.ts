/**
 * Stage 4 — convert (slides), for `dev`: one page that keeps the deck loaded between edits.
 *
 * A cold print pays for parsing the document, decoding the fonts, laying out and fitting every
 * slide; an edit usually changes the text of one slide. This page keeps the document, and an
 * edit replaces only the `<section>` of each slide whose markup changed, fits those (the others
 * keep their fit: slides are laid out independently, each in its own fixed box), and prints.
 * Fonts and theme stay as loaded — when they change (a new character needs a new subset, the
 * theme was edited) the caller loads the whole document again (`load`).
 *
 * The page lives inside one `withPage` call that lasts until `close()` (no page budget), so the
 * session still owns and closes it; every command runs on it in turn.
 */
import type { Page } from 'puppeteer-core';
import { TIMEOUTS, loadFonts, printPdf, type BrowserSession } from './browser.ts';
import { IMAGE_SCALE, SLIDE_HEIGHT, SLIDE_WIDTH } from './print-deck.ts';
import { fitSlidesScript, type SlideLayout } from './slide-layout.ts';

export interface SectionChange {
  /** 0-based slide number. */
  index: number;
  /** The slide's new `<section …>…</section>` as Marp rendered it. */
  html: string;
}

export class LiveDeckPage {
  #page: Page | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #stop: () => void = () => {};
  #held: Promise<void>;
  #dead: unknown;

  private constructor(ready: Promise<Page>, held: Promise<void>) {
    this.#held = held;
    void ready.then((page) => {
      this.#page = page;
    });
    this.#queue = ready;
    held.catch((err: unknown) => {
      this.#dead = err ?? new Error('live page closed');
    });
  }

  /** A page of `session` kept open until close(); requests limited to `allowedRoots` as every page's. */
  static open(session: BrowserSession, allowedRoots: readonly string[]): LiveDeckPage {
    let resolvePage: (page: Page) => void = () => {};
    let rejectPage: (err: unknown) => void = () => {};
    const ready = new Promise<Page>((resolve, reject) => {
      resolvePage = resolve;
      rejectPage = reject;
    });
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const held = session.withPage(
      async (page) => {
        await page.setViewport({ width: SLIDE_WIDTH, height: SLIDE_HEIGHT, deviceScaleFactor: IMAGE_SCALE });
        resolvePage(page);
        await stopped;
      },
      { allowedRoots, budgetMs: Number.POSITIVE_INFINITY, retries: 0 },
    );
    // A page that never opened (no browser) fails the first command with the launch's error.
    held.catch(rejectPage);
    const live = new LiveDeckPage(ready, held);
    live.#stop = stop;
    return live;
  }

  /** False once the page or its browser is gone (crashed, closed): the caller opens another. */
  get alive(): boolean {
    return this.#dead === undefined && (this.#page === undefined || !this.#page.isClosed());
  }

  /** Run on the page after whatever was queued before (one command at a time). */
  #run<T>(task: (page: Page) => Promise<T>): Promise<T> {
    const next = this.#queue.then(async () => {
      if (this.#dead !== undefined) throw this.#dead;
      const page = this.#page;
      if (!page || page.isClosed()) throw new Error('live page closed');
      return task(page);
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** The whole print document (new fonts or theme, or the first time): loaded, every slide fitted. */
  load(html: string): Promise<SlideLayout[]> {
    return this.#run(async (page) => {
      await page.setContent(html, { waitUntil: 'load', timeout: TIMEOUTS.navigation });
      await loadFonts(page);
      return (await page.evaluate(fitSlidesScript())) as SlideLayout[];
    });
  }

  /** Replace the sections of `changes` and fit them; returns their layouts (only theirs). */
  swap(changes: readonly SectionChange[]): Promise<SlideLayout[]> {
    return this.#run(async (page) => {
      const replaced = await page.evaluate((list: SectionChange[]) => {
        const sections = Array.from(document.querySelectorAll('div.marpit > section'));
        for (const { index, html } of list) {
          const old = sections[index];
          if (!old) return false;
          const holder = document.createElement('div');
          holder.innerHTML = html;
          const fresh = holder.firstElementChild;
          if (!fresh) return false;
          old.replaceWith(fresh);
        }
        return true;
      }, changes as SectionChange[]);
      if (!replaced) throw new Error('live page: a section to replace is missing');
      // The new faces' glyphs are already in the loaded subsets (the caller checked the fonts did not change).
      return (await page.evaluate(fitSlidesScript(changes.map((c) => c.index)))) as SlideLayout[];
    });
  }

  /** The PDF of the deck as it stands (the same print options as a build's). */
  print(): Promise<Uint8Array> {
    return this.#run((page) => printPdf(page, { width: `${SLIDE_WIDTH}px`, height: `${SLIDE_HEIGHT}px` }));
  }

  /** Release the page (the session closes it); waits until it is closed. */
  async close(): Promise<void> {
    this.#stop();
    await this.#held.catch(() => undefined);
  }
}
