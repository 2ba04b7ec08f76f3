import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { globbySync } from 'globby';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  CallSchema,
  ContactSchema,
  CROSS_CODES,
  EditionMetaSchema,
  FuzzyDateSchema,
  MoneySchema,
  OverviewSchema,
  PeriodSchema,
  ProgrammesFileSchema,
  RosterSchema,
  SitesFileSchema,
  Text,
  assemble,
  crossCheck,
  fileKinds,
  prefectureCode,
  type CrossIssue,
  type ParsedFile,
} from '../../src/schema/index.ts';

/** The frozen fixture r3 (test/fixtures/editions/README.md): code behaviour, not the live data. */
const DIR = join(import.meta.dirname, '..', 'fixtures', 'editions', 'r3');

function loadRaw(): ParsedFile[] {
  const files: ParsedFile[] = [];
  for (const k of fileKinds) {
    for (const rel of globbySync(k.glob, { cwd: DIR }).sort()) {
      files.push({ rel, kind: k.kind, data: parse(readFileSync(join(DIR, rel), 'utf8')) });
    }
  }
  return files;
}
const RAW = loadRaw();
const fresh = (): ParsedFile[] => structuredClone(RAW);
// biome-ignore lint/suspicious/noExplicitAny: the tests reach into whatever the fixture holds
const file = (files: ParsedFile[], rel: string): any => {
  const f = files.find((x) => x.rel === rel);
  if (!f) throw new Error(`no ${rel}`);
  return f.data;
};
const codes = (issues: CrossIssue[]) => issues.map((i) => i.code);
const only = (issues: CrossIssue[], code: string) => issues.filter((i) => i.code === code);

describe('the fixture r3 (a frozen copy of the real data)', () => {
  it('has every file kind and every file passes its schema', () => {
    const kinds = new Set(RAW.map((f) => f.kind));
    for (const k of fileKinds) if (k.required) expect(kinds.has(k.kind), k.kind).toBe(true);
    expect(RAW.map((f) => f.rel).sort()).toEqual(
      [
        'calls/chiiki.yaml',
        'calls/kyoso.yaml',
        'contact.yaml',
        'deck.yaml',
        'edition.yaml',
        'forms.yaml',
        'guidelines/chiiki.yaml',
        'guidelines/kyoso.yaml',
        'overview.yaml',
        'programmes.yaml',
        'roster.yaml',
        'sites.yaml',
      ].sort(),
    );
    for (const f of RAW) {
      const k = fileKinds.find((x) => x.kind === f.kind)!;
      const r = k.schema.safeParse(f.data);
      expect(r.success ? [] : r.error.issues, f.rel).toEqual([]);
    }
  });
  it('every file starts with the schema modeline', () => {
    for (const f of RAW) {
      const first = readFileSync(join(DIR, f.rel), 'utf8').split('\n')[0];
      const schema = relative(dirname(join(DIR, f.rel)), join(import.meta.dirname, '..', '..', 'schema', `${f.kind}.schema.json`));
      expect(first).toBe(`# yaml-language-server: $schema=${schema}`);
    }
  });
  it('passes every cross rule', () => {
    expect(crossCheck(RAW)).toEqual([]);
  });
  it('assembles', () => {
    const e = assemble('r3', RAW);
    expect(e.meta.fiscalYear).toBe(2021);
    expect(e.calls.map((c) => c.id)).toEqual(['kyoso', 'chiiki']);
    expect(e.sources).toMatchObject({ 'call:kyoso': 'calls/kyoso.yaml', 'call:chiiki': 'calls/chiiki.yaml', 'roster:kyoso': 'roster.yaml', edition: 'edition.yaml' });
    expect(e.rosters).toHaveLength(1);
    expect(e.sites.sites).toHaveLength(55);
    expect(() =>
      assemble(
        'x',
        RAW.filter((f) => f.kind !== 'contact'),
      ),
    ).toThrow(/contact/);
  });
  it('exports one schema per file kind', () => {
    expect(fileKinds.map((k) => k.kind)).toEqual([
      'edition',
      'programmes',
      'overview',
      'call',
      'roster',
      'sites',
      'contact',
      'deck',
      'guideline',
      'guideline-part',
      'forms',
      'results',
    ]);
    expect(fileKinds.find((k) => k.kind === 'call')).toMatchObject({ glob: 'calls/*.yaml', multiple: true, required: true });
    for (const k of fileKinds) expect(k.description.ja && k.description.en).toBeTruthy();
  });
});

