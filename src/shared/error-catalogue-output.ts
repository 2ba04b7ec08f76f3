/**
 * The catalogue's entries about output/ and release: writing it all or nothing, repairing what a dead run left,
 * refusing records in it that this tool did not write, and its lock. Part of ERRORS
 * (error-catalogue.ts), kept apart so that file stays readable; the same rules hold.
 */
import type { Message } from './values.ts';

const m = (ja: string, en: string): Message => ({ ja, en });

const entry = <P>(e: { code: 'OUTPUT_FAILED' | 'LOCKED' | 'USAGE'; message: (p: P) => Message; hint?: (p: P) => Message }) => e;

/** What to do about a failed file operation, by its errno code: the cause decides the advice. */
export function fsHint(code: string, file: string): Message {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return m('ディスクの空き容量がありません。不要なファイルを削除して空きを作ってから、もう一度実行してください。', 'The disk is full. Free some space, then run again.');
    case 'EROFS':
      return m('出力フォルダが読み取り専用のディスクにあります。書き込めるディスクで実行してください。', 'The output folder is on a read-only disk; run where it can be written.');
    case 'EACCES':
    case 'EPERM':
      return m(
        `${file} とそのフォルダの書き込み権限を確認してください（変更できない属性 chattr +i が付いていないかも）。`,
        `Check write permission on ${file} and its folder (and that it is not marked immutable, chattr +i).`,
      );
    case 'EISDIR':
    case 'ENOTDIR':
    case 'EEXIST':
      return m(
        `${file} の場所（またはその途中）に、置き換えられないフォルダかファイルがあります。取り除いてからもう一度実行してください。`,
        `Something that cannot be replaced is in the way at ${file} (a folder, or a file where a folder must go); remove it and run again.`,
      );
    default:
      return m('空き容量と書き込み権限を確認してください。', 'Check free space and permissions.');
  }
}

/** A file a failed undo left holding the new build's version, and where the previous version is kept (none: the file is new). */
export interface StuckFile {
  file: string;
  previous?: string;
}

/** Each stuck file with where its previous version is. */
function stuckList(stuck: readonly StuckFile[]): Message {
  return {
    ja: stuck.map((s) => (s.previous ? `${s.file}（前回の版は ${s.previous} に残っています）` : `${s.file}（今回新しく作ったファイル）`)).join('、'),
    en: stuck.map((s) => (s.previous ? `${s.file} (its previous version is kept as ${s.previous})` : `${s.file} (new in this build)`)).join(', '),
  };
}

/** What to do: run again (the journal restores first), or put each previous version back by hand. */
function restoreHint(stuck: readonly StuckFile[], journal: string): Message {
  const moves = stuck.map((s) => (s.previous ? `mv ${s.previous} ${s.file}` : `rm ${s.file}`)).join('; ');
  return {
    ja: `原因を取り除いてからもう一度ビルドすると、まず ${journal} に従って前回の出力に戻してから作り直します。手で戻すときは「${moves}」を実行し、${journal} を削除してください。`,
    en: `Remove the cause and build again: the build first restores the previous outputs from ${journal}, then rebuilds. To restore by hand instead: ${moves}; then delete ${journal}.`,
  };
}

