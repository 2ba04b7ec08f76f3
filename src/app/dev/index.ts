/**
 * `kyoso-docs dev`: watch the data and templates, rebuild what a save affects
 * with one browser kept warm, and serve a preview page that reloads itself.
 *
 * Scheduling. A batch of saves marks editions dirty in two queues:
 *   - preview: the slide PDF, HTML and Markdown of the edition — what the person
 *     editing looks at — built first;
 *   - complete: everything the change affects (all slide formats, then the
 *     guidelines, one build each), built only while no save is waiting, so a
 *     burst of edits never queues slow work.
 * One build runs at a time; saves during a build just mark the queues again, so
 * at most one rebuild is pending however fast the saves come. The complete
 * build renders the deck once more (PNG/PPTX need the screenshots anyway), and
 * with the build graph's manifest the format set is part of the deck's digest,
 * so both steps always produce a consistent output folder.
 *
 * Errors. build() publishes all or nothing, so a failed build leaves the last
 * good output in place; the formatted error goes to the terminal and the page,
 * and disappears with the next good build of that edition. A build refused because
 * another one (a CLI `build`) holds output/ is not an error of the data: the step stays
 * queued, the status line says so, and it runs as soon as that lock is released.
 */
import path from 'node:path';
import { build, type BuildResult } from '../build.ts';
import { kindsOf, type OutputGroup, type OutputKind } from '../../outputs/index.ts';
import { BrowserSession } from '../../stages/convert/browser.ts';
import { isKyosoError, msg } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import { debug } from '../../shared/debug.ts';
import { listEditions } from '../../stages/load/index.ts';
import { lockHolder } from '../../stages/publish/lock.ts';
import type { ProjectPaths } from '../../shared/paths.ts';
import { formatError } from '../../shared/report.ts';
import { renderIndex, type PageStatus } from './page.ts';
import { startPreviewServer } from './server.ts';
import { affectedBy, Debouncer, DEBOUNCE_MS, watchProject } from './watch.ts';
import { LivePreview } from './live.ts';

/** How often a step held back by another build's lock looks whether it was released. */
export const LOCK_POLL_MS = 250;

/** What the preview step builds: what the page and a PDF viewer show. */
export const PREVIEW_FORMATS: readonly OutputKind[] = ['md', 'pdf', 'html'];

export interface DevOptions {
  paths: ProjectPaths;
  /** 0 = any free port. */
  port: number;
  /** Progress and errors, one line (or block) per call. */
  log?: (line: string) => void;
  debounceMs?: number;
  allowOverflow?: boolean;
  /** Build the slide PDF/HTML before the rest (default true). The benchmark turns it off to compare. */
  previewFirst?: boolean;
  /** A browser owned by the caller (not closed by close()); default: one for this dev session. */
  session?: BrowserSession;
  /** The preview step on the warm page (live.ts; default true); off, it is a build of PREVIEW_FORMATS. */
  live?: boolean;
}

export type DevEvent =
  | { type: 'built'; edition: string; step: 'preview' | 'complete'; result: BuildResult; ms: number }
  | { type: 'failed'; edition: string; step: 'preview' | 'complete'; error: string };

export interface DevServer {
  url: string;
  port: number;
  /** Builds finished so far (successful or not). */
  readonly builds: number;
  /** Resolves once no build runs and none is pending. */
  idle(): Promise<void>;
  /** Listen to build outcomes (tests, the benchmark). Returns an unsubscribe function. */
  on(listener: (event: DevEvent) => void): () => void;
  close(): Promise<void>;
}

const ALL_GROUPS: readonly OutputGroup[] = ['slides', 'guidelines'];

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

const trace = debug('dev');

