/**
 * Stage 1 — load: find the editions and their files, read and parse each one
 * with source positions. No schema knowledge beyond the registry's globs.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
// fast-glob is globby's own engine; the loader needs none of globby's extras, and its import is a third of globby's (every `validate` pays it).
import fg from 'fast-glob';
import type { DataIssue } from '../../shared/errors.ts';
import { fail, msg } from '../../shared/errors.ts';
import { fileKinds } from '../../schema/index.ts';
import type { FileKind } from '../../schema/contract.ts';
import { didYouMean } from '../../shared/suggest.ts';
import { EDITION_ID_RE, isEditionFolderName, MAX_EDITION_ID, RESERVED_EDITION_IDS } from '../../shared/ids.ts';
import { charProblemReport, firstCharProblem } from '../../shared/unicode.ts';
import { fileIssue, readYamlFile, type SourceFile } from './source.ts';

export interface LoadedFile {
  kind: FileKind;
  /** Relative to the edition folder, POSIX separators. */
  rel: string;
  source: SourceFile;
}

export interface LoadedEdition {
  id: string;
  /** Absolute path of the edition folder. */
  dir: string;
  /** The folder as messages name it (`data/r3`). */
  shown: string;
  files: LoadedFile[];
  issues: DataIssue[];
}

/** The file kind a path (relative to the edition folder) would be read as, if any. */
export function fileKindOf(rel: string): FileKind | undefined {
  const re = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`, 'u');
  return fileKinds.find((k) => re(k.glob).test(rel));
}

/** Project-relative POSIX path for messages. */
export function displayPath(projectRoot: string, abs: string): string {
  return path.relative(projectRoot, abs).split(path.sep).join('/');
}

/**
 * The edition ids present under the data folder, sorted. A symlinked folder is followed when it
 * resolves to a folder inside the project (the data folder's parent), and refused otherwise; an id
 * that names one of the tool's own folders of output/ (`release`, `diff`) or is longer than
 * MAX_EDITION_ID is refused up front — its outputs would mix with another's or not fit a file name.
 */
export async function listEditions(dataDir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dataDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const ids: string[] = [];
  for (const e of entries) {
    if (!isEditionFolderName(e.name)) continue;
    if (e.isSymbolicLink()) {
      const project = await realpath(path.dirname(dataDir)).catch(() => path.resolve(path.dirname(dataDir)));
      const target = await realpath(path.join(dataDir, e.name)).catch(() => undefined);
      const isDir =
        target !== undefined &&
        (await stat(target).then(
          (st) => st.isDirectory(),
          () => false,
        ));
      if (!isDir) continue; // a dangling link, or one to a file: not an edition folder
      if (!target.startsWith(project + path.sep)) throw fail('editionLinkOutside', { id: e.name, target });
    } else if (!e.isDirectory()) continue;
    if (RESERVED_EDITION_IDS.includes(e.name))
      throw fail('reservedEdition', { id: e.name, reason: msg(`output/${e.name}/ はこのツールが使います`, `output/${e.name}/ is the tool's own`) });
    if (Buffer.byteLength(e.name) > MAX_EDITION_ID)
      throw fail('reservedEdition', { id: `${e.name.slice(0, 20)}…`, reason: msg(`${MAX_EDITION_ID} バイトより長い名前です`, `longer than ${MAX_EDITION_ID} bytes`) });
    ids.push(e.name);
  }
  return ids.sort();
}

/**
 * Files and symlinks (to anything, even nothing) matching a glob; real directories are left out.
 * `onlyFiles` would drop symlinks, since with `followSymbolicLinks: false` they are not files.
 */
async function listEntries(pattern: string, cwd: string, dot: boolean): Promise<string[]> {
  const found = await fg(pattern, { cwd, dot, onlyFiles: false, markDirectories: true, followSymbolicLinks: false });
  return found.filter((f) => !f.endsWith('/'));
}

