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
import { constants, readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { link, mkdir, open, readFile, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { msg, fail } from '../../shared/errors.ts';
import { onExit } from '../../shared/exit.ts';
import { pidAlive } from '../../shared/process.ts';
import { t } from '../../shared/i18n.ts';
import { terminalSafe } from '../../shared/unicode.ts';
import { z } from 'zod';

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

/** What a lock read back from output/ must look like; anything else is an unreadable lock (untrusted: see confine.ts). */
const LockSchema = z.object({
  pid: z
    .number()
    .int()
    .positive()
    .max(2 ** 31),
  host: z.string().max(255),
  started: z.string().max(64).default(''),
  token: z.string().max(64).default(''),
});

export function parseLock(text: string): LockInfo | undefined {
  try {
    const v = LockSchema.safeParse(JSON.parse(text));
    return v.success ? { ...v.data, host: v.data.host, started: terminalSafe(v.data.started) } : undefined;
  } catch {
    return undefined;
  }
}

/** Largest lock read: a lock is about 150 bytes; a bigger file in its place is not one. */
const LOCK_READ_LIMIT = 4096;

/**
 * The lock's text, read without following a symlink and without blocking (a FIFO in its place
 * would wait forever): `missing` when there is none, `odd` with the reason when something that
 * is not a readable regular file holds the name.
 */
export async function readLock(file: string): Promise<{ text: string } | { missing: true } | { odd: string }> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    if (code === 'ENOENT') return { missing: true };
    return { odd: code === 'ELOOP' || code === 'EMLINK' ? 'a symbolic link' : code };
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) return { odd: 'a folder' };
    if (!st.isFile()) return { odd: 'not a regular file' };
    const buf = Buffer.alloc(LOCK_READ_LIMIT);
    const { bytesRead } = await handle.read(buf, 0, LOCK_READ_LIMIT, 0);
    return { text: buf.subarray(0, bytesRead).toString('utf8') };
  } catch (e) {
    return { odd: (e as NodeJS.ErrnoException).code ?? String(e) };
  } finally {
    await handle.close().catch(() => {});
  }
}

/** The current holder of `outDir`'s lock: undefined when there is none, `stale` when its process is gone or it cannot be read. */
export async function lockHolder(outDir: string): Promise<{ info: LockInfo | undefined; stale: boolean } | undefined> {
  const read = await readLock(path.join(outDir, LOCK_FILE));
  if ('missing' in read) return undefined;
  // Something odd in the lock's place is no build's: dev's wait must not wait for it (the build it starts reports it).
  if ('odd' in read) return { info: undefined, stale: true };
  const text = read.text;
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

export async function acquireLock(outDir: string, warn: (line: string) => void = () => {}, signal?: AbortSignal): Promise<BuildLock> {
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

  // Bounded: a few takeovers, a few lost races with a lock released under our nose; then an error.
  const MAX_ATTEMPTS = 20;
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) {
      await removeCreated(outDir, created);
      throw fail('interrupted', {});
    }
    try {
      await createLock(file, info);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        await removeCreated(outDir, created);
        throw fail('lockUnwritable', { file, code: (e as NodeJS.ErrnoException).code ?? String(e) }, { cause: e });
      }
    }
    const read = await readLock(file);
    if ('odd' in read) {
      // A folder, a FIFO, a symlink, a file we may not read: no build of ours wrote that. Say so; never spin.
      throw fail('lockOdd', { file: shown, what: read.odd });
    }
    if ('missing' in read) {
      // Released between our link and read: try again, a bounded number of times.
      if (attempt >= MAX_ATTEMPTS) throw fail('locked', { dir: outDir, who: msg('?', '?'), lockFile: shown });
      await new Promise((r) => setTimeout(r, 10 * (attempt + 1)));
      continue;
    }
    const text = read.text;
    const holder = parseLock(text);
    // Another machine's pid cannot be checked here; treat it as running. A lock that cannot
    // be read was never written by a running build (they are written whole before they appear).
    const alive = holder !== undefined && (holder.host !== info.host || pidAlive(holder.pid));
    if (alive || attempt >= 2) {
      const who = holder ? `pid ${holder.pid}${holder.host !== info.host ? `@${terminalSafe(JSON.stringify(holder.host))}` : ''}` : '?';
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
    const again = await readLock(file);
    if ('text' in again && again.text === text) await unlink(file).catch(() => {});
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
