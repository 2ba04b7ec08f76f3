/**
 * dev's scheduler: which build runs next, one at a time.
 *
 * A batch of saves marks editions dirty in two queues:
 *   - preview: the slide PDF, HTML and Markdown of the edition — what the person editing looks
 *     at — built first (on the warm page, live.ts);
 *   - complete: everything the change affects, one output group per build (the registry's
 *     groups, in order), run only while no save is waiting, so a burst of edits never queues
 *     slow work.
 * Saves during a build just mark the queues again, so at most one rebuild is pending however
 * fast the saves come. With the build graph's manifest the format set is part of the deck's
 * digest, so both steps always leave a consistent output folder.
 *
 * Errors. build() publishes all or nothing, so a failed build leaves the last good output in
 * place; the formatted error goes to the terminal and the page, and disappears with the next
 * good build of that edition. A build refused because another one (a CLI `build`) holds output/
 * is not an error of the data: the step stays queued, the status line says so, and it runs as
 * soon as that lock is released.
 */
import { build, type BuildResult } from '../build.ts';
import { groupLabel, kindsOf, outputGroups, unitId, type OutputGroup, type OutputKind } from '../../outputs/index.ts';
import type { BrowserSession } from '../../stages/convert/browser.ts';
import { isKyosoError, msg } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import { debug } from '../../shared/debug.ts';
import { lockHolder } from '../../stages/publish/lock.ts';
import type { ProjectPaths } from '../../shared/paths.ts';
import { formatError } from '../../shared/report.ts';
import type { PageStatus } from './page.ts';
import type { LivePreview } from './live.ts';

/** How often a step held back by another build's lock looks whether it was released. */
export const LOCK_POLL_MS = 250;

/** What the preview step builds: what the page and a PDF viewer show. */
export const PREVIEW_FORMATS: readonly OutputKind[] = ['md', 'pdf', 'html'];

export type DevStep = 'preview' | 'complete';

export type DevEvent = { type: 'built'; edition: string; step: DevStep; result: BuildResult; ms: number } | { type: 'failed'; edition: string; step: DevStep; error: string };

/** What the scheduler tells the rest of the dev server. */
export interface SchedulerHooks {
  log: (line: string) => void;
  setStatus: (status: PageStatus) => void;
  /** What the page shows changed (pages rendered before now reload). */
  changed: () => void;
  emit: (event: DevEvent) => void;
  /** Is a batch of saves waiting for its quiet time? Slow work is held back meanwhile. */
  savesPending: () => boolean;
}

export interface SchedulerOptions {
  paths: ProjectPaths;
  session: BrowserSession;
  live: LivePreview | undefined;
  previewFirst: boolean;
  allowOverflow: boolean;
}