describe('value schemas', () => {
  it('FuzzyDate accepts the three precisions', () => {
    for (const d of [{ date: '2021' }, { date: '2021-05', part: '下旬', suffix: '以降' }, { date: '2020-10-16' }, { date: '2024-02-29' }])
      expect(FuzzyDateSchema.safeParse(d).success, JSON.stringify(d)).toBe(true);
  });
  it('FuzzyDate rejects bad format, non-existent dates, part without month precision, extra keys', () => {
    for (const d of [
      { date: '2021-02-30' },
      { date: '2021-13' },
      { date: '2023-02-29' },
      { date: '2021/05' },
      { date: '21-05' },
      { date: '2021-05-01', part: '上旬' },
      { date: '2021', part: '下旬' },
      { date: '2021-05', suffix: 'ごろ' },
      { date: '2021-05', extra: 1 },
    ])
      expect(FuzzyDateSchema.safeParse(d).success, JSON.stringify(d)).toBe(false);
    const r = FuzzyDateSchema.safeParse({ date: '2021-05-01', part: '上旬' });
    expect(r.success ? null : r.error.issues[0]!.path).toEqual(['part']);
  });
  it('Money: yen xor min+max, integers, positive, min < max, sane maximum', () => {
    for (const v of [
      { yen: 25000000, approx: '程度' },
      { yen: 320000000, upTo: true },
      { min: 100000000, max: 1000000000 },
    ])
      expect(MoneySchema.safeParse(v).success, JSON.stringify(v)).toBe(true);
    for (const v of [
      {},
      { yen: 1, min: 1, max: 2 },
      { min: 5 },
      { min: 10, max: 5 },
      { min: 5, max: 5 },
      { yen: 0 },
      { yen: -1 },
      { yen: 1.5 },
      { yen: 2e12 },
      { yen: 1, approx: 'about' },
      { yen: 1, currency: 'JPY' },
    ])
      expect(MoneySchema.safeParse(v).success, JSON.stringify(v)).toBe(false);
  });
  it('Period', () => {
    expect(PeriodSchema.safeParse({ years: 10, upTo: true }).success).toBe(true);
    expect(PeriodSchema.safeParse({ years: 0 }).success).toBe(false);
    expect(PeriodSchema.safeParse({ years: 2.5 }).success).toBe(false);
  });
  it('Text: non-empty, trimmed, no Kangxi radical', () => {
    expect(Text.safeParse('理事長').success).toBe(true);
    expect(Text.safeParse('理事\u2FA7').success).toBe(false);
    expect(Text.safeParse('').success).toBe(false);
    expect(Text.safeParse(' 理事').success).toBe(false);
    expect(Text.safeParse('理事\n').success).toBe(false);
  });
  it('prefecture codes follow JIS X 0401', () => {
    expect(prefectureCode('北海道')).toBe(1);
    expect(prefectureCode('東京都')).toBe(13);
    expect(prefectureCode('沖縄県')).toBe(47);
  });
});

