/**
 * Reusable value schemas (zod 4) shared by every file kind.
 * The shapes mirror `values.ts`; the inferred types are assignable to those interfaces.
 */
import { z } from 'zod';
import './zod-locale.ts';
import { MAX_YEAR, MIN_YEAR, parseDate, parseTime, rangeProblem, timeProblem } from '../shared/dates.ts';
import { charProblemReport, firstCharProblem } from '../shared/unicode.ts';
import { UNKNOWN, type DateRange, type FuzzyDate, type Money, type Period } from '../shared/values.ts';

/**
 * Non-empty Japanese text, trimmed, and only characters the documents can show
 * (the one character rule of shared/unicode.ts: no Kangxi-radical look-alikes, no
 * compatibility ideographs, no control characters, nothing the font cannot draw).
 */
export const Text = z
  .string()
  .regex(/^\S(?:[\s\S]*\S)?$/u, { message: '空文字・前後の空白は不可 / must be non-empty and trimmed' })
  .superRefine((value, ctx) => {
    const found = firstCharProblem(value);
    if (!found) return;
    const report = charProblemReport(found.ch, found.problem);
    ctx.addIssue({
      code: 'custom',
      message: `${report.message.ja} / ${report.message.en}`,
      params: { ja: report.message.ja, en: report.message.en, hintJa: report.hint.ja, hintEn: report.hint.en, charCode: report.code },
    });
  })
  .describe('日本語テキスト（空不可・前後空白なし・康熙部首不可）。例: 共創の場形成支援');

export const text = (ja: string) => Text.describe(ja);

/** Lower-case kebab-case identifier. */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, { message: 'ID は小文字英数字とハイフン / id must be kebab-case' })
  .describe('識別子（小文字英数字とハイフン）。例: coi-next');

export const id = (ja: string) => Id.describe(ja);

export const Url = z.url({ protocol: /^https?$/ }).describe('URL（http/https）。例: https://www.jst.go.jp/pf/platform');
export const Email = z.email().describe('電子メールアドレス。例: platform@jst.go.jp');

/**
 * The explicit unknown: the string `要確認` where an amount, a count, a date, a period or a number
 * is not known yet. Printed as 「（要確認）」 highlighted; `build --final` refuses it.
 */
export const UnknownSchema = z
  .literal(UNKNOWN)
  .describe('まだ分からない値（金額・件数・日付・期間・数のどれにも書ける）。資料には「（要確認）」と強調して表示。build --final では止まる');

/** A value of `schema`, or the explicit unknown `要確認` (the description is the value's, with how to write the unknown). */
export function maybe<T extends z.ZodType>(schema: T) {
  const described = schema.description;
  return z.union([schema, UnknownSchema]).describe(`${described ?? '値'}。分からなければ 要確認`);
}

export const MonthPartSchema = z.enum(['上旬', '中旬', '下旬']).describe('月内の区分（月精度の日付のみ）。例: 下旬');
export const DateSuffixSchema = z.enum(['頃', '以降', 'まで', '予定']).describe('日付の後に付く語。例: 以降');

