/** The words of the cross-file rules (schema/cross): ids, references, what must agree between files. */
import { formatPath, type PathSegment } from '../datapath.ts';
import { isDateRange, type DateOrRange } from '../dates.ts';
import type { FuzzyDate, Message } from '../values.ts';
import { entry, m } from './entry.ts';

/** English for the Japanese nouns the rules name (the Japanese stays the source text). */
const NOUN_EN: Record<string, string> = {
  注記: 'note',
  注記ID: 'note id',
  実施タイプ: 'implementation type',
  実施タイプID: 'implementation type id',
  領域: 'area',
  領域ID: 'area id',
  プログラム: 'programme',
  プログラムID: 'programme id',
  分野: 'field',
  分野ID: 'field id',
  公募: 'call',
  スケジュールを持つ公募: 'call with a schedule of its own',
  '分野の概要（overview）を持つ公募': 'call with a field overview',
  '名簿（roster*.yaml）の公募': 'roster of call',
  脚注: 'footnote',
  注番号: 'footnote mark',
  ビジョン: 'vision',
  ビジョンID: 'vision id',
  人物ID: 'person id',
  拠点ID: 'site id',
  節目ID: 'milestone id',
  様式ID: 'form id',
  共通パーツ: 'shared part',
  節: 'section',
  欄ID: 'field id',
  代表機関: 'representative institution',
  '公募の結果（results.yaml）': 'call result (results.yaml)',
};

/** `COIの実施タイプ` → `implementation type of COI`, `公募「kyoso」の実施タイプ` → `implementation type of call "kyoso"`. */
export function nounEn(ja: string): string {
  const direct = NOUN_EN[ja];
  if (direct) return direct;
  const of = /^(.*)の([^の]+)$/u.exec(ja);
  if (of) return `${nounEn(of[2] ?? '')} of ${(of[1] ?? '').replace(/^公募「(.+)」$/u, 'call "$1"')}`;
  return ja;
}

/** A noun as a message names it: the Japanese, and its English from NOUN_EN. */
const noun = (ja: string): Message => m(ja, nounEn(ja));
const known = (xs: Iterable<string>): Message => {
  const list = [...xs].join(', ');
  return m(list || '(なし)', list || '(none)');
};

/** A date as the data writes it (ISO and its part), so a message points at what to correct. */
const fmtDate = (d: FuzzyDate) => `${d.date}${d.part ?? ''}${d.time ? ` ${d.time}` : ''}${d.suffix ?? ''}`;
const fmtWhen = (d: DateOrRange) => (isDateRange(d) ? `${fmtDate(d.from)}～${fmtDate(d.to)}` : fmtDate(d));

/** A milestone of a schedule, as a message names it. */
interface MilestoneFacts {
  id: string;
  label: string;
  when: DateOrRange;
}

/** A call type, as a message names it: its display name (本格型（政策重点分野） when two share a name), its id. */
interface TypeFacts {
  name: string;
  id: string;
}

/** The documents of which a call has at most one. */
const PER_CALL: Record<'roster' | 'guideline', Message> = { roster: m('名簿', 'roster'), guideline: m('公募要領', 'guideline') };

