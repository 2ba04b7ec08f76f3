/**
 * One lazily launched headless Chromium per run. Longer than the usual file because the
 * session is one state machine (launch, sandbox, watchdog, retry, reap) kept together.
 *
 * - `resolveBrowser()` (browser-resolve.ts) finds an executable.
 * - `BrowserSession` launches on first use (memoized promise, so concurrent callers share one
 *   launch), hands out fresh pages with a request sandbox (only `data:`, `about:blank` and
 *   `file:` URLs under caller-given roots), and cleans up its temp profile on `close()`.
 * - Faults: a browser that crashes, disconnects or does not finish a page within the time
 *   budget is killed (its whole process group) and the page work is retried once on a fresh
 *   launch — page work only renders in-memory HTML, so repeating it is safe. What still fails
 *   becomes KyosoError BROWSER_FAILED (with the puppeteer error as cause); a missing browser is
 *   BROWSER_NOT_FOUND; anything after the session's AbortSignal fired is INTERRUPTED.
 *
 * Sandbox note: we always pass `--no-sandbox`. The renderer only ever loads HTML we generated
 * ourselves with every network request aborted, and the usual places this runs (root in a
 * container, CI without user namespaces) cannot start Chromium's sandbox anyway.
 */
import fs, { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import nodePath, { join, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, HTTPRequest, Page, PDFOptions, Target } from 'puppeteer-core';
import { type KyosoError, isKyosoError, fail } from '../../shared/errors.ts';
import { pidAlive } from '../../shared/process.ts';
import { BrowserNotFoundError, LAUNCH_ARGS, resolveBrowser, type ResolvedBrowser } from './browser-resolve.ts';
import { type ChromiumProcess, chromiumArgs, spawnChromium } from './chromium.ts';
import { withTimeout } from './timeout.ts';

export { withTimeout } from './timeout.ts';
export { BrowserNotFoundError, LAUNCH_ARGS, resolveBrowser, systemBrowserCandidates, type BrowserSource, type ResolvedBrowser } from './browser-resolve.ts';
import { debug, type DebugLog } from '../../shared/debug.ts';

/** Every timeout (ms) the conversion stage uses lives here. */
export const TIMEOUTS = {
  /** Browser start, including a first-time extraction of @sparticuz/chromium. */
  launch: 60_000,
  /** page.goto / setContent / waitFor* (page default timeout). */
  navigation: 30_000,
  /** One page.pdf() call. */
  print: 120_000,
  /** One page.screenshot() call. */
  screenshot: 30_000,
  /** Graceful browser.close() before we SIGKILL it. */
  close: 5_000,
  /**
   * Whole budget of one withPage attempt. Page-level timeouts do not cover everything
   * (page.evaluate has none), so a renderer stuck in a loop would otherwise hang the build.
   * Guidelines print up to three times, hence well above one print.
   */
  page: 300_000,
} as const;

export type Timeouts = { [K in keyof typeof TIMEOUTS]: number };

export interface BlockedRequest {
  url: string;
  resourceType: string;
  reason: 'scheme' | 'outside-roots';
}

export interface WithPageOptions {
  /** Directories whose files the page may load via `file:` URLs. */
  allowedRoots?: readonly string[];
  /** Default timeout for this page's waits/navigation (ms); defaults to TIMEOUTS.navigation. */
  timeoutMs?: number;
  /**
   * How often to rerun `fn` on a fresh browser after a crash, disconnect or timeout
   * (default: the session's, normally 1). Only for idempotent page work — ours renders
   * in-memory HTML and returns bytes, so running it again cannot duplicate anything.
   */
  retries?: number;
  /** How long `fn` may hold the page (ms); default the session's page budget. `Infinity`: a page kept open for a dev session. */
  budgetMs?: number;
}

export interface PageContext {
  /** Requests aborted so far on this page (live array). */
  readonly blockedRequests: readonly BlockedRequest[];
  /** 0 on the first try, 1 on the retry after a crash/timeout. */
  readonly attempt: number;
  /**
   * Say that the page has its content and now lays out and prints in the browser's own
   * processes: this process's own work (the text checks, loading pdf-lib) starts then
   * (BrowserSession.firstPage). Also implied when the page work ends.
   */
  contentLoaded(): void;
}

export interface BrowserSessionOptions {
  /** Override resolution (tests, or a caller that already resolved). */
  resolved?: ResolvedBrowser;
  /** Extra flags. */
  args?: string[];
  /** Override entries of TIMEOUTS for this session (tests use a tiny `page` budget). */
  timeouts?: Partial<Timeouts>;
  /** Default retries of withPage (1). */
  retries?: number;
  /**
   * Aborting closes the browser at once, so in-flight page work fails fast; withPage then
   * throws KyosoError INTERRUPTED instead of retrying.
   */
  signal?: AbortSignal;
  /** Debug lines (launches, retries); the user-facing log stays quiet. */
  /** Debug lines (launches, retries); default: the `browser` debug area. */
  debug?: (line: string) => void;
}

function normalizeRoot(root: string): string {
  const abs = resolvePath(root);
  return abs.endsWith(sep) ? abs : abs + sep;
}

/** Is `url` allowed by the request sandbox? Returns the block reason, or null if allowed. */
export function checkUrl(url: string, roots: readonly string[]): BlockedRequest['reason'] | null {
  if (url.startsWith('data:') || url === 'about:blank') return null;
  if (!url.startsWith('file:')) return 'scheme';
  let path: string;
  try {
    path = resolvePath(fileURLToPath(url));
  } catch {
    return 'outside-roots';
  }
  const normalized = roots.map(normalizeRoot);
  return normalized.some((r) => path + sep === r || path.startsWith(r)) ? null : 'outside-roots';
}

/** Temp folders of a session: `kyoso-chrome-<pid>-XXXXXX` (profile and the browser's TMPDIR). */
export const PROFILE_PREFIX = 'kyoso-chrome-';

/**
 * Chromium puts its singleton socket at `$TMPDIR/.org.chromium.Chromium.XXXXXX/SingletonSocket`,
 * and a Unix socket path has at most 107 bytes (Linux; 103 on macOS): under a long TMPDIR (a
 * test's private folder, macOS' /var/folders/…) Debian's Chromium exits at launch with
 * "Target closed". Then the browser's temp folder goes to /tmp, still ours and removed on close.
 */
const SOCKET_TAIL = '/.org.chromium.Chromium.XXXXXX/SingletonSocket';
const SOCKET_MAX = 100;
const SHORT_TMP = '/tmp';

export function browserTmp(root: string): string {
  const nested = join(root, 'tmp');
  if (process.platform === 'win32' || Buffer.byteLength(nested + SOCKET_TAIL) <= SOCKET_MAX) {
    mkdirSync(nested);
    return nested;
  }
  return mkdtempSync(join(SHORT_TMP, `${PROFILE_PREFIX}${process.pid}-`));
}

/**
 * Remove the temp folders of sessions whose process is gone (killed with SIGKILL, so neither
 * close() nor the exit hook ran). Returns how many were removed.
 */
export async function sweepDeadProfiles(dir = tmpdir(), alsoShortTmp = true): Promise<number> {
  let removed = 0;
  // A dead run's short browser temp folder (browserTmp) sits in /tmp.
  if (alsoShortTmp && dir !== SHORT_TMP && process.platform !== 'win32') removed += await sweepDeadProfiles(SHORT_TMP, false);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const owner = Number(new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!Number.isInteger(owner) || owner === 0 || owner === process.pid || pidAlive(owner)) continue;
    const root = join(dir, name);
    // Its Chromium may outlive the killed run for a while (shutting down, writing the profile): end it first.
    for (const pid of processesUsing(root)) killBrowserProcesses(pid);
    await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => {});
    removed++;
  }
  return removed;
}

