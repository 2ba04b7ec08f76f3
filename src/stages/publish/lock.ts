/**
 * One build at a time per output folder. Two builds that read the manifest and
 * rename files into the same folder at once could leave outputs from one run
 * listed under the other's digests, so the second one stops at once and says
 * who holds the folder.
 *
 * The lock is `output/.kyoso-lock` holding the owner's pid, host, start time and a token.
 * It is written completely under a temporary name first and then hard-linked to its name
 * (`link` fails if the name exists: the filesystem decides who wins), so a lock is never
 * empty or half-written — a full disk makes taking the lock fail, and leaves nothing. A lock
 * whose process is gone (killed, power loss), and a lock nobody can read (an empty one left
 * by an older version on a full disk), is taken over with a warning. A forced exit (second
 * Ctrl-C) still removes the lock (shared/exit.ts).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { link, mkdir, open, readFile, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { msg, fail } from '../../shared/errors.ts';
import { onExit } from '../../shared/exit.ts';
import { pidAlive } from '../../shared/process.ts';
import { t } from '../../shared/i18n.ts';

export const LOCK_FILE = '.kyoso-lock';

/** Temporary names share a recognisable prefix and the writer's pid, so a dead run's leftovers can be swept. */
export const TEMP_MARK = '.kyoso-tmp-';

/** `.kyoso-tmp-<pid>-<random>-<what>`: a name for something this process writes and renames (or removes) later. */
export function tempName(what: string, tag = `${process.pid}-${randomBytes(4).toString('hex')}`): string {
  return `${TEMP_MARK}${tag}-${what}`;
}

/** The pid in a temporary name, if it is one. */
export function tempOwner(name: string): number | undefined {
  if (!name.startsWith(TEMP_MARK)) return undefined;
  const pid = Number(/^(\d+)-/.exec(name.slice(TEMP_MARK.length))?.[1]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export interface LockInfo {
  pid: number;
  host: string;
  /** ISO time the build started. */
  started: string;
  /** Tells our own lock from a later owner's when releasing. */
  token: string;
}

export interface BuildLock {
  file: string;
  release(): Promise<void>;
}

export { pidAlive };

export function parseLock(text: string): LockInfo | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? { pid: v.pid, host: v.host, started: String(v.started ?? ''), token: String(v.token ?? '') } : undefined;
  } catch {
    return undefined;
  }
}

/** The current holder of `outDir`'s lock: undefined when there is none, `stale` when its process is gone or it cannot be read. */
export async function lockHolder(outDir: string): Promise<{ info: LockInfo | undefined; stale: boolean } | undefined> {
  const text = await readFile(path.join(outDir, LOCK_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const info = parseLock(text);
  if (!info) return { info, stale: true };
  return { info, stale: info.host === hostname() && !pidAlive(info.pid) };
}

/** Write the whole lock under a temporary name, then link it to `file`: EEXIST when someone holds it. */
async function createLock(file: string, info: LockInfo): Promise<void> {
  const tmp = path.join(path.dirname(file), tempName('lock'));
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(`${JSON.stringify(info)}\n`);
    } finally {
      await handle.close();
    }
    try {
      await link(tmp, file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A filesystem without hard links: exclusive create of the name itself, removed again if the write fails.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
      const handle2 = await open(file, 'wx');
      try {
        await handle2.writeFile(`${JSON.stringify(info)}\n`);
      } catch (writeError) {
        await unlink(file).catch(() => {});
        throw writeError;
      } finally {
        await handle2.close();
      }
    }
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

export async function acquireLock(outDir: string, warn: (line: string) => void = () => {}): Promise<BuildLock> {
  // Remember whether the folder is ours: a build that fails before writing anything
  // must not leave an empty output/ behind.
  let created: string | undefined;
  try {
    created = await mkdir(outDir, { recursive: true });
  } catch (e) {
    throw fail('lockUnwritable', { file: path.join(outDir, LOCK_FILE), code: (e as NodeJS.ErrnoException).code ?? String(e) }, { cause: e });
  }
  const file = path.join(outDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const shown = path.join(path.basename(outDir), LOCK_FILE);

  for (let attempt = 0; ; attempt++) {
    try {
      await createLock(file, info);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        await removeCreated(outDir, created);
        throw fail('lockUnwritable', { file, code: (e as NodeJS.ErrnoException).code ?? String(e) }, { cause: e });
      }
    }
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // released between our link and read: try again
    const holder = parseLock(text);
    // Another machine's pid cannot be checked here; treat it as running. A lock that cannot
    // be read was never written by a running build (they are written whole before they appear).
    const alive = holder !== undefined && (holder.host !== info.host || pidAlive(holder.pid));
    if (alive || attempt >= 2) {
      const who = holder ? `pid ${holder.pid}${holder.host !== info.host ? `@${holder.host}` : ''}` : '?';
      const since = holder?.started ? `、${holder.started} 開始` : '';
      const sinceEn = holder?.started ? `, started ${holder.started}` : '';
      throw fail('locked', { dir: outDir, who: msg(`${who}${since}`, `${who}${sinceEn}`), lockFile: shown });
    }
    warn(
      t(
        holder
          ? msg(
              `警告: 終了したビルド（pid ${holder.pid}、${holder.started} 開始）のロックを引き継ぎます`,
              `warning: taking over the lock of a build that is gone (pid ${holder.pid}, started ${holder.started})`,
            )
          : msg(
              `警告: 読めないロック ${shown} を引き継ぎます（空き容量がなくなったときの残りです）`,
              `warning: taking over an unreadable lock ${shown} (left over when the disk was full)`,
            ),
      ),
    );
    // Remove only the lock we judged stale: if someone replaced it meanwhile, the next
    // attempt sees theirs.
    const again = await readFile(file, 'utf8').catch(() => undefined);
    if (again === text) await unlink(file).catch(() => {});
  }

  // A forced exit (second Ctrl-C) skips `finally`: the lock goes anyway.
  const ours = (): boolean => {
    try {
      return parseLock(readFileSync(file, 'utf8'))?.token === info.token;
    } catch {
      return false;
    }
  };
  const dropExitHook = onExit(() => {
    if (ours()) unlinkSync(file);
  });
  let released = false;
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      dropExitHook();
      const current = parseLock((await readFile(file, 'utf8').catch(() => '')) ?? '');
      if (current?.token === info.token) await unlink(file).catch(() => {});
      await removeCreated(outDir, created);
    },
  };
}

/** rmdir the folders mkdir created for the lock, if nothing else was put in them. */
async function removeCreated(outDir: string, created: string | undefined): Promise<void> {
  if (created === undefined) return;
  for (let dir = outDir; ; dir = path.dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return; // not empty (outputs were written): keep it
    }
    if (path.resolve(dir) === path.resolve(created) || path.dirname(dir) === dir) return;
  }
}
