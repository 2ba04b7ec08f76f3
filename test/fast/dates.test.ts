/**
 * One table for what a date is, checked against every place that reads dates: the core
 * (shared/dates.ts), the data schema, the formatter, and the schedule-order rule. A row
 * that one of them read differently would fail here. Then the table of how dates and
 * periods print: every precision, with and without weekday and time, periods within a
 * month, across months, across years and across an era change.
 */
import { describe, expect, it } from 'vitest';
import { compareDates, fuzzySpan, dayNumber, scheduleOutOfOrder, weekdayOf, parseFuzzyDate } from '../../src/shared/dates.ts';
import { formatDateRange, formatDateRangeParts, formatFuzzyDate, type DateOptions } from '../../src/shared/format/index.ts';
import { crossCheck, DateRangeSchema, FuzzyDateSchema } from '../../src/schema/index.ts';
import type { DateRange, FuzzyDate } from '../../src/shared/values.ts';

const D = (date: string, part?: FuzzyDate['part']): FuzzyDate => (part ? { date, part } : { date });

/** [date, valid, span as [y,m,d]–[y,m,d] when valid] */
const VALIDITY: Array<[FuzzyDate, boolean, [number, number, number]?, [number, number, number]?]> = [
  [D('2021'), true, [2021, 1, 1], [2021, 12, 31]],
  [D('2021-05'), true, [2021, 5, 1], [2021, 5, 31]],
  [D('2021-05', '上旬'), true, [2021, 5, 1], [2021, 5, 10]],
  [D('2021-05', '中旬'), true, [2021, 5, 11], [2021, 5, 20]],
  [D('2021-02', '下旬'), true, [2021, 2, 21], [2021, 2, 28]],
  [D('2024-02', '下旬'), true, [2024, 2, 21], [2024, 2, 29]],
  [D('2024-02-29'), true, [2024, 2, 29], [2024, 2, 29]],
  [D('1873-01-01'), true, [1873, 1, 1], [1873, 1, 1]],
  [D('2200'), true, [2200, 1, 1], [2200, 12, 31]],
  [D('2021-02-29'), false],
  [D('2021-13'), false],
  [D('2021-00'), false],
  [D('2021-04-31'), false],
  [D('1850'), false], // before the Gregorian calendar in Japan: refused everywhere, not only by the schema
  [D('1872-12-31'), false],
  [D('2201'), false],
  [D('2021', '下旬'), false],
  [D('2021-05-10', '上旬'), false],
  [D('2021/05/01'), false],
  // A time of day belongs to a day; a time note to a time.
  [{ date: '2022-07-05', time: '12:00', timeNote: '正午' }, true, [2022, 7, 5], [2022, 7, 5]],
  [{ date: '2022-07-05', time: '00:00' }, true, [2022, 7, 5], [2022, 7, 5]],
  [{ date: '2022-07-05', time: '24:00' }, false],
  [{ date: '2022-07-05', time: '9:00' }, false],
  [{ date: '2022-07', time: '12:00' }, false],
  [{ date: '2022-07-05', timeNote: '正午' }, false],
];

/**
 * [a, b, order, rule fires] — the order the core sorts by, and whether the schedule rule
 * refuses b after a. The rule compares spans: b may not start before a starts, except that
 * overlapping spans are in order (7月 after 7月5日 overlaps it), so it fires only when b ends
 * before a starts.
 */
const ORDER: Array<[FuzzyDate, FuzzyDate, -1 | 0 | 1, boolean]> = [
  [D('2021-05', '上旬'), D('2021-05', '中旬'), -1, false],
  [D('2021-05', '中旬'), D('2021-05', '下旬'), -1, false],
  [D('2021-05', '下旬'), D('2021-06'), -1, false],
  [D('2021-04'), D('2021-05', '上旬'), -1, false],
  // Same first day: the narrower span first.
  [D('2021-05-01'), D('2021-05', '上旬'), -1, false],
  [D('2021-05', '上旬'), D('2021-05'), -1, false],
  // 2021 contains 2021-05: overlapping, in order either way.
  [D('2021-05'), D('2021'), 1, false],
  [D('2021-05-11'), D('2021-05', '中旬'), -1, false],
  [D('2021-05-10'), D('2021-05', '中旬'), -1, false],
  [D('2021-05', '下旬'), D('2021-05-25'), -1, false],
  [D('2021-10'), D('2021-05', '下旬'), 1, true],
  [D('2021'), D('2020-12', '下旬'), 1, true],
  [{ date: '2021-04', suffix: '以降' }, { date: '2021-04', suffix: 'まで' }, 0, false],
  // The real schedule of a later year: 審査期間「7月～」 after 公募締切「7月5日」 overlaps it.
  [D('2022-07-05'), D('2022-07'), 1, false],
  [D('2022-07-05'), D('2022-06'), 1, true],
  [D('2022-07-05'), D('2022-07', '上旬'), 1, false],
  [D('2022-07-15'), D('2022-07', '上旬'), 1, true],
];

