/**
 * A stand-in for a build's outputs, for the publish tests (test/fast/publish.test.ts: injected faults;
 * test/e2e/publish.test.ts: real faults and killed processes): the old and the new complete set, a
 * manifest over each, and which set a folder holds afterwards.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { KyosoError } from '../../src/shared/errors.ts';
import { publish, TEMP_MARK, type PublishStep } from '../../src/stages/publish/index.ts';
import { JOURNAL_PREFIX } from '../../src/stages/publish/journal.ts';
import { LOCK_FILE } from '../../src/stages/publish/lock.ts';

export const MANIFEST = '.kyoso-manifest.json';
/** What fills a tmpfs in the full-disk test; not an output. */
export const FILLER = 'filler.bin';
export type FileSet = Record<string, string>;

export const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
/** The stand-in manifest: every file of the set with its sha256, as the build's records them. */
export const manifestOf = (set: FileSet): string =>
  `${JSON.stringify(
    Object.fromEntries(
      Object.keys(set)
        .sort()
        .map((k) => [k, sha(set[k]!)]),
    ),
  )}\n`;

/** The previous build: two outputs and one that the new run no longer makes. */
export const OLD: FileSet = { 'r3/slides/deck.pdf': 'old deck', 'r3/guidelines/kyoso.pdf': 'old kyoso', 'r3/guidelines/gone.pdf': 'old gone' };
/** This run: both outputs changed, one new in a new folder, gone.pdf removed. */
export const NEW: FileSet = { 'r3/slides/deck.pdf': 'new deck', 'r3/guidelines/kyoso.pdf': 'new kyoso', 'r3/slides/png/01.png': 'new png' };
export const CHANGE = { files: { ...NEW, [MANIFEST]: manifestOf(NEW) }, remove: ['r3/guidelines/gone.pdf'], last: MANIFEST };

/** Every output folder made, for removeOutDirs. */
const dirs: string[] = [];
export async function outDir(parent = tmpdir()): Promise<string> {
  const root = await mkdtemp(path.join(parent, 'kyoso-publish-'));
  dirs.push(root);
  const out = path.join(root, 'output');
  await mkdir(out);
  return out;
}
/** Remove every folder outDir made (call in afterAll). */
export async function removeOutDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export async function seed(dir: string, set: FileSet = OLD): Promise<void> {
  for (const [rel, text] of Object.entries(set)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  await writeFile(path.join(dir, MANIFEST), manifestOf(set));
}

export const publishChange = (dir: string, onStep?: (s: PublishStep) => void) =>
  publish(dir, new Map(Object.entries(CHANGE.files)), { remove: CHANGE.remove, last: CHANGE.last, ...(onStep ? { onStep } : {}) });

export async function files(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Names a publish may leave only while it runs: temporaries, old-file links, journals. */
export const transient = (rel: string): boolean => path.posix.basename(rel).startsWith(TEMP_MARK) || path.posix.basename(rel).startsWith(JOURNAL_PREFIX);

/**
 * Which complete set output/ holds by its manifest: 'old' or 'new' when the manifest is one of
 * them and every file it lists (and no other output) is there with its bytes; else what is off.
 */
export async function setState(dir: string): Promise<string> {
  const manifest = await readFile(path.join(dir, MANIFEST), 'utf8').catch(() => '(none)');
  const set = manifest === manifestOf(OLD) ? OLD : manifest === manifestOf(NEW) ? NEW : undefined;
  if (!set) return `mix: the manifest is neither set's: ${manifest}`;
  const present = (await files(dir)).filter((f) => f !== MANIFEST && f !== LOCK_FILE && f !== FILLER && !transient(f));
  if (present.join() !== Object.keys(set).sort().join()) return `mix: files ${present.join(', ')} under the ${set === OLD ? 'old' : 'new'} manifest`;
  for (const [rel, text] of Object.entries(set)) {
    const got = await readFile(path.join(dir, rel), 'utf8');
    if (got !== text) return `mix: ${rel} holds "${got}" under the ${set === OLD ? 'old' : 'new'} manifest`;
  }
  return set === OLD ? 'old' : 'new';
}

export const leftovers = async (dir: string): Promise<string[]> => (await files(dir)).filter(transient);

/** The error a promise rejects with (undefined when it resolves). */
export const failure = (p: Promise<unknown>): Promise<KyosoError | undefined> =>
  p.then(
    () => undefined,
    (e: unknown) => e as KyosoError,
  );

export const simulated = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`simulated ${code}`), { code });

/** Every step a clean publish of CHANGE takes, in order. */
export async function recordSteps(): Promise<PublishStep[]> {
  const dir = await outDir();
  await seed(dir);
  const steps: PublishStep[] = [];
  await publishChange(dir, (s) => void steps.push(s));
  expect(await setState(dir)).toBe('new');
  return steps;
}
