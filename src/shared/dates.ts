/**
 * The one fuzzy-date core: parse, check, span and order a date that keeps its precision
 * (year, month, 上旬/中旬/下旬 of a month, day). The data schema validates with it, the
 * formatters print what it parses, and the rules (schedule order, fiscal year, roster
 * dates) compare its spans — so all of them agree on what a date is.
 *
 * Calendar: proleptic Gregorian. Japan adopted it on 明治6年 (1873-01-01), so that is the
 * earliest year accepted; 和暦 before it would not match period documents anyway.
 */
import type { FuzzyDate, MonthPart } from './values.ts';

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
export type DateProblem = 'format' | 'year' | 'month' | 'day' | 'part';

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

/** Parse a FuzzyDate or throw (for code paths that only ever see validated data). */
export function parseFuzzyDate(d: FuzzyDate): ParsedDate {
  if (d === null || typeof d !== 'object' || typeof d.date !== 'string') {
    throw new Error(`FuzzyDate must be an object with a string 'date' (got ${JSON.stringify(d)})`);
  }
  const r = parseDate(d.date, d.part);
  if (!r.ok) throw new Error(`FuzzyDate: ${r.text}`);
  return r.date;
}

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

/** The calendar day of a day number. */
export function fromDayNumber(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
