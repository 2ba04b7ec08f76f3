/**
 * The publish journal: what one publish is about to change in output/, written (whole, by
 * rename) before the first file is swapped in, so that whatever stops the swap — a failing
 * rename, a forced exit, SIGKILL, power to the process cut — the folder can be brought back
 * to one complete set: the old one, or (once the commit marker is in place) the new one.
 *
 * Each entry is one target file: a write has the staged temporary (`temp`) and, when the
 * target existed, a hard link to the old file (`backup`); a removal has only the backup.
 * The commit marker is the entry renamed last (the build manifest): while its temporary
 * still exists the swap has not committed and is rolled back; once it is gone it has, and
 * only the backups remain to delete. Every step of both directions can be repeated, so a
 * settle that is itself interrupted is finished by the next one.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { lstat, readFile, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { checkRel, confined, refuse, type RecordPlace } from './confine.ts';
import { pidAlive, TEMP_MARK, tempName } from './lock.ts';

export const JOURNAL_PREFIX = '.kyoso-journal-';

export interface JournalEntry {
  /** Paths relative to output/, POSIX separators. */
  target: string;
  /** The staged new bytes (a write); absent for a removal. */
  temp?: string;
  /** A link to (or copy of) the old file, when the target existed. */
  backup?: string;
}

export interface Journal {
  version: 1;
  pid: number;
  host: string;
  /** Index of the entry renamed last (the commit marker); -1 when the publish only removes. */
  marker: number;
  entries: JournalEntry[];
  /** Folders this publish created, deepest last (removed again on rollback when empty). */
  dirs: string[];
}

/** What a journal read back from output/ must look like (it is untrusted: see confine.ts). */
const JournalSchema = z
  .object({
    version: z.literal(1),
    pid: z
      .number()
      .int()
      .positive()
      .max(2 ** 31),
    host: z.string().max(1024),
    marker: z.number().int().min(-1),
    entries: z.array(z.object({ target: z.string(), temp: z.string().optional(), backup: z.string().optional() }).strict()).max(1_000_000),
    dirs: z.array(z.string()).max(100_000),
  })
  .strict();

/** How a field of a record is named in a message: `entries[3].temp`. */
export function fieldName(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : `${acc}${acc ? '.' : ''}${String(k)}`), '') || '(whole file)';
}

/**
 * Parse a journal's text, or throw the located refusal. Beyond the shape, every path must be one
 * this tool writes: the target inside output/, and the temporary and the backup in the target's
 * own folder, named `.kyoso-tmp-<the journal's tag>-…` — what recovery deletes, it can prove it wrote.
 */
export function parseJournal(text: string, place: Omit<RecordPlace, 'field'>, tag: string): Journal {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw refuse({ ...place, field: '(whole file)' }, text.slice(0, 40), `not JSON: ${(e as Error).message}`);
  }
  const parsed = JournalSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refuse({ ...place, field: fieldName(issue.path) }, undefined, issue.message);
  }
  const j = parsed.data as Journal;
  if (j.marker >= j.entries.length) throw refuse({ ...place, field: 'marker' }, j.marker, `there are ${j.entries.length} entries`);
  const own = `${TEMP_MARK}${tag}-`;
  j.entries.forEach((e, i) => {
    const target = checkRel(e.target, { ...place, field: `entries[${i}].target` });
    if (e.temp === undefined && e.backup === undefined) throw refuse({ ...place, field: `entries[${i}]` }, e.target, 'neither temp nor backup');
    for (const key of ['temp', 'backup'] as const) {
      const v = e[key];
      if (v === undefined) continue;
      const where = { ...place, field: `entries[${i}].${key}` };
      checkRel(v, where);
      if (path.posix.dirname(v) !== path.posix.dirname(target) || !path.posix.basename(v).startsWith(own)) {
        throw refuse(where, v, `not a temporary of this journal (${own}…) beside ${target}`);
      }
    }
  });
  j.dirs.forEach((d, i) => checkRel(d, { ...place, field: `dirs[${i}]` }));
  return j;
}

/** Check, on disk, that every path of a parsed journal stays inside output/ through symlinks. */
export async function confineJournal(outDir: string, journal: Journal, place: Omit<RecordPlace, 'field'>): Promise<void> {
  for (const [i, e] of journal.entries.entries()) {
    await confined(outDir, e.target, { ...place, field: `entries[${i}].target` });
    if (e.temp) await confined(outDir, e.temp, { ...place, field: `entries[${i}].temp` });
    if (e.backup) await confined(outDir, e.backup, { ...place, field: `entries[${i}].backup` });
  }
  for (const [i, d] of journal.dirs.entries()) await confined(outDir, d, { ...place, field: `dirs[${i}]` });
}

export type PublishPhase = 'stage' | 'backup' | 'journal' | 'commit' | 'rollback' | 'cleanup';

/** One filesystem step of a publish, announced before it is taken (fault injection in tests, debug trace). */
export interface PublishStep {
  phase: PublishPhase;
  op: 'write' | 'link' | 'copy' | 'rename' | 'unlink' | 'mkdir';
  /** The file the step changes, relative to output/. */
  path: string;
}

export type StepHook = (step: PublishStep) => void | Promise<void>;

/** What a settled journal left: which set output/ now holds, and any target that could not be brought back. */
export interface Settled {
  state: 'old' | 'new';
  /** Targets (relative to output/) that still hold the new run's version after a failed rollback. */
  stuck: string[];
  /** The first failure, when stuck is not empty. */
  error?: NodeJS.ErrnoException;
}

