/**
 * The one fuzzy-date core: parse, check, span and order a date that keeps its precision
 * (year, month, 上旬/中旬/下旬 of a month, day), optionally with a time of day, and a period
 * between two such dates. The data schema validates with it, the formatters print what it
 * parses (the weekday too, computed here, never typed), and the rules (schedule order,
 * fiscal year, roster dates) compare its spans — so all of them agree on what a date is.
 *
 * Calendar: proleptic Gregorian. Japan adopted it on 明治6年 (1873-01-01), so that is the
 * earliest year accepted; 和暦 before it would not match period documents anyway.
 */
import type { DateRange, FuzzyDate, MonthPart } from './values.ts';

export const MIN_YEAR = 1873;
export const MAX_YEAR = 2200;

export const MONTH_PARTS: readonly MonthPart[] = ['上旬', '中旬', '下旬'];

/** First and last day of each part of a month (下旬 ends on the month's last day). */
const PART_DAYS: Record<MonthPart, [number, number | 'last']> = { 上旬: [1, 10], 中旬: [11, 20], 下旬: [21, 'last'] };

const ISO_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u;

export type Precision = 'year' | 'month' | 'day';

/** A date broken into numbers. */
export interface ParsedDate {
  year: number;
  month?: number;
  day?: number;
  part?: MonthPart;
  precision: Precision;
}

/** Why a date is not a date. */
export type DateProblem = 'format' | 'year' | 'month' | 'day' | 'part' | 'time';

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A parse failure: which rule, and the English explanation (the formatters throw it; the schema has its own bilingual words). */
export interface DateFailure {
  ok: false;
  problem: DateProblem;
  text: string;
}

