/**
 * Release mode: a clean, reproducible build of one edition, copied into
 * `output/release/<edition>/` with `SHA256SUMS` and `manifest.json`.
 *
 * The document date is the time of the last commit that touched the edition's data, so
 * anyone who checks out the same commit and runs `npm run release` gets the same bytes
 * (same machine image; see README "Releasing"). The folder is staged next to its final
 * place and renamed in, so a failed release never leaves half a folder behind.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { build, buildDate, type BuildResult } from './build.ts';
import { BrowserSession } from '../stages/convert/browser.ts';
import { selectEditions } from './editions.ts';
import { msg, fail } from '../shared/errors.ts';
import { t } from '../shared/i18n.ts';
import { TOOL_VERSION, type ProjectPaths } from '../shared/paths.ts';

const run = promisify(execFile);

export const RELEASE_DIR = 'release';
export const SUMS_FILE = 'SHA256SUMS';
export const RELEASE_MANIFEST = 'manifest.json';

/** Kinds of output a release carries: the documents people read, not the PNG/Markdown intermediates. */
const RELEASED_EXTENSIONS = new Set(['.pdf', '.html', '.pptx']);

export interface ReleaseFile {
  name: string;
  size: number;
  /** PDF only. */
  pages?: number;
  sha256: string;
}

export interface ReleaseManifest {
  edition: string;
  /** `git rev-parse HEAD` of the project, or "unknown" outside git. */
  commit: string;
  /** True when the edition's data had uncommitted changes: the release cannot be rebuilt from `commit`. */
  dirty: boolean;
  /** The document date used for every file (seconds since the epoch, and ISO). */
  sourceDateEpoch: number;
  date: string;
  /** sha256 over the edition's data files (see {@link dataDigest}). */
  dataDigest: string;
  tool: { name: 'kyoso-docs'; version: string };
  /** The browser that printed the PDFs and PNGs (`HeadlessChrome/…`): byte-identity needs the same one. */
  browser: string;
  files: ReleaseFile[];
}

export interface ReleaseOptions {
  paths: ProjectPaths;
  edition: string;
  /** Fixed date instead of the git / SOURCE_DATE_EPOCH lookup (tests). */
  date?: Date;
  env?: NodeJS.ProcessEnv;
  session?: BrowserSession;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface ReleaseResult {
  dir: string;
  manifest: ReleaseManifest;
  build: BuildResult;
}

async function git(root: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', root, ...args], { encoding: 'utf8' });
    return stdout.trim();
  } catch {
    // Not a repository, or git is not installed: the caller decides what that means.
    return undefined;
  }
}

function dataRel(paths: ProjectPaths, edition: string): string {
  return path.relative(paths.root, path.join(paths.dataDir, edition)).split(path.sep).join('/');
}

/**
 * The release date: the last commit touching `data/<edition>` (so it changes exactly when
 * the content does), else SOURCE_DATE_EPOCH, else an error — a release never uses the clock.
 */
export async function releaseDate(paths: ProjectPaths, edition: string, env: NodeJS.ProcessEnv = process.env): Promise<{ date: Date; source: 'git' | 'SOURCE_DATE_EPOCH' }> {
  const out = await git(paths.root, ['log', '-1', '--format=%ct', '--', dataRel(paths, edition)]);
  if (out && /^\d+$/.test(out)) return { date: new Date(Number(out) * 1000), source: 'git' };
  if (env.SOURCE_DATE_EPOCH !== undefined && env.SOURCE_DATE_EPOCH !== '') return { date: buildDate(env), source: 'SOURCE_DATE_EPOCH' };
  throw fail('releaseUndated', { data: dataRel(paths, edition) });
}

/**
 * sha256 over every file of `data/<edition>`, sorted by POSIX path; each file contributes
 * `path NUL byteLength NUL bytes`, so renaming a file or moving bytes between files changes it.
 */
export async function dataDigest(paths: ProjectPaths, edition: string): Promise<string> {
  const dir = path.join(paths.dataDir, edition);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const rels = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const rel of rels) {
    const bytes = await readFile(path.join(dir, rel));
    hash.update(`${rel}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** `sha256sum -c` format: `<hex>  <name>` (two spaces: binary-agnostic text mode), sorted by name. */
export function formatSums(files: ReadonlyArray<{ name: string; sha256: string }>): string {
  return [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.name}\n`)
    .join('');
}

/**
 * The edition's released files, flat (a GitHub Release has no folders), named so they stay
 * recognisable once downloaded: `r3-slides.pdf`, `r3-guidelines-kyoso.pdf`.
 */
async function collect(paths: ProjectPaths, edition: string): Promise<Array<{ name: string; source: string }>> {
  const out: Array<{ name: string; source: string }> = [];
  for (const kind of ['slides', 'guidelines'] as const) {
    const dir = path.join(paths.outDir, edition, kind);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const n of names.sort()) {
      if (!RELEASED_EXTENSIONS.has(path.extname(n)) || n.startsWith('.')) continue;
      const name = kind === 'guidelines' ? `${edition}-guidelines-${n}` : n;
      out.push({ name, source: path.join(dir, n) });
    }
  }
  return out;
}