/** A minimal call file whose schedule holds the two dates, for the cross rule. */
function scheduleIssues(a: FuzzyDate, b: FuzzyDate): string[] {
  const call = {
    id: 'x',
    field: 'x',
    noteRefs: [],
    types: [],
    schedule: {
      milestones: [
        { id: 'a', label: 'A', date: a },
        { id: 'b', label: 'B', date: b },
      ],
    },
  };
  return crossCheck([{ rel: 'calls/x.yaml', kind: 'call', data: call }])
    .filter((i) => i.code === 'SCHEDULE_ORDER')
    .map((i) => i.code);
}

describe('one fuzzy-date table', () => {
  it.each(VALIDITY)('%o valid=%s in the core, the schema and the formatter alike', (d, valid, from, to) => {
    expect(FuzzyDateSchema.safeParse(d).success, 'schema').toBe(valid);
    if (valid) {
      expect(() => formatFuzzyDate(d), 'formatter').not.toThrow();
      expect(fuzzySpan(d)).toEqual([dayNumber(...from!), dayNumber(...to!)]);
    } else {
      expect(() => formatFuzzyDate(d), 'formatter').toThrow();
      expect(() => fuzzySpan(d), 'core').toThrow();
    }
  });

  it.each(ORDER)('%o vs %o = %i for the core; the schedule rule fires: %s', (a, b, want, fires) => {
    expect(compareDates(a, b)).toBe(want);
    expect(compareDates(b, a)).toBe(-want || 0);
    expect(scheduleOutOfOrder(a, b)).toBe(fires);
    expect(scheduleIssues(a, b)).toEqual(fires ? ['SCHEDULE_ORDER'] : []);
  });

  it('a period is ordered by its span: 審査期間 7月～9月頃 after a 5月10日～7月5日 公募期間, and never before it', () => {
    const call: DateRange = { from: D('2022-05-10'), to: { date: '2022-07-05', time: '12:00', timeNote: '正午' } };
    const review: DateRange = { from: D('2022-07'), to: { date: '2022-09', suffix: '頃' } };
    expect(scheduleOutOfOrder(call, review)).toBe(false);
    expect(scheduleOutOfOrder(call, D('2022-07', '下旬'))).toBe(false);
    expect(scheduleOutOfOrder(review, D('2022-06'))).toBe(true);
    expect(scheduleOutOfOrder(call, D('2022-04'))).toBe(true);
  });

  it.each<[DateRange, boolean]>([
    [{ from: D('2022-05-10'), to: D('2022-07-05') }, true],
    [{ from: D('2022-07'), to: D('2022-09') }, true],
    [{ from: D('2022-07'), to: D('2022-07-15') }, true],
    [{ from: D('2022-07-05'), to: D('2022-05-10') }, false],
    [{ from: D('2022-07'), to: D('2022-07') }, false],
    [{ from: D('2022-07-05'), to: D('2022-07') }, false],
  ])('period %o valid=%s in the schema and the formatter alike', (r, valid) => {
    expect(DateRangeSchema.safeParse(r).success).toBe(valid);
    if (valid) expect(() => formatDateRange(r)).not.toThrow();
    else expect(() => formatDateRange(r)).toThrow();
  });
});

describe('weekdays are computed, never stored', () => {
  it.each<[string, number]>([
    ['1970-01-01', 4],
    ['2022-05-10', 2],
    ['2022-07-05', 2],
    ['2019-05-01', 3],
    ['2024-02-29', 4],
    ['1873-01-01', 3],
    ['1969-12-31', 3],
  ])('%s is weekday %i (0 = Sunday)', (date, want) => {
    expect(weekdayOf(parseFuzzyDate({ date }))).toBe(want);
    // Against the platform's own calendar.
    expect(new Date(`${date}T00:00:00Z`).getUTCDay()).toBe(want);
  });
});

