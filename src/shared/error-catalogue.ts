/**
 * The catalogue of errors a user can meet, as data (Astro's habit): for each, the permanent
 * code it is reported under (`[USAGE]`, the exit code's family), what happened and what to
 * do, in Japanese and English. Call sites name an entry and pass its facts; no message or
 * hint is written anywhere else. Longer than the usual file because it is every message.
 */
import type { Message } from './values.ts';
import { fsHint, OUTPUT_ERRORS } from './error-catalogue-output.ts';

const m = (ja: string, en: string): Message => ({ ja, en });

/** One entry: the reported code and the words, as functions of the facts. */
export interface CatalogueEntry<P> {
  code: ErrorCodeName;
  message: (p: P) => Message;
  hint?: (p: P) => Message;
}

/** Permanent codes (printed `[CODE]`, each with its exit code in errors.ts). Never rename; add new ones at the end. */
export type ErrorCodeName =
  | 'DATA_INVALID'
  | 'USAGE'
  | 'EDITION_NOT_FOUND'
  | 'TEMPLATE'
  | 'THEME_MISSING'
  | 'BROWSER_NOT_FOUND'
  | 'BROWSER_FAILED'
  | 'OUTPUT_FAILED'
  | 'LOCKED'
  | 'OVERFLOW'
  | 'INTERRUPTED';

const entry = <P>(e: CatalogueEntry<P>): CatalogueEntry<P> => e;

const list = (xs: readonly string[], none: string) => xs.join(', ') || none;