const trace = debug('dev');

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export class DevScheduler {
  readonly #o: SchedulerOptions;
  readonly #h: SchedulerHooks;
  readonly #preview = new Set<string>();
  readonly #complete = new Map<string, Set<OutputGroup>>();
  /** Editions whose warm page was loaded once after the first build (or tried). */
  readonly #primed = new Set<string>();
  /** Edition id → formatted error of its last build. */
  readonly errors = new Map<string, string>();
  editions: string[] = [];
  builds = 0;
  #running: Promise<void> | undefined;
  #closed = false;
  #idleWaiters: Array<() => void> = [];
  /** Another process holds output/'s lock: nothing runs until it is released (polled). */
  #blocked: NodeJS.Timeout | undefined;

  constructor(options: SchedulerOptions, hooks: SchedulerHooks) {
    this.#o = options;
    this.#h = hooks;
  }

  /** An edition's data or a template changed: the planner finds out which outputs are stale. */
  markDirty(edition: string, opts: { preview?: boolean } = {}): void {
    if (this.#o.previewFirst && opts.preview !== false) this.#preview.add(edition);
    this.#complete.set(edition, new Set(outputGroups()));
  }

  /** An edition folder went away: nothing of it stays queued. */
  forget(edition: string): void {
    this.errors.delete(edition);
    this.#preview.delete(edition);
    this.#complete.delete(edition);
    this.#primed.delete(edition);
  }

  get idle(): boolean {
    return !this.#running && !this.#blocked && !this.#h.savesPending() && this.#preview.size === 0 && this.#complete.size === 0;
  }

  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }

  kick(): void {
    if (this.#running || this.#closed || this.#blocked) return;
    this.#running = this.#work().finally(() => {
      this.#running = undefined;
      if (this.#closed || this.#blocked) return;
      if (this.#preview.size > 0 || (this.#complete.size > 0 && !this.#h.savesPending())) return this.kick();
      if (!this.#h.savesPending()) this.#settled();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#blocked);
    await this.#running?.catch(() => {});
    for (const w of this.#idleWaiters) w();
    this.#idleWaiters = [];
  }

  /** Nothing left to do: the status line says how things stand, and whoever waits for idle goes on. */
  #settled(): void {
    const names = [...this.errors.keys()].join(', ');
    this.#h.setStatus(
      this.errors.size === 0
        ? { kind: 'idle', text: t(msg(`✓ 最新（${new Date().toLocaleTimeString('ja-JP')}）`, `✓ up to date (${new Date().toLocaleTimeString('en-GB')})`)) }
        : { kind: 'error', text: t(msg(`エラーがあります（${names}）— 前回の出力を表示しています`, `errors in ${names} — showing the last good output`)) },
    );
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Preview steps first; complete steps only while no save is waiting for its quiet time. */
  async #work(): Promise<void> {
    while (!this.#closed && !this.#blocked) {
      const p = [...this.#preview][0];
      if (p !== undefined) {
        this.#preview.delete(p);
        await this.#runStep(p, 'preview', 'slides');
        continue;
      }
      if (this.#h.savesPending()) return; // the flush kicks us again
      const next = [...this.#complete][0];
      if (!next) {
        if (!(await this.#primeOne())) return;
        continue;
      }
      // One group per build: a build cannot be interrupted, so smaller steps let a new save's
      // preview run sooner (after the deck, before the guidelines).
      const [edition, groups] = next;
      const group = outputGroups().find((g) => groups.has(g)) ?? [...groups][0]!;
      groups.delete(group);
      if (groups.size === 0) this.#complete.delete(edition);
      await this.#runStep(edition, 'complete', group);
    }
  }

  /** Nothing queued: load the deck of an edition into its warm page, so its first edit is fast too. */
  async #primeOne(): Promise<boolean> {
    const live = this.#o.live;
    const cold = live && this.editions.find((id) => !this.#primed.has(id) && !this.errors.has(id) && !live.editions.includes(id));
    if (!live || cold === undefined) return false;
    this.#primed.add(cold);
    await live.preview(cold, { write: false }).catch((err: unknown) => trace(`warming the page of ${cold}: ${String(err)}`));
    return true;
  }

  async #runStep(edition: string, step: DevStep, group: OutputGroup): Promise<void> {
    const what = step === 'preview' ? t(msg('スライド PDF・HTML', 'slides PDF/HTML')) : t(groupLabel(group));
    this.#h.setStatus({ kind: 'busy', text: t(msg(`${edition}: ${what}を生成中…`, `${edition}: building ${what}…`)) });
    this.#h.log(t(msg(`  ${edition}: ${what}を生成中…`, `  ${edition}: building ${what}…`)));
    const started = performance.now();
    try {
      const result =
        step === 'preview' && this.#o.live ? await this.#livePreview(edition) : await this.#build(edition, group, step === 'preview' ? PREVIEW_FORMATS : kindsOf(group));
      if (this.#closed) return;
      this.#built(edition, step, what, result, performance.now() - started);
    } catch (err) {
      if (this.#closed) return;
      this.#failed(edition, step, group, err);
    }
  }

  #build(edition: string, only: OutputGroup, formats: readonly OutputKind[]): Promise<BuildResult> {
    const { paths, session, allowOverflow } = this.#o;
    // The complete step makes the rest; what the preview made is up to date by then.
    return build({ paths, editions: [edition], only, formats, allowOverflow, session });
  }

  #built(edition: string, step: DevStep, what: string, result: BuildResult, ms: number): void {
    this.builds++;
    const recovered = this.errors.delete(edition);
    for (const w of result.warnings) this.#h.log(w);
    const count = result.written.length;
    this.#h.log(
      count === 0
        ? t(msg(`✓ ${edition}: ${what}は最新です（${seconds(ms)}）`, `✓ ${edition}: ${what} up to date (${seconds(ms)})`))
        : t(msg(`✓ ${edition}: ${what} ${count} ファイル（${seconds(ms)}）`, `✓ ${edition}: ${what}, ${count} files (${seconds(ms)})`)),
    );
    if (recovered) this.#h.log(t(msg(`✓ ${edition}: エラーは解消しました`, `✓ ${edition}: the error is fixed`)));
    if (count > 0 || recovered || result.removed.length) this.#h.changed();
    this.#h.emit({ type: 'built', edition, step, result, ms });
  }

  #failed(edition: string, step: DevStep, group: OutputGroup, err: unknown): void {
    if (isKyosoError(err) && err.code === 'LOCKED') {
      // Not this save's fault: run the same step again once the other build has released output/.
      if (step === 'preview') this.#preview.add(edition);
      else this.#complete.set(edition, new Set([...(this.#complete.get(edition) ?? []), group]));
      this.#waitForLock(err.detail);
      return;
    }
    this.builds++;
    // An internal error is a bug: show its stack, as the CLI would.
    const text = formatError(err, { debug: !isKyosoError(err) });
    this.errors.set(edition, text);
    this.#h.log(text);
    // Building the rest from data that just failed would fail the same way; the next save retries.
    this.#preview.delete(edition);
    this.#complete.delete(edition);
    this.#h.changed();
    this.#h.emit({ type: 'failed', edition, step, error: text });
  }

  /**
   * The preview step on the warm page. A problem of the data or a held lock is reported as a
   * build's would be; anything else (the page or its browser gone) falls back to a build of the
   * preview formats, which has the session's retries.
   */
  async #livePreview(edition: string): Promise<BuildResult> {
    try {
      const r = await this.#o.live!.preview(edition);
      trace(`live preview of ${edition}: ${r.full ? 'whole document' : `slides ${r.changed.map((i) => i + 1).join(', ') || 'none'} changed`}`);
      const rebuilt = r.written.length > 0 ? ['pdf', 'html'].map((kind) => unitId(edition, kind, '')) : [];
      return { editions: [edition], written: r.written, launches: 0, warnings: r.warnings, rebuilt, upToDate: [], removed: [] };
    } catch (err) {
      if (isKyosoError(err) || this.#closed) throw err;
      trace(`live preview of ${edition} failed, building instead: ${String(err)}`);
      return this.#build(edition, 'slides', PREVIEW_FORMATS);
    }
  }

  /** Hold every step until output/'s lock is free (released, or its holder gone), then carry on. */
  #waitForLock(detail: { ja: string; en: string }): void {
    if (this.#blocked) return;
    const text = t(msg(`${detail.ja} — 終わりしだい作り直します`, `${detail.en} — rebuilding as soon as it is done`));
    this.#h.setStatus({ kind: 'busy', text });
    this.#h.log(`  ${text}`);
    const poll = (): void => {
      void lockHolder(this.#o.paths.outDir).then((holder) => {
        if (this.#closed) return;
        if (holder && !holder.stale) {
          this.#blocked = setTimeout(poll, LOCK_POLL_MS);
          return;
        }
        this.#blocked = undefined;
        this.kick();
      });
    };
    this.#blocked = setTimeout(poll, LOCK_POLL_MS);
  }
}