export const FuzzyDateSchema = z
  .strictObject({
    date: z
      .string()
      .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/u, { message: 'YYYY / YYYY-MM / YYYY-MM-DD 形式 / ISO year, month or day' })
      .refine(
        (iso) => {
          const r = parseDate(iso);
          // A malformed string is the regex's to report.
          return r.ok || r.problem === 'format';
        },
        {
          message: `存在しない日付（${MIN_YEAR}〜${MAX_YEAR}年） / the date does not exist (years ${MIN_YEAR}–${MAX_YEAR})`,
        },
      )
      .describe('ISO 日付（精度つき）。例: 2021-05（月精度）、2020-10-16（日精度）'),
    part: MonthPartSchema.optional(),
    suffix: DateSuffixSchema.optional(),
    time: z
      .string()
      .refine((t) => parseTime(t) !== undefined, { message: '時刻は HH:MM（00:00〜23:59） / time must be HH:MM, 00:00–23:59' })
      .optional()
      .describe('時刻（日精度の日付のみ、24時間制）。例: 12:00 → 7月5日(火)12:00'),
    timeNote: Text.optional().describe('時刻の後に（）で付ける語（time が必要）。例: 正午 → 12:00（正午）'),
  })
  .refine((v) => v.part === undefined || !parseDate(v.date).ok || parseDate(v.date, v.part).ok, {
    message: '上旬・中旬・下旬は月精度の日付にのみ付けられる / part is only valid with month precision',
    path: ['part'],
  })
  .refine(
    (v) => {
      const r = parseDate(v.date, v.part);
      return !r.ok || v.time === undefined || parseTime(v.time) === undefined || r.date.precision === 'day';
    },
    { message: '時刻は日精度の日付（YYYY-MM-DD）にのみ付けられる / a time needs a day-precision date', path: ['time'] },
  )
  .refine((v) => v.timeNote === undefined || v.time !== undefined, {
    message: 'timeNote には time が必要 / timeNote needs a time',
    path: ['timeNote'],
  })
  .describe('精度つきの日付。例: {date: 2021-05, part: 下旬, suffix: 以降} → 令和3年5月下旬以降、{date: 2022-07-05, time: 12:00, timeNote: 正午}');

/** A period between two fuzzy dates, each with its own precision. */
export const DateRangeSchema = z
  .strictObject({
    from: FuzzyDateSchema.describe('期間の始まり。例: {date: 2022-05-10}'),
    to: FuzzyDateSchema.describe('期間の終わり。例: {date: 2022-07-05, time: 12:00, timeNote: 正午}'),
  })
  .refine(
    (v) => {
      // Only a range of two valid dates can be judged; each date reports its own problems.
      const valid = (d: FuzzyDate) => {
        const r = parseDate(d.date, d.part);
        return r.ok && !timeProblem(d, r.date.precision);
      };
      return !valid(v.from) || !valid(v.to) || rangeProblem(v) === undefined;
    },
    { message: '期間の終わりが始まりより前か、始まりと同じです / the period ends before (or where) it starts', path: ['to'] },
  )
  .describe('期間（始まりと終わり、それぞれ精度つき）。例: {from: {date: 2022-07}, to: {date: 2022-09, suffix: 頃}} → 令和4年7月～9月頃');

/** A period whose start or end may not be known yet (a milestone's period): `to: 要確認`. */
export const MaybeDateRangeSchema = z
  .strictObject({
    from: maybe(FuzzyDateSchema.describe('期間の始まり。例: {date: 2022-05-10}')),
    to: maybe(FuzzyDateSchema.describe('期間の終わり。例: {date: 2022-07-05, time: 12:00, timeNote: 正午}')),
  })
  .refine(
    (v) => {
      const valid = (d: FuzzyDate | typeof UNKNOWN): d is FuzzyDate => {
        if (d === UNKNOWN) return false;
        const r = parseDate(d.date, d.part);
        return r.ok && !timeProblem(d, r.date.precision);
      };
      const { from, to } = v;
      return !valid(from) || !valid(to) || rangeProblem({ from, to }) === undefined;
    },
    { message: '期間の終わりが始まりより前か、始まりと同じです / the period ends before (or where) it starts', path: ['to'] },
  )
  .describe(
    '期間（始まりと終わり、それぞれ精度つき。分からない端は 要確認）。例: {from: {date: 2022-05-10}, to: {date: 2022-07-05, time: 12:00, timeNote: 正午}}、{from: {date: 2022-05-10}, to: 要確認}',
  );

export const MAX_YEN = 1e12;
const yen = z.number().int().positive().max(MAX_YEN).describe('金額（円・正の整数）。例: 25000000');