/** Pids whose command line names `dir` (Chromium gets `--user-data-dir=<dir>/profile`); Linux only, [] elsewhere. */
function processesUsing(dir: string): number[] {
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(dir)) found.push(Number(entry));
    } catch {
      /* gone meanwhile, or not ours to read */
    }
  }
  return found;
}

/** The error every stage throws once the run's AbortSignal fired (Ctrl-C, SIGTERM). */
export function interruptedError(cause?: unknown): KyosoError {
  return fail('interrupted', {}, cause === undefined ? {} : { cause });
}

/** One attempt ran out of its TIMEOUTS.page budget. */
class PageBudgetExceeded extends Error {
  override name = 'PageBudgetExceeded';
  constructor(readonly ms: number) {
    super(`page work did not finish within ${ms} ms`);
  }
}

/** puppeteer.launch() failed although an executable was found (it crashed on start, bad flags…). */
class LaunchFailed extends Error {
  override name = 'LaunchFailed';
}

/** Errors puppeteer raises when the browser died, closed the target or did not answer in time. */
const PUPPETEER_FAULTS = new Set(['TimeoutError', 'ProtocolError', 'TargetCloseError', 'ConnectionClosedError']);

type Fault = 'crash' | 'timeout' | 'launch';

/** Is `err` the browser's fault (worth a fresh browser), and of which kind? null = not ours to retry. */
function classify(err: unknown, browser: Browser | undefined): Fault | null {
  if (err instanceof PageBudgetExceeded) return 'timeout';
  if (err instanceof LaunchFailed) return 'launch';
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError') return 'timeout';
  if (PUPPETEER_FAULTS.has(name)) return 'crash';
  // A dead browser surfaces through many call sites with plain Errors ("Target closed", …).
  if (browser && !browser.connected) return 'crash';
  return null;
}

