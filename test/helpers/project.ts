/**
 * Temporary project roots for tests: a copy of editions that a test may mutate. By default the
 * frozen fixture editions (test/fixtures/editions: r3, r4 and terms.yaml, see its README), so a
 * correction of the real data breaks no test of the code; `{ live: true }` copies the real data/
 * instead, for the few tests that check the live data itself.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectPaths, TOOL_ROOT, type ProjectPaths } from '../../src/shared/paths.ts';

/** The fixture editions, laid out as a data/ folder (frozen r3, r4, terms.yaml). */
export const FIXTURE_DATA = path.join(TOOL_ROOT, 'test', 'fixtures', 'editions');

/** The fixture edition of a later year (its previous edition is the fixture r3). */
export const FIXTURE_R4 = path.join(FIXTURE_DATA, 'r4');

/** The real data/, which staff edit. */
export const LIVE_DATA = path.join(TOOL_ROOT, 'data');

/** Edition folders of the real data/ (what `build` with no edition builds). */
export function liveEditions(): string[] {
  return readdirSync(LIVE_DATA, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !/^[_.]/.test(e.name))
    .map((e) => e.name)
    .sort();
}

/** Paths that read the fixture editions in place: for tests that only load them, never write. */
export function fixturePaths(): ProjectPaths {
  return projectPaths({ root: TOOL_ROOT, dataDir: FIXTURE_DATA });
}

export interface TempProject {
  root: string;
  paths: ProjectPaths;
  /** Replace text in a data file (relative to data/); fails if the text is absent, so a fixture can't silently rot. */
  edit(rel: string, from: string | RegExp, to: string): Promise<void>;
  dispose(): Promise<void>;
}

export interface TempProjectOptions {
  /** A copy of the templates too, for tests that edit one. */
  templates?: boolean;
  /** Copy the real data/ instead of the fixture editions. */
  live?: boolean;
}

export async function tempProject(editions: string[] = ['r3'], opts: TempProjectOptions = {}): Promise<TempProject> {
  const root = await mkdtemp(path.join(tmpdir(), 'kyoso-test-'));
  const source = opts.live ? LIVE_DATA : FIXTURE_DATA;
  for (const e of editions) await cp(path.join(source, e), path.join(root, 'data', e), { recursive: true });
  // The programme's terms (lint:text's dictionary) belong to every project.
  await cp(path.join(source, 'terms.yaml'), path.join(root, 'data', 'terms.yaml'));
  if (opts.templates) await cp(path.join(TOOL_ROOT, 'templates'), path.join(root, 'templates'), { recursive: true });
  const paths = projectPaths({ root, ...(opts.templates ? { templatesDir: path.join(root, 'templates') } : {}) });
  return {
    root,
    paths,
    async edit(rel, from, to) {
      const file = path.join(root, 'data', rel);
      const text = await readFile(file, 'utf8');
      const next = text.replace(from, to);
      if (next === text) throw new Error(`fixture edit did not apply: ${String(from)} in ${rel}`);
      await writeFile(file, next);
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** A project with the fixture r3 and the fixture r4 (so r3 is its previous edition). */
export function withFixture(): Promise<TempProject> {
  return tempProject(['r3', 'r4']);
}

/** pdftotext of a PDF, whitespace removed (Japanese wraps anywhere, so compare without it). */
export function pdfText(file: string, opts: { keepSpace?: boolean; page?: number } = {}): string {
  const args = ['-enc', 'UTF-8'];
  if (opts.page !== undefined) args.push('-f', String(opts.page), '-l', String(opts.page));
  const out = execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
  return opts.keepSpace ? out : out.replace(/\s+/g, '');
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/** Font names embedded in a PDF, from pdffonts. */
export function pdfFonts(file: string): string[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(/\s+/)[0] ?? '');
}

/** Squash whitespace, the way pdfText does, for needles. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}
