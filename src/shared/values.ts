/**
 * Value types shared by the data schemas and the formatting helpers.
 *
 * The data stores *values* (integer yen, ISO dates with a precision), never the
 * strings the documents print; `src/format/` turns these into 令和3年5月下旬以降,
 * 2.5千万円, 最大3.2億円程度 and so on. Keeping the shapes in one file lets the schema
 * and the formatters agree without importing each other.
 */

/** A message in both user languages. Japanese is the default. */
export interface Message {
  ja: string;
  en: string;
}

export type Lang = 'ja' | 'en';

/** Part of a month, as Japanese schedules write it. */
export type MonthPart = '上旬' | '中旬' | '下旬';

/** What follows the date: 頃 (approximately), 以降 (on or after), まで (until), 予定 (planned). */
export type DateSuffix = '頃' | '以降' | 'まで' | '予定';

/**
 * A calendar date with its precision.
 * `date` is ISO: `YYYY` (year precision), `YYYY-MM` (month) or `YYYY-MM-DD` (day).
 * `part` narrows a month to 上旬/中旬/下旬 and is only valid with month precision.
 */
export interface FuzzyDate {
  date: string;
  part?: MonthPart;
  suffix?: DateSuffix;
  /** Time of day `HH:MM` (24 h), only with day precision: the 12:00 of 7月5日(火)12:00. */
  time?: string;
  /** A word printed after the time in （）: 正午 → 12:00（正午）. Only with `time`. */
  timeNote?: string;
}

/**
 * A period between two dates, each with its own precision: 5月10日(火)～7月5日(火)12:00,
 * 7月～9月頃 (the 頃 is `to`'s suffix). Printed with what repeats elided.
 */
export interface DateRange {
  from: FuzzyDate;
  to: FuzzyDate;
}

/** A period whose start or end may be the explicit unknown (a milestone's period). */
export interface MaybeDateRange {
  from: FuzzyDate | '要確認';
  to: FuzzyDate | '要確認';
}

/** 程度 (about, after the amount) or 約 (about, before the amount). */
export type Approx = '程度' | '約';

/**
 * An amount of money in integer yen.
 * Either a single amount (`yen`) or a range (`min`..`max`).
 * `upTo` prints 最大 before the amount; `approx` prints 約 before or 程度 after.
 */
export interface Money {
  yen?: number;
  min?: number;
  max?: number;
  upTo?: boolean;
  approx?: Approx;
}

/**
 * A support period counted in fiscal years (年度).
 * `upTo` means "at most" (the seed prints it as 最大 or 最長 depending on the table;
 * the word comes from the template/label data, not from here).
 */
export interface Period {
  years: number;
  upTo?: boolean;
}

/**
 * A value nobody knows yet (this year's budget before the 予算 is passed, a milestone before the
 * schedule is fixed). The data writes it as the string `要確認` wherever an amount, a count, a
 * date, a period or a number is expected; every document prints it as 「（要確認）」, highlighted,
 * and `build --final` refuses it at its file:line:col.
 */
export const UNKNOWN = '要確認' as const;
export type Unknown = typeof UNKNOWN;
/** A value or the explicit unknown. */
export type Maybe<T> = T | Unknown;
/** What `new-edition` writes in prose where it cannot know this year's fact; a `--final` build refuses it. */
export const TO_CONFIRM = '（要確認）';
/** How an unknown value prints: the same words as an unknown fact in prose. */
export const UNKNOWN_TEXT = TO_CONFIRM;
/** What staff write where a detail is not yet decided; the documents highlight it. */
export const PLACEHOLDER = '（詳細は確定後に記載）';
/** Every placeholder a document highlights and `build --final` refuses. */
export const PLACEHOLDERS: readonly string[] = [PLACEHOLDER, TO_CONFIRM];

export function isUnknown(v: unknown): v is Unknown {
  return v === UNKNOWN;
}

/** The value, or undefined when it is the explicit unknown. */
export function known<T>(v: Maybe<T> | undefined): T | undefined {
  return v === undefined || isUnknown(v) ? undefined : v;
}
