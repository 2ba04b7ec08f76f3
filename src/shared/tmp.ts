/**
 * The temporary folder (TMPDIR, else the system's) checked before a command uses it: TMPDIR
 * naming a file, a missing folder or one we may not write made the browser's extraction, its
 * profile and `diff`'s checkout fail deep inside with a raw ENOTDIR (exit 70). Now that is one
 * catalogue error naming TMPDIR, before anything is written.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fail } from './errors.ts';

/** Throws `tmpUnusable` when the temporary folder is not a folder this process can write to. */
export function checkTmpdir(): void {
  const dir = tmpdir();
  let code: string | undefined;
  try {
    if (!statSync(dir).isDirectory()) code = 'ENOTDIR';
    else accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (cause) {
    code = (cause as NodeJS.ErrnoException).code ?? String(cause);
  }
  if (code !== undefined) throw fail('tmpUnusable', { dir, code, fromEnv: Boolean(process.env.TMPDIR) });
}
