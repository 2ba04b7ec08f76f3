/**
 * The forced exit (a second Ctrl-C): what must still happen, and when it must wait.
 *
 * The CLI turns the first Ctrl-C into an abort (every `finally` runs). A second one exits at
 * once through `forceExit()` — but two things may not be skipped even then:
 *   - `onExit(fn)` cleanups run synchronously on the way out: the build lock is released and
 *     the temporary files a publish has written so far are removed;
 *   - a `critical()` section (the few renames that swap a run's files into output/, or undo
 *     them) is never cut in half: the exit waits until it has ended, so output/ is the old
 *     complete set or the new one.
 * A SIGKILL skips all of this; the next run repairs output/ from the publish journal.
 */

const cleanups = new Set<() => void>();
let hooked = false;
let critical = 0;
let pendingExit: number | undefined;

function runCleanups(): void {
  for (const fn of [...cleanups]) {
    try {
      fn();
    } catch {
      /* exiting: nothing left to report to */
    }
  }
}

/** Run `fn` synchronously if the process exits before the returned function is called. */
export function onExit(fn: () => void): () => void {
  if (!hooked) {
    hooked = true;
    process.on('exit', runCleanups);
  }
  cleanups.add(fn);
  return () => {
    cleanups.delete(fn);
  };
}

/** Run `fn` with a forced exit held back until it has finished (then the exit happens). */
export async function uninterruptible<T>(fn: () => Promise<T>): Promise<T> {
  critical++;
  try {
    return await fn();
  } finally {
    critical--;
    if (critical === 0 && pendingExit !== undefined) process.exit(pendingExit);
  }
}

/** Is a critical section running (a forced exit would be deferred)? */
export function inCriticalSection(): boolean {
  return critical > 0;
}

/** Exit now with `code`, or as soon as the running critical section ends. Returns false when deferred. */
export function forceExit(code: number): boolean {
  if (critical > 0) {
    pendingExit = code;
    return false;
  }
  process.exit(code);
}