describe('file schemas are strict', () => {
  const cases: [string, string, { parse: (x: unknown) => unknown; safeParse: (x: unknown) => { success: boolean } }][] = [
    ['edition.yaml', 'edition', EditionMetaSchema],
    ['programmes.yaml', 'programmes', ProgrammesFileSchema],
    ['overview.yaml', 'overview', OverviewSchema],
    ['calls/kyoso.yaml', 'call', CallSchema],
    ['roster.yaml', 'roster', RosterSchema],
    ['sites.yaml', 'sites', SitesFileSchema],
    ['contact.yaml', 'contact', ContactSchema],
  ];
  for (const [rel, , schema] of cases)
    it(`${rel} rejects an unknown key`, () => {
      const d = file(fresh(), rel);
      expect(schema.safeParse(d).success).toBe(true);
      d.unknownKey = 1;
      expect(schema.safeParse(d).success).toBe(false);
    });
  it('rejects the Kangxi radical 長 look-alike in a roster position', () => {
    const d = file(fresh(), 'roster.yaml');
    d.entries[7].position = '理事\u2FA7';
    expect(RosterSchema.safeParse(d).success).toBe(false);
  });
  it('rejects a roster name without the family/given space', () => {
    const d = file(fresh(), 'roster.yaml');
    d.entries[0].name = '松田譲';
    expect(RosterSchema.safeParse(d).success).toBe(false);
  });
  it('rejects a status other than draft/final and a wrong prefecture', () => {
    const e = file(fresh(), 'edition.yaml');
    e.status = '案';
    expect(EditionMetaSchema.safeParse(e).success).toBe(false);
    const s = file(fresh(), 'sites.yaml');
    s.sites[0].prefecture = '沖縄';
    expect(SitesFileSchema.safeParse(s).success).toBe(false);
  });
  it('rejects a programme budget item with neither ref, money nor text', () => {
    const p = file(fresh(), 'programmes.yaml');
    p.programmes[1].budget.items[0] = { period: { years: 9 } };
    expect(ProgrammesFileSchema.safeParse(p).success).toBe(false);
  });
});