export const MoneySchema = z
  .strictObject({
    yen: yen.optional().describe('単一の金額（円）。例: 320000000 → 3.2億円'),
    min: yen.optional().describe('範囲の下限（円）。例: 100000000 → 1億円'),
    max: yen.optional().describe('範囲の上限（円）。例: 1000000000 → 10億円'),
    upTo: z.boolean().optional().describe('true なら「最大」を前置。例: 最大3.2億円'),
    approx: z.enum(['程度', '約']).optional().describe('概数表記: 程度（後置）または 約（前置）'),
  })
  .superRefine((v, ctx) => {
    const single = v.yen !== undefined;
    const range = v.min !== undefined || v.max !== undefined;
    if (single === range) {
      ctx.addIssue({ code: 'custom', message: 'yen か min+max のどちらか一方 / either yen or min+max', path: [] });
    }
    if (range && (v.min === undefined || v.max === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'min と max は両方必要 / min and max go together', path: [v.min === undefined ? 'min' : 'max'] });
    }
    if (v.min !== undefined && v.max !== undefined && !(v.min < v.max)) {
      ctx.addIssue({ code: 'custom', message: 'min < max であること / min must be below max', path: ['max'] });
    }
  })
  .describe('金額（整数円）。例: {yen: 320000000, upTo: true, approx: 程度} → 最大3.2億円程度');

export const PeriodSchema = z
  .strictObject({
    years: z.number().int().positive().max(50).describe('年度数。例: 10'),
    upTo: z.boolean().optional().describe('true なら上限（最大/最長）。例: 最長10年度'),
  })
  .describe('支援期間（年度数）。例: {years: 10, upTo: true}');

/** An approximate count, e.g. 4件程度. */
export const CountSchema = z
  .strictObject({
    count: z.number().int().nonnegative().describe('件数。例: 4'),
    approx: z.enum(['程度', '約']).optional().describe('概数表記。例: 程度'),
  })
  .describe('件数。例: {count: 4, approx: 程度} → 4件程度');

/** All 47 prefectures in JIS X 0401 order (index + 1 = JIS code). */
export const PREFECTURES = [
  '北海道',
  '青森県',
  '岩手県',
  '宮城県',
  '秋田県',
  '山形県',
  '福島県',
  '茨城県',
  '栃木県',
  '群馬県',
  '埼玉県',
  '千葉県',
  '東京都',
  '神奈川県',
  '新潟県',
  '富山県',
  '石川県',
  '福井県',
  '山梨県',
  '長野県',
  '岐阜県',
  '静岡県',
  '愛知県',
  '三重県',
  '滋賀県',
  '京都府',
  '大阪府',
  '兵庫県',
  '奈良県',
  '和歌山県',
  '鳥取県',
  '島根県',
  '岡山県',
  '広島県',
  '山口県',
  '徳島県',
  '香川県',
  '愛媛県',
  '高知県',
  '福岡県',
  '佐賀県',
  '長崎県',
  '熊本県',
  '大分県',
  '宮崎県',
  '鹿児島県',
  '沖縄県',
] as const;
export type Prefecture = (typeof PREFECTURES)[number];
/** JIS X 0401 code (1–47) of a prefecture name. */
export const prefectureCode = (name: Prefecture): number => PREFECTURES.indexOf(name) + 1;

export const PrefectureSchema = z.enum(PREFECTURES).describe('都道府県名（JIS X 0401 の名称、コードは prefectureCode()）。例: 沖縄県');

/** Static checks that the inferred types agree with values.ts. */
type Assignable<A, B> = A extends B ? true : never;
export const _typecheck: [
  Assignable<z.infer<typeof FuzzyDateSchema>, FuzzyDate>,
  Assignable<z.infer<typeof DateRangeSchema>, DateRange>,
  Assignable<z.infer<typeof MoneySchema>, Money>,
  Assignable<z.infer<typeof PeriodSchema>, Period>,
] = [true, true, true, true];

/** How an amount is written (a presentation choice of the place that prints it, like the seed's 3.2億円 vs 640百万円). */
export const AmountStyleSchema = z
  .enum(['oku', 'senman', 'man', 'hyakuman', 'yen', 'auto'])
  .describe('金額の表記単位: oku=億円、senman=千万円、man=万円、hyakuman=百万円、yen=円、auto=自動。例: hyakuman → 640百万円');
