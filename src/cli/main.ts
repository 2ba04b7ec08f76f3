/**
 * The process entry (`node dist/cli/main.js …`, or bin/kyoso-docs.js). Sets
 * process.exitCode, never process.exit(), so every `finally` still runs.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { debug } from '../shared/debug.ts';
import { msg, fail } from '../shared/errors.ts';
import { forceExit } from '../shared/exit.ts';
import { t } from '../shared/i18n.ts';
import { TOOL_ROOT } from '../shared/paths.ts';
import { defaultIO, run } from './run.ts';

/**
 * The process entry. Ctrl-C / SIGTERM abort the run: the build stops at the next stage
 * boundary (the browser is closed at once, so page work fails fast), nothing is
 * published, temp folders are removed, and the exit code is INTERRUPTED's. A second
 * Ctrl-C while that cleanup runs exits immediately with 130 (143 for SIGTERM) — but through
 * shared/exit.ts: the exit hooks still kill the browser, remove its profile and the staged
 * files, and release the build lock, and while publish is swapping files into output/ (a
 * few renames) the exit waits for the swap to end, so output/ is never left half-swapped.
 */
export async function main(argv: readonly string[]): Promise<void> {
  // Which code runs: dist/bundle/ (scripts/bundle.js) or dist/cli/ (tests check the wrapper's choice).
  debug('cli')(
    `code ${path
      .relative(TOOL_ROOT, fileURLToPath(import.meta.url))
      .split(path.sep)
      .join('/')}`,
  );
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    signals++;
    if (signals === 1) {
      defaultIO.err(
        t(msg(`\n${sig} を受け取りました。後始末をして終了します（もう一度押すと即時終了）…`, `\nReceived ${sig}; cleaning up before exit (press again to exit at once)…`)),
      );
      controller.abort(fail('signal', { signal: sig }));
      return;
    }
    // The user insisted: skip the remaining cleanup. 128 + SIGINT(2) / SIGTERM(15), as shells do.
    if (!forceExit(sig === 'SIGTERM' ? 143 : 130)) {
      defaultIO.err(t(msg('出力の入れ替え中です。終わりしだい終了します…', 'Swapping the outputs in; exiting as soon as that is done…')));
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    process.exitCode = await run(argv, defaultIO, { signal: controller.signal });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  // The command is over and has said so: whatever a library left pending (a protocol timer of a
  // browser that broke the protocol, a socket nobody closed) may not hold the exit for minutes.
  // Every cleanup ran above; stdout and stderr are flushed by then (the grace is for pipes).
  setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
}

/** How long the process may linger after its command has returned (ms). */
export const EXIT_GRACE_MS = 2_000;

// Run when this module is the process entry (not when a test imports it).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
