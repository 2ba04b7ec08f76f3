/** Temporary project roots for integration tests: a copy of data/ that a test may mutate. */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectPaths, TOOL_ROOT, type ProjectPaths } from '../../src/shared/paths.ts';

export interface TempProject {
  root: string;
  paths: ProjectPaths;
  /** Replace text in a data file (relative to data/); fails if the text is absent, so a fixture can't silently rot. */
  edit(rel: string, from: string | RegExp, to: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function tempProject(editions: string[] = ['r3'], opts: { templates?: boolean } = {}): Promise<TempProject> {
  const root = await mkdtemp(path.join(tmpdir(), 'kyoso-test-'));
  for (const e of editions) await cp(path.join(TOOL_ROOT, 'data', e), path.join(root, 'data', e), { recursive: true });
  // The programme's terms (lint:text's dictionary) belong to every project.
  await cp(path.join(TOOL_ROOT, 'data', 'terms.yaml'), path.join(root, 'data', 'terms.yaml'));
  // A copy of the templates, for tests that edit one.
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

/** The fixture edition of a later year (built by the tests, never by `npm run build`). */
export const FIXTURE_R4 = path.join(TOOL_ROOT, 'test', 'fixtures', 'editions', 'r4');

/** A project with data/r3 and the fixture as data/r4 (so r3 is its previous edition). */
export async function withFixture(): Promise<TempProject> {
  const project = await tempProject(['r3']);
  await cp(FIXTURE_R4, path.join(project.root, 'data', 'r4'), { recursive: true });
  return project;
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
