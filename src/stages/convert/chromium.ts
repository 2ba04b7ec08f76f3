/**
 * Chromium started by this process itself, spoken to over `--remote-debugging-pipe`, with
 * puppeteer attached afterwards (`puppeteer.connect({ transport })`).
 *
 * Why not `puppeteer.launch()`: launching needs puppeteer imported first (~0.15 s of module
 * loading on the main thread) and then several CDP round trips that wait for this process's
 * event loop — which, in a cold build, is busy loading, validating and rendering. Measured on a
 * 2-core machine the launch + first page took 1.4 s inside a build against 0.55 s alone. Spawned
 * here, Chromium boots (and opens its first tab, whose renderer is the warm page) in its own
 * processes from the moment the build knows it will print, and puppeteer is imported and
 * attaches in between this thread's own work. The flags are puppeteer's own defaults
 * (`chromiumArgs`, kept equal to `puppeteer.defaultArgs` by a test), so a page prints exactly as
 * it did under `launch()`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { posix, resolve as resolvePath, win32 } from 'node:path';

/** The transport shape puppeteer's `connect({ transport })` takes (its ConnectionTransport). */
export interface PipeTransport {
  send(message: string): void;
  close(): void;
  onmessage?: (message: string) => void;
  onclose?: () => void;
}

export interface ChromiumProcess {
  proc: ChildProcess;
  transport: PipeTransport;
  /** Resolves on exit (or a failure to start); never rejects. */
  exited: Promise<void>;
  /** Set when the executable could not be started at all (ENOENT, EACCES). */
  spawnError(): Error | undefined;
  /** The last lines Chromium wrote to stderr, for a launch failure's message. */
  stderrTail(): string;
  /** What ended the process before it was used (could not start, exited with a code), once it has. */
  exitReason(): string | undefined;
}

export interface ChromiumArgsOptions {
  headless: true | 'shell';
  userDataDir: string;
  /** The source's flags (@sparticuz/chromium's) and ours, after puppeteer's defaults. */
  args: readonly string[];
}

/** puppeteer's default disabled/enabled features (ChromeLauncher.defaultArgs), merged with the caller's. */
const DISABLED_FEATURES = [
  'Translate',
  'AcceptCHFrame',
  'MediaRouter',
  'OptimizationHints',
  'WebUIReloadButton',
  'ProcessPerSiteUpToMainFrameThreshold',
  'IsolateSandboxedIframes',
];
const ENABLED_FEATURES = ['PdfOopif'];

/** puppeteer's default flags (ChromeLauncher.defaultArgs), in its order. */
const DEFAULT_FLAGS = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
];

function features(flag: string, args: readonly string[]): string[] {
  return args
    .filter((a) => a.startsWith(`${flag}=`))
    .map((a) => a.slice(flag.length + 1).trim())
    .filter(Boolean);
}

/**
 * The command line `puppeteer.launch({ headless, userDataDir, args, pipe: true })` would run:
 * its defaults, the caller's feature lists merged into its own, then the caller's flags.
 */
export function chromiumArgs({ headless, userDataDir, args }: ChromiumArgsOptions): string[] {
  const rest = args.filter((a) => !a.startsWith('--disable-features=') && !a.startsWith('--enable-features='));
  const dir = posix.isAbsolute(userDataDir) || win32.isAbsolute(userDataDir) ? userDataDir : resolvePath(userDataDir);
  return [
    ...DEFAULT_FLAGS,
    `--disable-features=${[...DISABLED_FEATURES, ...features('--disable-features', args)].join(',')}`,
    `--enable-features=${[...ENABLED_FEATURES, ...features('--enable-features', args)].join(',')}`,
    `--user-data-dir=${dir}`,
    headless === 'shell' ? '--headless' : '--headless=new',
    '--hide-scrollbars',
    '--mute-audio',
    '--disable-extensions',
    ...(rest.every((a) => a.startsWith('-')) ? ['about:blank'] : []),
    ...rest,
    '--remote-debugging-pipe',
  ];
}

