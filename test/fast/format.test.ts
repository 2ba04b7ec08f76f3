import { describe, expect, it } from 'vitest';
import type { FuzzyDate, Money, Period } from '../../src/shared/values.ts';
import {
  count,
  eraYearLabel,
  fileSize,
  fiscalYear,
  fiscalYearOf,
  formatDate,
  formatFuzzyDate,
  formatMoney,
  formatPeriod,
  toFullWidthDigits,
  toHalfWidth,
  toWareki,
  type CountOptions,
  type DateOptions,
  type FiscalYearOptions,
  type MoneyOptions,
  type PeriodOptions,
} from '../../src/shared/format/index.ts';

describe('fiscalYear', () => {
  it.each<[number, FiscalYearOptions, string]>([
    [2021, {}, '令和3年度'],
    [2020, {}, '令和2年度'],
    [2019, {}, '令和元年度'], // FY starting April 2019 (平成) is labelled 令和元年度
    [2018, {}, '平成30年度'],
    [2021, { digits: 'full' }, '令和３年度'],
    [2019, { calendar: 'western' }, '2019年度'],
    [1989, {}, '平成元年度'],
    [1988, {}, '昭和63年度'],
    [2030, { digits: 'full' }, '令和１２年度'],
  ])('fiscalYear(%i, %o) → %s', (y, opts, want) => {
    expect(fiscalYear(y, opts)).toBe(want);
  });

  it.each<[number, RegExp]>([
    [1800, /before 明治/],
    [2021.5, /fiscal year must be an integer/],
    [0, /fiscal year must be an integer ≥ 1/],
  ])('fiscalYear(%s) throws', (y, msg) => {
    expect(() => fiscalYear(y)).toThrow(msg);
  });
});

