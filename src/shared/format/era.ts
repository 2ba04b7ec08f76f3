/**
 * Printing dates as 和暦 (令和3年5月下旬以降), western (2021年5月下旬以降) or dotted
 * (2020.10.16) text. What a date *is* (parse, span, order) lives in shared/dates.ts.
 */
import { daysInMonth, parseFuzzyDate, spanOf, fromDayNumber, type ParsedDate } from '../dates.ts';
import type { DateSuffix, FuzzyDate } from '../values.ts';
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

const SUFFIXES: readonly DateSuffix[] = ['頃', '以降', 'まで', '予定'];

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
  const last = fromDayNumber(spanOf(p)[1]);
  return toWareki(last.year, last.month, last.day);
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
    s = [String(p.year), p.month === undefined ? undefined : pad(p.month), p.day === undefined ? undefined : pad(p.day)].filter((x) => x !== undefined).join('.');
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
  if (d.suffix !== undefined && !SUFFIXES.includes(d.suffix)) {
    throw new Error(`FuzzyDate.suffix must be one of ${SUFFIXES.join('/')} (got ${JSON.stringify(d.suffix)})`);
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
