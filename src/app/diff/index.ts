/**
 * `diff <old> <new>`: the 新旧対照表 between two editions, read top to bottom like
 * the build — resolve both sides (load → validate) → compare → render Markdown
 * and HTML → print the PDF → post-process → publish both files together.
 *
 * A side is an edition of the working tree (`r3`) or an edition as a git revision
 * had it (`v1.0:r3`); the latter is checked out file by file into a temporary
 * project, loaded like any other, and the temporary folder removed at once.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildDate } from '../build.ts';
import { BrowserSession, printPdf } from '../../stages/convert/browser.ts';
import { loadEditions, selectEditions } from '../editions.ts';
import { type KyosoError, isKyosoError, isWarning, type DataIssue, fail } from '../../shared/errors.ts';
import { postprocessPdf } from '../../stages/postprocess/pdf.ts';
import { projectPaths, TOOL_VERSION, type ProjectPaths } from '../../shared/paths.ts';
import { publish } from '../../stages/publish/index.ts';
import { EDITION_ID_RE } from '../../shared/ids.ts';
import type { Edition } from '../../schema/index.ts';
import { compareEditions, summaryText, type DiffRow } from './compare.ts';
import { REPORT_TITLE, renderHtml, renderMarkdown, type SideInfo } from './report.ts';

export { compareEditions, summaryText, type DiffRow } from './compare.ts';

const run = promisify(execFile);

export interface DiffOptions {
  paths: ProjectPaths;
  /** `r3` or `REV:r3`. */
  old: string;
  new: string;
  /** Reuse a browser (tests); not closed here. */
  session?: BrowserSession;
  /** PDF dates; default SOURCE_DATE_EPOCH, else now. */
  date?: Date;
  signal?: AbortSignal;
}

export interface DiffResult {
  rows: DiffRow[];
  /** `変更 3 件、追加 1 件、削除 1 件` or `変更はありません`. */
  summary: string;
  markdown: string;
  /** Absolute paths of the Markdown and the PDF. */
  written: string[];
}

interface Side {
  edition: Edition;
  info: SideInfo;
}

/** Bytes of one side's part of a report's name: two of them, the extension and a temporary name's prefix stay under 255. */
export const MAX_SIDE_NAME = 80;

/**
 * `v1.0:r3` → file-name part `v1.0-r3`: no `:` or `/` (nor anything else a file system may refuse).
 * A longer one (a git branch may be named with hundreds of characters) keeps its start and ends
 * with a digest of the whole spec, so it fits a file name and two specs never share one.
 */
export function sideFileName(spec: string): string {
  const name = spec.replace(/[^\w.~^@+=-]+/gu, '-');
  if (Buffer.byteLength(name) <= MAX_SIDE_NAME) return name;
  const digest = createHash('sha256').update(spec).digest('hex').slice(0, 12);
  return `${name.slice(0, MAX_SIDE_NAME - digest.length - 1)}-${digest}`;
}

/** Output path (relative to output/) of a report: `diff/<old>__<new>.md`. */
export function reportBase(oldSpec: string, newSpec: string): string {
  return path.posix.join('diff', `${sideFileName(oldSpec)}__${sideFileName(newSpec)}`);
}

export async function diff(options: DiffOptions): Promise<DiffResult> {
  const { paths } = options;
  const [oldSide, newSide] = await resolveBoth(paths, options.old, options.new);
  const rows = compareEditions(oldSide.edition, newSide.edition);
  const report = { old: oldSide.info, new: newSide.info, rows };
  const markdown = renderMarkdown(report);
  const html = await renderHtml(paths.templatesDir, report);

  const session = options.session ?? new BrowserSession(options.signal ? { signal: options.signal } : {});
  let printedPdf: Uint8Array;
  try {
    printedPdf = await session.withPage(async (page) => {
      await page.setContent(html, { waitUntil: 'load' });
      return printPdf(page);
    });
  } finally {
    // The browser is done before anything is written.
    if (!options.session) await session.close();
  }
  const pdf = await postprocessPdf(printedPdf, {
    version: TOOL_VERSION,
    title: `${REPORT_TITLE} ${newSide.info.spec} ← ${oldSide.info.spec}`,
    author: newSide.edition.meta.publisher,
    subject: `${REPORT_TITLE}（新: ${newSide.info.spec}、旧: ${oldSide.info.spec}）`,
    keywords: [REPORT_TITLE, newSide.info.spec, oldSide.info.spec],
    lang: 'ja-JP',
    date: options.date ?? buildDate(),
    deterministic: true,
  });

  const base = reportBase(options.old, options.new);
  const written = await publish(
    paths.outDir,
    new Map<string, string | Uint8Array>([
      [`${base}.md`, markdown],
      [`${base}.pdf`, pdf],
    ]),
  );
  return { rows, summary: summaryText(rows), markdown, written };
}