export const CROSS_ISSUES = {
  // ---- files and ids
  missingFile: entry<{ file: string }>({
    code: 'MISSING_FILE',
    message: (p) => m(`${p.file} がありません`, `${p.file} is missing`),
    hint: () => m('版のフォルダにファイルを作成してください', 'create the file in the edition folder'),
  }),
  duplicateId: entry<{ what: string; key: string; first: readonly PathSegment[] }>({
    code: 'DUPLICATE_ID',
    message: (p) =>
      m(`${noun(p.what).ja}「${p.key}」が重複しています（最初の出現: ${formatPath(p.first)}）`, `duplicate ${noun(p.what).en} "${p.key}" (first at ${formatPath(p.first)})`),
    hint: () => m('ID を一意にしてください', 'make the id unique'),
  }),
  duplicateCallId: entry<{ id: string; first: string }>({
    code: 'DUPLICATE_ID',
    message: (p) => m(`公募ID「${p.id}」が ${p.first} と重複しています`, `call id "${p.id}" duplicates ${p.first}`),
    hint: () => m('公募IDはファイル間で一意にしてください', 'call ids must be unique across files'),
  }),
  secondForCall: entry<{ document: keyof typeof PER_CALL; call: string; first: string }>({
    code: 'DUPLICATE_ID',
    message: (p) =>
      m(`公募「${p.call}」の${PER_CALL[p.document].ja}が ${p.first} と重複しています`, `a ${PER_CALL[p.document].en} for call "${p.call}" already exists in ${p.first}`),
  }),
  duplicateSite: entry<{ institution: string; id: string; first: number }>({
    code: 'DUPLICATE_ID',
    message: (p) => m(`拠点 ${p.institution} が sites[${p.first}] と重複しています`, `site ${p.id} duplicates sites[${p.first}]`),
    hint: () => m('地図スライドの二重ラベルは1件にまとめてください', 'the map slide prints labels twice; keep one'),
  }),
  duplicateSlide: entry<{ id: string; first: number }>({
    code: 'DUPLICATE_ID',
    message: (p) => m(`スライド「${p.id}」が slides[${p.first}] と重複しています`, `slide "${p.id}" duplicates slides[${p.first}]`),
    hint: () => m('同じ種類のスライドを2枚置くときは、それぞれに id を付けてください', 'give each of two slides of the same kind its own id'),
  }),

  // ---- references
  danglingRef: entry<{ what: string; key: string; known: Iterable<string> }>({
    code: 'DANGLING_REF',
    message: (p) => m(`${noun(p.what).ja}「${p.key}」が見つかりません`, `${noun(p.what).en} "${p.key}" does not resolve`),
    hint: (p) => {
      const list = known(p.known);
      return m(`既知の値: ${list.ja}`, `known: ${list.en}`);
    },
  }),
  budgetRefDangling: entry<{ what: 'call' | 'type'; key: string; call?: string; known: readonly string[] }>({
    code: 'DANGLING_REF',
    message: (p) =>
      p.what === 'call'
        ? m(`予算の行が参照する公募「${p.key}」がありません`, `the budget row's call "${p.key}" does not resolve`)
        : m(`予算の行が参照する公募「${p.call ?? ''}」の実施タイプ「${p.key}」がありません`, `the budget row's type "${p.key}" of call "${p.call ?? ''}" does not resolve`),
    // Only targets of the same kind in the same field: another type's reference would validate and print its amount.
    hint: (p) => {
      const list = known(p.known);
      return m(
        `既知の値（同じ分野・同じ種類のもの）: ${list.ja}。今年度その公募が無ければ、ref を消して金額と期間を programmes.yaml に直接書きます（例: money: { yen: 25000000, approx: 程度 } と period: { years: 2 }。まだ分からなければ money: 要確認）`,
        `known (same field and kind): ${list.en}. With no such call this year, remove ref and write the amount and period in programmes.yaml (money: { yen: 25000000, approx: 程度 }, period: { years: 2 }; money: 要確認 while not known)`,
      );
    },
  }),
  unknownValue: entry<{ name: string; known: readonly string[] }>({
    code: 'DANGLING_REF',
    message: (p) => m(`値「${p.name}」はこの公募にありません`, `value "${p.name}" does not exist for this call`),
    hint: (p) => m(`使える値: ${p.known.join(', ')}`, `values: ${p.known.join(', ')}`),
  }),
  unknownRef: entry<{ id: string; call: string; known: readonly string[] }>({
    code: 'DANGLING_REF',
    message: (p) => m(`参照先「${p.id}」は公募「${p.call}」の公募要領にありません`, `reference "${p.id}" names no chapter or section of the guideline of call "${p.call}"`),
    hint: (p) => m(`章・節の id: ${p.known.join(', ')}`, `chapter and section ids: ${p.known.join(', ')}`),
  }),
  figureMissing: entry<{ file: string; folder: string }>({
    code: 'MISSING_FILE',
    message: (p) => m(`図のファイル「${p.file}」が ${p.folder} にありません`, `the figure file "${p.file}" is not in ${p.folder}`),
    hint: (p) => m(`${p.folder}/${p.file} に SVG か PNG を置くか、figure のパスを直してください`, `put an SVG or PNG at ${p.folder}/${p.file}, or correct the figure's path`),
  }),
  figureUnreadable: entry<{ file: string; type: string }>({
    code: 'FIGURE_UNREADABLE',
    message: (p) => m(`図のファイル「${p.file}」は ${p.type} の画像として読めません`, `the figure file "${p.file}" cannot be read as ${p.type}`),
    hint: (p) =>
      m(
        `画像ソフトで ${p.type} として保存し直してください（拡張子だけを変えたファイルは使えません）`,
        `save it again as ${p.type} from an image editor (a file whose name alone was changed will not do)`,
      ),
  }),
  blockNeedsOverview: entry<{ block: string; call: string }>({
    code: 'DANGLING_REF',
    message: (p) => m(`ブロック「${p.block}」には公募「${p.call}」の分野の概要（overview）が必要です`, `block "${p.block}" needs the field overview of call "${p.call}"`),
    hint: (p) => m(`calls/${p.call}.yaml に overview を書くか、このブロックを削除してください`, `add overview to calls/${p.call}.yaml or remove the block`),
  }),
  blockNeedsRoster: entry<{ block: string; call: string }>({
    code: 'DANGLING_REF',
    message: (p) => m(`ブロック「${p.block}」には公募「${p.call}」の名簿（roster*.yaml）が必要です`, `block "${p.block}" needs a roster of call "${p.call}"`),
    hint: (p) => m(`call: ${p.call} の名簿を置くか、このブロックを削除してください`, `add a roster with call: ${p.call} or remove the block`),
  }),
  blockNeedsResults: entry<{ block: string; call: string; field: string }>({
    code: 'DANGLING_REF',
    message: (p) =>
      m(
        `ブロック「${p.block}」には分野「${p.field}」の公募の結果（results.yaml）が必要です`,
        `block "${p.block}" needs a result of field "${p.field}" in results.yaml (call "${p.call}")`,
      ),
    hint: (p) => m(`results.yaml に field: ${p.field} の結果を書くか、このブロックを削除してください`, `add a result with field: ${p.field} to results.yaml or remove the block`),
  }),
  unknownTerm: entry<{ name: string; names: readonly string[] }>({
    code: 'UNKNOWN_TERM',
    message: (p) => m(`用語「${p.name}」は edition.yaml の labels にありません`, `term "${p.name}" is not a label of edition.yaml`),
    hint: (p) => m(`使える名前: ${p.names.join(', ')}`, `names: ${p.names.join(', ')}`),
  }),

  templateSyntax: entry<{ written: string; why: 'malformed' | 'value' | 'label' }>({
    code: 'UNKNOWN_TERM',
    message: (p) =>
      p.why === 'value'
        ? m(
            `「${p.written}」はここでは値になりません（{{value:…}} は公募要領の本文・題と様式だけで使えます）`,
            `"${p.written}" is not replaced here ({{value:…}} works only in guideline prose and titles, and in forms)`,
          )
        : p.why === 'label'
          ? m(`「${p.written}」は labels の中では置き換わりません`, `"${p.written}" is not replaced inside labels`)
          : m(
              `「${p.written}」は {{term:名前}} でも {{value:名前}} でもありません（そのまま資料に出てしまいます）`,
              `"${p.written}" is neither {{term:name}} nor {{value:name}} (it would be printed as written)`,
            ),
    hint: () => m('{{term:funding}} のように書くか、波かっこを使わずに書いてください。', 'Write it as {{term:funding}}, or write the text without double braces.'),
  }),

  // ---- what a field must have
  untitledSection: entry<{ titledBlocks: readonly string[] }>({
    code: 'MISSING_FIELD',
    message: () => m('節の題（title）がありません', 'the section has no title'),
    hint: (p) =>
      m(`title を書くか、題を持つブロック（${p.titledBlocks.join(', ')}）を最初に置いてください`, `add a title, or start with a titled block (${p.titledBlocks.join(', ')})`),
  }),
  noComposition: entry<{ type: TypeFacts }>({
    code: 'MISSING_FIELD',
    message: (p) => m(`${p.type.name}の実施機関の構成要件がありません`, `type "${p.type.id}" has no composition requirement`),
    hint: () => m('table.composition（全タイプ共通）か、このタイプの composition を書いてください', 'add table.composition (for every type) or this type’s composition'),
  }),

  // ---- amounts, counts and dates that must agree
  budgetAboveUpper: entry<{ type: TypeFacts; yen: number; upper: TypeFacts; upperYen: number }>({
    code: 'AMOUNT_INCONSISTENT',
    message: (p) =>
      m(`${p.type.name}の金額（${p.yen}円）が${p.upper.name}の上限（${p.upperYen}円）を超えています`, `${p.type.id} budget ${p.yen} exceeds ${p.upper.id} maximum ${p.upperYen}`),
    hint: () => m('金額（円）の桁を確認してください', 'check the amount in yen'),
  }),
  tableMoneyDiffers: entry<{ call: string; type: TypeFacts }>({
    code: 'AMOUNT_INCONSISTENT',
    message: (p) => m(`概要表の金額が公募「${p.call}」の${p.type.name}と一致しません`, `table amount differs from call ${p.call} type ${p.type.id}`),
    hint: () => m('money を削除して ref だけにしてください（単一の情報源）', 'drop money and keep ref (single source of truth)'),
  }),
  tablePeriodDiffers: entry<{ call: string; type: TypeFacts }>({
    code: 'AMOUNT_INCONSISTENT',
    message: (p) => m(`概要表の期間が公募「${p.call}」の${p.type.name}と一致しません`, `table period differs from call ${p.call} type ${p.type.id}`),
    hint: () => m('period を削除して ref だけにしてください', 'drop period and keep ref'),
  }),
  siteCountDiffers: entry<{ programme: string; count: number; listed: number; sitesFile: string }>({
    code: 'COUNT_MISMATCH',
    message: (p) => m(`${p.programme}の拠点数 ${p.count} と拠点一覧の ${p.listed} 件が一致しません`, `${p.programme} site count ${p.count} differs from ${p.listed} sites listed`),
    hint: (p) => m(`${p.sitesFile} を確認してください`, `check ${p.sitesFile}`),
  }),
  adoptedCountDiffers: entry<{ field: { name: string; id: string }; count: number; listed: number; sitesFile: string }>({
    code: 'COUNT_MISMATCH',
    message: (p) =>
      m(`${p.field.name}の既採択数 ${p.count} と拠点一覧の ${p.listed} 件が一致しません`, `${p.field.id} adopted count ${p.count} differs from ${p.listed} sites listed`),
    hint: (p) => m(`${p.sitesFile} を確認してください`, `check ${p.sitesFile}`),
  }),
  resultCountDiffers: entry<{ result: { title: string; id: string }; row: { name: string; id: string }; count: number; listed: number }>({
    code: 'COUNT_MISMATCH',
    message: (p) =>
      m(
        `${p.result.title}（${p.row.name}）の採択件数 ${p.count} と、一覧のプロジェクト ${p.listed} 件が一致しません`,
        `adopted count ${p.count} of ${p.result.id} (${p.row.id}) differs from ${p.listed} projects listed`,
      ),
    hint: () => m('採択件数か、採択されたプロジェクトの一覧（projects）を直してください', 'correct the adopted count or the list of projects'),
  }),
  resultSiteDiffers: entry<{ what: string; written: string; site: string; listed: string; sitesFile: string }>({
    code: 'SITE_MISMATCH',
    message: (p) =>
      m(`${p.what}「${p.written}」が、拠点一覧の拠点「${p.site}」の「${p.listed}」と違います`, `${nounEn(p.what)} "${p.written}" differs from "${p.listed}" of site "${p.site}"`),
    hint: (p) =>
      m(`この結果か ${p.sitesFile} のどちらかを直してください（別の拠点なら site を直すか消す）`, `correct this result or ${p.sitesFile} (another site: correct or remove site)`),
  }),
  rowCells: entry<{ cells: number; head: number }>({
    code: 'COUNT_MISMATCH',
    message: (p) => m(`行のセル数 ${p.cells} が列見出しの数 ${p.head} と違います`, `row has ${p.cells} cells, the head ${p.head}`),
    hint: () => m('各行に列見出しと同じ数のセルを書いてください', 'give each row as many cells as the head'),
  }),
  scheduleOrder: entry<{ milestone: MilestoneFacts; previous: MilestoneFacts }>({
    code: 'SCHEDULE_ORDER',
    message: ({ milestone: b, previous: a }) =>
      m(`「${b.label}」(${fmtWhen(b.when)}) が前の「${a.label}」(${fmtWhen(a.when)}) より前です`, `"${b.id}" (${fmtWhen(b.when)}) is before "${a.id}" (${fmtWhen(a.when)})`),
    hint: () =>
      m('節目は時系列順に並べてください（期間は始まりの順。重なるのはかまいません）', 'list milestones in chronological order (periods by their start; overlapping is fine)'),
  }),
  farFromFiscalYear: entry<{ milestone: MilestoneFacts; fiscalYear: number }>({
    code: 'FISCAL_YEAR_MISMATCH',
    message: ({ milestone: x, fiscalYear }) =>
      m(
        `「${x.label}」(${fmtWhen(x.when)}) が版の年度 ${fiscalYear} から1年以上離れています`,
        `"${x.id}" (${fmtWhen(x.when)}) is more than a year away from fiscal year ${fiscalYear}`,
      ),
    hint: () => m('年（西暦）の誤記を確認してください', 'check the year'),
  }),
  rosterAfterEdition: entry<{ asOf: FuzzyDate; date: FuzzyDate }>({
    code: 'DATE_AFTER_EDITION',
    message: (p) => m(`名簿の時点 ${fmtDate(p.asOf)} が資料の日付 ${fmtDate(p.date)} より後です`, `roster date ${fmtDate(p.asOf)} is after the edition date ${fmtDate(p.date)}`),
    hint: () => m('時点または edition.yaml の date を確認してください', 'check asOf or the edition date'),
  }),
} as const;