function browserFailed(fault: Fault, attempts: number, ms: number, cause: unknown): KyosoError {
  return fail('browserFailed', { fault, attempts, seconds: Math.round(ms / 1000) }, { cause });
}

/**
 * `puppeteer.connect({ transport })`, minus the import of puppeteer-core's entry point: that
 * module also loads the launchers, the browser downloader (@puppeteer/browsers) and WebDriver
 * BiDi — ~0.15–0.3 s of this process's CPU (measured: `await import()` 270–340 ms against
 * 125–195 ms for the CDP connector alone), spent while the data loads, which is what the first
 * page waits for. connect() with a transport and no protocol is exactly this call (puppeteer-core
 * 24: Puppeteer.connect → _connectToBrowser → _connectToCdpBrowser(transport, '', options)); the
 * entry point's one side effect, Node's fs/path for writing to a `path` option, is set here too.
 * Should a later puppeteer-core move these internals, the public entry point is used instead.
 */
async function connectCdp(transport: ChromiumProcess['transport']): Promise<Browser> {
  const internals = await Promise.all([import('puppeteer-core/internal/cdp/BrowserConnector.js'), import('puppeteer-core/internal/environment.js')]).catch((err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return undefined;
    throw err;
  });
  const [connector, env] = internals ?? [];
  if (typeof connector?._connectToCdpBrowser !== 'function' || !env?.environment) {
    const { default: puppeteer } = await import('puppeteer-core');
    return puppeteer.connect({ transport });
  }
  // Its ScreenRecorder stays the throwing placeholder: no screencast is ever recorded here.
  Object.defineProperties(env.environment.value, { fs: { value: fs, configurable: true }, path: { value: nodePath, configurable: true } });
  // The internal typings declare their own copy of the Browser class (lib/types.d.ts bundles another).
  return (await connector._connectToCdpBrowser(transport, '', {})) as unknown as Browser;
}

/** `fn`, called at most once. */
function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/** Own process group id, so we never signal the group we belong to. */
function processGroup(pid: number | 'self'): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return undefined;
  }
}

/**
 * SIGKILL the browser and every process it started. puppeteer spawns Chromium detached,
 * i.e. as leader of its own process group, so the zygote and renderers share its group id;
 * killing only the main process can leave them running for a while after a crash.
 */
function killBrowserProcesses(pid: number): void {
  if (process.platform !== 'win32') {
    const own = processGroup('self');
    const group = processGroup(pid) ?? pid;
    if (group === pid && group !== own) {
      try {
        process.kill(-group, 'SIGKILL');
        return;
      } catch {
        /* group already gone: fall through to the single pid */
      }
    }
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already exited */
  }
}