describe('cross rules', () => {
  it('catalogue', () => {
    expect([...CROSS_CODES].sort()).toEqual(
      [
        'AMOUNT_INCONSISTENT',
        'COUNT_MISMATCH',
        'DANGLING_REF',
        'DATE_AFTER_EDITION',
        'DUPLICATE_ID',
        'FISCAL_YEAR_MISMATCH',
        'MISSING_FIELD',
        'MISSING_FILE',
        'SCHEDULE_ORDER',
        'SITE_MISMATCH',
        'UNKNOWN_TERM',
      ].sort(),
    );
  });

  describe('DUPLICATE_ID', () => {
    it('fires on a duplicate site id', () => {
      const f = fresh();
      file(f, 'sites.yaml').sites[5].id = 'next-01';
      const i = only(crossCheck(f), 'DUPLICATE_ID');
      expect(i).toHaveLength(1);
      expect(i[0]).toMatchObject({ file: 'sites.yaml', path: ['sites', 5, 'id'] });
      expect(i[0]!.message.ja).toContain('next-01');
      expect(i[0]!.hint?.en).toBeTruthy();
    });
    it('fires on a doubled map label (same site twice under two ids)', () => {
      const f = fresh();
      const s = file(f, 'sites.yaml').sites;
      s.push({ ...s[0], id: 'next-99' });
      expect(only(crossCheck(f), 'DUPLICATE_ID').map((x) => x.path)).toEqual([['sites', 55]]);
    });
    it('fires on a call id shared by two files', () => {
      const f = fresh();
      file(f, 'calls/chiiki.yaml').id = 'kyoso';
      const i = only(crossCheck(f), 'DUPLICATE_ID');
      expect(i.map((x) => [x.file, x.path])).toEqual([['calls/kyoso.yaml', ['id']]]); // files are read in path order: chiiki first
    });
    it('fires on duplicate roster entries, note ids, programme ids, call type ids, footnote marks', () => {
      const f = fresh();
      file(f, 'roster.yaml').entries[2].id = 'matsuda';
      file(f, 'edition.yaml').notes[3].id = 'budget-passage';
      file(f, 'programmes.yaml').programmes[2].id = 'coi';
      file(f, 'calls/kyoso.yaml').types[2].id = 'honkaku';
      file(f, 'overview.yaml').footnotes[1].mark = '※1';
      const i = only(crossCheck(f), 'DUPLICATE_ID').map((x) => [x.file, x.path]);
      expect(i).toEqual(
        expect.arrayContaining([
          ['roster.yaml', ['entries', 2, 'id']],
          ['edition.yaml', ['notes', 3, 'id']],
          ['programmes.yaml', ['programmes', 2, 'id']],
          ['calls/kyoso.yaml', ['types', 2, 'id']],
          ['overview.yaml', ['footnotes', 1, 'mark']],
        ]),
      );
    });
    it('does not fire on the fixture r3', () => expect(only(crossCheck(fresh()), 'DUPLICATE_ID')).toEqual([]));
  });

  describe('DANGLING_REF', () => {
    const cases: [string, string, (f: ParsedFile[]) => void, (string | number)[]][] = [
      ['site → programme', 'sites.yaml', (f) => (file(f, 'sites.yaml').sites[3].programme = 'coi-nxt'), ['sites', 3, 'programme']],
      ['site → programme type', 'sites.yaml', (f) => (file(f, 'sites.yaml').sites[40].type = 'kyoso'), ['sites', 40, 'type']],
      ['site → vision', 'sites.yaml', (f) => (file(f, 'sites.yaml').sites[20].vision = 'vision4'), ['sites', 20, 'vision']],
      ['site → field', 'sites.yaml', (f) => (file(f, 'sites.yaml').sites[0].field = 'kyouso'), ['sites', 0, 'field']],
      ['site → area', 'sites.yaml', (f) => (file(f, 'sites.yaml').sites[7].area = 'ryoshi'), ['sites', 7, 'area']],
      ['legend → programme', 'sites.yaml', (f) => (file(f, 'sites.yaml').legend[1] = 'opra'), ['legend', 1]],
      ['call → field', 'calls/chiiki.yaml', (f) => (file(f, 'calls/chiiki.yaml').field = 'chihou'), ['field']],
      ['call type → programme type', 'calls/kyoso.yaml', (f) => (file(f, 'calls/kyoso.yaml').types[1].kind = 'full'), ['types', 1, 'kind']],
      ['call target → field', 'calls/kyoso.yaml', (f) => (file(f, 'calls/kyoso.yaml').types[2].target.field = 'policy'), ['types', 2, 'target', 'field']],
      ['call → note', 'calls/kyoso.yaml', (f) => (file(f, 'calls/kyoso.yaml').noteRefs[1] = 'nope'), ['noteRefs', 1]],
      ['roster → call', 'roster.yaml', (f) => (file(f, 'roster.yaml').call = 'kyousou'), ['call']],
      [
        'programme table → call',
        'programmes.yaml',
        (f) => (file(f, 'programmes.yaml').programmes[0].fields[2].budget.items[1].ref.call = 'chiki'),
        ['programmes', 0, 'fields', 2, 'budget', 'items', 1, 'ref', 'call'],
      ],
      [
        'programme table → call type',
        'programmes.yaml',
        (f) => (file(f, 'programmes.yaml').programmes[0].fields[0].budget.items[0].ref.type = 'ikusei2'),
        ['programmes', 0, 'fields', 0, 'budget', 'items', 0, 'ref', 'type'],
      ],
      [
        'adopted → type',
        'programmes.yaml',
        (f) => (file(f, 'programmes.yaml').programmes[0].fields[0].adopted[1].type = 'hon'),
        ['programmes', 0, 'fields', 0, 'adopted', 1, 'type'],
      ],
      ['lineage → programme', 'programmes.yaml', (f) => (file(f, 'programmes.yaml').lineage.predecessors[3].programme = 'opera2'), ['lineage', 'predecessors', 3, 'programme']],
      ['table → note', 'programmes.yaml', (f) => (file(f, 'programmes.yaml').table.noteRefs[0] = 'budget'), ['table', 'noteRefs', 0]],
      [
        'footnote token → footnote',
        'overview.yaml',
        (f) => (file(f, 'overview.yaml').second.mechanisms.items[1].bullets[0] = '「ガイドライン」(※3)に沿った'),
        ['second', 'mechanisms', 'items', 1, 'bullets', 0],
      ],
    ];
    it('offers a budget row only a type of the same kind and field, and says how to write the amount directly', () => {
      const f = fresh();
      // The 育成型 row of 共創分野 refers to a type that is gone: 本格型 (same call) is not offered.
      file(f, 'programmes.yaml').programmes[0].fields[0].budget.items[0].ref.type = 'ikusei2';
      const [i] = only(crossCheck(f), 'DANGLING_REF');
      expect(i!.hint?.ja).toContain('既知の値（同じ分野・同じ種類のもの）: ikusei。');
      expect(i!.hint?.ja).not.toMatch(/honkaku/u);
      expect(i!.hint?.ja).toContain('ref を消して金額と期間を programmes.yaml に直接書きます');
      const g = fresh();
      file(g, 'calls/kyoso.yaml').types.shift();
      file(g, 'programmes.yaml').programmes[0].fields[0].budget.items[0].ref.type = 'ikusei2';
      const [j] = only(crossCheck(g), 'DANGLING_REF');
      expect(j!.hint?.ja).toContain('既知の値（同じ分野・同じ種類のもの）: (なし)');
    });

    for (const [name, rel, mutate, path] of cases)
      it(`fires: ${name}`, () => {
        const f = fresh();
        mutate(f);
        const i = only(crossCheck(f), 'DANGLING_REF');
        expect(i.map((x) => [x.file, x.path])).toEqual([[rel, path]]);
        expect(i[0]!.message.en).toMatch(/does not resolve/);
        expect(i[0]!.hint?.ja).toMatch(/既知の値/);
      });
    it('does not fire on the fixture r3', () => expect(only(crossCheck(fresh()), 'DANGLING_REF')).toEqual([]));
  });

  describe('SCHEDULE_ORDER', () => {
    it('fires when 公募締切 is before 公募開始', () => {
      const f = fresh();
      file(f, 'calls/kyoso.yaml').schedule.milestones[1].date = { date: '2021-03', part: '下旬' };
      expect(only(crossCheck(f), 'SCHEDULE_ORDER').map((x) => [x.file, x.path])).toEqual([['calls/kyoso.yaml', ['schedule', 'milestones', 1, 'date']]]);
    });
    it('fires on 下旬 before 上旬 of the same month', () => {
      const f = fresh();
      const ms = file(f, 'calls/kyoso.yaml').schedule.milestones;
      ms[0].date = { date: '2021-05', part: '下旬' };
      ms[1].date = { date: '2021-05', part: '上旬' };
      expect(only(crossCheck(f), 'SCHEDULE_ORDER').map((x) => x.path)).toEqual([['schedule', 'milestones', 1, 'date']]);
    });
    it('does not fire on 2021-04 → 2021-05 下旬 → 2021-10 nor on 上旬 → 下旬', () => {
      const f = fresh();
      expect(only(crossCheck(f), 'SCHEDULE_ORDER')).toEqual([]);
      const ms = file(f, 'calls/kyoso.yaml').schedule.milestones;
      ms[0].date = { date: '2021-05', part: '上旬' };
      expect(only(crossCheck(f), 'SCHEDULE_ORDER')).toEqual([]);
    });
  });

  describe('AMOUNT_INCONSISTENT', () => {
    it('fires when 育成型 exceeds the 本格型 maximum of the same field', () => {
      const f = fresh();
      file(f, 'calls/chiiki.yaml').types[0].budget = { yen: 250000000, approx: '程度' };
      expect(only(crossCheck(f), 'AMOUNT_INCONSISTENT').map((x) => [x.file, x.path])).toEqual([['calls/chiiki.yaml', ['types', 0, 'budget']]]);
    });
    it('fires when the programme table repeats an amount that differs from the call', () => {
      const f = fresh();
      file(f, 'programmes.yaml').programmes[0].fields[0].budget.items[1].money = { yen: 300000000, upTo: true, approx: '程度' };
      expect(only(crossCheck(f), 'AMOUNT_INCONSISTENT').map((x) => [x.file, x.path])).toEqual([['programmes.yaml', ['programmes', 0, 'fields', 0, 'budget', 'items', 1, 'money']]]);
    });
    it('fires when the programme table repeats a period that differs from the call', () => {
      const f = fresh();
      file(f, 'programmes.yaml').programmes[0].fields[2].budget.items[0].period = { years: 3 };
      expect(only(crossCheck(f), 'AMOUNT_INCONSISTENT').map((x) => x.path)).toEqual([['programmes', 0, 'fields', 2, 'budget', 'items', 0, 'period']]);
    });
    it('does not fire when a repeated value equals the call, nor on the fixture r3', () => {
      const f = fresh();
      expect(only(crossCheck(f), 'AMOUNT_INCONSISTENT')).toEqual([]);
      file(f, 'programmes.yaml').programmes[0].fields[0].budget.items[1].money = { yen: 320000000, upTo: true, approx: '程度' };
      file(f, 'programmes.yaml').programmes[0].fields[0].budget.items[1].period = { years: 10, upTo: true };
      expect(only(crossCheck(f), 'AMOUNT_INCONSISTENT')).toEqual([]);
    });
    it('min < max is a schema rule (path max)', () => {
      const r = MoneySchema.safeParse({ min: 1000000000, max: 100000000 });
      expect(r.success ? null : r.error.issues.map((x) => x.path)).toEqual([['max']]);
    });
  });

  describe('DATE_AFTER_EDITION', () => {
    it('fires when the roster date is after the deck date', () => {
      const f = fresh();
      file(f, 'roster.yaml').asOf = { date: '2020-11-02' };
      expect(only(crossCheck(f), 'DATE_AFTER_EDITION').map((x) => [x.file, x.path])).toEqual([['roster.yaml', ['asOf']]]);
    });
    it('does not fire for a date inside the deck month', () => {
      const f = fresh();
      file(f, 'roster.yaml').asOf = { date: '2020-10-31' };
      expect(only(crossCheck(f), 'DATE_AFTER_EDITION')).toEqual([]);
    });
  });

  describe('FISCAL_YEAR_MISMATCH', () => {
    it('fires on a milestone more than a year away from the fiscal year', () => {
      const f = fresh();
      file(f, 'calls/kyoso.yaml').schedule.milestones[2].date = { date: '2031-10', suffix: '頃' };
      expect(only(crossCheck(f), 'FISCAL_YEAR_MISMATCH').map((x) => [x.file, x.path])).toEqual([['calls/kyoso.yaml', ['schedule', 'milestones', 2, 'date']]]);
    });
    it('fires when the edition fiscal year is wrong (every milestone of the one schedule both calls share)', () => {
      const f = fresh();
      file(f, 'edition.yaml').fiscalYear = 2019;
      expect(only(crossCheck(f), 'FISCAL_YEAR_MISMATCH').map((x) => x.file)).toEqual(['calls/kyoso.yaml', 'calls/kyoso.yaml', 'calls/kyoso.yaml']);
    });
    it('does not fire within a year of the fiscal year', () => {
      const f = fresh();
      file(f, 'calls/kyoso.yaml').schedule.milestones[2].date = { date: '2022-10' };
      expect(only(crossCheck(f), 'FISCAL_YEAR_MISMATCH')).toEqual([]);
    });
  });

  describe('COUNT_MISMATCH', () => {
    it('fires when a site is missing from the map list', () => {
      const f = fresh();
      file(f, 'sites.yaml').sites.splice(54, 1); // last OPERA site
      expect(only(crossCheck(f), 'COUNT_MISMATCH').map((x) => [x.file, x.path])).toEqual([['programmes.yaml', ['programmes', 2, 'siteCount']]]);
    });
    it('fires when an adopted count differs from the sites', () => {
      const f = fresh();
      file(f, 'programmes.yaml').programmes[0].fields[1].adopted[2].count = 2;
      expect(only(crossCheck(f), 'COUNT_MISMATCH').map((x) => x.path)).toEqual([['programmes', 0, 'fields', 1, 'adopted', 2, 'count']]);
    });
    it('does not fire on the fixture r3', () => expect(only(crossCheck(fresh()), 'COUNT_MISMATCH')).toEqual([]));
  });

  describe('MISSING_FILE', () => {
    it('fires when a required file is absent', () => {
      const i = crossCheck(fresh().filter((x) => x.kind !== 'contact'));
      expect(codes(i)).toEqual(['MISSING_FILE']);
      expect(i[0]).toMatchObject({ file: 'contact.yaml', path: [] });
    });
    it('an absent optional roster is no file problem, but the slide and the chapter that show it are located errors', () => {
      const i = crossCheck(fresh().filter((x) => x.kind !== 'roster'));
      expect(i.map((x) => [x.code, x.file, x.path.join('.')])).toEqual([
        ['DANGLING_REF', 'guidelines/kyoso.yaml', 'chapters.6.sections.1.body.0.block'],
        ['DANGLING_REF', 'deck.yaml', 'slides.6.call'],
      ]);
    });
    it('does not fire when the roster and what shows it are removed together', () => {
      const f = fresh().filter((x) => x.kind !== 'roster');
      file(f, 'deck.yaml').slides.splice(6, 1);
      file(f, 'guidelines/kyoso.yaml').chapters[6].sections.splice(1, 1);
      expect(crossCheck(f)).toEqual([]);
    });
  });
});
