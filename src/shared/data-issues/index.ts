/**
 * The catalogue of data problems, beside the error catalogue (error-catalogue.ts holds what
 * stops a command; this holds what is wrong in a data file, many reported at once, each at its
 * `file:line:col`). For each: the permanent code it is printed under (`[DANGLING_REF]`), what is
 * wrong and what to do, in Japanese and English, as functions of the facts. A check names an
 * entry and passes its facts — `issue('danglingRef', { what: '公募', key, known })` — and writes
 * no words of its own. Longer than the usual file because it is every data message.
 */
import { isDateRange, type DateOrRange } from '../dates.ts';
import { formatPath, type PathSegment } from '../datapath.ts';
import type { FuzzyDate, Message } from '../values.ts';

const m = (ja: string, en: string): Message => ({ ja, en });

/**
 * Permanent codes of data problems (printed `[CODE]`, named in tests and by staff). Never rename.
 * Problems a schema words itself (a character to avoid, a Markdown rule) pass their own code.
 */
export type DataIssueCode =
  // between files and fields (schema/cross)
  | 'DUPLICATE_ID'
  | 'DANGLING_REF'
  | 'SCHEDULE_ORDER'
  | 'AMOUNT_INCONSISTENT'
  | 'DATE_AFTER_EDITION'
  | 'FISCAL_YEAR_MISMATCH'
  | 'COUNT_MISMATCH'
  | 'MISSING_FILE'
  | 'MISSING_FIELD'
  | 'UNKNOWN_TERM'
  // one file against its schema (stages/validate)
  | 'UNKNOWN_KEY'
  | 'SCHEMA_INVALID_TYPE'
  | 'SCHEMA_INVALID_VALUE'
  | 'OLD_TERM'
  | 'PLACEHOLDER'
  | 'NOT_FINAL'
  // Japanese text (stages/validate/text): the rule's id, which `# textlint-allow:` names
  | 'edition-width'
  | 'punctuation'
  | 'date-weekday'
  | 'prh'
  | 'no-nfd'
  | 'no-doubled-joshi'
  | 'sentence-length'
  | 'ja-unnatural-alphabet'
  | 'ja-no-mixed-period'
  | 'list-period'
  | 'textlint-allow'
  | 'TERMS_INVALID';

/** One entry: the code and the words, as functions of the facts. */
export interface DataIssueEntry<P> {
  /** The code, or (for what a schema reports under zod's own code) the code the facts carry. */
  code: DataIssueCode | ((p: P) => string);
  message: (p: P) => Message;
  /** What to do; undefined when the facts leave nothing to say. */
  hint?: (p: P) => Message | undefined;
}

const entry = <P>(e: DataIssueEntry<P>): DataIssueEntry<P> => e;

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

/** What a value is, in the words of someone editing YAML (zod's own Japanese prints the JavaScript type names). */
const KIND_WORDS: Record<string, Message> = {
  string: m('文字列', 'text'),
  number: m('数値', 'a number'),
  int: m('整数', 'a whole number'),
  boolean: m('true か false', 'true or false'),
  array: m('リスト（「- 」で始まる行）', 'a list (lines starting with "- ")'),
  object: m('項目の組（「キー: 値」の行）', 'a mapping ("key: value" lines)'),
  null: m('空欄', 'nothing'),
  undefined: m('空欄', 'nothing'),
};
const kindWords = (kind: string): Message => KIND_WORDS[kind] ?? m(kind, kind);

/**
 * The example of a schema description (`金額（円・正の整数）。例: 25000000` → `25000000`): the
 * descriptions are Japanese (they are the staff's documentation), so an English hint shows the
 * example alone rather than Japanese prose.
 */
function exampleOf(doc: string | undefined): string | undefined {
  const found = doc ? /例[:：]\s*(.+)$/su.exec(doc) : null;
  return found?.[1]?.trim();
}

/** The hint of a value that breaks its field's rule: the field's description, its example in English. */
function fieldHint(doc: string): Message {
  const example = exampleOf(doc);
  return m(`この項目: ${doc}`, example ? `For example: ${example}` : 'See the field description in the schema (schema/*.schema.json).');
}