/** Parse an ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with an optional month part; a problem instead of a throw. */
export function parseDate(iso: string, part?: MonthPart): { ok: true; date: ParsedDate } | DateFailure {
  const fail = (problem: DateProblem, text: string): DateFailure => ({ ok: false, problem, text });
  const m = typeof iso === 'string' ? ISO_RE.exec(iso) : null;
  if (!m) return fail('format', `date must be YYYY, YYYY-MM or YYYY-MM-DD (got ${JSON.stringify(iso)})`);
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return fail('year', `year must be ${MIN_YEAR}–${MAX_YEAR} (got ${JSON.stringify(iso)})`);
  if (part !== undefined && !MONTH_PARTS.includes(part)) return fail('part', `part must be one of ${MONTH_PARTS.join('/')} (got ${JSON.stringify(part)})`);
  const partNeedsMonth = (precision: Precision) => fail('part', `part '${part}' needs a month-precision date (got ${precision}-precision '${iso}')`);
  if (m[2] === undefined) return part === undefined ? { ok: true, date: { year, precision: 'year' } } : partNeedsMonth('year');
  const month = Number(m[2]);
  if (month < 1 || month > 12) return fail('month', `month must be 01–12 (got ${JSON.stringify(iso)})`);
  if (m[3] === undefined) return { ok: true, date: part ? { year, month, part, precision: 'month' } : { year, month, precision: 'month' } };
  const day = Number(m[3]);
  const dim = daysInMonth(year, month);
  if (day < 1 || day > dim) return fail('day', `day must be 01–${dim} for ${m[1]}-${m[2]} (got ${JSON.stringify(iso)})`);
  if (part !== undefined) return partNeedsMonth('day');
  return { ok: true, date: { year, month, day, precision: 'day' } };
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/u;

/** `12:00` → {hour: 12, minute: 0}; undefined when it is not a 24-hour `HH:MM`. */
export function parseTime(s: string): { hour: number; minute: number } | undefined {
  const m = typeof s === 'string' ? TIME_RE.exec(s) : null;
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

/** What is wrong with a FuzzyDate's time of day, if anything: a time needs a day, a time note needs a time. */
export function timeProblem(d: Pick<FuzzyDate, 'time' | 'timeNote'>, precision: Precision): DateFailure | undefined {
  const fail = (text: string): DateFailure => ({ ok: false, problem: 'time', text });
  if (d.time !== undefined && !parseTime(d.time)) return fail(`time must be HH:MM, 00:00–23:59 (got ${JSON.stringify(d.time)})`);
  if (d.time !== undefined && precision !== 'day') return fail(`a time of day needs a day-precision date (got ${precision}-precision)`);
  if (d.timeNote !== undefined && d.time === undefined) return fail('timeNote needs a time');
  return undefined;
}

/** Parse a FuzzyDate or throw (for code paths that only ever see validated data). */
export function parseFuzzyDate(d: FuzzyDate): ParsedDate {
  if (d === null || typeof d !== 'object' || typeof d.date !== 'string') {
    throw new Error(`FuzzyDate must be an object with a string 'date' (got ${JSON.stringify(d)})`);
  }
  const r = parseDate(d.date, d.part);
  if (!r.ok) throw new Error(`FuzzyDate: ${r.text}`);
  const t = timeProblem(d, r.date.precision);
  if (t) throw new Error(`FuzzyDate: ${t.text}`);
  return r.date;
}

/** 0 = Sunday … 6 = Saturday, of a day-precision date (computed, never stored). */
export function weekdayOf(p: ParsedDate): number {
  if (p.day === undefined || p.month === undefined) throw new Error(`a weekday needs a day-precision date (got ${p.precision}-precision)`);
  // 1970-01-01 (day 0) was a Thursday.
  return (((dayNumber(p.year, p.month, p.day) + 4) % 7) + 7) % 7;
}

/** The weekday as Japanese documents write it: 日 月 火 水 木 金 土. */
export const WEEKDAY_NAMES = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** Days since 1970-01-01 (UTC) of a calendar day. */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** Inclusive [first, last] day (day numbers) a date covers: a year, a month, a part of a month, or one day. */
export function spanOf(p: ParsedDate): [number, number] {
  if (p.precision === 'year') return [dayNumber(p.year, 1, 1), dayNumber(p.year, 12, 31)];
  const month = p.month ?? 1;
  if (p.day !== undefined) return [dayNumber(p.year, month, p.day), dayNumber(p.year, month, p.day)];
  const last = daysInMonth(p.year, month);
  const [from, to] = p.part ? PART_DAYS[p.part] : [1, 'last' as const];
  return [dayNumber(p.year, month, from), dayNumber(p.year, month, to === 'last' ? last : to)];
}

/** The span of a FuzzyDate (throws on an invalid one). */
export function fuzzySpan(d: FuzzyDate): [number, number] {
  return spanOf(parseFuzzyDate(d));
}

/**
 * Order of two dates: the earlier first day first; on the same first day the narrower span
 * first (2021-05-01 < 2021-05 上旬 < 2021-05 < 2021). The suffix (頃, 以降…) is ignored.
 * Returns −1, 0 or 1.
 */
export function compareDates(a: FuzzyDate, b: FuzzyDate): number {
  const [as, ae] = fuzzySpan(a);
  const [bs, be] = fuzzySpan(b);
  return Math.sign(as !== bs ? as - bs : ae - be);
}

/** Why a period is not a period: an end that starts before its start. English, for the formatters; the schema has its own words. */
export function rangeProblem(r: DateRange): string | undefined {
  const [fs] = fuzzySpan(r.from);
  const [ts] = fuzzySpan(r.to);
  if (ts < fs) return `a period cannot end (${r.to.date}) before it starts (${r.from.date})`;
  if (r.from.date === r.to.date && r.from.part === r.to.part) return `a period needs two different dates (got ${r.from.date} twice)`;
  return undefined;
}

/** The inclusive day span of a period: from the first day of `from` to the last day of `to`. */
export function rangeSpan(r: DateRange): [number, number] {
  return [fuzzySpan(r.from)[0], fuzzySpan(r.to)[1]];
}

/** A schedule entry as the order rule sees it: one date, or a period. */
export type DateOrRange = FuzzyDate | DateRange;

export function isDateRange(d: DateOrRange): d is DateRange {
  return typeof (d as DateRange).from === 'object' && typeof (d as DateRange).to === 'object';
}

/** The span of a date or a period. */
export function spanOfEntry(d: DateOrRange): [number, number] {
  return isDateRange(d) ? rangeSpan(d) : fuzzySpan(d);
}

/**
 * The schedule-order rule: a milestone may not start before the previous one starts,
 * except that fuzzy spans which overlap are in order. 審査期間「7月～9月頃」 after
 * 公募締切「7月5日」 overlaps it and is fine; 「6月」 after 「7月5日」 ends before it starts
 * and is out of order. So: out of order exactly when `next` ends before `previous` starts.
 */
export function scheduleOutOfOrder(previous: DateOrRange, next: DateOrRange): boolean {
  return spanOfEntry(next)[1] < spanOfEntry(previous)[0];
}

/** The calendar day of a day number. */
export function fromDayNumber(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
