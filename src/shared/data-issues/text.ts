/** The words of the Japanese-text checks (stages/validate/text), each under its rule's id. */
import type { Message } from '../values.ts';
import { entry, m } from './entry.ts';

type Width = 'half' | 'full';
const WIDTH_WORD: Record<Width, Message> = { half: m('半角', 'half-width'), full: m('全角', 'full-width') };
const WIDTH_KIND: Record<'digits' | 'latin', Message> = { digits: m('数字', 'Digits'), latin: m('英字', 'Latin letters') };
const WEEKDAYS_JA = '日月火水木金土';
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const TEXT_ISSUES = {
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
