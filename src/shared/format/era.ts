/**
 * Dates: parsing and ordering of {@link FuzzyDate}, and printing them as 和暦
 * (令和3年5月下旬以降), western (2021年5月下旬以降) or dotted (2020.10.16) text.
 *
 * Conversion is proleptic Gregorian throughout. Japan used a lunisolar calendar
 * until 明治5年 (end of 1872), so month/day for dates before 1873 will not match
 * period documents; that range never appears in COI-NEXT material.
 */
import type { DateSuffix, FuzzyDate, MonthPart } from '../values.ts';
import { applyDigits, assertCount, type Digits } from './text.ts';

/** One era with its first day (Gregorian). */
export interface Era {
  name: string;
  start: { year: number; month: number; day: number };
}

/**
 * Eras, newest first. 明治 starts on 1868-01-25, the Gregorian equivalent of
 * 慶応4年1月1日, because the 明治 proclamation (1868-10-23) was made retroactive
 * to the start of that year; with it, all of 1868 is 明治元年.
 */
export const ERAS: readonly Era[] = [
  { name: '令和', start: { year: 2019, month: 5, day: 1 } },
  { name: '平成', start: { year: 1989, month: 1, day: 8 } },
  { name: '昭和', start: { year: 1926, month: 12, day: 25 } },
  { name: '大正', start: { year: 1912, month: 7, day: 30 } },
  { name: '明治', start: { year: 1868, month: 1, day: 25 } },
];

const PARTS: readonly MonthPart[] = ['上旬', '中旬', '下旬'];
const SUFFIXES: readonly DateSuffix[] = ['頃', '以降', 'まで', '予定'];
/** First day of each part of a month, used for ordering. */
const PART_START: Record<MonthPart, number> = { 上旬: 1, 中旬: 11, 下旬: 21 };

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function key(y: number, m: number, d: number): number {
  return y * 10000 + m * 100 + d;
}

function checkYmd(year: number, month: number, day: number): void {
  assertCount(year, 'year', 1);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new Error(`month must be 1–12 (got ${JSON.stringify(month)})`);
  }
  const dim = daysInMonth(year, month);
  if (!Number.isInteger(day) || day < 1 || day > dim) {
    throw new Error(`day must be 1–${dim} for ${year}-${month} (got ${JSON.stringify(day)})`);
  }
}

/** The era in force on a day and the era year: `toWareki(2019, 5, 1)` → `{era: '令和', year: 1}`. Throws before 明治. */
export function toWareki(year: number, month: number, day: number): { era: string; year: number } {
  checkYmd(year, month, day);
  const k = key(year, month, day);
  for (const era of ERAS) {
    if (k >= key(era.start.year, era.start.month, era.start.day)) {
      return { era: era.name, year: year - era.start.year + 1 };
    }
  }
  throw new Error(`${year}-${month}-${day} is before 明治 (1868-01-25); 和暦 is not supported that early`);
}

/** Era year as printed: 1 → `元`, otherwise the number (`元年` is the universal convention in official text). */
export function eraYearLabel(n: number): string {
  return n === 1 ? '元' : String(n);
}

/** A {@link FuzzyDate} broken into numbers. */
export interface ParsedDate {
  year: number;
  month?: number;
  day?: number;
  part?: MonthPart;
  precision: 'year' | 'month' | 'day';
}

/**
 * Parses and validates a {@link FuzzyDate}. Throws on a malformed or impossible
 * date (2021-02-29, 2021-13), an unknown part/suffix, or a part on a year- or
 * day-precision date (上旬 only narrows a month).
 */