export const ERRORS = {
  // ---- the command line
  unknownCommand: entry<{ name: string; names: readonly string[] }>({
    code: 'USAGE',
    message: (p) => m(`不明なコマンド「${p.name}」`, `Unknown command "${p.name}"`),
    hint: (p) => m(`使えるコマンド: ${p.names.join(', ')}（kyoso-docs --help）`, `Commands: ${p.names.join(', ')} (kyoso-docs --help)`),
  }),
  badArguments: entry<{ text: string }>({
    code: 'USAGE',
    message: (p) => m(p.text, p.text),
    hint: () => m('kyoso-docs --help で使い方を表示します。', 'Run kyoso-docs --help for usage.'),
  }),
  badLang: entry<{ got: string }>({
    code: 'USAGE',
    message: (p) => m(`--lang は ja か en です（指定: ${p.got}）`, `--lang must be ja or en (got ${p.got})`),
  }),
  badOnly: entry<{ got: string; groups: readonly string[] }>({
    code: 'USAGE',
    message: (p) => m(`--only は ${p.groups.join(' か ')} です（指定: ${p.got}）`, `--only must be ${p.groups.join(' or ')} (got ${p.got})`),
  }),
  badFormats: entry<{ unknown: readonly string[]; kinds: readonly string[] }>({
    code: 'USAGE',
    message: (p) => m(`--formats に不明な形式があります: ${p.unknown.join(', ')}`, `Unknown --formats: ${p.unknown.join(', ')}`),
    hint: (p) => m(`使える形式: ${p.kinds.join(', ')}（カンマ区切り）`, `Formats: ${p.kinds.join(', ')} (comma-separated)`),
  }),
  badPort: entry<{ got: string }>({
    code: 'USAGE',
    message: (p) => m(`--port は 0〜65535 の整数です（指定: ${p.got}）`, `--port must be an integer 0–65535 (got ${p.got})`),
  }),
  portInUse: entry<{ port: number }>({
    code: 'USAGE',
    message: (p) => m(`ポート ${p.port} は使用中です`, `Port ${p.port} is in use`),
    hint: () => m('別の --port を指定するか、--port を省いて空いているポートを使ってください。', 'Pass another --port, or leave it out to use a free one.'),
  }),
  diffSides: entry<{ got: number }>({
    code: 'USAGE',
    message: (p) => m(`diff には旧と新の 2 つの版を指定します（指定: ${p.got} 個）`, `diff takes two editions, old and new (got ${p.got})`),
    hint: () => m('例: npm run diff -- v1.0:r3 r3', 'Example: npm run diff -- v1.0:r3 r3'),
  }),
  newEditionUsage: entry<Record<string, never>>({
    code: 'USAGE',
    message: () =>
      m('使い方: new-edition <新しい版> --from <元の版>（例: new-edition r4 --from r3）', 'Usage: new-edition <new id> --from <existing id> (e.g. new-edition r4 --from r3)'),
  }),
  badSourceDateEpoch: entry<{ got: string; max: number }>({
    code: 'USAGE',
    message: (p) =>
      m(
        `SOURCE_DATE_EPOCH は 0〜${p.max}（9999年末）の秒数の整数です（指定: ${p.got}）`,
        `SOURCE_DATE_EPOCH must be a whole number of seconds from 0 to ${p.max} (the end of 9999) (got ${p.got})`,
      ),
    hint: () => m('例: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)', 'For example SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)'),
  }),

  // ---- editions
  noEditions: entry<{ dataDir: string }>({
    code: 'EDITION_NOT_FOUND',
    message: (p) => m(`${p.dataDir} に版のフォルダがありません`, `No edition folder in ${p.dataDir}`),
    hint: () => m('data/r3 のような版のフォルダを作ってください。', 'Create an edition folder such as data/r3.'),
  }),
  unknownEdition: entry<{ id: string; available: readonly string[] }>({
    code: 'EDITION_NOT_FOUND',
    message: (p) => m(`版「${p.id}」はありません（あるもの: ${list(p.available, 'なし')}）`, `No edition "${p.id}" (available: ${list(p.available, 'none')})`),
    hint: () => m('版の名前を確認してください。', 'Check the edition name.'),
  }),
  badEditionName: entry<{ id: string }>({
    code: 'USAGE',
    message: (p) => m(`版の名前「${p.id}」は使えません`, `"${p.id}" is not a valid edition name`),
    hint: () => m('半角英小文字・数字・ハイフンで名付けてください（例: r4）。', 'Use lower-case letters, digits and hyphens (e.g. r4).'),
  }),
  sameEdition: entry<Record<string, never>>({
    code: 'USAGE',
    message: () => m('新しい版と元の版が同じです', 'The new edition and --from are the same'),
  }),
  editionExists: entry<{ id: string; dir: string }>({
    code: 'USAGE',
    message: (p) => m(`版「${p.id}」は既にあります（${p.dir}）`, `Edition "${p.id}" already exists (${p.dir})`),
    hint: () => m('別の名前を付けるか、既存のフォルダを確認してください。上書きはしません。', 'Choose another name or look at the existing folder; it is never overwritten.'),
  }),

  // ---- data
  dataInvalid: entry<{ edition: string; problems: number; files: number }>({
    code: 'DATA_INVALID',
    message: (p) => m(`版 ${p.edition}: ${p.files} ファイルに ${p.problems} 件の問題があります`, `edition ${p.edition}: ${p.problems} problem(s) in ${p.files} file(s)`),
    hint: () => m('各行の場所（ファイル:行:列）を開いて直し、もう一度実行してください。', 'Open each location (file:line:col), fix it, and run again.'),
  }),
  notFinal: entry<{ edition: string; problems: number }>({
    code: 'DATA_INVALID',
    message: (p) => m(`版 ${p.edition} はまだ確定版にできません（未確定の箇所 ${p.problems} 件）`, `edition ${p.edition} is not final yet (${p.problems} unconfirmed place(s))`),
    hint: () =>
      m(
        '（要確認）・（詳細は確定後に記載）を確定した内容に書き換え、status: final にしてから --final で作ってください。--final なしなら案として作れます。',
        'Replace each placeholder with the confirmed text and set status: final, then build with --final. Without --final it builds as a draft.',
      ),
  }),
  diffDataInvalid: entry<{ problems: number; files: number }>({
    code: 'DATA_INVALID',
    message: (p) => m(`新旧対照表: ${p.files} ファイルに ${p.problems} 件の問題があります`, `diff: ${p.problems} problem(s) in ${p.files} file(s)`),
    hint: () =>
      m('両方の版がデータの検査を通る必要があります。各行の場所を直して、もう一度実行してください。', 'Both sides must pass validation. Fix each location and run again.'),
  }),
  newEditionSourceInvalid: entry<{ from: string; id: string; problems: number }>({
    code: 'DATA_INVALID',
    message: (p) =>
      m(`元の版 ${p.from} に問題があり、data/${p.id} は作っていません（${p.problems} 件）`, `data/${p.id} was not created: source ${p.from} has ${p.problems} problem(s)`),
    hint: (p) => m(`先に ${p.from} の各箇所を直して、もう一度実行してください。`, `Fix each location of ${p.from} first, then run new-edition again.`),
  }),

  // ---- the 新旧対照表 and git
  badSide: entry<{ spec: string }>({
    code: 'USAGE',
    message: (p) => m(`「${p.spec}」は版の指定として読めません`, `Cannot read "${p.spec}" as an edition`),
    hint: () =>
      m(
        '版（r3）か、git のリビジョンと版（v1.0:r3、HEAD~1:r3）で指定してください。版の名前は半角英小文字・数字・ハイフンだけで、パス（../ や /）は書けません。',
        'Name an edition (r3) or a git revision and an edition (v1.0:r3, HEAD~1:r3). An edition name is lower-case letters, digits and hyphens, never a path (../ or /).',
      ),
  }),
  noGit: entry<Record<string, never>>({
    code: 'USAGE',
    message: () => m('git が見つかりません（リビジョンの版を読むのに必要です）', 'git is not installed (needed to read an edition at a revision)'),
    hint: () => m('git をインストールするか、作業ツリーの版どうしを比べてください。', 'Install git, or compare editions of the working tree.'),
  }),
  notARepository: entry<{ dir: string }>({
    code: 'USAGE',
    message: (p) => m(`${p.dir} は git リポジトリではありません`, `${p.dir} is not a git repository`),
    hint: () => m('リビジョンの版（v1.0:r3）は git で管理されたプロジェクトでだけ使えます。', 'Editions at a revision (v1.0:r3) need a project kept in git.'),
  }),
  gitFailed: entry<{ command: string; text: string }>({
    code: 'USAGE',
    message: (p) => m(`git が処理できませんでした（${p.command}）: ${p.text}`, `git could not do it (${p.command}): ${p.text}`),
    hint: () => m('リビジョンと版の指定（v1.0:r3 の形）を確認してください。', 'Check the revision and the edition (written as v1.0:r3).'),
  }),
  unknownRevision: entry<{ rev: string }>({
    code: 'EDITION_NOT_FOUND',
    message: (p) => m(`git のリビジョン「${p.rev}」が見つかりません`, `No git revision "${p.rev}"`),
    hint: () => m('タグ・ブランチ・コミットの名前を確認してください（git tag、git log --oneline）。', 'Check the tag, branch or commit name (git tag, git log --oneline).'),
  }),
  noEditionAtRevision: entry<{ rev: string; id: string; available: readonly string[] }>({
    code: 'EDITION_NOT_FOUND',
    message: (p) =>
      m(
        `リビジョン ${p.rev} に版「${p.id}」はありません（あるもの: ${list(p.available, 'なし')}）`,
        `Revision ${p.rev} has no edition "${p.id}" (available: ${list(p.available, 'none')})`,
      ),
    hint: () => m('版の名前とリビジョンを確認してください。', 'Check the edition name and the revision.'),
  }),

  // ---- templates and theme
  templateUnreadable: entry<{ file: string }>({
    code: 'TEMPLATE',
    message: (p) => m(`テンプレート ${p.file} を読めません`, `Cannot read template ${p.file}`),
    hint: () => m('templates/ を復元してください（git checkout templates）。', 'Restore templates/ (git checkout templates).'),
  }),
  templateMissingField: entry<{ at: string; field: string }>({
    code: 'TEMPLATE',
    message: (p) => m(`${p.at}  テンプレートが存在しない項目「${p.field}」を参照しています`, `${p.at}  the template names a field "${p.field}" that the data does not have`),
    hint: () => m('テンプレートの項目名を直すか、スキーマとデータに項目を追加してください。', 'Fix the field name in the template, or add the field to the schema and the data.'),
  }),
  templateFailed: entry<{ file: string; text: string }>({
    code: 'TEMPLATE',
    message: (p) => m(`${p.file}: ${p.text}`, `${p.file}: ${p.text}`),
  }),
  slideCountMismatch: entry<{ expected: number; got: number }>({
    code: 'TEMPLATE',
    message: (p) => m(`スライド数が一致しません（期待 ${p.expected}、実際 ${p.got}）`, `Slide count mismatch (expected ${p.expected}, got ${p.got})`),
    hint: () => m('テンプレートが区切り（---）を出していないか確認してください。', 'Check that no template writes a slide separator (---).'),
  }),
  themeMissing: entry<{ file: string }>({
    code: 'THEME_MISSING',
    message: (p) => m(`テーマ ${p.file} がありません`, `Theme ${p.file} is missing`),
    hint: () => m('templates/themes/kyoso.css を復元してください（git checkout templates/themes）。', 'Restore templates/themes/kyoso.css (git checkout templates/themes).'),
  }),

  themeToken: entry<{ file: string; selector: string; property: string }>({
    code: 'THEME_MISSING',
    message: (p) =>
      m(
        `テーマ ${p.file} に PowerPoint 用の値がありません: ${p.selector} { ${p.property} }`,
        `Theme ${p.file} lacks a value the PowerPoint file needs: ${p.selector} { ${p.property} }`,
      ),
    hint: () =>
      m(
        'テーマのクラス名や値を変えた場合は、src/outputs/pptx/ の同じ名前も合わせてください（PPTX はテーマの値で組まれます）。',
        'If a class or value of the theme was renamed, rename it in src/outputs/pptx/ too (the PPTX is laid out from the theme values).',
      ),
  }),

  // ---- the browser
  browserNotFound: entry<{ reason: Message }>({
    code: 'BROWSER_NOT_FOUND',
    message: (p) => p.reason,
    hint: () =>
      m(
        'PDF/PNG を出力するには Chromium 系ブラウザが必要です。次のいずれかを行ってください:\n' +
          '  - 環境変数 CHROME_PATH に Chrome/Chromium/Edge の実行ファイルを指定する\n' +
          '  - apt-get install chromium（Debian/Ubuntu）などでブラウザをインストールする\n' +
          '  - npm install @sparticuz/chromium（Linux x64 用の同梱ブラウザ）',
        'A Chromium-based browser is needed to print PDF/PNG. Either set CHROME_PATH to a Chrome/Chromium/Edge executable, install one (e.g. `apt-get install chromium`), or `npm install @sparticuz/chromium` (bundled Linux x64 build).',
      ),
  }),
  browserFailed: entry<{ fault: 'crash' | 'timeout' | 'launch'; attempts: number; seconds: number }>({
    code: 'BROWSER_FAILED',
    message: (p) => {
      const tries = m(`（${p.attempts} 回試行）`, ` (tried ${p.attempts} time${p.attempts === 1 ? '' : 's'})`);
      if (p.fault === 'timeout')
        return m(`ブラウザの処理が ${p.seconds} 秒以内に終わりませんでした${tries.ja}`, `The browser did not finish a page within ${p.seconds} s${tries.en}`);
      if (p.fault === 'launch') return m(`ブラウザを起動できませんでした${tries.ja}`, `The browser could not be started${tries.en}`);
      return m(`ブラウザが処理の途中で終了しました${tries.ja}`, `The browser crashed or disconnected during the build${tries.en}`);
    },
    hint: () =>
      m(
        '一時的な問題なら再実行で直ります。繰り返す場合は --debug で原因を確認し、空きメモリを増やすか、CHROME_PATH で別のブラウザを指定してください。出力フォルダは変更していません。',
        'Run again if it was transient. If it repeats, see the cause with --debug, free some memory, or point CHROME_PATH at another browser. The output folder was not changed.',
      ),
  }),
  tocUnsettled: entry<{ name: string; passes: number }>({
    code: 'BROWSER_FAILED',
    message: (p) => m(`${p.name}: 目次のページ番号が ${p.passes} 回の印刷で定まりません`, `${p.name}: the TOC page numbers did not settle after ${p.passes} prints`),
    hint: () => m('目次の長さが印刷ごとに変わっています。テンプレートを確認してください。', 'The TOC changes length between prints; check the template.'),
  }),
  interrupted: entry<Record<string, never>>({
    code: 'INTERRUPTED',
    message: () => m('中断の指示を受けたため、ビルドを止めました。出力フォルダは変更していません', 'The build was stopped on request; the output folder was not changed'),
    hint: () => m('もう一度実行すると最初から作り直します。', 'Run the command again to rebuild from the start.'),
  }),
  signal: entry<{ signal: string }>({
    code: 'INTERRUPTED',
    message: (p) => m(`${p.signal} で中断`, `interrupted by ${p.signal}`),
  }),

  // ---- layout
  overflow: entry<{
    edition: string;
    slides: ReadonlyArray<{ slide: number; heading: string; x: number; y: number; source: string; overlap?: readonly [string, string] }>;
  }>({
    code: 'OVERFLOW',
    message: (p) =>
      m(
        `版 ${p.edition}: 内容がスライドに収まりません（文字を最小の大きさにしても）\n  ${p.slides
          .map((o) =>
            o.overlap
              ? `スライド ${o.slide}「${o.heading}」: 文字が重なっています（「${o.overlap[0]}」と「${o.overlap[1]}」、データ: ${o.source || '不明'}）`
              : `スライド ${o.slide}「${o.heading}」: 縦 ${o.y}px・横 ${o.x}px はみ出し（データ: ${o.source || '不明'}）`,
          )
          .join('\n  ')}`,
        `edition ${p.edition}: content does not fit, even with text at its minimum size\n  ${p.slides
          .map((o) =>
            o.overlap
              ? `slide ${o.slide} "${o.heading}": text drawn over other text ("${o.overlap[0]}" and "${o.overlap[1]}", data: ${o.source || 'unknown'})`
              : `slide ${o.slide} "${o.heading}": overflows by ${o.y}px vertically, ${o.x}px horizontally (data: ${o.source || 'unknown'})`,
          )
          .join('\n  ')}`,
      ),
    hint: () =>
      m(
        '該当するデータの文章を短くするか項目を減らしてください。確認のためだけに出力したい場合は --allow-overflow を付けます。',
        'Shorten the text or reduce the items in that data, or pass --allow-overflow to build anyway for review.',
      ),
  }),
  guidelineOverflow: entry<{ name: string; file: string; faults: ReadonlyArray<{ chapter: string; data: string; what: 'wide' | 'small'; text: string; amount: number }> }>({
    code: 'OVERFLOW',
    message: (p) =>
      m(
        `公募要領 ${p.name}: 内容がページに収まりません\n  ${p.faults
          .map((o) =>
            o.what === 'wide'
              ? `${o.chapter}: ページの幅を ${o.amount}mm 超えています「${o.text}」（データ: ${o.data}）`
              : `${o.chapter}: 文字が小さすぎます（${o.amount}pt）「${o.text}」（データ: ${o.data}）`,
          )
          .join('\n  ')}`,
        `guideline ${p.name}: content does not fit the page\n  ${p.faults
          .map((o) =>
            o.what === 'wide'
              ? `${o.chapter}: ${o.amount} mm wider than the page "${o.text}" (data: ${o.data})`
              : `${o.chapter}: text too small (${o.amount} pt) "${o.text}" (data: ${o.data})`,
          )
          .join('\n  ')}`,
      ),
    hint: (p) =>
      m(
        `${p.file} の該当する文章を折り返せる形にしてください（長いコードブロックや区切りのない長い語は改行を入れるか短くします）。Chromium はページより幅の広い内容があると文書全体を縮小して印刷するため、ビルドを止めています。`,
        `Make that text in ${p.file} wrap (break a long code line or an unbroken token). Chromium shrinks the whole document when anything is wider than the page, so the build stops instead.`,
      ),
  }),
  textBelowFloor: entry<{ slides: ReadonlyArray<{ slide: number; text: string; size: number; floor: number }> }>({
    code: 'TEMPLATE',
    message: (p) =>
      m(
        `テーマの文字が最小の大きさより小さくなっています\n  ${p.slides.map((o) => `スライド ${o.slide}: 「${o.text}」 ${o.size}px（最小 ${o.floor}px）`).join('\n  ')}`,
        `The theme sets text below its minimum size\n  ${p.slides.map((o) => `slide ${o.slide}: "${o.text}" ${o.size}px (minimum ${o.floor}px)`).join('\n  ')}`,
      ),
    hint: () =>
      m(
        'templates/themes/kyoso.css の font-size は「最小値 + 余裕 × --k」で書きます（--body / --small が最小値）。',
        'Write font sizes in templates/themes/kyoso.css as floor + headroom × --k (--body / --small are the floors).',
      ),
  }),

  pptxOverflow: entry<{ edition: string; boxes: ReadonlyArray<{ slide: number; heading: string; what: Message; need: number; room: number; source: string }> }>({
    code: 'OVERFLOW',
    message: (p) =>
      m(
        `版 ${p.edition}: PowerPoint の枠に文字が収まりません\n  ${p.boxes.map((b) => `スライド ${b.slide}「${b.heading}」: ${b.what.ja}（必要 ${b.need}px・枠 ${b.room}px）（データ: ${b.source || '不明'}）`).join('\n  ')}`,
        `edition ${p.edition}: text does not fit its PowerPoint box\n  ${p.boxes.map((b) => `slide ${b.slide} "${b.heading}": ${b.what.en} (needs ${b.need}px, room ${b.room}px) (data: ${b.source || 'unknown'})`).join('\n  ')}`,
      ),
    hint: () =>
      m(
        '該当するデータの文章を短くするか項目を減らしてください。確認のためだけに出力したい場合は --allow-overflow を付けます。',
        'Shorten the text or reduce the items in that data, or pass --allow-overflow to build anyway for review.',
      ),
  }),

  // ---- output/ (publish, recovery, the lock) and release: error-catalogue-output.ts
  ...OUTPUT_ERRORS,
} as const;

export type ErrorId = keyof typeof ERRORS;
export type ErrorParams<K extends ErrorId> = Parameters<(typeof ERRORS)[K]['message']>[0];
