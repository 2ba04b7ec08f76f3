/**
 * Stage 6 — publish: put finished bytes into output/, all or nothing.
 *
 * Everything is rendered in memory first. Then, in order:
 *   1. stage   — every new file is written under a temporary name in its own folder;
 *   2. backup  — every file about to be replaced or removed gets a hard link under a
 *                temporary name (a copy where links are impossible), so the old bytes stay
 *                reachable whatever happens to the name; a target that cannot be replaced
 *                (a folder in its place, an immutable file) fails here;
 *   3. journal — the list of those names is written (journal.ts);
 *   4. commit  — the temporaries are renamed over their targets, removed outputs unlinked,
 *                and the file named `last` (the build manifest) renamed at the very end: that
 *                rename is the commit;
 *   5. cleanup — the old links and the journal are removed.
 * A failure in 1–3 removes what was made and leaves output/ untouched. A failure in 4 puts
 * every old file back (the journal's rollback) before the error is reported, and the error
 * says which set output/ holds. A forced exit waits for 4 to finish (shared/exit.ts); a
 * SIGKILL in 4 is repaired by the next run (`recoverOutput`, under the build lock), which
 * also sweeps the temporaries a dead run left (`sweepLeftovers`).
 *
 * Not guaranteed: durability across a power loss or kernel crash (nothing is fsync'ed), and
 * readers that open several files during step 4 may see some old and some new.
 */
import { rmSync, rmdirSync } from 'node:fs';
import { constants, copyFile, link, lstat, mkdir, open, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fail, isKyosoError, msg, type KyosoError } from '../../shared/errors.ts';
import { onExit, uninterruptible } from '../../shared/exit.ts';
import { t } from '../../shared/i18n.ts';
import { debug } from '../../shared/debug.ts';
import { CACHE_DIR } from '../../shared/paths.ts';
import type { StuckFile } from '../../shared/error-catalogue-output.ts';
import { confined } from './confine.ts';
import { acquireLock, pidAlive, TEMP_MARK, tempName, tempOwner, type BuildLock } from './lock.ts';
import { newJournal, orphanJournals, publishTag, settle, writeJournal, type Journal, type JournalEntry, type StepHook } from './journal.ts';

export { TEMP_MARK } from './lock.ts';
export type { PublishStep, StepHook } from './journal.ts';

const log = debug('publish');

export type OutputFiles = Map<string, Uint8Array | string>;

export { CACHE_DIR } from '../../shared/paths.ts';

export interface PublishOptions {
  /** Files (relative to outDir) to delete once the new files are in place: outputs that no longer exist. */
  remove?: readonly string[];
  /** The file of `files` renamed last, after the removals (the manifest): the commit. */
  last?: string;
  /** Ctrl-C: honoured while files are staged; once the swap has begun it is finished (milliseconds). */
  signal?: AbortSignal;
  /** Called before every filesystem step; a throw fails that step (how tests inject faults). */
  onStep?: StepHook;
}

/** Journals of publishes running in this process: recovery leaves them alone. */
const active = new Set<string>();

function inside(outDir: string, rel: string): string {
  const target = path.join(outDir, rel);
  if (!path.resolve(target).startsWith(path.resolve(outDir) + path.sep)) {
    throw new Error(`refusing to write outside the output folder: ${rel}`);
  }
  return target;
}

const posix = (p: string): string => p.split(path.sep).join('/');

/** `output/r3/guidelines/kyoso.pdf`: how messages name a file of output/. */
function shown(outDir: string, rel: string): string {
  return posix(path.join(path.basename(outDir), rel));
}

function errnoCode(cause: unknown): string {
  return (cause as NodeJS.ErrnoException)?.code ?? (cause instanceof Error ? cause.message : String(cause));
}

/** The old file stays reachable under `backup`: a hard link, else a copy (a filesystem without links). */
async function keepOld(target: string, backup: string): Promise<void> {
  try {
    await link(target, backup);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV'].includes(code)) throw e;
    // EPERM is also what an immutable or append-only file answers: it could not be replaced either.
    if (code === 'EPERM') {
      const handle = await open(target, 'r+').catch((o: NodeJS.ErrnoException) => {
        if (o.code === 'EPERM') throw o;
        return undefined;
      });
      await handle?.close();
    }
  }
  await copyFile(target, backup, constants.COPYFILE_EXCL);
}

