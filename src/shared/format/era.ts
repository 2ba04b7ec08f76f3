/**
 * Printing dates as 和暦 (令和3年5月下旬以降), western (2021年5月下旬以降) or dotted
 * (2020.10.16) text, with the weekday and time of day when asked and present
 * (令和4年7月5日(火)12:00（正午）), and periods with what repeats elided
 * (令和4年5月10日(火)～7月5日(火), 令和4年7月～9月頃). What a date *is* (parse, span,
 * order, weekday) lives in shared/dates.ts.
 */
import { WEEKDAY_NAMES, daysInMonth, parseFuzzyDate, rangeProblem, spanOf, fromDayNumber, weekdayOf, type ParsedDate } from '../dates.ts';
import type { DateRange, DateSuffix, FuzzyDate } from '../values.ts';
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
  /** Print the weekday after a day-precision date: 5月10日(火) (full-width digits: ５月１０日（火）). Default false. */
  weekday?: boolean;
}

/** Between the two dates of a period: ～ (U+FF5E), as Japanese documents write it. */
export const RANGE_SEPARATOR = '～';

/**
 * The 和暦 era and era year a span is labelled with: the era in force on the
 * span's LAST day. So 2019 → 令和元年 (a year-precision value is named by the era
 * the year ends in), 2019-05 → 令和元年5月, 2019-04 → 平成31年4月, 1989-01 → 平成元年1月.
 */
function warekiOf(p: ParsedDate): { era: string; year: number } {
  const last = fromDayNumber(spanOf(p)[1]);
  return toWareki(last.year, last.month, last.day);
}

/** The printed pieces of one date; a period leaves out the leading ones its start already said. */
interface DatePieces {
  /** 令和3年 / 2021年 / 2021 (dotted) */
  year: string;
  /** 5月 / 5 (dotted), or '' */
  month: string;
  /** 10日 / 10 (dotted), or '' */
  day: string;
  /** 上旬/中旬/下旬, (火), 12:00（正午）, 以降 — whatever follows the day */
  tail: string;
  /** What a period compares to elide: the era (or calendar) and year, then the month. */
  yearKey: string;
  monthKey: number | undefined;
  /** Narrower than the month: a day, or a part of it (上旬). */
  withinMonth: boolean;
}

function pieces(d: FuzzyDate, opts: DateOptions): DatePieces {
  const p = parseFuzzyDate(d);
  const calendar = opts.calendar ?? 'wareki';
  const full = opts.digits === 'full';
  let year: string;
  let yearKey: string;
  if (calendar === 'dotted') {
    year = String(p.year);
    yearKey = year;
  } else if (calendar === 'wareki') {
    const w = warekiOf(p);
    year = `${w.era}${eraYearLabel(w.year)}年`;
    yearKey = `${w.era}${w.year}`;
  } else if (calendar === 'western') {
    year = `${p.year}年`;
    yearKey = year;
  } else {
    throw new Error(`calendar must be 'wareki', 'western' or 'dotted' (got ${JSON.stringify(calendar)})`);
  }
  const pad = (n: number): string => (calendar === 'dotted' && opts.zeroPad ? String(n).padStart(2, '0') : String(n));
  const month = p.month === undefined ? '' : calendar === 'dotted' ? pad(p.month) : `${p.month}月`;
  const day = p.day === undefined ? '' : calendar === 'dotted' ? pad(p.day) : `${p.day}日`;
  if (d.suffix !== undefined && !SUFFIXES.includes(d.suffix)) {
    throw new Error(`FuzzyDate.suffix must be one of ${SUFFIXES.join('/')} (got ${JSON.stringify(d.suffix)})`);
  }
  // The weekday's brackets follow the digits: (火) beside 10日, （火） beside １０日.
  const weekday = opts.weekday && p.day !== undefined ? (full ? `（${WEEKDAY_NAMES[weekdayOf(p)]}）` : `(${WEEKDAY_NAMES[weekdayOf(p)]})`) : '';
  const time = d.time === undefined ? '' : `${d.time}${d.timeNote ? `（${d.timeNote}）` : ''}`;
  return {
    year,
    month,
    day,
    tail: (p.part ?? '') + weekday + time + (d.suffix ?? ''),
    yearKey: `${calendar}:${yearKey}`,
    monthKey: p.month,
    withinMonth: p.day !== undefined || p.part !== undefined,
  };
}

function join(pc: Pick<DatePieces, 'year' | 'month' | 'day' | 'tail'>, calendar: DateOptions['calendar']): string {
  if (calendar === 'dotted') return [pc.year, pc.month, pc.day].filter((x) => x !== '').join('.') + pc.tail;
  return pc.year + pc.month + pc.day + pc.tail;
}

/**
 * Formats a {@link FuzzyDate}: `{date: '2021-05', part: '下旬', suffix: '以降'}` →
 * `令和3年5月下旬以降` (wareki), `2021年5月下旬以降` (western), `2021.5下旬以降` (dotted);
 * `{date: '2020-10-16'}` dotted → `2020.10.16`. `digits: 'full'` → `令和３年５月下旬以降`.
 * `{date: '2022-07-05', time: '12:00', timeNote: '正午'}` with `weekday` → `令和4年7月5日(火)12:00（正午）`.
 */
export function formatFuzzyDate(d: FuzzyDate, opts: DateOptions = {}): string {
  return applyDigits(join(pieces(d, opts), opts.calendar), opts.digits);
}

/**
 * The two halves of a period as they print, each never to be broken inside: the start with
 * the separator (a line may not begin with ～), and the end with what repeats left out —
 * the era and year when both fall in the same one, then the month when both are days of it:
 * 令和4年5月10日(火)～ | 7月5日(火)12:00（正午）; 令和4年7月～ | 9月頃; 令和4年5月10日～ | 20日; 5月上旬～ | 中旬;
 * 平成31年4月～ | 令和元年5月 (an era change repeats the era); 令和3年12月～ | 令和4年1月.
 */
export function formatDateRangeParts(r: DateRange, opts: DateOptions = {}): [string, string] {
  const problem = rangeProblem(r);
  if (problem) throw new Error(`DateRange: ${problem}`);
  const a = pieces(r.from, opts);
  const b = pieces(r.to, opts);
  let end: Pick<DatePieces, 'year' | 'month' | 'day' | 'tail'> = b;
  if (a.yearKey === b.yearKey && b.month !== '') {
    end = { ...b, year: '' };
    if (a.monthKey === b.monthKey && a.withinMonth && b.withinMonth) end = { ...end, month: '' };
  }
  const calendar = opts.calendar ?? 'wareki';
  // Dotted with the year left out: 2022.5.10～7.5 (no leading dot).
  const endText = join(end, calendar).replace(/^\./u, '');
  return [applyDigits(join(a, calendar) + RANGE_SEPARATOR, opts.digits), applyDigits(endText, opts.digits)];
}

/** A period as one string: 令和4年5月10日(火)～7月5日(火)12:00（正午）. */
export function formatDateRange(r: DateRange, opts: DateOptions = {}): string {
  return formatDateRangeParts(r, opts).join('');
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