/** A browser for one run: launched on first use, closed (and its profile removed) once. */
export class BrowserSession {
  #launch: Promise<Browser> | undefined;
  /** The browser `#launch` resolved to, while it is the one new pages go to. */
  #live: Browser | undefined;
  /** Every browser launched and not yet reaped (a crashed one stays until its processes are gone). */
  readonly #browsers = new Set<Browser>();
  readonly #reaping = new WeakMap<Browser, Promise<void>>();
  #launches = 0;
  #closed = false;
  #tempDirs = new Set<string>();
  // Last resort when the process exits without close() (a forced second Ctrl-C): no
  // Chromium may outlive us, no profile may stay in /tmp. Synchronous, as 'exit' requires.
  #exitHook = () => {
    for (const b of this.#browsers) {
      const pid = b.process()?.pid;
      if (pid !== undefined) killBrowserProcesses(pid);
    }
    for (const d of this.#tempDirs) rmSync(d, { recursive: true, force: true, maxRetries: 3 });
  };
  readonly #opts: BrowserSessionOptions;
  readonly #debug: DebugLog;
  readonly #timeouts: Timeouts;
  readonly #onAbort = () => void this.close();
  /** Every request aborted by the sandbox across all pages of this session. */
  readonly blockedRequests: BlockedRequest[] = [];
  /** What was launched (after the first launch). */
  resolved: ResolvedBrowser | undefined;
  /** Milliseconds the last launch took (resolve + start). */
  lastLaunchMs: number | undefined;
  /** Attempts that failed and were retried on a fresh browser (observability for tests and --debug). */
  readonly retried: Array<{ fault: Fault; error: string }> = [];
  #pageOpened: () => void = () => {};
  #spare: Promise<{ browser: Browser; page: Page }> | undefined;
  #warmUpFailed = false;
  /** Pages the caller said it will open (expectPages), and how many have had their content. */
  #pagesExpected = 0;
  #pagesLoaded = 0;
  /** Callers waiting for the count of loaded pages to reach theirs (pagesLoaded). */
  #loadWaiters: Array<{ count: number; resolve: () => void }> = [];
  /** The tab Chromium opened at start (its renderer already running), until one page takes it. */
  readonly #firstTab = new WeakMap<Browser, Target>();
  /**
   * Resolves when the first page of this session has its content (PageContext.contentLoaded),
   * or its work ended; never rejects. From then on the browser lays out and prints in its own
   * processes while this one mostly waits: the time for this process's own work off the
   * critical path (the text checks, loading pdf-lib). Earlier, that work would hold up the
   * render and the page's commands on this thread.
   */
  readonly firstPage: Promise<void> = new Promise<void>((resolve) => {
    this.#pageOpened = resolve;
  });