type Width = 'half' | 'full';
const WIDTH_WORD: Record<Width, Message> = { half: m('半角', 'half-width'), full: m('全角', 'full-width') };
const WIDTH_KIND: Record<'digits' | 'latin', Message> = { digits: m('数字', 'Digits'), latin: m('英字', 'Latin letters') };
const WEEKDAYS_JA = '日月火水木金土';
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const DATA_ISSUES = {
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
  unknownValue: entry<{ name: string; known: readonly string[] }>({
    code: 'DANGLING_REF',
    message: (p) => m(`値「${p.name}」はこの公募にありません`, `value "${p.name}" does not exist for this call`),
    hint: (p) => m(`使える値: ${p.known.join(', ')}`, `values: ${p.known.join(', ')}`),
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
  unknownTerm: entry<{ name: string; names: readonly string[] }>({
    code: 'UNKNOWN_TERM',
    message: (p) => m(`用語「${p.name}」は edition.yaml の labels にありません`, `term "${p.name}" is not a label of edition.yaml`),
    hint: (p) => m(`使える名前: ${p.names.join(', ')}`, `names: ${p.names.join(', ')}`),
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

  // ---- one file against its schema
  unknownKey: entry<{ key: string; guess: string | undefined; known: readonly string[] }>({
    code: 'UNKNOWN_KEY',
    message: (p) => m(`不明なキー「${p.key}」`, `Unknown key "${p.key}"`),
    hint: (p) =>
      p.guess ? m(`「${p.guess}」の書き間違いではありませんか？`, `Did you mean "${p.guess}"?`) : m(`使えるキー: ${p.known.join(', ')}`, `Allowed keys: ${p.known.join(', ')}`),
  }),
  missingField: entry<{ key: string; doc: string | undefined }>({
    code: 'MISSING_FIELD',
    message: (p) => m(`必須の項目「${p.key}」がありません`, `Required field "${p.key}" is missing`),
    hint: (p) => {
      const example = exampleOf(p.doc);
      return m(`「${p.key}:」を追加してください${p.doc ? `（${p.doc}）` : ''}。`, `Add "${p.key}:"${example ? ` (e.g. ${example})` : ''}.`);
    },
  }),
  wrongKind: entry<{ expected: string; found: string; doc: string | undefined }>({
    code: 'SCHEMA_INVALID_TYPE',
    message: (p) => {
      const [expected, found] = [kindWords(p.expected), kindWords(p.found)];
      return m(`${expected.ja}を書くところに${found.ja}が書かれています`, `expected ${expected.en}, found ${found.en}`);
    },
    hint: (p) => (p.doc ? fieldHint(p.doc) : undefined),
  }),
  notAllowedValue: entry<{ input: unknown; values: readonly string[]; guess: string | undefined; zodText: Message }>({
    code: 'SCHEMA_INVALID_VALUE',
    // zod's own text lists every value (47 prefectures); the hint already does that.
    message: (p) => (p.values.length > 8 ? m(`「${String(p.input)}」は使えない値です`, `"${String(p.input)}" is not an allowed value`) : p.zodText),
    hint: (p) =>
      p.guess
        ? m(`「${p.guess}」のつもりではありませんか？（使える値: ${p.values.join(', ')}）`, `Did you mean "${p.guess}"? (allowed: ${p.values.join(', ')})`)
        : m(`使える値: ${p.values.join(', ')}`, `Allowed values: ${p.values.join(', ')}`),
  }),
  /** Any other rule of a schema: its own words (zod's, or the schema's "日本語 / English"), the field's description as the hint. */
  schemaRule: entry<{ code: string; text: Message; doc: string | undefined; hint?: Message | undefined }>({
    code: (p) => p.code,
    message: (p) => p.text,
    hint: (p) => p.hint ?? (p.doc ? fieldHint(p.doc) : undefined),
  }),
  oldTerm: entry<{ old: string; now: string; label: string; previousEdition: string }>({
    code: 'OLD_TERM',
    message: (p) =>
      m(
        `「${p.old}」は前年度（${p.previousEdition}）の語です。今年度の labels.${p.label} は「${p.now}」`,
        `"${p.old}" is the word of the previous edition (${p.previousEdition}); labels.${p.label} is now "${p.now}"`,
      ),
    hint: (p) => {
      const name = p.label.endsWith('Term') ? p.label.slice(0, -'Term'.length) : p.label;
      return m(`{{term:${name}}} と書けば labels の語になります（意図して残すならこのままで構いません）`, `write {{term:${name}}} to print the label (or keep the word if meant)`);
    },
  }),
  placeholder: entry<{ text: string }>({
    code: 'PLACEHOLDER',
    message: (p) => m(`未確定の「${p.text}」が残っています`, `placeholder "${p.text}" is still in the text`),
    hint: () => m('確定した内容を書いてから --final で作ってください', 'write the confirmed text, then build with --final'),
  }),
  notFinal: entry<Record<string, never>>({
    code: 'NOT_FINAL',
    message: () => m('status が draft（案）のままです', 'status is still draft'),
    hint: () => m('内容が確定したら status: final にしてください', 'set status: final once the content is confirmed'),
  }),

  // ---- Japanese text (公用文), each under its rule's id
  widthMismatch: entry<{ kind: 'digits' | 'latin'; text: string; prefer: Width; fixed: string; half: number; full: number }>({
    code: 'edition-width',
    message: (p) => {
      const [what, width] = [WIDTH_KIND[p.kind], WIDTH_WORD[p.prefer]];
      return m(`${what.ja}「${p.text}」の幅がこの版の表記（${width.ja}）と違います`, `${what.en} "${p.text}" are not ${width.en} like the rest of this edition`);
    },
    hint: (p) => m(`「${p.fixed}」と書きます（この版: 半角 ${p.half}・全角 ${p.full}）`, `write "${p.fixed}" (this edition: ${p.half} half-width, ${p.full} full-width)`),
  }),
  periodAsFullStop: entry<{ mark: string }>({
    code: 'punctuation',
    message: (p) => m(`句点に「${p.mark}」が使われています`, `"${p.mark}" used as a Japanese full stop`),
    hint: () => m('句点は「。」を使います（公用文作成の考え方）', 'use 「。」 (公用文作成の考え方)'),
  }),
  asciiTilde: entry<Record<string, never>>({
    code: 'punctuation',
    message: () => m('範囲に半角の「~」が使われています', 'a range written with the ASCII "~"'),
    hint: () => m('範囲は「～」で示します（PDF からの貼り付けで「~」になりがちです）', 'write ranges with 「～」 (PDF copy-and-paste tends to yield "~")'),
  }),
  mixedComma: entry<{ other: string; comma: string }>({
    code: 'punctuation',
    message: (p) => m(`読点「${p.other}」がこの版の「${p.comma}」と混在しています`, `the comma 「${p.other}」 is mixed with this edition's 「${p.comma}」`),
    hint: (p) => m(`「${p.comma}」にそろえてください`, `use 「${p.comma}」 throughout`),
  }),
  noSuchDate: entry<{ year: number; month: number; day: number }>({
    code: 'date-weekday',
    message: (p) => m(`${p.year}年${p.month}月${p.day}日という日はありません`, `${p.year}-${p.month}-${p.day} does not exist`),
    hint: () => m('日付を確かめてください', 'check the date'),
  }),
  wrongWeekday: entry<{ year: number; month: number; day: number; weekday: number; written: string; assumedFiscalYear: number | undefined }>({
    code: 'date-weekday',
    message: (p) =>
      m(
        `${p.year}年${p.month}月${p.day}日は${WEEKDAYS_JA[p.weekday]}曜日です（「${p.written}」と書かれています）`,
        `${p.year}-${p.month}-${p.day} is a ${WEEKDAYS_EN[p.weekday]} (written 「${p.written}」)`,
      ),
    hint: (p) =>
      m(
        `曜日か日付を直してください${p.assumedFiscalYear !== undefined ? `（年のない日付は ${p.assumedFiscalYear}年度の日として確かめました）` : ''}`,
        `correct the weekday or the date${p.assumedFiscalYear !== undefined ? ` (a date without a year is taken as in fiscal year ${p.assumedFiscalYear})` : ''}`,
      ),
  }),
  preferredWord: entry<{ actual: string; expected: string; reason: string }>({
    code: 'prh',
    message: (p) => m(`「${p.actual}」は「${p.expected}」と書きます`, `write "${p.expected}", not "${p.actual}"`),
    // The reason is the dictionary's own (data/terms.yaml), in its one language.
    hint: (p) => (p.reason ? m(p.reason, p.reason) : undefined),
  }),
  doubledParticle: entry<{ particle: string }>({
    code: 'no-doubled-joshi',
    message: (p) => m(`一文に助詞「${p.particle}」が二回以上あります`, `the particle 「${p.particle}」 appears twice in one sentence`),
    hint: () => m('語順を入れ替えるか、文を分けてください', 'reorder the phrase or split the sentence'),
  }),
  longSentence: entry<{ length: string; max: string }>({
    code: 'sentence-length',
    message: (p) => m(`一文が長すぎます（${p.length}字、目安は${p.max}字まで）`, `sentence too long (${p.length} characters, aim for at most ${p.max})`),
    hint: () => m('二つ以上の文に分けてください', 'split it into two or more sentences'),
  }),
  strayLatin: entry<{ found: string }>({
    code: 'ja-unnatural-alphabet',
    message: (p) => m(`かな漢字の中に不自然な英字「${p.found}」があります`, `stray Latin letter "${p.found}" inside Japanese text`),
    hint: () => m('入力の誤りでないか確かめてください（変換し損ねた文字など）', 'check for a typing slip (a character the IME did not convert)'),
  }),
  noFinalPeriod: entry<Record<string, never>>({
    code: 'ja-no-mixed-period',
    message: () => m('文末に「。」がありません', 'the sentence does not end with 「。」'),
    hint: () => m('公募要領の本文の文は「。」で終えます', 'sentences of the guideline prose end with 「。」'),
  }),
  decomposedKana: entry<{ excerpt: string }>({
    code: 'no-nfd',
    message: (p) => m(`濁点・半濁点が分かれた文字（NFD）があります「${p.excerpt}」`, `a voiced-sound mark stored as a separate character (NFD) in "${p.excerpt}"`),
    hint: () => m('文字を打ち直してください（Mac のファイル名や PDF からの貼り付けで起こります）', 'retype the character (happens when pasting from macOS file names or PDFs)'),
  }),
  /** A textlint rule we have no words for: its own message's first line. */
  textRule: entry<{ rule: string; text: string }>({
    code: (p) => p.rule,
    message: (p) => m(p.text, p.text),
  }),
  listPeriod: entry<{ ending: number; bare: number; hasPeriod: boolean }>({
    code: 'list-period',
    message: (p) =>
      m(`同じ並びの項目で文末の「。」が不統一です（「。」あり ${p.ending}件・なし ${p.bare}件）`, `items of one list end differently (${p.ending} with 「。」, ${p.bare} without)`),
    hint: (p) =>
      p.hasPeriod
        ? m('ほかの項目に合わせて「。」を取るか、全部に付けてください', 'drop the 「。」 like the other items, or add it to all')
        : m('ほかの項目に合わせて「。」を付けるか、全部から取ってください', 'add 「。」 like the other items, or drop it from all'),
  }),
  allowUnused: entry<{ rules: readonly string[] }>({
    code: 'textlint-allow',
    message: (p) => m(`この「textlint-allow」で消える指摘がありません（${p.rules.join(', ')}）`, `this textlint-allow silences nothing (${p.rules.join(', ')})`),
    hint: () => m('文が直ったか動いたなら、コメントを削除してください', 'if the text was fixed or moved, delete the comment'),
  }),
  allowUnknownRule: entry<{ rule: string | undefined; known: readonly string[] }>({
    code: 'textlint-allow',
    message: (p) => m(`textlint-allow の規則「${p.rule}」はありません`, `textlint-allow names no known rule "${p.rule}"`),
    hint: (p) => m(`規則: ${p.known.join(', ')}`, `rules: ${p.known.join(', ')}`),
  }),
  allowWithoutReason: entry<Record<string, never>>({
    code: 'textlint-allow',
    message: () => m('textlint-allow に規則名か理由がありません', 'textlint-allow without a rule or a reason'),
    hint: () => m('「# textlint-allow: 規則名 — 理由」の形で書きます', 'write "# textlint-allow: <rule> — <reason>"'),
  }),
  termsMalformed: entry<{ text: string }>({
    code: 'TERMS_INVALID',
    message: (p) => m(`用語辞書の書き方が違います（${p.text}）`, `The term dictionary is malformed (${p.text})`),
    hint: () => m('prh の形式です: rules の各項目に expected と patterns（と理由の prh）を書きます', 'prh format: each rule has expected and patterns (and prh, the reason)'),
  }),
  termsRuleUnusable: entry<{ text: string }>({
    code: 'TERMS_INVALID',
    message: (p) => m(`用語辞書の規則が使えません（${p.text}）`, `A rule of the term dictionary cannot be used (${p.text})`),
    hint: () => m('patterns と specs（例: from を直すと to になる）を確かめてください', 'check patterns and specs (from must turn into to)'),
  }),
} as const;

export type DataIssueId = keyof typeof DATA_ISSUES;
export type DataIssueFacts<K extends DataIssueId> = Parameters<(typeof DATA_ISSUES)[K]['message']>[0];

/** A catalogue entry's words for some facts: what a located issue says, before it is placed. */
export interface IssueWords {
  /** The entry it came from. */
  id: DataIssueId;
  code: string;
  message: Message;
  hint?: Message;
}

/** The words of a data problem: `issue('danglingRef', { what: '公募', key, known })`. */
export function issue<K extends DataIssueId>(id: K, facts: DataIssueFacts<K>): IssueWords {
  const e = DATA_ISSUES[id] as DataIssueEntry<DataIssueFacts<K>>;
  const hint = e.hint?.(facts);
  const code = typeof e.code === 'function' ? e.code(facts) : e.code;
  return hint ? { id, code, message: e.message(facts), hint } : { id, code, message: e.message(facts) };
}
