/**
 * output/ is untrusted on read. Its journals, lock and manifest are files anyone can write (a
 * colleague's copy, a synced folder, an unpacked archive), so every path read from one is checked
 * before it is used: relative, POSIX, no `.`/`..`/empty segment, no NUL or backslash, not too long,
 * and — once resolved through whatever symlinks exist on disk — still inside output/. A path that
 * fails is refused with a catalogue error naming the record and the field (`untrustedRecord`),
 * never followed.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fail } from '../../shared/errors.ts';
import { terminalSafe } from '../../shared/unicode.ts';

/** Longest path a record may name (bytes of UTF-8): far above any output, far below PATH_MAX. */
export const MAX_RECORD_PATH = 1024;

/** Why `rel` is not a plain relative path inside output/, or undefined when it is one. */
export function badRelPath(rel: unknown): string | undefined {
  if (typeof rel !== 'string') return 'not a string';
  if (rel === '') return 'empty';
  if (Buffer.byteLength(rel) > MAX_RECORD_PATH) return `longer than ${MAX_RECORD_PATH} bytes`;
  if (/[\u0000-\u001f\u007f]/.test(rel)) return 'contains a control character';
  if (rel.includes('\\')) return 'contains a backslash';
  if (rel.startsWith('/') || path.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) return 'absolute';
  if (rel.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'has an empty, . or .. segment';
  return undefined;
}

/** Where a path came from, for the message: the record (as shown, `output/.kyoso-journal-….json`) and the field. */
export interface RecordPlace {
  file: string;
  field: string;
}

export function refuse(place: RecordPlace, value: unknown, why: string): Error {
  const shown = typeof value === 'string' ? terminalSafe(JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)) : String(value);
  return fail('untrustedRecord', { file: place.file, field: place.field, value: shown, why });
}

/** Throw unless `rel` is syntactically a path inside output/. */
export function checkRel(rel: unknown, place: RecordPlace): string {
  const why = badRelPath(rel);
  if (why !== undefined) throw refuse(place, rel, why);
  return rel as string;
}

/** The deepest existing ancestor of `p` (itself included), resolved through symlinks. */
async function realAncestor(p: string): Promise<string> {
  for (let d = p; ; d = path.dirname(d)) {
    try {
      const real = await realpath(d);
      return d === p ? real : path.join(real, path.relative(d, p));
    } catch {
      if (path.dirname(d) === d) return p;
    }
  }
}

/**
 * The absolute path of `rel` under `outDir`, after checking that it is syntactically inside and
 * that its folder, resolved through symlinks, is inside output/ too (the last component itself
 * may be a symlink: removing or renaming one changes only the link).
 */
export async function confined(outDir: string, rel: unknown, place: RecordPlace): Promise<string> {
  const checked = checkRel(rel, place);
  const abs = path.join(outDir, ...checked.split('/'));
  const root = await realAncestor(path.resolve(outDir));
  const parent = await realAncestor(path.dirname(abs));
  if (parent !== root && !parent.startsWith(root + path.sep)) throw refuse(place, rel, `its folder resolves outside output/ (${terminalSafe(JSON.stringify(parent))})`);
  return abs;
}

/** Like {@link confined}, for a file that is read: the file itself, resolved, must be inside output/. */
export async function confinedRead(outDir: string, rel: unknown, place: RecordPlace): Promise<string> {
  const abs = await confined(outDir, rel, place);
  const root = await realAncestor(path.resolve(outDir));
  const real = await realAncestor(abs);
  if (!real.startsWith(root + path.sep)) throw refuse(place, rel, `it resolves outside output/ (${terminalSafe(JSON.stringify(real))})`);
  return abs;
}
