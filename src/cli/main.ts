/**
 * The process entry (`node dist/cli/main.js …`, or bin/kyoso-docs.js). Sets
 * process.exitCode, never process.exit(), so every `finally` still runs.
 */
import { pathToFileURL } from 'node:url';
import { msg, fail } from '../shared/errors.ts';
import { t } from '../shared/i18n.ts';
import { defaultIO, run } from './run.ts';

/**
 * The process entry. Ctrl-C / SIGTERM abort the run: the build stops at the next stage
 * boundary (the browser is closed at once, so page work fails fast), nothing is
 * published, temp folders are removed, and the exit code is INTERRUPTED's. A second
 * Ctrl-C while that cleanup runs exits immediately (the session's exit hook still kills
 * the browser and removes its profile).
 */
export async function main(argv: readonly string[]): Promise<void> {
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
    process.exit(sig === 'SIGTERM' ? 143 : 130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    process.exitCode = await run(argv, defaultIO, { signal: controller.signal });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

// Run when this module is the process entry (not when a test imports it).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
