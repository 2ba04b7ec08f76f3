/**
 * Release mode: a clean, reproducible build of one edition, copied into
 * `output/release/<edition>/` with `SHA256SUMS` and `manifest.json`.
 *
 * The document date is the commit time of HEAD, so anyone who checks out the same commit — at
 * any clone depth — and runs `npm run release` gets the same bytes
 * (same machine image; see README "Releasing"). A release whose inputs differ from that
 * commit (data, templates, code, lockfile) is refused unless `--allow-dirty`, and then says
 * so in its manifest. The whole run holds the output folder's lock; the folder is staged
 * next to its final place and renamed in, so a failed release never leaves half a folder
 * behind, and a killed one leaves a staging folder the next run sweeps.
 */
import { sha256 } from '../shared/digest.ts';
import { rmSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { build, buildDate, type BuildResult } from './build.ts';
import { BrowserSession } from '../stages/convert/browser.ts';
import { holdOutput } from '../stages/publish/index.ts';
import { tempName } from '../stages/publish/lock.ts';
import { selectEditions } from './editions.ts';
import { dataDigest, dataFiles, dirtyInputs, git } from './release-inputs.ts';

export { dataDigest, dirtyInputs } from './release-inputs.ts';
import { MANIFEST_FILE, readManifest } from './plan.ts';
import { confinedRead } from '../stages/publish/confine.ts';
import { LINKED_INPUT } from './links.ts';
import { zipFiles } from '../stages/postprocess/zip.ts';
import { outputs } from '../outputs/index.ts';
import { msg, fail } from '../shared/errors.ts';
import { onExit, uninterruptible } from '../shared/exit.ts';
import { t } from '../shared/i18n.ts';
import { TOOL_VERSION, type ProjectPaths } from '../shared/paths.ts';

export const RELEASE_DIR = 'release';
export const SUMS_FILE = 'SHA256SUMS';
export const RELEASE_MANIFEST = 'manifest.json';

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
  /**
   * True when an input of the outputs (the edition's data, the templates, the code, the
   * lockfile) differed from `commit`: the release cannot be rebuilt from it. Only with `--allow-dirty`.
   */
  dirty: boolean;
  /** The inputs that differed (`git status` paths), when dirty. */
  dirtyFiles?: string[];
  /** The document date used for every file (seconds since the epoch, and ISO). */
  sourceDateEpoch: number;
  date: string;
  /** sha256 over the edition's data files, the ones the build reads (see {@link dataDigest}). */
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
  /** Release although inputs differ from HEAD (`--allow-dirty`); the manifest records it. */
  allowDirty?: boolean;
}

export interface ReleaseResult {
  dir: string;
  manifest: ReleaseManifest;
  build: BuildResult;
}

function dataRel(paths: ProjectPaths, edition: string): string {
  return path.relative(paths.root, path.join(paths.dataDir, edition)).split(path.sep).join('/');
}

/**
 * The release date: the commit time of HEAD — recorded in the commit itself, so a shallow clone
 * (CI's depth 1), a full clone and a fetch of any depth date the same commit alike, and every
 * SHA256SUMS line with it. (The last commit *touching data/<edition>* is not: history depth
 * decides which commits a shallow clone sees, so it gave a different date per clone.) Outside git,
 * SOURCE_DATE_EPOCH; else an error — a release never uses the clock.
 */
export async function releaseDate(paths: ProjectPaths, edition: string, env: NodeJS.ProcessEnv = process.env): Promise<{ date: Date; source: 'git' | 'SOURCE_DATE_EPOCH' }> {
  const out = await git(paths.root, ['log', '-1', '--format=%ct', 'HEAD']);
  if (out && /^\d+$/.test(out)) return { date: new Date(Number(out) * 1000), source: 'git' };
  if (env.SOURCE_DATE_EPOCH !== undefined && env.SOURCE_DATE_EPOCH !== '') return { date: buildDate(env), source: 'SOURCE_DATE_EPOCH' };
  throw fail('releaseUndated', { data: dataRel(paths, edition) });
}

