/**
 * One build at a time per output folder. Two builds that read the manifest and
 * rename files into the same folder at once could leave outputs from one run
 * listed under the other's digests, so the second one stops at once and says
 * who holds the folder.
 *
 * The lock is `output/.kyoso-lock`, created exclusively (`wx`: the filesystem
 * decides who wins) and holding the owner's pid, host and start time. A lock
 * whose process is gone (killed, power loss) is taken over with a warning.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, open, readFile, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { msg, fail } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';

export const LOCK_FILE = '.kyoso-lock';

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

/** Does a process with this pid exist on this machine? EPERM: it exists, owned by someone else. */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseLock(text: string): LockInfo | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? { pid: v.pid, host: v.host, started: String(v.started ?? ''), token: String(v.token ?? '') } : undefined;
  } catch {
    return undefined;
  }
}

export async function acquireLock(outDir: string, warn: (line: string) => void = () => {}): Promise<BuildLock> {
  // Remember whether the folder is ours: a build that fails before writing anything
  // must not leave an empty output/ behind.
  const created = await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const shown = path.join(path.basename(outDir), LOCK_FILE);

  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(`${JSON.stringify(info)}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        await removeCreated(outDir, created);
        throw fail('lockUnwritable', { file, code: (e as NodeJS.ErrnoException).code ?? String(e) }, { cause: e });
      }
    }
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // released between our open and read: try again
    const holder = parseLock(text);
    // Another machine's pid cannot be checked here; treat it as running.
    const alive = !holder || holder.host !== info.host || pidAlive(holder.pid);
    if (alive || attempt >= 2) {
      const who = holder ? `pid ${holder.pid}${holder.host !== info.host ? `@${holder.host}` : ''}` : '?';
      const since = holder?.started ? `、${holder.started} 開始` : '';
      const sinceEn = holder?.started ? `, started ${holder.started}` : '';
      throw fail('locked', { dir: outDir, who: msg(`${who}${since}`, `${who}${sinceEn}`), lockFile: shown });
    }
    warn(
      t(
        msg(
          `警告: 終了したビルド（pid ${holder.pid}、${holder.started} 開始）のロックを引き継ぎます`,
          `warning: taking over the lock of a build that is gone (pid ${holder.pid}, started ${holder.started})`,
        ),
      ),
    );
    // Remove only the lock we judged stale: if someone replaced it meanwhile, the next
    // attempt sees theirs.
    const again = await readFile(file, 'utf8').catch(() => undefined);
    if (again === text) await unlink(file).catch(() => {});
  }

  let released = false;
  return {
    file,
    async release() {
      if (released) return;
      released = true;
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
