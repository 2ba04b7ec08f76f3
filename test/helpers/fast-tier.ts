/**
 * Setup of the fast tier (vitest.config.ts, project `fast`): a test in test/fast/ may not start a
 * process (the CLI, git, esbuild, a browser, LibreOffice, a poppler tool) nor load kuromoji. Either
 * fails the test and says where it belongs, so the inner loop cannot grow slow unnoticed.
 */
import childProcess from 'node:child_process';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { afterEach } from 'vitest';

const started: string[] = [];

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  (childProcess as unknown as Record<string, unknown>)[name] = (command: unknown) => {
    const what = `${name}(${JSON.stringify(command)})`;
    started.push(what);
    throw new Error(`the fast tier starts no process: ${what} — put this test in test/e2e/ (or test/browser/)`);
  };
}
// `import { spawn } from 'node:child_process'` binds to the ESM view of the module: refresh it.
syncBuiltinESMExports();

/** The processes refused since the last call, forgotten (for the guard's own test). */
export function takeRefused(): string[] {
  return started.splice(0);
}

const cache = createRequire(import.meta.url).cache;
const kuromojiLoaded = (): boolean => Object.keys(cache).some((k) => /[\\/]node_modules[\\/]kuromoji[\\/]/.test(k));

afterEach(() => {
  // Also when the code under test caught the error: starting the process was the mistake.
  if (started.length > 0) throw new Error(`the fast tier starts no process; this test tried ${started.splice(0).join(', ')} — move it to test/e2e/`);
  if (kuromojiLoaded()) throw new Error('the fast tier loads no kuromoji (lint:text’s morphological rule, ~1 s) — move this test to test/e2e/');
});