/** Read every file of one edition. Problems are collected, never thrown. */
export async function loadEdition(projectRoot: string, dataDir: string, id: string): Promise<LoadedEdition> {
  const dir = path.join(dataDir, id);
  const issues: DataIssue[] = [];
  const files: LoadedFile[] = [];
  const rel = (abs: string): string => displayPath(projectRoot, abs);

  if (!EDITION_ID_RE.test(id)) {
    issues.push(
      fileIssue(
        rel(dir),
        'EDITION_ID',
        msg(`版のフォルダ名「${id}」は使えません`, `Edition folder name "${id}" is not allowed`),
        msg('半角英小文字・数字・ハイフンで名付けてください（例: r4）。', 'Use lower-case letters, digits and hyphens (e.g. r4).'),
      ),
    );
    return { id, dir, shown: rel(dir), files, issues };
  }

  // Symlinks are listed too (not followed): a link must be refused by name, not silently skipped.
  const all = await listEntries('**/*', dir, true);
  if (all.length === 0) {
    issues.push(
      fileIssue(
        rel(dir),
        'EDITION_EMPTY',
        msg('版のフォルダにデータがありません', 'The edition folder holds no data'),
        msg(
          'edition.yaml などのデータを置くか、フォルダを削除してください。`npm run new-edition` で前年度から作れます。',
          'Add the data files (edition.yaml …) or delete the folder. `npm run new-edition` creates one from the previous year.',
        ),
      ),
    );
    return { id, dir, shown: rel(dir), files, issues };
  }

  const realDir = await realpath(dir);
  const claimed = new Set<string>();
  for (const kind of fileKinds) {
    const matches = (await listEntries(kind.glob, dir, false)).sort();
    if (matches.length === 0 && kind.required) {
      issues.push(
        fileIssue(
          `${rel(dir)}/${kind.glob}`,
          'MISSING_FILE',
          msg(`必要なファイルがありません: ${kind.description.ja}`, `Required file missing: ${kind.description.en}`),
          msg(`${kind.glob} を作成してください（前年度の版からコピーできます）。`, `Create ${kind.glob} (you can copy it from the previous edition).`),
        ),
      );
    }
    if (matches.length > 1 && !kind.multiple) {
      issues.push(
        fileIssue(
          `${rel(dir)}/${matches[1]}`,
          'DUPLICATE_FILE',
          msg(`${kind.glob} に当たるファイルが複数あります`, `More than one file matches ${kind.glob}`),
          msg('1 つにまとめてください。', 'Merge them into one.'),
        ),
      );
    }
    for (const m of matches) {
      claimed.add(m);
      const abs = path.join(dir, m);
      // A file's name reaches the documents too (the 公募要領 attaches its data files by name): the character rule holds for it.
      const badChar = firstCharProblem(m, { newline: false });
      if (badChar) {
        const report = charProblemReport(badChar.ch, badChar.problem);
        issues.push(
          fileIssue(
            rel(abs),
            report.code,
            msg(`ファイル名: ${report.message.ja}`, `file name: ${report.message.en}`),
            msg(`ファイル名を変えてください。${report.hint.ja}`, `Rename the file. ${report.hint.en}`),
          ),
        );
        continue;
      }
      // A symlink may point anywhere; data must stay inside its edition folder.
      let real: string;
      try {
        real = await realpath(abs);
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
        issues.push(
          fileIssue(
            rel(abs),
            'FILE_UNREADABLE',
            msg(`ファイルを読めません（${code}: リンク先がありません）`, `Cannot read the file (${code}: the link points nowhere)`),
            msg('リンクではなく実際のファイルを置いてください。', 'Put the real file here instead of a link.'),
          ),
        );
        continue;
      }
      if (!real.startsWith(realDir + path.sep)) {
        issues.push(
          fileIssue(
            rel(abs),
            'PATH_ESCAPE',
            msg('データフォルダの外を指すリンクです', 'This link points outside the data folder'),
            msg('リンクではなく実際のファイルを置いてください。', 'Put the real file here instead of a link.'),
          ),
        );
        continue;
      }
      const st = await stat(abs).catch(() => undefined);
      if (!st?.isFile()) {
        issues.push(
          fileIssue(
            rel(abs),
            'FILE_UNREADABLE',
            msg('通常のファイルではありません', 'Not a regular file'),
            msg('ファイルを置き直してください。', 'Replace it with a regular file.'),
          ),
        );
        continue;
      }
      const result = await readYamlFile(abs, rel(abs));
      issues.push(...result.issues);
      if (result.source) files.push({ kind, rel: m, source: result.source });
    }
  }

  // A YAML file nobody reads is almost always a misnamed one (`roster.yml`, `call/kyoso.yaml`).
  const expected = fileKinds.map((k) => k.glob);
  for (const f of all) {
    if (claimed.has(f) || !/\.(ya?ml)$/i.test(f)) continue;
    const guess = didYouMean(f, expected);
    issues.push(
      fileIssue(
        rel(path.join(dir, f)),
        'UNKNOWN_FILE',
        msg('このファイルはどのデータにも当たらず、読み込まれません', 'This file matches no data kind and would be ignored'),
        guess
          ? msg(`「${guess}」のつもりではありませんか？ 名前を直すか削除してください。`, `Did you mean "${guess}"? Rename or delete it.`)
          : msg(`置けるファイル: ${expected.join(', ')}`, `Expected files: ${expected.join(', ')}`),
      ),
    );
  }
  return { id, dir, shown: rel(dir), files, issues };
}