describe('formatFuzzyDate / formatDate (和暦)', () => {
  it.each<[FuzzyDate, DateOptions, string]>([
    // seed schedule, full-width policy
    [{ date: '2021-04', suffix: '以降' }, { digits: 'full' }, '令和３年４月以降'],
    [{ date: '2021-05', part: '下旬', suffix: '以降' }, { digits: 'full' }, '令和３年５月下旬以降'],
    [{ date: '2021-10', suffix: '頃' }, { digits: 'full' }, '令和３年１０月頃'],
    // same values, half-width policy
    [{ date: '2021-10', suffix: '頃' }, {}, '令和3年10月頃'],
    [{ date: '2021-05', part: '下旬', suffix: '以降' }, { digits: 'half' }, '令和3年5月下旬以降'],
    [{ date: '2021-11', part: '中旬' }, { digits: 'full' }, '令和３年１１月中旬'],
    [{ date: '2021-12', suffix: 'まで' }, { digits: 'full' }, '令和３年１２月まで'],
    [{ date: '2021-06', part: '上旬', suffix: '予定' }, {}, '令和3年6月上旬予定'],
    // era boundaries, day precision
    [{ date: '2019-05-01' }, {}, '令和元年5月1日'],
    [{ date: '2019-04-30' }, {}, '平成31年4月30日'],
    [{ date: '2016-11-30' }, {}, '平成28年11月30日'],
    [{ date: '2020-06-30' }, {}, '令和2年6月30日'],
    [{ date: '2020-06-30' }, { digits: 'full' }, '令和２年６月３０日'],
    [{ date: '1989-01-07' }, {}, '昭和64年1月7日'],
    [{ date: '1989-01-08' }, {}, '平成元年1月8日'],
    [{ date: '1926-12-24' }, {}, '大正15年12月24日'],
    [{ date: '1926-12-25' }, {}, '昭和元年12月25日'],
    [{ date: '1912-07-29' }, {}, '明治45年7月29日'],
    [{ date: '1912-07-30' }, {}, '大正元年7月30日'],
    [{ date: '1873-01-01' }, {}, '明治6年1月1日'],
    // month precision: era in force on the month's last day
    [{ date: '2019-05' }, {}, '令和元年5月'],
    [{ date: '2019-04' }, {}, '平成31年4月'],
    [{ date: '1989-01' }, {}, '平成元年1月'],
    // year precision: era in force at the end of the year
    [{ date: '2019' }, {}, '令和元年'],
    [{ date: '2018' }, {}, '平成30年'],
    [{ date: '2021', suffix: '以降' }, {}, '令和3年以降'],
    [{ date: '2020-02-29' }, {}, '令和2年2月29日'],
  ])('%o %o → %s', (d, opts, want) => {
    expect(formatFuzzyDate(d, opts)).toBe(want);
  });

  it.each<[FuzzyDate, DateOptions, string]>([
    [{ date: '2020-10-16' }, { calendar: 'dotted' }, '2020.10.16'],
    [{ date: '2021-04-01' }, { calendar: 'dotted' }, '2021.4.1'],
    [{ date: '2021-04-01' }, { calendar: 'dotted', zeroPad: true }, '2021.04.01'],
    [{ date: '2021-05' }, { calendar: 'dotted' }, '2021.5'],
    [{ date: '2021-05', part: '下旬', suffix: '以降' }, { calendar: 'western' }, '2021年5月下旬以降'],
    [{ date: '2019' }, { calendar: 'western' }, '2019年'],
    [{ date: '2020-10-16' }, { calendar: 'western', digits: 'full' }, '２０２０年１０月１６日'],
  ])('western/dotted %o %o → %s', (d, opts, want) => {
    expect(formatFuzzyDate(d, opts)).toBe(want);
  });

  it.each<[number, number, number, DateOptions, string]>([
    [2019, 4, 30, {}, '平成31年4月30日'],
    [2019, 5, 1, {}, '令和元年5月1日'],
    [2020, 10, 16, { calendar: 'dotted' }, '2020.10.16'],
  ])('formatDate(%i, %i, %i, %o) → %s', (y, m, d, opts, want) => {
    expect(formatDate(y, m, d, opts)).toBe(want);
  });

  it.each<[FuzzyDate, DateOptions, RegExp]>([
    [{ date: '2021-05-10', part: '上旬' }, {}, /part '上旬' needs a month-precision date \(got day-precision '2021-05-10'\)/],
    [{ date: '2021', part: '下旬' }, {}, /needs a month-precision date \(got year-precision/],
    [{ date: '2021-13' }, {}, /month must be 01–12/],
    [{ date: '2021-00' }, {}, /month must be 01–12/],
    [{ date: '2021-02-29' }, {}, /day must be 01–28 for 2021-02/],
    [{ date: '2021-04-31' }, {}, /day must be 01–30/],
    [{ date: '2021/05/01' }, {}, /must be YYYY, YYYY-MM or YYYY-MM-DD/],
    [{ date: '2021-5' }, {}, /must be YYYY, YYYY-MM or YYYY-MM-DD/],
    [{ date: '令和3年' }, {}, /must be YYYY, YYYY-MM or YYYY-MM-DD/],
    [{ date: '2021-05', part: '末' as never }, {}, /part must be one of 上旬\/中旬\/下旬/],
    [{ date: '2021-05', suffix: 'から' as never }, {}, /suffix must be one of/],
    [{ date: '1867-12-31' }, {}, /year must be 1873–2200/],
    [{ date: '2021' }, { calendar: 'koki' as never }, /calendar must be/],
    [{ date: '2021' }, { digits: 'wide' as never }, /digits must be 'half' or 'full'/],
  ])('%o %o throws %s', (d, opts, msg) => {
    expect(() => formatFuzzyDate(d, opts)).toThrow(msg);
  });
});

describe('toWareki / eraYearLabel', () => {
  it.each<[number, number, number, string, number]>([
    [2019, 4, 30, '平成', 31],
    [2019, 5, 1, '令和', 1],
    [2024, 1, 1, '令和', 6],
    [1989, 1, 8, '平成', 1],
    [1868, 1, 25, '明治', 1],
  ])('toWareki(%i, %i, %i) → %s%i', (y, m, d, era, year) => {
    expect(toWareki(y, m, d)).toEqual({ era, year });
  });

  it.each<[number, string]>([
    [1, '元'],
    [2, '2'],
    [31, '31'],
  ])('eraYearLabel(%i) → %s', (n, want) => {
    expect(eraYearLabel(n)).toBe(want);
  });

  it('throws before 明治 and on impossible days', () => {
    expect(() => toWareki(1868, 1, 24)).toThrow(/before 明治/);
    expect(() => toWareki(2021, 2, 30)).toThrow(/day must be 1–28/);
  });
});

describe('fiscalYearOf', () => {
  it.each<[FuzzyDate, number]>([
    [{ date: '2021-04' }, 2021],
    [{ date: '2022-03-31' }, 2021],
    [{ date: '2021-01', part: '上旬' }, 2020],
  ])('fiscalYearOf(%o) = %i', (d, want) => {
    expect(fiscalYearOf(d)).toBe(want);
  });

  it('fiscalYearOf rejects a bare year', () => {
    expect(() => fiscalYearOf({ date: '2021' })).toThrow(/needs a month- or day-precision date/);
  });
});

describe('formatMoney', () => {
  it.each<[Money, MoneyOptions, string]>([
    [{ yen: 320_000_000 }, { style: 'oku' }, '3.2億円'],
    [{ yen: 320_000_000, upTo: true }, { style: 'oku' }, '最大3.2億円'],
    [{ yen: 320_000_000, upTo: true, approx: '程度' }, { style: 'oku', unitSuffix: '/年度' }, '最大3.2億円/年度程度'],
    [{ yen: 200_000_000, upTo: true, approx: '程度' }, { style: 'oku', unitSuffix: '/年度' }, '最大2億円/年度程度'],
    [{ yen: 170_000_000, approx: '約' }, { style: 'oku' }, '約1.7億円'],
    [{ yen: 30_000_000, approx: '約' }, { style: 'oku' }, '約0.3億円'],
    [{ yen: 100_000_000, approx: '約' }, { style: 'oku', unitSuffix: '/年度・領域' }, '約1億円/年度・領域'],
    [{ min: 100_000_000, max: 1_000_000_000 }, { style: 'oku' }, '1～10億円'],
    [{ min: 100_000_000, max: 1_000_000_000 }, { style: 'oku', rangeSeparator: '～' }, '1～10億円'],
    [{ min: 100_000_000, max: 1_000_000_000 }, { style: 'oku', unitSuffix: '／年度・拠点' }, '1～10億円／年度・拠点'],
    [{ min: 150_000_000, max: 150_000_000 }, { style: 'oku' }, '1.5～1.5億円'],
    [{ yen: 25_000_000 }, { style: 'senman' }, '2.5千万円'],
    [{ yen: 25_000_000, approx: '程度' }, { style: 'senman' }, '2.5千万円程度'],
    [{ yen: 25_000_000, approx: '程度' }, { style: 'senman', unitSuffix: '/年度' }, '2.5千万円/年度程度'],
    [{ yen: 25_000_000 }, { style: 'man' }, '2500万円'],
    [{ yen: 25_000_000 }, { style: 'man', unitSuffix: '/年度' }, '2500万円/年度'],
    [{ yen: 25_000_000 }, { style: 'man', thousands: true }, '2,500万円'],
    [{ yen: 25_000_000, approx: '程度' }, { style: 'man', unitSuffix: '/年度' }, '2500万円/年度程度'],
    [{ yen: 640_000_000 }, { style: 'hyakuman' }, '640百万円'],
    [{ yen: 25_000_000 }, { style: 'yen' }, '25,000,000円'],
    [{ yen: 25_000_000 }, { style: 'yen', thousands: false }, '25000000円'],
    [{ yen: 0 }, { style: 'oku' }, '0億円'],
    [{ yen: 125_000_000 }, { style: 'oku' }, '1.25億円'],
    [{ yen: 320_000_000 }, { style: 'oku', digits: 'full' }, '３.２億円'],
    // auto: ≥1億 → oku, ≥1000万 → man, else yen; falls back to a finer exact unit
    [{ yen: 320_000_000 }, { style: 'auto' }, '3.2億円'],
    [{ yen: 320_000_000 }, {}, '3.2億円'],
    [{ yen: 25_000_000 }, { style: 'auto' }, '2500万円'],
    [{ yen: 9_990_000 }, { style: 'auto' }, '9,990,000円'],
    [{ yen: 123_456_789 }, { style: 'auto' }, '123,456,789円'],
    [{ yen: 123_450_000 }, { style: 'auto' }, '12345万円'],
    [{ min: 50_000_000, max: 100_000_000 }, { style: 'auto' }, '0.5～1億円'],
    // rounding only on request
    [{ yen: 123_456_789, approx: '約' }, { style: 'oku', round: true }, '約1.23億円'],
    [{ yen: 125_000_000 }, { style: 'oku', round: true, maxDecimals: 1 }, '1.3億円'],
    [{ yen: 199_000_000, approx: '約' }, { style: 'oku', round: true, maxDecimals: 0 }, '約2億円'],
    [{ yen: 123_456_789 }, { style: 'auto', round: true }, '1.23億円'],
  ])('%o %o → %s', (m, opts, want) => {
    expect(formatMoney(m, opts)).toBe(want);
  });

  it.each<[Money, MoneyOptions, RegExp]>([
    [{ yen: 123_456_789 }, { style: 'oku' }, /cannot be shown exactly in 億円 with ≤ 2 decimals.*round: true/],
    [{ yen: 25_000_050 }, { style: 'man' }, /25,000,050 yen cannot be shown exactly in 万円/],
    [{ yen: 125_000_000 }, { style: 'oku', maxDecimals: 1 }, /exactly in 億円 with ≤ 1 decimals/],
    [{ min: 100_000_000, max: 1_234_567_890 }, { style: 'oku' }, /100,000,000~1,234,567,890 yen cannot be shown exactly/],
    [{ yen: 1.5 }, { style: 'yen' }, /Money.yen must be a non-negative integer/],
    [{ yen: -1 }, { style: 'yen' }, /Money.yen must be a non-negative integer/],
    [{ yen: Number.NaN }, {}, /Money.yen must be a non-negative integer/],
    [{}, {}, /needs yen, or both min and max/],
    [{ min: 1 }, {}, /open ranges are not supported/],
    [{ yen: 1, max: 2 }, {}, /both yen and min\/max/],
    [{ min: 2, max: 1 }, {}, /min \(2\) is greater than max \(1\)/],
    [{ yen: 1 }, { style: 'cho' as never }, /Unknown money style "cho"/],
    [{ yen: 1, approx: 'くらい' as never }, { style: 'yen' }, /approx must be '約' or '程度'/],
    [{ yen: 1 }, { maxDecimals: -1 }, /maxDecimals must be an integer 0–6/],
  ])('%o %o throws %s', (m, opts, msg) => {
    expect(() => formatMoney(m, opts)).toThrow(msg);
  });
});

describe('formatPeriod', () => {
  it.each<[Period, PeriodOptions, string]>([
    [{ years: 2 }, {}, '2年度'],
    [{ years: 10, upTo: true }, {}, '最大10年度'],
    [{ years: 10, upTo: true }, { upToWord: '最長' }, '最長10年度'],
    [{ years: 9, upTo: true }, { upToWord: '最大' }, '最大9年度'],
    [{ years: 10, upTo: false }, { upToWord: '最長' }, '10年度'],
    [{ years: 10, upTo: true }, { digits: 'full' }, '最大１０年度'],
  ])('%o %o → %s', (p, opts, want) => {
    expect(formatPeriod(p, opts)).toBe(want);
  });

  it.each<[Period, PeriodOptions, RegExp]>([
    [{ years: 0 }, {}, /Period.years must be an integer ≥ 1/],
    [{ years: 2.5 }, {}, /Period.years must be an integer ≥ 1/],
    [{ years: 2, upTo: true }, { upToWord: '最高' as never }, /upToWord must be '最大' or '最長'/],
  ])('%o %o throws', (p, opts, msg) => {
    expect(() => formatPeriod(p, opts)).toThrow(msg);
  });
});

describe('count', () => {
  it.each<[number, CountOptions, string]>([
    [4, { unit: '件', approx: '程度' }, '4件程度'],
    [8, { unit: '件', approx: '程度' }, '8件程度'],
    [12, {}, '12'],
    [2, { unit: '拠点' }, '2拠点'],
    [5, { unit: '件', approx: '約' }, '約5件'],
    [0, { unit: '件' }, '0件'],
    [12, { unit: '件', digits: 'full' }, '１２件'],
  ])('count(%i, %o) → %s', (n, opts, want) => {
    expect(count(n, opts)).toBe(want);
  });

  it.each<[number, RegExp]>([
    [-1, /count must be an integer ≥ 0 \(got -1\)/],
    [1.5, /count must be an integer/],
    [Number.POSITIVE_INFINITY, /count must be an integer/],
  ])('count(%s) throws', (n, msg) => {
    expect(() => count(n)).toThrow(msg);
  });
});

describe('fileSize', () => {
  it.each<[number, string]>([
    [0, '1KB'], // a file of a few bytes is not 0KB
    [300, '1KB'],
    [1024, '1KB'],
    [1536, '2KB'],
    [290_816, '284KB'],
    [1_023_487, '999KB'],
    [1_023_488, '1.0MB'], // 999.5 KB would print 1000KB
    [1_258_291, '1.2MB'],
    [5 * 1024 * 1024, '5.0MB'],
    [12_345_678, '11.8MB'],
  ])('fileSize(%i) → %s', (bytes, want) => {
    expect(fileSize(bytes)).toBe(want);
  });

  it.each([-1, 1.5, Number.NaN])('fileSize(%s) throws', (bytes) => {
    expect(() => fileSize(bytes)).toThrow(/whole number of bytes/);
  });
});

describe('width', () => {
  it.each<[string, string]>([
    ['10', '１０'],
    ['11', '１１'],
    ['12', '１２'],
    ['令和3年4月', '令和３年４月'],
    ['ABC abc', 'ABC abc'], // letters untouched
    ['', ''],
  ])('toFullWidthDigits(%j) → %j', (s, want) => {
    expect(toFullWidthDigits(s)).toBe(want);
  });

  it.each<[string, string]>([
    ['ＡＢＣ１２３', 'ABC123'],
    ['ａｂｃ', 'abc'],
    ['令和３年度', '令和3年度'],
    ['カナかな（注）', 'カナかな（注）'], // kana and full-width punctuation left alone
    ['ＣＯＩ－ＮＥＸＴ', 'COI－NEXT'],
  ])('toHalfWidth(%j) → %j', (s, want) => {
    expect(toHalfWidth(s)).toBe(want);
  });

  it('round-trips digits', () => {
    expect(toHalfWidth(toFullWidthDigits('0123456789'))).toBe('0123456789');
  });
});