  constructor(opts: BrowserSessionOptions = {}) {
    this.#opts = opts;
    this.#debug = opts.debug ?? debug('browser');
    this.#timeouts = { ...TIMEOUTS, ...opts.timeouts };
    if (opts.signal?.aborted) this.#closed = true;
    else opts.signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Temp folders (profile + TMPDIR) currently owned by this session; empty after close(). */
  get tempDirs(): string[] {
    return [...this.#tempDirs];
  }

  /** How many times a browser process was started. A no-op build must leave this at 0. */
  get launches(): number {
    return this.#launches;
  }

  /**
   * Start the browser and open a blank page ahead of the first withPage, which takes that page
   * (opening one costs about 0.1 s). Errors are left to the withPage that follows.
   */
  warmUp(): void {
    if (this.#spare || this.#closed || this.#warmUpFailed) return;
    // Interception on, as every page of a session has it: the first commands to a new page wait
    // for its renderer to start (about 0.3 s), which is what this moves off the critical path.
    const spare = this.browser().then(async (browser) => {
      // In the background: a tab opened in front hides the one still at work, and a hidden tab
      // draws no frames, so its screenshots would wait forever. Brought to front when taken.
      const page = await this.#openPage(browser, { background: true });
      await page.setRequestInterception(true);
      return { browser, page };
    });
    spare.catch(() => {
      if (this.#spare === spare) this.#spare = undefined;
      // A warm-up that failed (the browser did not start, its tab did not open) is not tried again
      // ahead of time: the page work that needs a page opens (and retries) it, and reports the failure.
      this.#warmUpFailed = true;
    });
    this.#spare = spare;
  }

  /**
   * Load the `@font-face` rules `css` declares (data: URLs only) on the page warmUp opened, while
   * this process goes on rendering: the renderer keeps the decoded fonts of a data: URL, and the
   * deck then loads in 0.1–0.2 s instead of 0.4–0.6 s (sanitising and inflating two subsets of
   * a 12,000-glyph font was most of a page's first load). The preload document has no text, so
   * nothing is shaped or laid out before the document that prints. Only when a page is being
   * opened ahead (warmUp); a failure here is left to the page work, which reports its own.
   */
  preloadFonts(css: string): void {
    const spare = this.#spare;
    if (!spare) return;
    const preloaded = spare.then(async (ready) => {
      const started = performance.now();
      // One command, so the renderer does it all while this process is busy (a page command of
      // several round trips would wait for this thread between them).
      await withTimeout(
        ready.page.evaluate(async (rules: string) => {
          const style = document.createElement('style');
          style.textContent = rules;
          document.head.append(style);
          await Promise.all(Array.from(document.fonts).map((f) => f.load().catch(() => undefined)));
        }, css),
        this.#timeouts.navigation,
        'font preload',
      ).then(
        () => this.#debug(`fonts preloaded in ${Math.round(performance.now() - started)} ms`),
        (err: unknown) => this.#debug(`font preload failed (the page loads them itself): ${String(err)}`),
      );
      return ready;
    });
    preloaded.catch(() => {});
    this.#spare = preloaded;
  }

  /**
   * The caller will open `count` more pages one after another (a build's editions and 公募要領).
   * Each time a page has its content, the next one is opened while this one lays out and prints:
   * a new tab's renderer takes ~0.4 s to start and load its first document, which then overlaps
   * the browser's work instead of following it. Never more than the pages still to come, so a
   * one-page run starts no tab it does not use.
   */
  expectPages(count: number): void {
    this.#pagesExpected = this.#pagesLoaded + count;
  }

  #contentLoaded(): void {
    this.#pageOpened();
    this.#pagesLoaded++;
    if (this.#pagesLoaded < this.#pagesExpected) this.warmUp();
    const due = this.#loadWaiters.filter((w) => w.count <= this.#pagesLoaded);
    this.#loadWaiters = this.#loadWaiters.filter((w) => w.count > this.#pagesLoaded);
    for (const w of due) w.resolve();
  }

  /** Pages of this session that have had their content so far (a retried page counts again). */
  get loadedPages(): number {
    return this.#pagesLoaded;
  }

  /**
   * Resolves once `count` pages have had their content (PageContext.contentLoaded): from then on
   * that page lays out and prints in the browser's processes, and this one is free for work that
   * needs no page (build-run: the PPTX). Never rejects, and never resolves if that many pages never
   * load: race it with the page work.
   */
  pagesLoaded(count: number): Promise<void> {
    if (this.#pagesLoaded >= count) return Promise.resolve();
    return new Promise((resolve) => this.#loadWaiters.push({ count, resolve }));
  }

  /** The blank page warmUp opened, when it is on `browser`; else a new one. */
  async #newPage(browser: Browser): Promise<Page> {
    const spare = this.#spare;
    this.#spare = undefined;
    const ready = await spare?.catch(() => undefined);
    if (ready?.browser === browser && !ready.page.isClosed()) {
      await ready.page.bringToFront();
      return ready.page;
    }
    if (ready) await ready.page.close().catch(() => {});
    return this.#openPage(browser);
  }

  /** Chromium's first tab the first time (its renderer started with the browser), else a new tab. */
  async #openPage(browser: Browser, opts: { background?: boolean } = {}): Promise<Page> {
    const tab = this.#firstTab.get(browser);
    this.#firstTab.delete(browser);
    return (await tab?.page().catch(() => null)) ?? browser.newPage(opts.background ? { background: true } : undefined);
  }

  /** The browser, launching it on first call. Concurrent callers share one launch. */
  browser(): Promise<Browser> {
    if (this.#opts.signal?.aborted) return Promise.reject(interruptedError());
    if (this.#closed) return Promise.reject(new Error('BrowserSession is closed'));
    // A crashed browser is dropped by its 'disconnected' handler; this covers the moment before.
    if (this.#live && !this.#live.connected) this.#forget(this.#live);
    this.#launch ??= this.#start().catch((err: unknown) => {
      this.#launch = undefined;
      throw err;
    });
    return this.#launch;
  }

  /** Stop handing out `browser` (the next browser() call launches anew). */
  #forget(browser: Browser): void {
    if (this.#live === browser) {
      this.#live = undefined;
      this.#launch = undefined;
    }
  }

  async #start(): Promise<Browser> {
    const t0 = performance.now();
    let resolved: ResolvedBrowser;
    try {
      resolved = this.#opts.resolved ?? (await resolveBrowser());
    } catch (err) {
      throw err instanceof BrowserNotFoundError ? err.toKyosoError() : err;
    }
    // The pid in the name lets a later run remove the profile if this process is killed (sweepDeadProfiles).
    const root = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
    if (this.#tempDirs.size === 0) process.once('exit', this.#exitHook);
    this.#tempDirs.add(root);
    const profile = join(root, 'profile');
    mkdirSync(profile);
    const tmp = browserTmp(root);
    if (tmp !== join(root, 'tmp')) {
      this.#tempDirs.add(tmp);
      this.#debug(`TMPDIR too long for Chromium's singleton socket; the browser's temp folder is ${tmp}`);
    }
    this.#launches++;
    this.#debug(`launch #${this.#launches} ${resolved.executablePath}`);
    // Spawned before puppeteer is even imported: Chromium boots in its own processes while this
    // one loads puppeteer and goes on with its own work (chromium.ts says why not launch()).
    const args = chromiumArgs({
      // The npm build is chrome-headless-shell; full Chrome uses the new headless mode.
      headless: resolved.source === 'npm' ? 'shell' : true,
      userDataDir: profile,
      args: [...new Set([...resolved.args, ...LAUNCH_ARGS, ...(this.#opts.args ?? [])])],
    });
    // Anything Chromium writes to TMPDIR (shared-memory files with --disable-dev-shm-usage,
    // crash dumps) lands in our folder and is removed on close().
    const chromium = spawnChromium(resolved.executablePath, args, { ...process.env, TMPDIR: tmp });
    let browser: Browser;
    try {
      browser = await this.#connect(chromium);
    } catch (err) {
      if (chromium.proc.pid !== undefined) killBrowserProcesses(chromium.proc.pid);
      await chromium.exited;
      await this.#removeTemp(root);
      if (!tmp.startsWith(root)) await this.#removeTemp(tmp);
      // Whichever noticed first (the closed pipe, the exit), the message says what happened to the
      // process — unless we killed it ourselves (a timeout), when the error says why.
      const why = (chromium.proc.signalCode === 'SIGKILL' ? undefined : chromium.exitReason()) ?? (err instanceof Error ? err.message : String(err));
      const log = chromium.stderrTail();
      throw new LaunchFailed(log ? `${why}\n${log}` : why, { cause: chromium.spawnError() ?? err });
    }
    this.#debug(`connected after ${Math.round(performance.now() - t0)} ms`);
    Object.assign(browser, { kyosoRoot: root, kyosoTmp: tmp });
    this.#browsers.add(browser);
    browser.once('disconnected', () => {
      // Crashed or closed: a later browser() call relaunches; its leftovers are reaped.
      this.#forget(browser);
      void this.#reap(browser, false);
    });
    if (this.#closed) {
      // close() (or an abort) came while we were starting: nobody will use this one.
      await this.#reap(browser, false);
      throw this.#opts.signal?.aborted ? interruptedError() : new Error('BrowserSession is closed');
    }
    this.#live = browser;
    this.resolved = resolved;
    this.lastLaunchMs = performance.now() - t0;
    return browser;
  }

  /**
   * puppeteer attached to a Chromium this process spawned, once its first tab exists (as
   * launch() waits for it). Fails when Chromium exits or does not answer within the launch timeout.
   */
  async #connect(chromium: ChromiumProcess): Promise<Browser> {
    let timer: NodeJS.Timeout | undefined;
    const gone = chromium.exited.then(() => {
      throw new Error(chromium.exitReason() ?? 'the browser exited on start');
    });
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the browser did not answer within ${this.#timeouts.launch} ms`)), this.#timeouts.launch);
    });
    const attach = (async () => {
      const browser = await connectCdp(chromium.transport);
      // A connected browser has no process() of its own; this session owns the child, and the
      // reaper, the exit hook and the fault tests find it where launch() puts it.
      Object.defineProperty(browser, 'process', { value: () => chromium.proc });
      const tab = await browser.waitForTarget((t) => t.type() === 'page', { timeout: this.#timeouts.launch });
      this.#firstTab.set(browser, tab);
      return browser;
    })();
    try {
      return await Promise.race([attach, gone, late]);
    } finally {
      clearTimeout(timer);
      // The losers of the race settle later; their outcome no longer matters.
      gone.catch(() => {});
      attach.then(
        (b) => {
          if (chromium.proc.exitCode !== null || chromium.proc.signalCode !== null) void b.disconnect();
        },
        () => {},
      );
    }
  }

  /** End `browser` (gracefully if asked and still connected), kill its process group, remove its profile. Once per browser. */
  #reap(browser: Browser, graceful: boolean): Promise<void> {
    let done = this.#reaping.get(browser);
    if (!done) {
      done = this.#doReap(browser, graceful);
      this.#reaping.set(browser, done);
    }
    return done;
  }

  async #doReap(browser: Browser, graceful: boolean): Promise<void> {
    this.#forget(browser);
    const proc = browser.process();
    const { kyosoRoot: root, kyosoTmp: tmp } = browser as Browser & { kyosoRoot?: string; kyosoTmp?: string };
    if (graceful && browser.connected) {
      let timer: NodeJS.Timeout | undefined;
      const closed = browser.close().then(
        () => true,
        () => false,
      );
      const timedOut = new Promise<false>((r) => {
        timer = setTimeout(() => r(false), this.#timeouts.close);
      });
      await Promise.race([closed, timedOut]);
      clearTimeout(timer);
    }
    if (proc?.pid !== undefined) {
      const exited = proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => proc.once('exit', () => r()));
      // Even after a clean close, stragglers of the group (a renderer mid-shutdown) are ended.
      killBrowserProcesses(proc.pid);
      await exited;
    }
    if (root) await this.#removeTemp(root);
    if (tmp && root && !tmp.startsWith(root)) await this.#removeTemp(tmp);
    this.#browsers.delete(browser);
  }

  async #removeTemp(root: string): Promise<void> {
    await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    this.#tempDirs.delete(root);
    if (this.#tempDirs.size === 0) process.removeListener('exit', this.#exitHook);
  }

  /**
   * Open a fresh sandboxed page, run `fn`, always close the page. A crash, disconnect or
   * timeout kills that browser and reruns `fn` on a fresh one (`retries`, default 1); after
   * that it is KyosoError BROWSER_FAILED. Other errors (ours, or bugs) pass through untouched.
   */
  async withPage<T>(fn: (page: Page, ctx: PageContext) => Promise<T>, opts: WithPageOptions = {}): Promise<T> {
    const retries = opts.retries ?? this.#opts.retries ?? 1;
    for (let attempt = 0; ; attempt++) {
      if (this.#opts.signal?.aborted) throw interruptedError();
      let browser: Browser | undefined;
      try {
        browser = await this.browser();
        return await this.#attempt(browser, fn, opts, attempt);
      } catch (err) {
        // After an abort every failure is the abort's doing (we closed the browser ourselves).
        if (this.#opts.signal?.aborted) throw isKyosoError(err) && err.code === 'INTERRUPTED' ? err : interruptedError(err);
        if (isKyosoError(err)) throw err;
        const fault = classify(err, browser);
        if (fault === null) throw err;
        // Never reuse a browser that crashed or hung: a stuck renderer would stall the retry too.
        if (browser) await this.#reap(browser, false);
        if (attempt >= retries || this.#closed) throw browserFailed(fault, attempt + 1, this.#timeouts.page, err);
        this.retried.push({ fault, error: err instanceof Error ? err.message : String(err) });
        this.#debug(`${fault} on attempt ${attempt + 1}, retrying on a fresh browser: ${String(err)}`);
      }
    }
  }

  async #attempt<T>(browser: Browser, fn: (page: Page, ctx: PageContext) => Promise<T>, opts: WithPageOptions, attempt: number): Promise<T> {
    const started = performance.now();
    const page = await this.#newPage(browser);
    const blocked: BlockedRequest[] = [];
    try {
      const timeout = opts.timeoutMs ?? this.#timeouts.navigation;
      page.setDefaultTimeout(timeout);
      page.setDefaultNavigationTimeout(timeout);
      const roots = opts.allowedRoots ?? [];
      await page.setRequestInterception(true);
      page.on('request', (req: HTTPRequest) => {
        if (req.isInterceptResolutionHandled()) return;
        const url = req.url();
        const reason = checkUrl(url, roots);
        if (reason === null) {
          void req.continue().catch(() => {});
          return;
        }
        const entry: BlockedRequest = { url, resourceType: req.resourceType(), reason };
        blocked.push(entry);
        this.blockedRequests.push(entry);
        void req.abort('blockedbyclient').catch(() => {});
      });
      const budget = opts.budgetMs ?? this.#timeouts.page;
      let timer: NodeJS.Timeout | undefined;
      const overBudget = new Promise<never>((_, reject) => {
        if (Number.isFinite(budget)) timer = setTimeout(() => reject(new PageBudgetExceeded(budget)), budget);
      });
      try {
        return await Promise.race([fn(page, { blockedRequests: blocked, attempt, contentLoaded: once(() => this.#contentLoaded()) }), overBudget]);
      } finally {
        clearTimeout(timer);
      }
    } finally {
      this.#pageOpened();
      // Bounded: closing a page of a hung renderer must not hang the build in turn.
      await withTimeout(page.close(), this.#timeouts.close, 'page.close').catch(() => {});
      this.#debug(`page closed after ${Math.round(performance.now() - started)} ms${blocked.length ? ` (${blocked.length} requests blocked)` : ''}`);
    }
  }

  /** Close the browser and remove its temp profile. Safe to call many times. */
  async close(): Promise<void> {
    if (this.#closed && !this.#launch && this.#browsers.size === 0 && this.#tempDirs.size === 0) return;
    this.#closed = true;
    this.#opts.signal?.removeEventListener('abort', this.#onAbort);
    const pending = this.#launch;
    this.#launch = undefined;
    // A launch in flight finishes first (and, seeing #closed, reaps itself).
    if (pending) await pending.catch(() => undefined);
    await Promise.all([...this.#browsers].map((b) => this.#reap(b, true)));
    for (const d of [...this.#tempDirs]) await this.#removeTemp(d);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** Wait for web fonts, then print with the table's print timeout. */
export async function printPdf(page: Page, opts: PDFOptions = {}): Promise<Uint8Array> {
  await loadFonts(page);
  return new Uint8Array(await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, timeout: TIMEOUTS.print, ...opts }));
}

/**
 * Load every @font-face the page declares, then wait for layout to use them.
 * `document.fonts.ready` alone can settle before a face is even requested, and a
 * print or measurement taken then uses a fallback font (or none).
 */
export async function loadFonts(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await Promise.all(Array.from(document.fonts).map((f) => f.load().catch(() => undefined)));
    await document.fonts.ready;
  });
}