/** Both sides, with the data problems of both reported together (as build reports every edition's). */
async function resolveBoth(paths: ProjectPaths, oldSpec: string, newSpec: string): Promise<[Side, Side]> {
  const results = await Promise.allSettled([resolveSide(paths, oldSpec), resolveSide(paths, newSpec)]);
  const invalid = results.flatMap((r) => (r.status === 'rejected' && isKyosoError(r.reason) && r.reason.code === 'DATA_INVALID' ? [r.reason] : []));
  const otherFailure = results.find((r) => r.status === 'rejected' && !invalid.includes(r.reason as KyosoError));
  if (otherFailure?.status === 'rejected') throw otherFailure.reason;
  if (invalid.length > 0) {
    const issues = invalid.flatMap((e) => e.issues);
    // Counted as every data report counts: errors only (not the notes beside them), each with the ones it stands for.
    const errors = issues.filter((i) => !isWarning(i));
    const files = new Set(errors.map((i) => i.file)).size;
    throw fail('diffDataInvalid', { problems: errors.reduce((n, i) => n + (i.more ?? 1), 0), files }, { issues });
  }
  const [a, b] = results;
  if (a?.status !== 'fulfilled' || b?.status !== 'fulfilled') throw new Error('unreachable: both sides resolved');
  return [a.value, b.value];
}

function sideInfo(spec: string, edition: Edition): SideInfo {
  return { spec, title: `${edition.meta.title} ${edition.meta.subtitle}` };
}

/** `r3` from the working tree, `REV:r3` from git. */
export async function resolveSide(paths: ProjectPaths, spec: string): Promise<Side> {
  const colon = spec.lastIndexOf(':');
  if (colon < 0) {
    // A 新旧対照表 compares what the data says; how it is worded is lint:text's business (an old revision's wording is history).
    const [valid] = await loadEditions(paths, await selectEditions(paths, [spec]), { text: 'none' });
    return { edition: valid!.edition, info: sideInfo(spec, valid!.edition) };
  }
  const rev = spec.slice(0, colon);
  const id = spec.slice(colon + 1);
  // The edition part names a folder under data/: `HEAD:../r3` or `HEAD:r3/calls` would be a path git
  // resolves outside it (or fails on), so only an edition id is accepted.
  if (rev === '' || id === '' || rev.startsWith('-') || !EDITION_ID_RE.test(id)) {
    throw fail('badSide', { spec });
  }
  const tmp = await mkdtemp(path.join(tmpdir(), 'kyoso-diff-'));
  try {
    const dataRel = path.relative(paths.root, paths.dataDir).split(path.sep).join('/') || '.';
    await checkout(paths.root, rev, dataRel, id, tmp);
    try {
      const [valid] = await loadEditions(projectPaths({ root: tmp, dataDir: path.join(tmp, dataRel) }), [id], { text: 'none' });
      return { edition: valid!.edition, info: sideInfo(spec, valid!.edition) };
    } catch (err) {
      // The files are named as the revision has them, so the report points at something the user can open.
      if (isKyosoError(err) && err.code === 'DATA_INVALID') {
        const issues: DataIssue[] = err.issues.map((i) => ({ ...i, file: `${rev}:${i.file}` }));
        throw err.withIssues(issues);
      }
      throw err;
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function git(cwd: string, args: string[], encoding: 'utf8' | 'buffer' = 'utf8'): Promise<string | Buffer> {
  try {
    const { stdout } = await run('git', args, { cwd, encoding, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (cause) {
    const e = cause as NodeJS.ErrnoException & { stderr?: string | Buffer };
    if (e.code === 'ENOENT') {
      throw fail('noGit', {}, { cause });
    }
    const stderr =
      String(e.stderr ?? '')
        .trim()
        .split('\n')[0] ?? '';
    if (/not a git repository/iu.test(stderr)) {
      throw fail('notARepository', { dir: cwd }, { cause });
    }
    // Anything else git refuses (a path outside the repository, a damaged object) is git's answer to our question: say it.
    throw fail('gitFailed', { command: `git ${args.slice(0, 2).join(' ')}`, text: stderr || String(cause) }, { cause });
  }
}

/** Write the edition folder as `rev` has it into `dest` (same layout: `<dataRel>/<id>/…`). */
async function checkout(root: string, rev: string, dataRel: string, id: string, dest: string): Promise<void> {
  try {
    await git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch (cause) {
    // git's refusal of this one question means the revision does not exist; git missing or no repository say so themselves.
    if (isKyosoError(cause) && cause.id !== 'gitFailed') throw cause;
    throw fail('unknownRevision', { rev }, { cause });
  }
  // ls-tree and `rev:./path` both read paths relative to the working directory, so a project inside a larger repository works too.
  const folder = `${dataRel}/${id}`;
  const listing = String(await git(root, ['ls-tree', '-r', '-z', '--name-only', rev, '--', `${folder}/`]));
  const files = listing.split('\0').filter((f) => f !== '');
  if (files.length === 0) {
    const editions = String(await git(root, ['ls-tree', '-d', '-z', '--name-only', rev, '--', `${dataRel}/`]))
      .split('\0')
      .filter((f) => f !== '')
      .map((f) => path.posix.basename(f));
    throw fail('noEditionAtRevision', { rev, id, available: editions });
  }
  for (const file of files) {
    const bytes = (await git(root, ['cat-file', 'blob', `${rev}:./${file}`], 'buffer')) as Buffer;
    const target = path.join(dest, ...file.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
}
