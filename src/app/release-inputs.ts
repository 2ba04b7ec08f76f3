/**
 * What a release counts as its inputs: the files of an edition folder the build reads (data and
 * figures), the previous edition's (the 公募要領's 前年度からの主な変更点), the templates and the
 * code — for the data digest the manifest records and the check that nothing differs from HEAD.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { EditionMetaSchema } from '../schema/index.ts';
import { TOOL_ROOT, type ProjectPaths } from '../shared/paths.ts';
import { fileKindOf } from '../stages/load/index.ts';
import { readYamlFile } from '../stages/load/source.ts';
import { previousEdition } from './editions.ts';

const run = promisify(execFile);

/** git's output, or undefined outside a repository or without git. */
export async function git(root: string, args: string[], raw = false): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return raw ? stdout : stdout.trim();
  } catch {
    // Not a repository, or git is not installed: the caller decides what that means.
    return undefined;
  }
}

/**
 * Whether the build reads a file of an edition folder: a data file (one a data kind names) or an
 * image a 公募要領's `figure:` may name (any .svg or .png in the folder).
 */
const readByBuild = (rel: string): boolean => fileKindOf(rel) !== undefined || /\.(svg|png)$/iu.test(rel);

/** The edition a build compares `edition` with (its 「前年度からの主な変更点」), if there is one. */
async function previousOf(paths: ProjectPaths, edition: string): Promise<string | undefined> {
  const abs = path.join(paths.dataDir, edition, 'edition.yaml');
  const meta = EditionMetaSchema.safeParse((await readYamlFile(abs, path.relative(paths.root, abs))).source?.data);
  return meta.success ? (await previousEdition(paths, meta.data.fiscalYear, edition))?.id : undefined;
}

/** The files of `data/<edition>` the build reads (readByBuild), sorted by POSIX path. */
export async function dataFiles(paths: ProjectPaths, edition: string): Promise<{ data: string[]; other: string[] }> {
  const dir = path.join(paths.dataDir, edition);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const rels = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  return { data: rels.filter(readByBuild), other: rels.filter((r) => !readByBuild(r)) };
}

/**
 * sha256 over the files of `data/<edition>` the build reads (data files and figures), sorted by POSIX path; each file contributes `path NUL byteLength NUL bytes`, so
 * renaming a file or moving bytes between files changes it. Files are streamed: whatever
 * their size, they are hashed, never held in memory.
 */
export async function dataDigest(paths: ProjectPaths, edition: string): Promise<string> {
  const dir = path.join(paths.dataDir, edition);
  const hash = createHash('sha256');
  for (const rel of (await dataFiles(paths, edition)).data) {
    const file = path.join(dir, rel);
    hash.update(`${rel}\0${(await stat(file)).size}\0`);
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/**
 * Inputs of the outputs that differ from HEAD (modified, staged, untracked, deleted), as
 * project-relative paths: the edition's data files and figures, those of the edition its
 * 公募要領 compare with (前年度からの主な変更点), the templates, the code, package.json and
 * the lockfile — each one that lives in the project's repository (the commit the manifest
 * names; a tool installed elsewhere is named by its version instead). Undefined outside git.
 */
export async function dirtyInputs(paths: ProjectPaths, edition: string): Promise<string[] | undefined> {
  const top = await git(paths.root, ['rev-parse', '--show-toplevel']);
  if (!top) return undefined;
  const editionDir = path.join(paths.dataDir, edition);
  const previous = await previousOf(paths, edition);
  const dataDirs = [editionDir, ...(previous ? [path.join(paths.dataDir, previous)] : [])];
  const places = [
    ...dataDirs,
    paths.templatesDir,
    ...['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].map((p) => path.join(TOOL_ROOT, p)),
  ];
  const inRepo = (p: string): boolean => {
    const rel = path.relative(top, p);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  const specs = places.filter(inRepo).map((p) => path.relative(top, p).split(path.sep).join('/') || '.');
  const out = await git(top, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...specs], true);
  if (out === undefined) return undefined;
  const found = new Set<string>();
  // `XY path` entries, NUL-separated; a rename or copy carries its old path as the next entry.
  const parts = out.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i]!;
    if (entry.length < 4) continue;
    if (entry[0] === 'R' || entry[0] === 'C') i++;
    const abs = path.join(top, entry.slice(3));
    // In a data folder only what the build reads is an input (a stray note is not).
    const dataDir = dataDirs.find((d) => abs.startsWith(d + path.sep));
    if (dataDir && !readByBuild(path.relative(dataDir, abs).split(path.sep).join('/'))) continue;
    found.add(path.relative(paths.root, abs).split(path.sep).join('/'));
  }
  return [...found].sort();
}