export async function publish(outDir: string, files: OutputFiles, options: PublishOptions = {}): Promise<string[]> {
  const hook: StepHook = options.onStep ?? (() => {});
  const tag = publishTag();
  const abs = (rel: string): string => path.join(outDir, ...rel.split('/'));
  const relOf = (file: string): string => posix(path.relative(outDir, file));
  /** The output the current step concerns, for the message if it fails. */
  let current = '';
  const step: StepHook = async (s) => {
    log(`${s.phase} ${s.op} ${s.path}`);
    await hook(s);
  };

  const writes: JournalEntry[] = [];
  const removals: JournalEntry[] = [];
  const dirs: string[] = [];
  const made: string[] = [];
  // Until the journal exists, a forced exit removes what was staged (output/ is unchanged).
  const dropExitHook = onExit(() => {
    for (const f of made) rmSync(f, { force: true });
    for (const d of [...dirs].reverse()) {
      try {
        rmdirSync(abs(d));
      } catch {
        /* not empty: something else is in it */
      }
    }
  });
  const unstage = async (): Promise<void> => {
    await Promise.all(made.map((f) => rm(f, { force: true })));
    for (const d of [...dirs].reverse()) await rmdir(abs(d)).catch(() => {});
  };
  let journal: Journal;
  let journalName: string;
  try {
    // 1. stage
    for (const [rel, content] of files) {
      if (options.signal?.aborted) throw fail('interrupted', {});
      current = rel;
      const target = inside(outDir, rel);
      const dir = path.dirname(target);
      await step({ phase: 'stage', op: 'mkdir', path: relOf(dir) });
      const created = await mkdir(dir, { recursive: true });
      if (created !== undefined) {
        const chain: string[] = [];
        for (let d = dir; ; d = path.dirname(d)) {
          chain.unshift(relOf(d));
          if (path.resolve(d) === path.resolve(created) || path.dirname(d) === d) break;
        }
        dirs.push(...chain);
      }
      const tmp = path.join(dir, tempName(`new-${path.basename(target)}`, tag));
      made.push(tmp);
      writes.push({ target: rel, temp: relOf(tmp) });
      await step({ phase: 'stage', op: 'write', path: relOf(tmp) });
      await writeFile(tmp, content);
    }
    // 2. backup
    for (const rel of options.remove ?? []) {
      if (files.has(rel)) continue;
      // What to remove comes from the previous manifest, which anyone could have written: confined, symlinks resolved.
      await confined(outDir, rel, { file: shown(outDir, options.last ?? '.'), field: 'units.*.files' });
      removals.push({ target: rel });
    }
    for (const e of [...writes, ...removals]) {
      current = e.target;
      const target = abs(e.target);
      const st = await lstat(target).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
      if (!st) continue;
      if (st.isDirectory()) throw Object.assign(new Error(`${e.target} is a folder`), { code: 'EISDIR', path: target });
      const backup = path.join(path.dirname(target), tempName(`old-${path.basename(target)}`, tag));
      made.push(backup);
      await step({ phase: 'backup', op: 'link', path: e.target });
      await keepOld(target, backup);
      e.backup = relOf(backup);
    }
    if (options.signal?.aborted) throw fail('interrupted', {});
    // 3. journal: the swap order — writes, then removals of what exists, the commit marker last.
    const lastOne = writes.find((w) => w.target === options.last) ?? writes.at(-1);
    const ordered = [...writes.filter((w) => w !== lastOne), ...removals.filter((r) => r.backup), ...(lastOne ? [lastOne] : [])];
    journal = newJournal(ordered, lastOne ? ordered.length - 1 : -1, dirs);
    current = '';
    journalName = await writeJournal(outDir, tag, journal, step);
    active.add(journalName);
  } catch (cause) {
    dropExitHook();
    await unstage();
    if (isKyosoError(cause)) throw cause;
    throw unchanged(outDir, current, cause);
  }
  dropExitHook();
  log(`staged ${writes.length} files, journal ${journalName}`);

  // 4. commit, and 5. cleanup. A forced exit waits until the folder is one complete set again.
  try {
    return await uninterruptible(async () => {
      try {
        for (const e of journal.entries) {
          current = e.target;
          if (e.temp) {
            await step({ phase: 'commit', op: 'rename', path: e.target });
            await rename(abs(e.temp), abs(e.target));
          } else {
            await step({ phase: 'commit', op: 'unlink', path: e.target });
            await rm(abs(e.target), { force: true });
          }
        }
      } catch (cause) {
        const settled = await settle(outDir, journalName, journal, step);
        if (settled.stuck.length > 0) {
          const stuck = stuckFiles(outDir, journal, settled.stuck);
          const facts = { dir: path.basename(outDir), file: shown(outDir, current), code: errnoCode(cause), stuck, journal: shown(outDir, journalName) };
          throw fail('publishMixed', facts, { cause });
        }
        throw unchanged(outDir, current, cause);
      }
      await settle(outDir, journalName, journal, step);
      return writes.map((w) => abs(w.target));
    });
  } finally {
    active.delete(journalName);
  }
}

/** The targets a failed undo left with this build's version, each with the link that keeps its previous version (if it had one). */
function stuckFiles(outDir: string, journal: Journal, stuck: readonly string[]): StuckFile[] {
  return stuck.map((target) => {
    const backup = journal.entries.find((e) => e.target === target)?.backup;
    return { file: shown(outDir, target), ...(backup ? { previous: shown(outDir, backup) } : {}) };
  });
}