/** `sha256sum -c` format: `<hex>  <name>` (two spaces: binary-agnostic text mode), sorted by name. */
export function formatSums(files: ReadonlyArray<{ name: string; sha256: string }>): string {
  return [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.name}\n`)
    .join('');
}

/**
 * The name the previous release folder is set aside under during the swap: `…-old-<edition>`, so
 * a run killed between the two renames leaves it where the next run's sweep puts it back in place
 * (sweepLeftovers), instead of sweeping the only copy of the previous release.
 */
export function releaseAside(edition: string): string {
  return tempName(`old-${edition}`);
}

/** A file release publishes: one output file, or a zip of a folder's files (`archive`: path in the zip → file). */
export type ReleasedFile = { name: string; source: string } | { name: string; archive: Array<{ path: string; source: string }> };

/**
 * The edition's released files, flat (a GitHub Release has no folders), named so they stay
 * recognisable once downloaded (`r3-slides.pdf`, `r3-guidelines-kyoso.pdf`): every file the
 * build recorded for the edition that its output publishes (Output.release), in registry order.
 * An output released as an archive (the web page) is one zip of its files and the files it
 * linked (its recorded `output:` inputs), with their paths under output/<edition>/.
 */
export async function releasedFiles(paths: ProjectPaths, edition: string): Promise<ReleasedFile[]> {
  const { manifest } = await readManifest(paths.outDir);
  const place = (rel: string) => ({ file: `${path.basename(paths.outDir)}/${MANIFEST_FILE}`, field: `units.*.files[${JSON.stringify(rel)}]` });
  const out: ReleasedFile[] = [];
  const add = (file: ReleasedFile): void => {
    if (out.some((o) => o.name === file.name)) throw new Error(`release ${edition}: two outputs publish ${file.name}`);
    out.push(file);
  };
  for (const output of outputs()) {
    const units = Object.values(manifest.units).filter((u) => u.edition === edition && u.kind === output.kind);
    if (output.releaseArchive) {
      if (units.length === 0) continue;
      const files = units.flatMap((u) => [...Object.keys(u.files), ...Object.keys(u.inputs).flatMap((n) => (n.startsWith(LINKED_INPUT) ? [n.slice(LINKED_INPUT.length)] : []))]);
      const archive: Array<{ path: string; source: string }> = [];
      for (const rel of [...new Set(files)].sort()) archive.push({ path: rel.slice(edition.length + 1), source: await confinedRead(paths.outDir, rel, place(rel)) });
      add({ name: output.releaseArchive(edition), archive });
      continue;
    }
    for (const file of units.flatMap((u) => Object.keys(u.files)).sort()) {
      const name = output.release(file.slice(edition.length + 1), edition);
      // The manifest is untrusted: a released file is read only from inside output/, symlinks resolved.
      if (name !== false) add({ name, source: await confinedRead(paths.outDir, file, place(file)) });
    }
  }
  return out;
}

/** The bytes release publishes for one of its files (an archive zipped with the release date). */
export async function releasedBytes(file: ReleasedFile, date: Date): Promise<Uint8Array> {
  if ('source' in file) return new Uint8Array(await readFile(file.source));
  const files = await Promise.all(file.archive.map(async (f) => ({ path: f.path, bytes: new Uint8Array(await readFile(f.source)) })));
  return zipFiles(files, date);
}

export async function release(opts: ReleaseOptions): Promise<ReleaseResult> {
  const { paths, edition } = opts;
  const log = opts.log ?? (() => {});
  const env = opts.env ?? process.env;
  await selectEditions(paths, [edition]);

  const dated = opts.date ? { date: opts.date, source: 'option' as const } : await releaseDate(paths, edition, env);
  const date = dated.date;
  const commit = (await git(paths.root, ['rev-parse', 'HEAD'])) ?? 'unknown';
  // Dirty: anything the outputs are made from differs from HEAD, so HEAD would not rebuild them.
  const dirtyFiles = (await dirtyInputs(paths, edition)) ?? [];
  const dirty = dirtyFiles.length > 0;
  if (dirty && !opts.allowDirty) throw fail('releaseDirty', { commit, inputs: dirtyFiles });
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
          `警告: コミット ${commit} と異なる入力があります（--allow-dirty）: ${dirtyFiles.join(', ')}。manifest.json に "dirty": true と記録します。このリリースはコミットからは再現できません`,
          `warning: inputs differ from commit ${commit} (--allow-dirty): ${dirtyFiles.join(', ')}. manifest.json records "dirty": true; this release cannot be rebuilt from the commit`,
        ),
      ),
    );
  }
  const { other } = await dataFiles(paths, edition);
  if (other.length > 0) {
    log(
      t(
        msg(
          `注意: ${dataRel(paths, edition)} のデータではないファイルは読み込まず、リリースの記録にも含めません: ${other.slice(0, 5).join(', ')}${other.length > 5 ? ` ほか ${other.length - 5} 個` : ''}`,
          `note: files in ${dataRel(paths, edition)} that are not data are neither read nor recorded: ${other.slice(0, 5).join(', ')}${other.length > 5 ? ` and ${other.length - 5} more` : ''}`,
        ),
      ),
    );
  }

  // The whole release holds the output folder: its build, and the staging and swap of the release folder.
  const lock = await holdOutput(paths.outDir, log, opts.signal);
  try {
    return await releaseLocked(opts, { date, commit, dirty, dirtyFiles }, lock);
  } finally {
    await lock.release();
  }
}

async function releaseLocked(
  opts: ReleaseOptions,
  facts: { date: Date; commit: string; dirty: boolean; dirtyFiles: string[] },
  lock: Awaited<ReturnType<typeof holdOutput>>,
): Promise<ReleaseResult> {
  const { paths, edition } = opts;
  const log = opts.log ?? (() => {});
  const { date, commit, dirty, dirtyFiles } = facts;
  // Every output from scratch: a release never trusts the incremental manifest.
  // Our own session when none is given, so the browser's version can be recorded after the build.
  const session = opts.session ?? new BrowserSession(opts.signal ? { signal: opts.signal } : {});
  let result: BuildResult;
  let browser: string;
  try {
    result = await build({ paths, editions: [edition], force: true, date, session, lock, ...(opts.signal ? { signal: opts.signal } : {}), log });
    browser = await (await session.browser()).version();
  } finally {
    if (!opts.session) await session.close();
  }

  const sources = await releasedFiles(paths, edition);
  if (!sources.some((s) => s.name.endsWith('.pdf'))) {
    throw fail('releaseNoPdf', { edition });
  }
  const files: ReleaseFile[] = [];
  const contents = new Map<string, Uint8Array>();
  for (const s of sources) {
    const bytes = await releasedBytes(s, date);
    contents.set(s.name, bytes);
    const entry: ReleaseFile = { name: s.name, size: bytes.length, sha256: sha256(bytes) };
    if (s.name.endsWith('.pdf')) entry.pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
    files.push(entry);
  }
  files.sort((a, b) => (a.name < b.name ? -1 : 1));

  // Nothing time- or machine-dependent beyond the commit: the manifest is reproducible too.
  const manifest: ReleaseManifest = {
    edition,
    commit,
    dirty,
    ...(dirty ? { dirtyFiles } : {}),
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
  const sums = formatSums([...contents].map(([name, bytes]) => ({ name, sha256: sha256(bytes) })));

  const releaseRoot = path.join(paths.outDir, RELEASE_DIR);
  const finalDir = path.join(releaseRoot, edition);
  // mkdir, not mkdtemp: the folder gets the usual permissions (0755 under umask 022, readable
  // by colleagues), not mkdtemp's 0700. The name carries our pid, so a killed run's is swept.
  const staging = path.join(releaseRoot, tempName(`release-${edition}`));
  const old = path.join(releaseRoot, releaseAside(edition));
  const dropExitHook = onExit(() => rmSync(staging, { recursive: true, force: true }));
  try {
    await mkdir(releaseRoot, { recursive: true });
    await mkdir(staging);
    for (const [name, bytes] of contents) await writeFile(path.join(staging, name), bytes);
    await writeFile(path.join(staging, SUMS_FILE), sums);
    // Swap: old folder aside, new one in, old one removed. Readers see the old or the new, never a mix;
    // a forced exit waits for the two renames.
    await uninterruptible(async () => {
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
    });
    await rm(old, { recursive: true, force: true });
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    throw fail('releaseUnwritable', { dir: finalDir, code: (cause as NodeJS.ErrnoException).code ?? String(cause) }, { cause });
  } finally {
    dropExitHook();
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
