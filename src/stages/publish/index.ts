/**
 * Stage 6 — publish: put finished bytes into output/. Everything is rendered in
 * memory first; only then is each file written under a temporary name in its
 * own folder and renamed over the old one (rename is atomic on one filesystem).
 * All temporaries are written before the first rename, so a failure while
 * writing leaves every earlier output byte-identical.
 *
 * The build manifest goes through here too, renamed after every output and after
 * the removals: if the run dies in between, the old manifest no longer matches
 * the files and the next build redoes the units concerned.
 */
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fail } from '../../shared/errors.ts';
import { pidAlive } from './lock.ts';
import { debug } from '../../shared/debug.ts';

const log = debug('publish');

export type OutputFiles = Map<string, Uint8Array | string>;

/** Temporary names share a recognisable prefix so a crashed run's leftovers can be swept. */
export const TEMP_MARK = '.kyoso-tmp-';

export interface PublishOptions {
  /** Files (relative to outDir) to delete once the new files are in place: outputs that no longer exist. */
  remove?: readonly string[];
  /** The file of `files` renamed last, after the removals (the manifest). */
  last?: string;
}

function inside(outDir: string, rel: string): string {
  const target = path.join(outDir, rel);
  if (!path.resolve(target).startsWith(path.resolve(outDir) + path.sep)) {
    throw new Error(`refusing to write outside the output folder: ${rel}`);
  }
  return target;
}

export async function publish(outDir: string, files: OutputFiles, options: PublishOptions = {}): Promise<string[]> {
  const staged: Array<{ tmp: string; target: string; rel: string }> = [];
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const dirs = new Set<string>();
    for (const [rel, content] of files) {
      const target = inside(outDir, rel);
      const dir = path.dirname(target);
      await mkdir(dir, { recursive: true });
      if (!dirs.has(dir)) {
        dirs.add(dir);
        await sweepTemps(dir);
      }
      const tmp = path.join(dir, `${TEMP_MARK}${tag}-${path.basename(target)}`);
      staged.push({ tmp, target, rel });
      await writeFile(tmp, content);
    }
    log(`staged ${staged.length} files`);
    const lastOne = staged.find((s) => s.rel === options.last);
    for (const s of staged) if (s !== lastOne) await rename(s.tmp, s.target);
    for (const rel of options.remove ?? []) {
      if (files.has(rel)) continue;
      const target = inside(outDir, rel);
      await rm(target, { force: true });
      await removeEmptyDirs(path.dirname(target), outDir);
    }
    if (lastOne) await rename(lastOne.tmp, lastOne.target);
  } catch (cause) {
    await Promise.all(staged.map(({ tmp }) => rm(tmp, { force: true })));
    const code = (cause as NodeJS.ErrnoException).code ?? '';
    throw fail('outputUnwritable', { dir: outDir, code: code || String(cause) }, { cause });
  }
  return staged.map((s) => s.target);
}

/**
 * Delete temporaries a crashed earlier run left in a folder. The name carries the
 * writer's pid; one whose process still runs is left alone (a publish outside the
 * build lock, or another checkout sharing the folder).
 */
async function sweepTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(TEMP_MARK)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(TEMP_MARK.length))?.[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    await rm(path.join(dir, name), { force: true });
  }
}

/** A removed output's folder goes too once it is empty (`png/` of a deck built without PNGs). */
async function removeEmptyDirs(dir: string, outDir: string): Promise<void> {
  const stop = path.resolve(outDir);
  for (let d = path.resolve(dir); d.startsWith(stop + path.sep); d = path.dirname(d)) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
  }
}