export function parseFuzzyDate(d: FuzzyDate): ParsedDate {
  if (d === null || typeof d !== 'object' || typeof d.date !== 'string') {
    throw new Error(`FuzzyDate must be an object with a string 'date' (got ${JSON.stringify(d)})`);
  }
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(d.date);
  if (!m) {
    throw new Error(`FuzzyDate.date must be YYYY, YYYY-MM or YYYY-MM-DD (got ${JSON.stringify(d.date)})`);
  }
  if (d.part !== undefined && !PARTS.includes(d.part)) {
    throw new Error(`FuzzyDate.part must be one of ${PARTS.join('/')} (got ${JSON.stringify(d.part)})`);
  }
  if (d.suffix !== undefined && !SUFFIXES.includes(d.suffix)) {
    throw new Error(`FuzzyDate.suffix must be one of ${SUFFIXES.join('/')} (got ${JSON.stringify(d.suffix)})`);
  }
  const year = Number(m[1]);
  if (year < 1) throw new Error(`FuzzyDate.date year must be ≥ 1 (got ${JSON.stringify(d.date)})`);
  if (m[2] === undefined) {
    if (d.part) throw new Error(`FuzzyDate.part '${d.part}' needs a month-precision date (got year-precision '${d.date}')`);
    return { year, precision: 'year' };
  }
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new Error(`FuzzyDate.date month must be 01–12 (got ${JSON.stringify(d.date)})`);
  if (m[3] === undefined) {
    return d.part ? { year, month, part: d.part, precision: 'month' } : { year, month, precision: 'month' };
  }
  const day = Number(m[3]);
  const dim = daysInMonth(year, month);
  if (day < 1 || day > dim) {
    throw new Error(`FuzzyDate.date day must be 01–${dim} for ${m[1]}-${m[2]} (got ${JSON.stringify(d.date)})`);
  }
  if (d.part) throw new Error(`FuzzyDate.part '${d.part}' needs a month-precision date (got day-precision '${d.date}')`);
  return { year, month, day, precision: 'day' };
}

/** First day of the span a parsed date covers (year → Jan 1, month → day 1, 中旬 → day 11, 下旬 → day 21). */
function startOf(p: ParsedDate): [number, number, number] {
  const month = p.month ?? 1;
  const day = p.day ?? (p.part ? PART_START[p.part] : 1);
  return [p.year, month, day];
}

/** Last day of the span a parsed date covers (year → Dec 31, 上旬 → day 10, 中旬 → day 20, 下旬/month → last day). */
function endOf(p: ParsedDate): [number, number, number] {
  if (p.precision === 'year') return [p.year, 12, 31];
  const month = p.month ?? 12;
  if (p.day !== undefined) return [p.year, month, p.day];
  if (p.part === '上旬') return [p.year, month, 10];
  if (p.part === '中旬') return [p.year, month, 20];
  return [p.year, month, daysInMonth(p.year, month)];
}

/**
 * Orders two dates by the first day of the span each covers:
 * 2021-05 上旬 < 2021-05 中旬 < 2021-05 下旬 < 2021-06. A year counts as Jan 1 and a
 * month without part as its 1st, so `2021-05`, `2021-05 上旬` and `2021-05-01`
 * compare equal (0) — ordering, not identity. The suffix (以降/まで/…) is ignored.
 * Returns a negative number, 0 or a positive number, like `Array.prototype.sort` expects.
 */
export function compareFuzzyDate(a: FuzzyDate, b: FuzzyDate): number {
  const [ay, am, ad] = startOf(parseFuzzyDate(a));
  const [by, bm, bd] = startOf(parseFuzzyDate(b));
  return Math.sign(key(ay, am, ad) - key(by, bm, bd));
}

/** Options shared by the date formatters. */
export interface DateOptions {
  /** `wareki` 令和3年5月, `western` 2021年5月, `dotted` 2021.5. Default `wareki`. */
  calendar?: 'wareki' | 'western' | 'dotted';
  /** Digit width for the whole output; default `half`. */
  digits?: Digits;
  /** Dotted only: zero-pad month and day (2021.05.01). Default false (2020.10.16, 2021.5.1). */
  zeroPad?: boolean;
}