export async function release(opts: ReleaseOptions): Promise<ReleaseResult> {
  const { paths, edition } = opts;
  const log = opts.log ?? (() => {});
  const env = opts.env ?? process.env;
  await selectEditions(paths, [edition]);

  const dated = opts.date ? { date: opts.date, source: 'option' as const } : await releaseDate(paths, edition, env);
  const date = dated.date;
  const commit = (await git(paths.root, ['rev-parse', 'HEAD'])) ?? 'unknown';
  const status = await git(paths.root, ['status', '--porcelain', '--', dataRel(paths, edition)]);
  const dirty = status !== undefined && status !== '';
  log(
    t(
      msg(
        `リリース ${edition}: 日付 ${date.toISOString()}（${dated.source}）、コミット ${commit}`,
        `release ${edition}: date ${date.toISOString()} (${dated.source}), commit ${commit}`,
      ),
    ),
  );
  if (dirty) {
    log(
      t(
        msg(
          `警告: ${dataRel(paths, edition)} にコミットしていない変更があります。このリリースはコミット ${commit} からは再現できません`,
          `warning: ${dataRel(paths, edition)} has uncommitted changes; this release cannot be rebuilt from commit ${commit}`,
        ),
      ),
    );
  }

  // Every output from scratch: a release never trusts the incremental manifest.
  // Our own session when none is given, so the browser's version can be recorded after the build.
  const session = opts.session ?? new BrowserSession(opts.signal ? { signal: opts.signal } : {});
  let result: BuildResult;
  let browser: string;
  try {
    result = await build({ paths, editions: [edition], force: true, date, session, ...(opts.signal ? { signal: opts.signal } : {}), log });
    browser = await (await session.browser()).version();
  } finally {
    if (!opts.session) await session.close();
  }

  const sources = await collect(paths, edition);
  if (!sources.some((s) => s.name.endsWith('.pdf'))) {
    throw fail('releaseNoPdf', { edition });
  }
  const files: ReleaseFile[] = [];
  const contents = new Map<string, Uint8Array>();
  for (const s of sources) {
    const bytes = new Uint8Array(await readFile(s.source));
    contents.set(s.name, bytes);
    const entry: ReleaseFile = { name: s.name, size: bytes.length, sha256: sha256Hex(bytes) };
    if (s.name.endsWith('.pdf')) entry.pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
    files.push(entry);
  }
  files.sort((a, b) => (a.name < b.name ? -1 : 1));

  // Nothing time- or machine-dependent beyond the commit: the manifest is reproducible too.
  const manifest: ReleaseManifest = {
    edition,
    commit,
    dirty,
    sourceDateEpoch: Math.floor(date.getTime() / 1000),
    date: date.toISOString(),
    dataDigest: await dataDigest(paths, edition),
    tool: { name: 'kyoso-docs', version: TOOL_VERSION },
    browser,
    files,
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  contents.set(RELEASE_MANIFEST, new TextEncoder().encode(manifestText));
  // SHA256SUMS covers the manifest as well, so `sha256sum -c` checks everything in the folder.
  const sums = formatSums([...contents].map(([name, bytes]) => ({ name, sha256: sha256Hex(bytes) })));

  const releaseRoot = path.join(paths.outDir, RELEASE_DIR);
  const finalDir = path.join(releaseRoot, edition);
  await mkdir(releaseRoot, { recursive: true });
  const staging = await mkdtemp(path.join(releaseRoot, `.staging-${edition}-`));
  try {
    for (const [name, bytes] of contents) await writeFile(path.join(staging, name), bytes);
    await writeFile(path.join(staging, SUMS_FILE), sums);
    // Swap: old folder aside, new one in, old one removed. Readers see the old or the new, never a mix.
    const old = `${staging}.old`;
    let moved = false;
    try {
      await rename(finalDir, old);
      moved = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    try {
      await rename(staging, finalDir);
    } catch (err) {
      if (moved) await rename(old, finalDir).catch(() => {});
      throw err;
    }
    if (moved) await rm(old, { recursive: true, force: true });
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    throw fail('releaseUnwritable', { dir: finalDir }, { cause });
  }
  log(
    t(
      msg(
        `✓ ${files.length} ファイルと ${SUMS_FILE}・${RELEASE_MANIFEST} を ${path.relative(paths.root, finalDir)}/ に書き出しました`,
        `✓ wrote ${files.length} files, ${SUMS_FILE} and ${RELEASE_MANIFEST} to ${path.relative(paths.root, finalDir)}/`,
      ),
    ),
  );
  return { dir: finalDir, manifest, build: result };
}
