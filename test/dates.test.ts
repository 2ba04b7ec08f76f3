/**
 * One table for what a date is, checked against every place that reads dates: the core
 * (shared/dates.ts), the data schema, the formatter, and the schedule-order rule. A row
 * that one of them read differently would fail here.
 */
import { describe, expect, it } from 'vitest';
import { compareDates, fuzzySpan, dayNumber } from '../src/shared/dates.ts';
import { formatFuzzyDate } from '../src/shared/format/index.ts';
import { crossCheck, FuzzyDateSchema } from '../src/schema/index.ts';
import type { FuzzyDate } from '../src/shared/values.ts';

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
];

/** [a, b, order] — the order the core, and therefore the schedule rule, sees. */
const ORDER: Array<[FuzzyDate, FuzzyDate, -1 | 0 | 1]> = [
  [D('2021-05', '上旬'), D('2021-05', '中旬'), -1],
  [D('2021-05', '中旬'), D('2021-05', '下旬'), -1],
  [D('2021-05', '下旬'), D('2021-06'), -1],
  [D('2021-04'), D('2021-05', '上旬'), -1],
  // Same first day: the narrower span first.
  [D('2021-05-01'), D('2021-05', '上旬'), -1],
  [D('2021-05', '上旬'), D('2021-05'), -1],
  [D('2021-05'), D('2021'), 1],
  [D('2021-05-11'), D('2021-05', '中旬'), -1],
  [D('2021-05-10'), D('2021-05', '中旬'), -1],
  [D('2021-05', '下旬'), D('2021-05-25'), -1],
  [D('2021-10'), D('2021-05', '下旬'), 1],
  [D('2021'), D('2020-12', '下旬'), 1],
  [{ date: '2021-04', suffix: '以降' }, { date: '2021-04', suffix: 'まで' }, 0],
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

  it.each(ORDER)('%o vs %o = %i for the core and the schedule rule', (a, b, want) => {
    expect(compareDates(a, b)).toBe(want);
    expect(compareDates(b, a)).toBe(-want || 0);
    expect(scheduleIssues(a, b)).toEqual(want > 0 ? ['SCHEDULE_ORDER'] : []);
  });
});