export async function startDev(options: DevOptions): Promise<DevServer> {
  const { paths } = options;
  const log = options.log ?? (() => {});
  const previewFirst = options.previewFirst ?? true;
  const session = options.session ?? new BrowserSession();
  const live = (options.live ?? true) ? new LivePreview({ paths, session, allowOverflow: options.allowOverflow ?? false }) : undefined;
  const listeners = new Set<(event: DevEvent) => void>();

  const preview = new Set<string>();
  /** Editions whose warm page was loaded once after the first build (or tried). */
  const primed = new Set<string>();
  const complete = new Map<string, Set<OutputGroup>>();
  const errors = new Map<string, string>();
  let editions = await listEditions(paths.dataDir);
  let gen = 0;
  let builds = 0;
  let status: PageStatus = { kind: 'busy', text: t(msg('起動中…', 'starting…')) };
  let running: Promise<void> | undefined;
  let closed = false;
  let idleWaiters: Array<() => void> = [];
  /** Another process holds output/'s lock: nothing runs until it is released (polled). */
  let blocked: NodeJS.Timeout | undefined;

  const server = await startPreviewServer({
    outDir: paths.outDir,
    port: options.port,
    index: () => renderIndex({ gen, status, editions, errors, outDir: paths.outDir }),
    hello: () => ({ event: 'hello', data: { gen } }),
  });

  const setStatus = (next: PageStatus): void => {
    status = next;
    server.broadcast('status', status);
  };
  /** What the page shows changed: pages rendered before now reload. */
  const changed = (): void => {
    gen++;
    server.broadcast('reload', { gen });
  };
  const emit = (event: DevEvent): void => {
    for (const l of listeners) l(event);
  };

  /** An edition's data or a template changed: the planner finds out which outputs are stale. */
  const markDirty = (edition: string): void => {
    if (previewFirst) preview.add(edition);
    complete.set(edition, new Set(ALL_GROUPS));
  };

  async function runStep(edition: string, step: 'preview' | 'complete', only: OutputGroup): Promise<void> {
    const what =
      step === 'preview'
        ? t(msg('スライド PDF・HTML', 'slides PDF/HTML'))
        : only === 'slides'
          ? t(msg('スライド（全形式）', 'slides (all formats)'))
          : t(msg('公募要領', 'guidelines'));
    setStatus({ kind: 'busy', text: t(msg(`${edition}: ${what}を生成中…`, `${edition}: building ${what}…`)) });
    log(t(msg(`  ${edition}: ${what}を生成中…`, `  ${edition}: building ${what}…`)));
    const started = performance.now();
    try {
      const result =
        step === 'preview' && live
          ? await livePreview(edition)
          : await build({
              paths,
              editions: [edition],
              only,
              // The complete step makes the rest; what the preview made is up to date by then.
              formats: step === 'preview' ? PREVIEW_FORMATS : kindsOf(only),
              allowOverflow: options.allowOverflow ?? false,
              session,
            });
      if (closed) return;
      const ms = performance.now() - started;
      builds++;
      const recovered = errors.delete(edition);
      for (const w of result.warnings) log(w);
      const count = result.written.length;
      log(
        count === 0
          ? t(msg(`✓ ${edition}: ${what}は最新です（${seconds(ms)}）`, `✓ ${edition}: ${what} up to date (${seconds(ms)})`))
          : t(msg(`✓ ${edition}: ${what} ${count} ファイル（${seconds(ms)}）`, `✓ ${edition}: ${what}, ${count} files (${seconds(ms)})`)),
      );
      if (recovered) log(t(msg(`✓ ${edition}: エラーは解消しました`, `✓ ${edition}: the error is fixed`)));
      if (count > 0 || recovered || (result as { removed?: string[] }).removed?.length) changed();
      emit({ type: 'built', edition, step, result, ms });
    } catch (err) {
      if (closed) return;
      if (isKyosoError(err) && err.code === 'LOCKED') {
        // Not this save's fault: run the same step again once the other build has released output/.
        if (step === 'preview') preview.add(edition);
        else complete.set(edition, new Set([...(complete.get(edition) ?? []), only]));
        waitForLock(err.detail);
        return;
      }
      builds++;
      // An internal error is a bug: show its stack, as the CLI would.
      const text = formatError(err, { debug: !isKyosoError(err) });
      errors.set(edition, text);
      log(text);
      // Building the rest from data that just failed would fail the same way; the next save retries.
      preview.delete(edition);
      complete.delete(edition);
      changed();
      emit({ type: 'failed', edition, step, error: text });
    }
  }

  /**
   * The preview step on the warm page. A problem of the data or a held lock is reported as a
   * build's would be; anything else (the page or its browser gone) falls back to a build of the
   * preview formats, which has the session's retries.
   */
  async function livePreview(edition: string): Promise<BuildResult> {
    try {
      const r = await live!.preview(edition);
      trace(`live preview of ${edition}: ${r.full ? 'whole document' : `slides ${r.changed.map((i) => i + 1).join(', ') || 'none'} changed`}`);
      return {
        editions: [edition],
        written: r.written,
        launches: 0,
        warnings: r.warnings,
        rebuilt: r.written.length > 0 ? [`${edition}/slides/pdf`, `${edition}/slides/html`] : [],
        upToDate: [],
        removed: [],
      };
    } catch (err) {
      if (isKyosoError(err) || closed) throw err;
      trace(`live preview of ${edition} failed, building instead: ${String(err)}`);
      return build({ paths, editions: [edition], only: 'slides', formats: PREVIEW_FORMATS, allowOverflow: options.allowOverflow ?? false, session });
    }
  }

  /** Hold every step until output/'s lock is free (released, or its holder gone), then carry on. */
  function waitForLock(detail: { ja: string; en: string }): void {
    if (blocked) return;
    const text = t(msg(`${detail.ja} — 終わりしだい作り直します`, `${detail.en} — rebuilding as soon as it is done`));
    setStatus({ kind: 'busy', text });
    log(`  ${text}`);
    const poll = (): void => {
      void lockHolder(paths.outDir).then((holder) => {
        if (closed) return;
        if (holder && !holder.stale) {
          blocked = setTimeout(poll, LOCK_POLL_MS);
          return;
        }
        blocked = undefined;
        kick();
      });
    };
    blocked = setTimeout(poll, LOCK_POLL_MS);
  }

  /** Preview steps first; complete steps only while no save is waiting for its quiet time. */
  async function work(): Promise<void> {
    while (!closed && !blocked) {
      const p = [...preview][0];
      if (p !== undefined) {
        preview.delete(p);
        await runStep(p, 'preview', 'slides');
        continue;
      }
      if (debouncer.pending) return; // the flush kicks us again
      const next = [...complete][0];
      if (!next) {
        // Nothing queued: load the deck of an edition into its warm page, so its first edit is fast too.
        const cold = live && editions.find((id) => !primed.has(id) && !errors.has(id) && !live.editions.includes(id));
        if (!live || cold === undefined) return;
        primed.add(cold);
        await live.preview(cold, { write: false }).catch((err: unknown) => trace(`warming the page of ${cold}: ${String(err)}`));
        continue;
      }
      // One kind per build: a build cannot be interrupted, so smaller steps let a new save's
      // preview run sooner (after the deck, before the guidelines).
      const [edition, groups] = next;
      const group: OutputGroup = groups.has('slides') ? 'slides' : 'guidelines';
      groups.delete(group);
      if (groups.size === 0) complete.delete(edition);
      await runStep(edition, 'complete', group);
    }
  }

  function kick(): void {
    if (running || closed || blocked) return;
    running = work().finally(() => {
      running = undefined;
      if (closed || blocked) return;
      if (preview.size > 0 || (complete.size > 0 && !debouncer.pending)) return kick();
      if (!debouncer.pending) {
        if (errors.size === 0)
          setStatus({ kind: 'idle', text: t(msg(`✓ 最新（${new Date().toLocaleTimeString('ja-JP')}）`, `✓ up to date (${new Date().toLocaleTimeString('en-GB')})`)) });
        else
          setStatus({
            kind: 'error',
            text: t(
              msg(`エラーがあります（${[...errors.keys()].join(', ')}）— 前回の出力を表示しています`, `errors in ${[...errors.keys()].join(', ')} — showing the last good output`),
            ),
          });
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters) w();
      }
    });
  }

  const debouncer = new Debouncer<string>(options.debounceMs ?? DEBOUNCE_MS, (files) => {
    void (async () => {
      const known = await listEditions(paths.dataDir);
      if (known.join() !== editions.join()) {
        // An edition folder appeared or went away: the page lists editions.
        for (const gone of editions.filter((e) => !known.includes(e))) {
          errors.delete(gone);
          preview.delete(gone);
          complete.delete(gone);
          primed.delete(gone);
          void live?.forget(gone);
        }
        editions = known;
        changed();
      }
      trace(`batch of ${files.length}: ${files.join(', ')}`);
      const shown = files.slice(0, 3).map((f) => path.relative(paths.root, f) || f);
      log(
        t(
          msg(
            `変更: ${shown.join(', ')}${files.length > 3 ? ` ほか ${files.length - 3} 件` : ''}`,
            `changed: ${shown.join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`,
          ),
        ),
      );
      for (const file of files) {
        const hit = affectedBy(paths, file);
        if (!hit) continue;
        for (const id of hit.edition === '*' ? editions : [hit.edition]) if (editions.includes(id)) markDirty(id);
      }
      kick();
    })().catch((err: unknown) => log(formatError(err, { debug: true })));
  });

  const watcher = await watchProject(
    paths,
    (file) => {
      if (affectedBy(paths, file)) debouncer.push(file);
    },
    (err) => log(t(msg(`監視のエラー: ${String(err)}`, `watch error: ${String(err)}`))),
  );

  // Warm the browser while the first build validates; a missing browser is reported by that build.
  session.browser().catch(() => {});
  // First build: everything, as `npm run build` would (the manifest makes it quick when output/ is current).
  for (const id of editions) complete.set(id, new Set(ALL_GROUPS));
  kick();

  return {
    url: server.url,
    port: server.port,
    get builds() {
      return builds;
    },
    idle() {
      if (!running && !blocked && !debouncer.pending && preview.size === 0 && complete.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(blocked);
      debouncer.cancel();
      await watcher.close();
      // Stopping the browser ends a running build at once; build() publishes all or nothing,
      // so output/ keeps the last good files. A caller's browser keeps running: the warm pages are closed here.
      if (!options.session) await session.close();
      await live?.close();
      await running?.catch(() => {});
      await server.close();
      for (const w of idleWaiters) w();
      idleWaiters = [];
    },
  };
}
