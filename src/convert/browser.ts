/**
 * One lazily launched headless Chromium per run.
 *
 * - `resolveBrowser()` finds an executable: `CHROME_PATH` → a system Chrome/Chromium/Edge →
 *   the optional npm package `@sparticuz/chromium` → `BrowserNotFoundError`.
 * - `BrowserSession` launches on first use (memoized promise, so concurrent callers share one
 *   launch), hands out fresh pages with a request sandbox (only `data:`, `about:blank` and
 *   `file:` URLs under caller-given roots), and cleans up its temp profile on `close()`.
 *
 * Sandbox note: we always pass `--no-sandbox`. The renderer only ever loads HTML we generated
 * ourselves with every network request aborted, and the usual places this runs (root in a
 * container, CI without user namespaces) cannot start Chromium's sandbox anyway.
 */
import { accessSync, constants as fsConstants, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, HTTPRequest, Page, PDFOptions } from 'puppeteer-core';

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
} as const;

export type BrowserSource = 'env' | 'system' | 'npm';

export interface ResolvedBrowser {
  executablePath: string;
  source: BrowserSource;
  /** Extra command-line flags the source needs (the npm build ships its own list). */
  args: string[];
}

export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
}

const HOW_TO_GET_ONE =
  'PDF/PNG を出力するには Chromium 系ブラウザが必要です。次のいずれかを行ってください:\n' +
  '  - 環境変数 CHROME_PATH に Chrome/Chromium/Edge の実行ファイルを指定する\n' +
  '  - apt-get install chromium（Debian/Ubuntu）などでブラウザをインストールする\n' +
  '  - npm install @sparticuz/chromium（Linux x64 用の同梱ブラウザ）\n' +
  'A Chromium-based browser is needed to print PDF/PNG. Either set CHROME_PATH to a ' +
  'Chrome/Chromium/Edge executable, install one (e.g. `apt-get install chromium`), or ' +
  '`npm install @sparticuz/chromium` (bundled Linux x64 build).';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Well-known install locations, in preference order, for this platform. */
export function systemBrowserCandidates(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    const roots = ['/Applications', ...(env.HOME ? [join(env.HOME, 'Applications')] : [])];
    return roots.flatMap((r) => apps.map((a) => join(r, a)));
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (r): r is string => !!r,
    );
    const exes = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Chromium\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ];
    return roots.flatMap((r) => exes.map((e) => `${r}\\${e}`));
  }
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];
  const fixed = names.map((n) => `/usr/bin/${n}`);
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter((d) => d && d !== '/usr/bin')
    .flatMap((d) => names.map((n) => join(d, n)));
  return [...fixed, ...onPath];
}

/** Flags from @sparticuz/chromium we do not want outside AWS Lambda. */
const NPM_ARGS_DROPPED = new Set([
  // Lambda-only workaround for prctl(); off Lambda it makes close() flaky and shares one renderer.
  '--single-process',
  '--no-zygote',
  // We never need to relax web security for our own local HTML.
  '--disable-web-security',
  '--allow-running-insecure-content',
]);

function onLambda(): boolean {
  return !!process.env.AWS_LAMBDA_FUNCTION_NAME;
}

/** Find a browser: CHROME_PATH → system install → @sparticuz/chromium. */
export async function resolveBrowser(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedBrowser> {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isExecutableFile(fromEnv)) {
      throw new BrowserNotFoundError(
        `環境変数 CHROME_PATH が実行可能なファイルを指していません: ${fromEnv}\n` +
          `CHROME_PATH is set but is not an executable file: ${fromEnv}\n\n${HOW_TO_GET_ONE}`,
      );
    }
    return { executablePath: fromEnv, source: 'env', args: [] };
  }
  for (const candidate of systemBrowserCandidates(process.platform, env)) {
    if (isExecutableFile(candidate)) return { executablePath: candidate, source: 'system', args: [] };
  }
  if (process.platform === 'linux') {
    let mod: { default: { executablePath(): Promise<string>; args: string[] } } | undefined;
    try {
      mod = (await import('@sparticuz/chromium')) as typeof mod;
    } catch {
      mod = undefined; // optional dependency not installed
    }
    if (mod) {
      const chromium = mod.default;
      // First call extracts the bundled build to os.tmpdir() (a cache reused by later runs).
      const executablePath = await chromium.executablePath();
      const args = chromium.args.filter((a) => onLambda() || !NPM_ARGS_DROPPED.has(a));
      return { executablePath, source: 'npm', args };
    }
  }
  throw new BrowserNotFoundError(HOW_TO_GET_ONE);
}

/** Flags added to every launch (on top of puppeteer's defaults and the source's own). */
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
] as const;

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
}

export interface PageContext {
  /** Requests aborted so far on this page (live array). */
  readonly blockedRequests: readonly BlockedRequest[];
}