/**
 * The 和暦 era and era year a span is labelled with: the era in force on the
 * span's LAST day. So 2019 → 令和元年 (a year-precision value is named by the era
 * the year ends in), 2019-05 → 令和元年5月, 2019-04 → 平成31年4月, 1989-01 → 平成元年1月.
 */
function warekiOf(p: ParsedDate): { era: string; year: number } {
  const [y, m, d] = endOf(p);
  return toWareki(y, m, d);
}

/**
 * Formats a {@link FuzzyDate}: `{date: '2021-05', part: '下旬', suffix: '以降'}` →
 * `令和3年5月下旬以降` (wareki), `2021年5月下旬以降` (western), `2021.5下旬以降` (dotted);
 * `{date: '2020-10-16'}` dotted → `2020.10.16`. `digits: 'full'` → `令和３年５月下旬以降`.
 */
export function formatFuzzyDate(d: FuzzyDate, opts: DateOptions = {}): string {
  const p = parseFuzzyDate(d);
  const calendar = opts.calendar ?? 'wareki';
  let s: string;
  if (calendar === 'dotted') {
    const pad = (n: number): string => (opts.zeroPad ? String(n).padStart(2, '0') : String(n));
    s = [String(p.year), p.month === undefined ? undefined : pad(p.month), p.day === undefined ? undefined : pad(p.day)]
      .filter((x) => x !== undefined)
      .join('.');
  } else {
    let head: string;
    if (calendar === 'wareki') {
      const w = warekiOf(p);
      head = `${w.era}${eraYearLabel(w.year)}年`;
    } else if (calendar === 'western') {
      head = `${p.year}年`;
    } else {
      throw new Error(`calendar must be 'wareki', 'western' or 'dotted' (got ${JSON.stringify(calendar)})`);
    }
    s = head + (p.month === undefined ? '' : `${p.month}月`) + (p.day === undefined ? '' : `${p.day}日`);
  }
  s += (p.part ?? '') + (d.suffix ?? '');
  return applyDigits(s, opts.digits);
}

/** Formats a date given as numbers (`formatDate(2019, 4, 30)` → `平成31年4月30日`); same options as {@link formatFuzzyDate}. */
export function formatDate(year: number, month: number, day: number, opts: DateOptions = {}): string {
  checkYmd(year, month, day);
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return formatFuzzyDate({ date }, opts);
}

/** Options for {@link fiscalYear}. */
export interface FiscalYearOptions {
  /** `wareki` 令和3年度 (default) or `western` 2021年度. */
  calendar?: 'wareki' | 'western';
  digits?: Digits;
}

/**
 * Labels the fiscal year starting in April of `year`: `fiscalYear(2021)` → `令和3年度`.
 * Uses the era in force at the end of calendar year `year`, so FY2019 (which began
 * under 平成) is 令和元年度 — the official relabelling after the 2019 era change —
 * and FY1989 is 平成元年度, FY1988 昭和63年度.
 */
export function fiscalYear(year: number, opts: FiscalYearOptions = {}): string {
  assertCount(year, 'fiscal year', 1);
  const calendar = opts.calendar ?? 'wareki';
  let s: string;
  if (calendar === 'wareki') {
    const w = toWareki(year, 12, 31);
    s = `${w.era}${eraYearLabel(w.year)}年度`;
  } else if (calendar === 'western') {
    s = `${year}年度`;
  } else {
    throw new Error(`calendar must be 'wareki' or 'western' (got ${JSON.stringify(calendar)})`);
  }
  return applyDigits(s, opts.digits);
}

/**
 * The fiscal year (April–March, named by its starting calendar year) a date falls in:
 * 2022-03 → 2021, 2021-04 → 2021. Needs month precision; a bare year is ambiguous and throws.
 */
export function fiscalYearOf(d: FuzzyDate): number {
  const p = parseFuzzyDate(d);
  if (p.month === undefined) {
    throw new Error(`fiscalYearOf needs a month- or day-precision date (got year-precision '${d.date}')`);
  }
  return p.month >= 4 ? p.year : p.year - 1;
}
