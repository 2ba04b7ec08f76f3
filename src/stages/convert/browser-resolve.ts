/**
 * Finding a browser: `CHROME_PATH` → a system Chrome/Chromium/Edge → the optional npm
 * package `@sparticuz/chromium` → BrowserNotFoundError (BROWSER_NOT_FOUND, with what to do).
 */
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type KyosoError, fail, msg } from '../../shared/errors.ts';
import type { Message } from '../../shared/values.ts';

export type BrowserSource = 'env' | 'system' | 'npm';

export interface ResolvedBrowser {
  executablePath: string;
  source: BrowserSource;
  /** Extra command-line flags the source needs (the npm build ships its own list). */
  args: string[];
}

export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
  /** What was wrong, without the how-to (the CLI prints that as the hint). */
  readonly reason: Message;
  constructor(reason: Message | undefined) {
    const r = reason ?? msg('Chromium 系ブラウザが見つかりません', 'No Chromium-based browser was found');
    const how = fail('browserNotFound', { reason: r }).hint;
    super(`${r.ja}\n${r.en}\n\n${how?.ja ?? ''}\n${how?.en ?? ''}`);
    this.reason = r;
  }

  /** The catalogue error the CLI reports (exit 4). */
  toKyosoError(): KyosoError {
    return fail('browserNotFound', { reason: this.reason }, { cause: this });
  }
}

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
export function systemBrowserCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    const roots = ['/Applications', ...(env.HOME ? [join(env.HOME, 'Applications')] : [])];
    return roots.flatMap((r) => apps.map((a) => join(r, a)));
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    const exes = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
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
      throw new BrowserNotFoundError(msg(`環境変数 CHROME_PATH が実行可能なファイルを指していません: ${fromEnv}`, `CHROME_PATH is set but is not an executable file: ${fromEnv}`));
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
  throw new BrowserNotFoundError(undefined);
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