export interface BrowserSessionOptions {
  /** Override resolution (tests, or a caller that already resolved). */
  resolved?: ResolvedBrowser;
  /** Extra flags. */
  args?: string[];
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

/** A browser for one run: launched on first use, closed (and its profile removed) once. */
export class BrowserSession {
  #launch: Promise<Browser> | undefined;
  #launches = 0;
  #closed = false;
  #tempDirs = new Set<string>();
  #exitHook = () => {
    for (const d of this.#tempDirs) rmSync(d, { recursive: true, force: true });
  };
  readonly #opts: BrowserSessionOptions;
  /** Every request aborted by the sandbox across all pages of this session. */
  readonly blockedRequests: BlockedRequest[] = [];
  /** What was launched (after the first launch). */
  resolved: ResolvedBrowser | undefined;
  /** Milliseconds the last launch took (resolve + start). */
  lastLaunchMs: number | undefined;

  constructor(opts: BrowserSessionOptions = {}) {
    this.#opts = opts;
  }

  /** Temp folders (profile + TMPDIR) currently owned by this session; empty after close(). */
  get tempDirs(): string[] {
    return [...this.#tempDirs];
  }

  /** How many times a browser process was started. A no-op build must leave this at 0. */
  get launches(): number {
    return this.#launches;
  }

  /** The browser, launching it on first call. Concurrent callers share one launch. */
  browser(): Promise<Browser> {
    if (this.#closed) return Promise.reject(new Error('BrowserSession is closed'));
    this.#launch ??= this.#start().catch((err: unknown) => {
      this.#launch = undefined;
      throw err;
    });
    return this.#launch;
  }

  async #start(): Promise<Browser> {
    const t0 = performance.now();
    const resolved = this.#opts.resolved ?? (await resolveBrowser());
    const { default: puppeteer } = await import('puppeteer-core');
    const root = mkdtempSync(join(tmpdir(), 'kyoso-chrome-'));
    if (this.#tempDirs.size === 0) process.once('exit', this.#exitHook);
    this.#tempDirs.add(root);
    const profile = join(root, 'profile');
    const tmp = join(root, 'tmp');
    mkdirSync(profile);
    mkdirSync(tmp);
    this.#launches++;
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath: resolved.executablePath,
        // The npm build is chrome-headless-shell; full Chrome uses the new headless mode.
        headless: resolved.source === 'npm' ? 'shell' : true,
        args: [...new Set([...resolved.args, ...LAUNCH_ARGS, ...(this.#opts.args ?? [])])],
        userDataDir: profile,
        // Anything Chromium writes to TMPDIR (shared-memory files with --disable-dev-shm-usage,
        // crash dumps) lands in our folder and is removed on close().
        env: { ...process.env, TMPDIR: tmp },
        timeout: TIMEOUTS.launch,
        pipe: true,
      });
    } catch (err) {
      await this.#removeTemp(root);
      throw err;
    }
    (browser as Browser & { kyosoRoot?: string }).kyosoRoot = root;
    browser.once('disconnected', () => {
      // Crashed or closed: a later browser() call relaunches.
      if (!this.#closed) this.#launch = undefined;
      void this.#removeTemp(root);
    });
    this.resolved = resolved;
    this.lastLaunchMs = performance.now() - t0;
    return browser;
  }

  async #removeTemp(root: string): Promise<void> {
    await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    this.#tempDirs.delete(root);
    if (this.#tempDirs.size === 0) process.removeListener('exit', this.#exitHook);
  }

  /** Open a fresh sandboxed page, run `fn`, always close the page. */
  async withPage<T>(fn: (page: Page, ctx: PageContext) => Promise<T>, opts: WithPageOptions = {}): Promise<T> {
    const browser = await this.browser();
    const page = await browser.newPage();
    const blocked: BlockedRequest[] = [];
    try {
      const timeout = opts.timeoutMs ?? TIMEOUTS.navigation;
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
      return await fn(page, { blockedRequests: blocked });
    } finally {
      await page.close().catch(() => {});
    }
  }

  /** Close the browser and remove its temp profile. Safe to call many times. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const pending = this.#launch;
    this.#launch = undefined;
    if (pending) {
      const browser = await pending.catch(() => undefined);
      if (browser) {
        const proc = browser.process();
        const root = (browser as Browser & { kyosoRoot?: string }).kyosoRoot;
        let timer: NodeJS.Timeout | undefined;
        const graceful = browser.close().then(
          () => true,
          () => false,
        );
        const timedOut = new Promise<false>((r) => {
          timer = setTimeout(() => r(false), TIMEOUTS.close);
        });
        const ok = await Promise.race([graceful, timedOut]);
        clearTimeout(timer);
        if (!ok && proc && proc.exitCode === null) proc.kill('SIGKILL');
        if (proc && proc.exitCode === null && proc.signalCode === null) {
          await new Promise<void>((r) => proc.once('exit', () => r()));
        }
        if (root) await this.#removeTemp(root);
      }
    }
    for (const d of [...this.#tempDirs]) await this.#removeTemp(d);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** Race `promise` against a timeout (for calls without their own, e.g. screenshots). */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
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