/** [what, date or period, options, printed] — how the documents print dates; one row per case. */
const PRINTED: Array<[string, FuzzyDate | DateRange, DateOptions, string]> = [
  // every precision of a point
  ['year', D('2021'), {}, '令和3年'],
  ['month', D('2021-05'), {}, '令和3年5月'],
  ['part of a month', { date: '2021-05', part: '下旬', suffix: '以降' }, {}, '令和3年5月下旬以降'],
  ['day', D('2022-05-10'), {}, '令和4年5月10日'],
  ['day, full-width', { date: '2021-10', suffix: '頃' }, { digits: 'full' }, '令和３年１０月頃'],
  ['day, western', D('2022-05-10'), { calendar: 'western' }, '2022年5月10日'],
  ['day, dotted', D('2020-10-16'), { calendar: 'dotted' }, '2020.10.16'],
  // weekday and time
  ['day with weekday', D('2022-05-10'), { weekday: true }, '令和4年5月10日(火)'],
  ['day with weekday, full-width', D('2022-05-10'), { weekday: true, digits: 'full' }, '令和４年５月１０日（火）'],
  ['weekday asked of a month: none', D('2022-07'), { weekday: true }, '令和4年7月'],
  ['day with time', { date: '2022-07-05', time: '12:00' }, {}, '令和4年7月5日12:00'],
  ['day with weekday, time and its word', { date: '2022-07-05', time: '12:00', timeNote: '正午' }, { weekday: true }, '令和4年7月5日(火)12:00（正午）'],
  ['time with a suffix', { date: '2022-07-05', time: '17:00', suffix: 'まで' }, { weekday: true }, '令和4年7月5日(火)17:00まで'],
  // periods: what repeats is elided
  ['within a month, days', { from: D('2022-05-10'), to: D('2022-05-20') }, {}, '令和4年5月10日～20日'],
  ['within a month, days with weekdays', { from: D('2022-05-10'), to: D('2022-05-20') }, { weekday: true }, '令和4年5月10日(火)～20日(金)'],
  ['within a month, parts', { from: D('2022-05', '上旬'), to: D('2022-05', '中旬') }, {}, '令和4年5月上旬～中旬'],
  [
    'across months, with weekdays and a deadline time',
    { from: D('2022-05-10'), to: { date: '2022-07-05', time: '12:00', timeNote: '正午' } },
    { weekday: true },
    '令和4年5月10日(火)～7月5日(火)12:00（正午）',
  ],
  ['across months, fuzzy', { from: D('2022-07'), to: { date: '2022-09', suffix: '頃' } }, {}, '令和4年7月～9月頃'],
  ['across months, month to day', { from: D('2022-07'), to: D('2022-08-31') }, {}, '令和4年7月～8月31日'],
  ['across years (same era)', { from: D('2021-12'), to: D('2022-01') }, {}, '令和3年12月～令和4年1月'],
  ['across years, days', { from: D('2021-12-27'), to: D('2022-01-07') }, { weekday: true }, '令和3年12月27日(月)～令和4年1月7日(金)'],
  ['across an era change', { from: D('2019-04'), to: D('2019-05') }, {}, '平成31年4月～令和元年5月'],
  ['across an era change, days', { from: D('2019-04-30'), to: D('2019-05-01') }, {}, '平成31年4月30日～令和元年5月1日'],
  ['whole years', { from: D('2021'), to: D('2023') }, {}, '令和3年～令和5年'],
  ['western, within a year', { from: D('2022-05-10'), to: D('2022-07-05') }, { calendar: 'western' }, '2022年5月10日～7月5日'],
  ['dotted, within a year', { from: D('2022-05-10'), to: D('2022-07-05') }, { calendar: 'dotted' }, '2022.5.10～7.5'],
  ['full-width period', { from: D('2022-07'), to: { date: '2022-09', suffix: '頃' } }, { digits: 'full' }, '令和４年７月～９月頃'],
];

describe('how dates and periods print', () => {
  it.each(PRINTED)('%s', (_what, value, opts, want) => {
    const text = 'from' in value ? formatDateRange(value, opts) : formatFuzzyDate(value, opts);
    expect(text).toBe(want);
  });

  it('a period breaks only after its ～ (the two pieces a template keeps unbroken)', () => {
    expect(formatDateRangeParts({ from: D('2022-05-10'), to: { date: '2022-07-05', time: '12:00', timeNote: '正午' } }, { weekday: true })).toEqual([
      '令和4年5月10日(火)～',
      '7月5日(火)12:00（正午）',
    ]);
  });
});