const STDERR_KEEP = 8 * 1024;

/** Longest DevTools message accepted (a slide's PNG screenshot in base64 is a few MB). */
export const MAX_MESSAGE = 256 * 1024 * 1024;

/**
 * Start Chromium with the pipe on fds 3 (its input) and 4 (its output), detached so that it
 * leads its own process group (what killBrowserProcesses relies on), as puppeteer does.
 */
export function spawnChromium(executablePath: string, args: readonly string[], env: NodeJS.ProcessEnv): ChromiumProcess {
  const proc = spawn(executablePath, args, {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    env,
  });
  let failed: Error | undefined;
  let stderr = '';
  proc.stderr?.setEncoding('utf8');
  // A reset pipe (the browser killed mid-write) is the exit's business, never an unhandled 'error'.
  for (const stream of proc.stdio) (stream as NodeJS.EventEmitter | null)?.on('error', () => {});
  proc.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
  });
  const exited = new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.once('error', (err) => {
      failed = err;
      resolve();
    });
  });
  const input = proc.stdio[3] as NodeJS.WritableStream & { destroyed?: boolean };
  const output = proc.stdio[4] as NodeJS.ReadableStream;
  const transport: PipeTransport = {
    send(message) {
      if (input.destroyed) return;
      input.write(message);
      input.write('\0');
    },
    close() {
      input.end();
    },
  };
  // A browser that breaks the protocol (not JSON, a message with no end) is ended at once, its
  // whole process group with it; the pipe's close then tells puppeteer, and `exitReason` says why.
  let fault: string | undefined;
  const protocolFault = (why: string): void => {
    if (fault !== undefined) return;
    fault = why;
    pending = [];
    try {
      if (proc.pid !== undefined) process.kill(process.platform === 'win32' ? proc.pid : -proc.pid, 'SIGKILL');
    } catch {
      proc.kill('SIGKILL');
    }
    (output as NodeJS.ReadableStream & { destroy(): void }).destroy();
    (input as NodeJS.WritableStream & { destroy(): void }).destroy();
  };
  // Messages are NUL-terminated; a chunk can end mid-message.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  output.on('data', (chunk: Buffer) => {
    if (fault !== undefined) return;
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      pending.push(chunk.subarray(start, end));
      const message = Buffer.concat(pending).toString('utf8');
      pending = [];
      pendingBytes = 0;
      start = end + 1;
      // puppeteer parses each message as it arrives (an async handler): garbage on the pipe rejects
      // there, and would end this process with a raw stack as an unhandled rejection.
      const broken = (err: unknown) => protocolFault(`the browser broke the DevTools protocol (${err instanceof Error ? err.message.slice(0, 120) : String(err)})`);
      try {
        // Before puppeteer attaches nothing is asked, so nothing is answered: what comes is checked and dropped.
        if (!transport.onmessage) JSON.parse(message);
        const handled = transport.onmessage?.(message) as unknown;
        if (handled instanceof Promise) handled.catch(broken);
      } catch (err) {
        broken(err);
        return;
      }
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_MESSAGE) protocolFault(`the browser sent more than ${MAX_MESSAGE / 1024 / 1024} MB without ending a message (DevTools protocol)`);
    }
  });
  // The pipe's close is how puppeteer learns the browser is gone (a crash, or protocolFault's kill).
  output.on('close', () => transport.onclose?.());
  const exitReason = (): string | undefined => {
    if (fault !== undefined) return fault;
    if (failed) return failed.message;
    const code = proc.exitCode ?? proc.signalCode;
    return code === null ? undefined : `the browser exited on start (code ${code})`;
  };
  return { proc, transport, exited, spawnError: () => failed, stderrTail: () => stderr.trim().split('\n').slice(-12).join('\n'), exitReason };
}