const abs = (outDir: string, rel: string): string => path.join(outDir, ...rel.split('/'));

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Write the journal under a temporary name and rename it into place: a journal is whole or absent. */
export async function writeJournal(outDir: string, tag: string, journal: Journal, step: StepHook): Promise<string> {
  const name = `${JOURNAL_PREFIX}${tag}.json`;
  const tmp = path.join(outDir, tempName('journal', tag));
  await step({ phase: 'journal', op: 'write', path: name });
  try {
    await writeFile(tmp, `${JSON.stringify(journal)}\n`);
    await rename(tmp, path.join(outDir, name));
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return name;
}

export function newJournal(entries: JournalEntry[], marker: number, dirs: string[]): Journal {
  return { version: 1, pid: process.pid, host: hostname(), marker, entries, dirs };
}

/** Has the swap committed? The marker's temporary is gone once it was renamed over its target. */
export async function committed(outDir: string, journal: Journal): Promise<boolean> {
  const marker = journal.entries[journal.marker];
  if (!marker?.temp) return true;
  return !(await exists(abs(outDir, marker.temp)));
}

/**
 * Bring output/ to one complete set: roll back when the marker is not yet in place, else
 * finish the cleanup. Never throws for a filesystem failure: what could not be undone is
 * returned (`stuck`) and the journal is kept for the next run.
 */
export async function settle(outDir: string, journalName: string, journal: Journal, step: StepHook = () => {}): Promise<Settled> {
  const done = await committed(outDir, journal);
  const stuck: string[] = [];
  let error: NodeJS.ErrnoException | undefined;
  const attempt = async (s: PublishStep, fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await step(s);
      await fn();
      return true;
    } catch (e) {
      error ??= e as NodeJS.ErrnoException;
      return false;
    }
  };

  if (done) {
    // Committed: the new set is complete; what is left is the old files' links and the removals.
    for (const e of journal.entries) {
      if (e.temp) await attempt({ phase: 'cleanup', op: 'unlink', path: e.temp }, () => rm(abs(outDir, e.temp!), { force: true }));
      if (e.backup) await attempt({ phase: 'cleanup', op: 'unlink', path: e.backup }, () => rm(abs(outDir, e.backup!), { force: true }));
      if (!e.temp) {
        await attempt({ phase: 'cleanup', op: 'unlink', path: e.target }, () => rm(abs(outDir, e.target), { force: true }));
        await removeEmptyDirs(path.dirname(abs(outDir, e.target)), outDir);
      }
    }
    await rm(path.join(outDir, journalName), { force: true }).catch(() => {});
    return { state: 'new', stuck: [] };
  }

  // Not committed: put every old file back, in reverse order. The marker goes last and only once
  // everything else is back: while its temporary exists the journal still says "not committed".
  const order = journal.entries.map((_, i) => i).filter((i) => i !== journal.marker);
  order.reverse();
  if (journal.marker >= 0) order.push(journal.marker);
  for (const i of order) {
    if (i === journal.marker && stuck.length > 0) break;
    const e = journal.entries[i]!;
    const target = abs(outDir, e.target);
    let ok = true;
    if (e.backup) {
      const backup = abs(outDir, e.backup);
      if (await exists(backup)) {
        // rename() between two links of one file does nothing: the backup is removed after it either way.
        ok = await attempt({ phase: 'rollback', op: 'rename', path: e.target }, async () => {
          await rename(backup, target);
          await rm(backup, { force: true });
        });
      }
    } else if (e.temp && !(await exists(abs(outDir, e.temp)))) {
      // A new file that was already renamed in: it goes.
      ok = await attempt({ phase: 'rollback', op: 'unlink', path: e.target }, () => rm(target, { force: true }));
    }
    if (!ok) {
      stuck.push(e.target);
      continue;
    }
    if (e.temp) await attempt({ phase: 'rollback', op: 'unlink', path: e.temp }, () => rm(abs(outDir, e.temp!), { force: true }));
  }
  if (stuck.length > 0) return { state: 'old', stuck, ...(error ? { error } : {}) };
  for (const d of [...journal.dirs].reverse()) await rmdir(abs(outDir, d)).catch(() => {});
  await rm(path.join(outDir, journalName), { force: true }).catch(() => {});
  return { state: 'old', stuck: [] };
}

/**
 * Journals in output/ whose publish is over (its process is gone, or it is a finished one of ours),
 * each parsed and checked (parseJournal): a journal that is not one this tool could have written
 * is refused with a located error, never acted on — nor deleted.
 */
export async function orphanJournals(outDir: string, active: ReadonlySet<string>): Promise<Array<{ name: string; journal: Journal }>> {
  const names = (await readdir(outDir).catch(() => [] as string[])).filter((n) => n.startsWith(JOURNAL_PREFIX) && n.endsWith('.json')).sort();
  const out: Array<{ name: string; journal: Journal }> = [];
  for (const name of names) {
    if (active.has(name)) continue;
    const place = { file: `${path.basename(outDir)}/${name}` };
    const text = await readFile(path.join(outDir, name), 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw refuse({ ...place, field: '(whole file)' }, undefined, `unreadable: ${e.code ?? e.message}`);
    });
    const journal = parseJournal(text, place, name.slice(JOURNAL_PREFIX.length, -'.json'.length));
    // Another machine's publish cannot be checked from here, and a live process's is its own business.
    if (journal.host !== hostname() || (journal.pid !== process.pid && pidAlive(journal.pid))) continue;
    await confineJournal(outDir, journal, place);
    out.push({ name, journal });
  }
  return out;
}

/** A tag for one publish: the pid (for the sweep) and some randomness. */
export function publishTag(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** A removed output's folder goes too once it is empty (`png/` of a deck built without PNGs). */
export async function removeEmptyDirs(dir: string, outDir: string): Promise<void> {
  const stop = path.resolve(outDir);
  for (let d = path.resolve(dir); d.startsWith(stop + path.sep); d = path.dirname(d)) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
  }
}