/** The error for a publish that left output/ as it was. */
function unchanged(outDir: string, rel: string, cause: unknown): KyosoError {
  const at = (cause as NodeJS.ErrnoException)?.path;
  const file = rel ? shown(outDir, rel) : at ? posix(path.relative(path.dirname(outDir), at)) : path.basename(outDir);
  return fail('publishFailed', { dir: path.basename(outDir), file, code: errnoCode(cause) }, { cause });
}

/**
 * Finish or undo the swaps of publishes that died (SIGKILL, power) in step 4, so output/ is
 * one complete set again. Runs under the build lock, before anything else reads the manifest.
 */
export async function recoverOutput(outDir: string, warn: (line: string) => void = () => {}): Promise<void> {
  for (const { name, journal } of await orphanJournals(outDir, active)) {
    const settled = await settle(outDir, name, journal);
    if (settled.stuck.length > 0) {
      const stuck = stuckFiles(outDir, journal, settled.stuck);
      const facts = { dir: path.basename(outDir), pid: journal.pid, code: errnoCode(settled.error), stuck, journal: shown(outDir, name) };
      throw fail('recoveryFailed', facts, { cause: settled.error });
    }
    warn(
      t(
        settled.state === 'old'
          ? msg(
              `警告: 前回のビルド（pid ${journal.pid}）が出力の入れ替えの途中で止まっていたため、${path.basename(outDir)}/ をその前のファイルに戻しました`,
              `warning: the previous build (pid ${journal.pid}) stopped while swapping its outputs in; ${path.basename(outDir)}/ was restored to the files before it`,
            )
          : msg(
              `警告: 前回のビルド（pid ${journal.pid}）の出力の入れ替えの後始末をしました（出力はそのビルドのものです）`,
              `warning: finished cleaning up after the previous build (pid ${journal.pid}); the outputs are that build's`,
            ),
      ),
    );
  }
}

/**
 * Remove what dead runs left in output/: staged temporaries, old-file links, release staging
 * folders, lock temporaries (every one is named `.kyoso-tmp-<pid>-…`). A live process's are left
 * alone; so is the cache folder. Call after `recoverOutput` (which may still need some).
 */
export async function sweepLeftovers(outDir: string, warn: (line: string) => void = () => {}): Promise<void> {
  let count = 0;
  let bytes = 0;
  const restored: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (depth === 0 && e.name === CACHE_DIR) continue;
      const p = path.join(dir, e.name);
      const owner = tempOwner(e.name);
      if (owner !== undefined) {
        if (owner === process.pid || pidAlive(owner)) continue;
        // The old copy a dead run set aside (`…-old-<name>`: a file's link, a release's previous folder)
        // is the only copy when <name> is gone (SIGKILL between the two renames of a swap): it goes back.
        const kept = /^\d+-[0-9a-f]{8}-old-(.+)$/.exec(e.name.slice(TEMP_MARK.length))?.[1];
        if (
          kept &&
          !kept.startsWith(TEMP_MARK) &&
          !(await lstat(path.join(dir, kept)).then(
            () => true,
            () => false,
          ))
        ) {
          const back = await rename(p, path.join(dir, kept)).then(
            () => true,
            () => false,
          );
          if (back) {
            restored.push(posix(path.relative(outDir, path.join(dir, kept))));
            continue;
          }
        }
        bytes += await sizeOf(p);
        await rm(p, { recursive: true, force: true });
        count++;
      } else if (e.isDirectory() && depth < 8) await walk(p, depth + 1);
    }
  };
  await walk(outDir, 0);
  if (restored.length > 0) {
    warn(
      t(
        msg(
          `警告: 止まったビルドが入れ替えの途中で残した前回のものを元の場所に戻しました: ${restored.join(', ')}`,
          `warning: put back what a stopped build had set aside mid-swap: ${restored.join(', ')}`,
        ),
      ),
    );
  }
  if (count > 0) {
    const mb = (bytes / 1024 / 1024).toFixed(1);
    warn(t(msg(`前回までのビルドが残した一時ファイル ${count} 個（${mb} MB）を削除しました`, `removed ${count} temporary files (${mb} MB) left by earlier builds`)));
  }
}

async function sizeOf(p: string): Promise<number> {
  const st = await lstat(p).catch(() => undefined);
  if (!st?.isDirectory()) return st?.size ?? 0;
  let total = 0;
  for (const name of await readdir(p).catch(() => [] as string[])) total += await sizeOf(path.join(p, name));
  return total;
}

/**
 * Take output/ for this run: the lock, then repair and sweep what a dead run left.
 * What every writer of output/ under the lock (build, release) starts with.
 */
export async function holdOutput(outDir: string, warn: (line: string) => void = () => {}, signal?: AbortSignal): Promise<BuildLock> {
  const lock = await acquireLock(outDir, warn, signal);
  try {
    await recoverOutput(outDir, warn);
    await sweepLeftovers(outDir, warn);
  } catch (e) {
    await lock.release();
    throw e;
  }
  return lock;
}
