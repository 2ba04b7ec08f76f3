/**
 * `kyoso-docs dev`: watch the data and templates, rebuild what a save affects with one browser
 * kept warm (the scheduler: schedule.ts), and serve a preview page that updates itself (page.ts).
 */
import path from 'node:path';
import { BrowserSession } from '../../stages/convert/browser.ts';
import { msg } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import { debug } from '../../shared/debug.ts';
import { listEditions } from '../../stages/load/index.ts';
import { editionsAfter } from '../editions.ts';
import type { ProjectPaths } from '../../shared/paths.ts';
import { formatError } from '../../shared/report.ts';
import { renderIndex, type PageStatus } from './page.ts';
import { startPreviewServer } from './server.ts';
import { affectedBy, Debouncer, DEBOUNCE_MS, watchProject } from './watch.ts';
import { LivePreview } from './live.ts';
import { DevScheduler, type DevEvent } from './schedule.ts';

export { LOCK_POLL_MS, PREVIEW_FORMATS, type DevEvent } from './schedule.ts';

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

const trace = debug('dev');

export async function startDev(options: DevOptions): Promise<DevServer> {
  const { paths } = options;
  const log = options.log ?? (() => {});
  const session = options.session ?? new BrowserSession();
  const live = (options.live ?? true) ? new LivePreview({ paths, session, allowOverflow: options.allowOverflow ?? false }) : undefined;
  const listeners = new Set<(event: DevEvent) => void>();
  let gen = 0;
  let status: PageStatus = { kind: 'busy', text: t(msg('起動中…', 'starting…')) };
  let closed = false;

  const server = await startPreviewServer({
    outDir: paths.outDir,
    port: options.port,
    index: () => renderIndex({ gen, status, editions: scheduler.editions, errors: scheduler.errors, outDir: paths.outDir }),
    hello: () => ({ event: 'hello', data: { gen } }),
  });
  const scheduler: DevScheduler = new DevScheduler(
    { paths, session, live, previewFirst: options.previewFirst ?? true, allowOverflow: options.allowOverflow ?? false },
    {
      log,
      setStatus: (next) => {
        status = next;
        server.broadcast('status', status);
      },
      changed: () => {
        gen++;
        server.broadcast('reload', { gen });
      },
      emit: (event) => {
        for (const l of listeners) l(event);
      },
      savesPending: () => debouncer.pending,
    },
  );
  scheduler.editions = await listEditions(paths.dataDir);

  const onBatch = async (files: string[]): Promise<void> => {
    const known = await listEditions(paths.dataDir);
    if (known.join() !== scheduler.editions.join()) {
      // An edition folder appeared or went away: the page lists editions.
      for (const gone of scheduler.editions.filter((e) => !known.includes(e))) {
        scheduler.forget(gone);
        void live?.forget(gone);
      }
      scheduler.editions = known;
      gen++;
      server.broadcast('reload', { gen });
    }
    trace(`batch of ${files.length}: ${files.join(', ')}`);
    const shown = files.slice(0, 3).map((f) => path.relative(paths.root, f) || f);
    const more = files.length - 3;
    log(t(msg(`変更: ${shown.join(', ')}${more > 0 ? ` ほか ${more} 件` : ''}`, `changed: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`)));
    for (const file of files) {
      const hit = affectedBy(paths, file);
      if (!hit) continue;
      // An edition's 公募要領 print the changes since the previous one: its next edition is affected too.
      const ids = hit.edition === '*' ? scheduler.editions : [hit.edition, ...(await editionsAfter(paths, hit.edition, scheduler.editions))];
      for (const id of ids) if (scheduler.editions.includes(id)) scheduler.markDirty(id);
    }
    scheduler.kick();
  };
  const debouncer: Debouncer<string> = new Debouncer<string>(options.debounceMs ?? DEBOUNCE_MS, (files) => {
    onBatch(files).catch((err: unknown) => log(formatError(err, { debug: true })));
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
  for (const id of scheduler.editions) scheduler.markDirty(id, { preview: false });
  scheduler.kick();

  return {
    url: server.url,
    port: server.port,
    get builds() {
      return scheduler.builds;
    },
    idle: () => scheduler.whenIdle(),
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      debouncer.cancel();
      await watcher.close();
      // Stopping the browser ends a running build at once; build() publishes all or nothing,
      // so output/ keeps the last good files. A caller's browser keeps running: the warm pages are closed here.
      const closing = scheduler.close();
      if (!options.session) await session.close();
      await live?.close();
      await closing;
      await server.close();
    },
  };
}