export const OUTPUT_ERRORS = {
  // ---- release
  releaseUndated: entry<{ data: string }>({
    code: 'USAGE',
    message: (p) =>
      m(
        `リリースの日付を決められません: ${p.data} が git のコミット（HEAD）の中になく、SOURCE_DATE_EPOCH も設定されていません`,
        `Cannot date the release: ${p.data} is not in a git commit (HEAD) and SOURCE_DATE_EPOCH is not set`,
      ),
    hint: () =>
      m(
        'データをコミットしてから実行するか（日付はそのコミット HEAD の時刻になります）、SOURCE_DATE_EPOCH=<秒> を指定してください。リリースは実行時刻を使いません（同じ入力から同じファイルを作るため）。',
        'Commit the data first (the release is dated by that commit, HEAD), or set SOURCE_DATE_EPOCH=<seconds>. A release never uses the clock, so the same input gives the same files.',
      ),
  }),
  releaseNoPdf: entry<{ edition: string }>({
    code: 'OUTPUT_FAILED',
    message: (p) => m(`リリース ${p.edition}: PDF が出力されていません`, `release ${p.edition}: no PDF was produced`),
  }),
  releaseUnwritable: entry<{ dir: string; code: string }>({
    code: 'OUTPUT_FAILED',
    message: (p) =>
      m(
        `リリースを ${p.dir} に書き込めません（${p.code}）。以前のリリースがあればそのまま残っています`,
        `Cannot write the release to ${p.dir} (${p.code}); an earlier release there is unchanged`,
      ),
    hint: (p) => fsHint(p.code, p.dir),
  }),
  releaseDirty: entry<{ commit: string; inputs: readonly string[] }>({
    code: 'USAGE',
    message: (p) =>
      m(
        `コミット ${p.commit} と異なる入力があるため、リリースしません（そのコミットからは同じファイルを作れません）: ${p.inputs.slice(0, 10).join(', ')}${p.inputs.length > 10 ? ` ほか ${p.inputs.length - 10} 個` : ''}`,
        `Inputs differ from commit ${p.commit}, so no release is made (that commit would not rebuild it): ${p.inputs.slice(0, 10).join(', ')}${p.inputs.length > 10 ? ` and ${p.inputs.length - 10} more` : ''}`,
      ),
    hint: () =>
      m(
        '変更をコミットしてからもう一度実行してください。確認用にそのまま作るときは --allow-dirty を付けます（manifest.json に "dirty": true と記録されます）。以前のリリースは変更していません。',
        'Commit the changes and run again, or pass --allow-dirty to make it anyway for review (manifest.json then records "dirty": true). The previous release was not changed.',
      ),
  }),

  // ---- edition folders whose outputs would collide with the tool's own places in output/
  reservedEdition: entry<{ id: string; reason: Message }>({
    code: 'USAGE',
    message: (p) => m(`data/ のフォルダ「${p.id}」は版の名前に使えません（${p.reason.ja}）`, `The folder "${p.id}" of data/ cannot be an edition (${p.reason.en})`),
    hint: () =>
      m(
        '版のフォルダの名前を変えてください（例: r4）。版でないなら名前の先頭に _ を付けると読み込みません。',
        'Rename the edition folder (e.g. r4); prefix it with _ if it is not an edition, and it is not read.',
      ),
  }),
  editionLinkOutside: entry<{ id: string; target: string }>({
    code: 'USAGE',
    message: (p) => m(`版のフォルダ data/${p.id} はプロジェクトの外（${p.target}）へのリンクです`, `The edition folder data/${p.id} links outside the project (${p.target})`),
    hint: () => m('版のフォルダをプロジェクトの中に置くか、リンクを削除してください。', 'Put the edition folder inside the project, or remove the link.'),
  }),
  publishFailed: entry<{ dir: string; file: string; code: string }>({
    code: 'OUTPUT_FAILED',
    message: (p) =>
      m(
        `${p.file} を書き込めませんでした（${p.code}）。${p.dir}/ は変更していません（前回のビルドのファイルと記録がそのまま残っています）`,
        `Could not write ${p.file} (${p.code}). ${p.dir}/ is unchanged (the previous build's files and manifest are as they were)`,
      ),
    hint: (p) => fsHint(p.code, p.file),
  }),
  publishMixed: entry<{ dir: string; file: string; code: string; stuck: readonly StuckFile[]; journal: string }>({
    code: 'OUTPUT_FAILED',
    message: (p) =>
      m(
        `${p.file} を書き込めず（${p.code}）、入れ替えた出力を元に戻すこともできませんでした。${p.dir}/ は新旧が混在しています — 今回のビルドのもの: ${stuckList(p.stuck).ja}。ほかのファイルと記録（.kyoso-manifest.json）は前回のビルドのものです`,
        `Could not write ${p.file} (${p.code}), nor undo the outputs already swapped in. ${p.dir}/ is a mix — from this build: ${stuckList(p.stuck).en}; every other file and the manifest (.kyoso-manifest.json) are the previous build's`,
      ),
    hint: (p) => m(`${fsHint(p.code, p.file).ja} ${restoreHint(p.stuck, p.journal).ja}`, `${fsHint(p.code, p.file).en} ${restoreHint(p.stuck, p.journal).en}`),
  }),
  recoveryFailed: entry<{ dir: string; pid: number; code: string; stuck: readonly StuckFile[]; journal: string }>({
    code: 'OUTPUT_FAILED',
    message: (p) =>
      m(
        `前回のビルド（pid ${p.pid}）が出力の入れ替えの途中で止まっており、${p.dir}/ を元に戻せません（${p.code}）。新旧が混在しています — 前回のビルドが入れ替えたもの: ${stuckList(p.stuck).ja}`,
        `The previous build (pid ${p.pid}) stopped while swapping its outputs in, and ${p.dir}/ cannot be restored (${p.code}). It is a mix — swapped in by that build: ${stuckList(p.stuck).en}`,
      ),
    hint: (p) =>
      m(
        `${fsHint(p.code, p.stuck[0]?.file ?? p.dir).ja} ${restoreHint(p.stuck, p.journal).ja}`,
        `${fsHint(p.code, p.stuck[0]?.file ?? p.dir).en} ${restoreHint(p.stuck, p.journal).en}`,
      ),
  }),
  untrustedRecord: entry<{ file: string; field: string; value: string; why: string }>({
    code: 'OUTPUT_FAILED',
    message: (p) =>
      m(
        `${p.file}: ${p.field} の ${p.value} は出力フォルダの中を指していません（${p.why}）。この記録に従った変更は何もしていません`,
        `${p.file}: ${p.field} ${p.value} does not name a place inside the output folder (${p.why}); nothing was changed by this record`,
      ),
    hint: (p) =>
      m(
        `${p.file} は kyoso-docs が書いたものではありません（ほかから複製されたか、手で書き換えられています）。中身を確かめてから削除し、もう一度実行してください。`,
        `${p.file} was not written by kyoso-docs (copied from elsewhere or edited by hand). Check it, delete it, and run again.`,
      ),
  }),
  lockUnwritable: entry<{ file: string; code: string }>({
    code: 'OUTPUT_FAILED',
    message: (p) =>
      m(
        `ロックファイル ${p.file} を作れません（${p.code}）。出力フォルダは変更していません`,
        `Cannot create the lock file ${p.file} (${p.code}); the output folder was not changed`,
      ),
    hint: (p) => fsHint(p.code, p.file),
  }),
  lockOdd: entry<{ file: string; what: string }>({
    code: 'LOCKED',
    message: (p) =>
      m(
        `ロック ${p.file} の場所に、ロックではないもの（${p.what}）があります。出力フォルダは変更していません`,
        `Something that is not a lock (${p.what}) is at ${p.file}; the output folder was not changed`,
      ),
    hint: (p) =>
      m(
        `kyoso-docs が作るロックはふつうのファイルです。${p.file} を確かめて取り除いてから、もう一度実行してください。`,
        `kyoso-docs writes its lock as a plain file. Check ${p.file}, remove it, and run again.`,
      ),
  }),
  locked: entry<{ dir: string; who: Message; lockFile: string }>({
    code: 'LOCKED',
    message: (p) => m(`別のビルド（${p.who.ja}）が ${p.dir} を使っています`, `Another build (${p.who.en}) is using ${p.dir}`),
    hint: (p) =>
      m(
        `そのビルドが終わってからもう一度実行してください。実行中のビルドがないのにこの表示が出るときは ${p.lockFile} を削除してください。`,
        `Run again when it has finished. If no build is running, delete ${p.lockFile}.`,
      ),
  }),
  // ---- the temporary folder (issue 32, class 9)
  tmpUnusable: entry<{ dir: string; code: string; fromEnv: boolean }>({
    code: 'OUTPUT_FAILED',
    message: (p) =>
      m(
        `一時フォルダ ${p.dir}${p.fromEnv ? '（環境変数 TMPDIR）' : ' '}を使えません（${p.code}）。何も書き込んでいません`,
        `Cannot use the temporary folder ${p.dir}${p.fromEnv ? ' (environment variable TMPDIR)' : ''} (${p.code}); nothing was written`,
      ),
    hint: (p) =>
      p.fromEnv
        ? m(
            'TMPDIR に、書き込めるフォルダを指定してください（例: export TMPDIR=/tmp）。指定をやめる（unset TMPDIR）と /tmp を使います。',
            'Point TMPDIR at a folder you can write to (e.g. export TMPDIR=/tmp), or unset it to use /tmp.',
          )
        : fsHint(p.code, p.dir),
  }),
} as const;
