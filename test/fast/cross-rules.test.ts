/**
 * The table of cross-file rules (src/schema/cross): each entry is well formed, names catalogue
 * entries that exist, stays quiet on the frozen fixture edition and fires on a minimal break of
 * it. A rule added to the table without a case here fails the coverage test below.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globbySync } from 'globby';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CROSS_CODES, CROSS_RULES, crossCheck, crossContext, fileKinds, type CrossIssue, type ParsedFile } from '../../src/schema/index.ts';
import { DATA_ISSUES, type DataIssueId } from '../../src/shared/data-issues/index.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'editions', 'r4');
const PRISTINE: ParsedFile[] = fileKinds.flatMap((k) =>
  globbySync(k.glob, { cwd: DIR })
    .sort()
    .map((rel) => ({ rel, kind: k.kind, data: parse(readFileSync(join(DIR, rel), 'utf8')) })),
);
const fresh = (): ParsedFile[] => structuredClone(PRISTINE);
// biome-ignore lint/suspicious/noExplicitAny: a case reaches into whatever the fixture holds
const data = (files: ParsedFile[], rel: string): any => {
  const f = files.find((x) => x.rel === rel);
  if (!f) throw new Error(`fixture: no ${rel}`);
  return f.data;
};
const copyOf = (files: ParsedFile[], rel: string, as: string): ParsedFile[] => [...files, { ...structuredClone(files.find((x) => x.rel === rel)!), rel: as }];

/** The fixture has no forms.yaml: a break adds one. */
const FORM = { id: 'cover', number: '様式1', title: '提案書表紙' };
const withForms = (files: ParsedFile[], forms: object[]): ParsedFile[] => [...files, { rel: 'forms.yaml', kind: 'forms', data: { forms } }];

/** The fixture has no results.yaml: a break adds one (r4's sites: next-01 is 共創分野's 育成型 at 琉球大学). */
const RESULT = (over: object = {}, project: object = {}) => ({
  id: 'r3-kyoso',
  title: '令和3年度公募（共創分野）の結果',
  fiscalYear: 2021,
  field: 'kyoso',
  rows: [{ type: 'ikusei', applications: '要確認', adopted: 1 }],
  projects: [{ title: '要確認', institution: '琉球大学', type: 'ikusei', site: 'next-01', ...project }],
  ...over,
});
const LABELS = {
  row: '実施タイプ',
  applications: '応募件数',
  adopted: '採択件数',
  title: 'プロジェクト名',
  institution: '代表機関',
  type: '実施タイプ',
  projects: '採択されたプロジェクト',
};
const withResults = (files: ParsedFile[], results: object[]): ParsedFile[] => [
  ...files,
  { rel: 'results.yaml', kind: 'results', data: { heading: '公募の結果', labels: LABELS, results } },
];

const KYOSO = 'calls/kyoso.yaml';
const SEISAKU = 'calls/seisaku.yaml';
const GUIDE = 'guidelines/kyoso.yaml';

interface Case {
  rule: string;
  /** The catalogue entry the break must be reported as, and where. */
  id: DataIssueId;
  file: string;
  path: (string | number)[];
  /** A minimal break of the fixture (may return other files: a file added or removed). */
  breaks: (f: ParsedFile[]) => ParsedFile[] | undefined;
  failed?: string[];
}

const CASES: Case[] = [
  { rule: 'required-files', id: 'missingFile', file: 'contact.yaml', path: [], breaks: (f) => f.filter((x) => x.kind !== 'contact') },
  { rule: 'unique-ids', id: 'duplicateId', file: KYOSO, path: ['schedule', 'milestones', 1, 'id'], breaks: (f) => void (data(f, KYOSO).schedule.milestones[1].id = 'call-period') },
  { rule: 'note-refs', id: 'danglingRef', file: 'overview.yaml', path: ['second', 'noteRefs', 0], breaks: (f) => void (data(f, 'overview.yaml').second.noteRefs[0] = 'nope') },
  {
    rule: 'programme-refs',
    id: 'danglingRef',
    file: 'programmes.yaml',
    path: ['programmes', 0, 'fields', 0, 'adopted', 1, 'type'],
    breaks: (f) => void (data(f, 'programmes.yaml').programmes[0].fields[0].adopted[1].type = 'hon'),
  },
  { rule: 'lineage-refs', id: 'danglingRef', file: 'programmes.yaml', path: ['lineage', 'successor'], breaks: (f) => void (data(f, 'programmes.yaml').lineage.successor = 'nope') },
  { rule: 'unique-call-ids', id: 'duplicateCallId', file: SEISAKU, path: ['id'], breaks: (f) => void (data(f, SEISAKU).id = 'kyoso') },
  { rule: 'schedule-same-as', id: 'danglingRef', file: SEISAKU, path: ['schedule', 'sameAs'], breaks: (f) => void (data(f, SEISAKU).schedule.sameAs = 'seisaku') },
  { rule: 'call-programme-refs', id: 'danglingRef', file: KYOSO, path: ['types', 0, 'kind'], breaks: (f) => void (data(f, KYOSO).types[0].kind = 'full') },
  {
    rule: 'type-composition',
    id: 'noComposition',
    file: KYOSO,
    path: ['types', 0],
    breaks: (f) => void delete data(f, KYOSO).table.composition,
  },
  {
    rule: 'ikusei-below-honkaku',
    id: 'budgetAboveUpper',
    file: KYOSO,
    path: ['types', 0, 'budget'],
    breaks: (f) => {
      const types = data(f, KYOSO).types;
      types.push({ ...structuredClone(types[0]), id: 'honkaku', kind: 'honkaku', name: '本格型', budget: { yen: 1000000 } });
    },
  },
  {
    rule: 'schedule-order',
    id: 'scheduleOrder',
    file: KYOSO,
    path: ['schedule', 'milestones', 3, 'date'],
    breaks: (f) => void (data(f, KYOSO).schedule.milestones[3].date = { date: '2022-04' }),
  },
  {
    rule: 'schedule-fiscal-year',
    id: 'farFromFiscalYear',
    file: KYOSO,
    path: ['schedule', 'milestones', 4, 'date'],
    breaks: (f) => void (data(f, KYOSO).schedule.milestones[4].date = { date: '2031-10' }),
  },
  ...(
    [
      ['budgetRefDangling', ['ref', 'type'], { ref: { call: 'kyoso', type: 'honkaku' } }],
      ['tableMoneyDiffers', ['money'], { money: { yen: 1 } }],
      ['tablePeriodDiffers', ['period'], { period: { years: 9 } }],
    ] as const
  ).map(
    ([id, at, change]): Case => ({
      rule: 'table-budget-refs',
      id,
      file: 'programmes.yaml',
      path: ['programmes', 0, 'fields', 0, 'budget', 'items', 0, ...at],
      breaks: (f) => void Object.assign(data(f, 'programmes.yaml').programmes[0].fields[0].budget.items[0], structuredClone(change)),
    }),
  ),
  { rule: 'roster-call', id: 'danglingRef', file: 'roster.yaml', path: ['call'], breaks: (f) => void (data(f, 'roster.yaml').call = 'kyouso') },
  { rule: 'roster-date', id: 'rosterAfterEdition', file: 'roster.yaml', path: ['asOf'], breaks: (f) => void (data(f, 'roster.yaml').asOf = { date: '2022-05-01' }) },
  { rule: 'roster-per-call', id: 'secondForCall', file: 'roster-2.yaml', path: ['call'], breaks: (f) => copyOf(f, 'roster.yaml', 'roster-2.yaml') },
  {
    rule: 'footnote-refs',
    id: 'danglingRef',
    file: 'overview.yaml',
    path: ['second', 'mechanisms', 'items', 1, 'bullets', 0],
    breaks: (f) => void (data(f, 'overview.yaml').second.mechanisms.items[1].bullets[0] = '「ガイドライン」(※3)に沿った'),
  },
  {
    rule: 'site-twice',
    id: 'duplicateSite',
    file: 'sites.yaml',
    path: ['sites', 55],
    breaks: (f) => {
      const sites = data(f, 'sites.yaml').sites;
      sites.push({ ...sites[0], id: 'next-99' });
    },
  },
  { rule: 'site-refs', id: 'danglingRef', file: 'sites.yaml', path: ['sites', 7, 'area'], breaks: (f) => void (data(f, 'sites.yaml').sites[7].area = 'ryoshi') },
  {
    rule: 'site-counts',
    id: 'siteCountDiffers',
    file: 'programmes.yaml',
    path: ['programmes', 1, 'siteCount'],
    breaks: (f) => void data(f, 'programmes.yaml').programmes[1].siteCount++,
  },
  {
    rule: 'site-counts',
    id: 'adoptedCountDiffers',
    file: 'programmes.yaml',
    path: ['programmes', 0, 'fields', 0, 'adopted', 0, 'count'],
    breaks: (f) => void data(f, 'programmes.yaml').programmes[0].fields[0].adopted[0].count++,
  },
  { rule: 'guideline-call', id: 'danglingRef', file: GUIDE, path: ['call'], breaks: (f) => void (data(f, GUIDE).call = 'kyouso') },
  { rule: 'guideline-per-call', id: 'secondForCall', file: 'guidelines/kyoso-2.yaml', path: ['call'], breaks: (f) => copyOf(f, GUIDE, 'guidelines/kyoso-2.yaml') },
  {
    rule: 'guideline-blocks',
    id: 'blockNeedsOverview',
    file: GUIDE,
    path: ['chapters', 0, 'body', 0, 'block'],
    breaks: (f) => {
      data(f, GUIDE).chapters[0].body = [{ block: 'field-background' }];
      delete data(f, KYOSO).overview;
    },
  },
  { rule: 'guideline-blocks', id: 'blockNeedsRoster', file: GUIDE, path: ['chapters', 6, 'sections', 1, 'body', 0, 'block'], breaks: (f) => f.filter((x) => x.kind !== 'roster') },
  { rule: 'guideline-titles', id: 'untitledSection', file: GUIDE, path: ['chapters', 6, 'sections', 2], breaks: (f) => void delete data(f, GUIDE).chapters[6].sections[2].title },
  {
    rule: 'guideline-values',
    id: 'unknownValue',
    file: GUIDE,
    path: ['chapters', 1, 'body', 0, 'text'],
    breaks: (f) => void data(f, GUIDE).chapters[1].body.unshift({ text: '上限は{{value:budget.honkaku}}です。' }),
  },
  {
    rule: 'guideline-includes',
    id: 'danglingRef',
    file: GUIDE,
    path: ['chapters', 1, 'include'],
    breaks: (f) => {
      data(f, GUIDE).chapters[1] = { include: 'notice' };
      return [...f, { rel: 'guideline-parts/notices.yaml', kind: 'guideline-part', data: { id: 'notices', title: '留意事項' } }];
    },
  },
  {
    rule: 'guideline-refs',
    id: 'unknownRef',
    file: GUIDE,
    path: ['chapters', 1, 'body', 0, 'text'],
    breaks: (f) => void data(f, GUIDE).chapters[1].body.unshift({ text: '詳しくは{{ref:aplly}}を参照してください。' }),
  },
  { rule: 'slide-ids', id: 'duplicateSlide', file: 'deck.yaml', path: ['slides', 1, 'kind'], breaks: (f) => void data(f, 'deck.yaml').slides.splice(1, 0, { kind: 'title' }) },
  { rule: 'slide-refs', id: 'danglingRef', file: 'deck.yaml', path: ['slides', 6, 'call'], breaks: (f) => void (data(f, 'deck.yaml').slides[6].call = 'seisku') },
  {
    rule: 'table-cells',
    id: 'rowCells',
    file: 'deck.yaml',
    path: ['slides', 7, 'blocks', 1, 'table', 'rows', 1],
    breaks: (f) => void data(f, 'deck.yaml').slides[7].blocks[1].table.rows[1].pop(),
  },
  { rule: 'form-calls', id: 'danglingRef', file: 'forms.yaml', path: ['forms', 0, 'calls', 0], breaks: (f) => withForms(f, [{ ...FORM, calls: ['kyouso'] }]) },
  { rule: 'form-ids', id: 'duplicateId', file: 'forms.yaml', path: ['forms', 1, 'id'], breaks: (f) => withForms(f, [FORM, { ...FORM, number: '様式2' }]) },
  {
    rule: 'form-values',
    id: 'unknownValue',
    file: 'forms.yaml',
    path: ['forms', 0, 'instructions', 0],
    breaks: (f) => withForms(f, [{ ...FORM, calls: ['kyoso'], instructions: ['締切は{{value:milestone.nope}}'] }]),
  },
  { rule: 'result-refs', id: 'danglingRef', file: 'results.yaml', path: ['results', 0, 'field'], breaks: (f) => withResults(f, [RESULT({ field: 'kyouso' })]) },
  { rule: 'result-refs', id: 'danglingRef', file: 'results.yaml', path: ['results', 0, 'projects', 0, 'site'], breaks: (f) => withResults(f, [RESULT({}, { site: 'next-99' })]) },
  {
    rule: 'result-sites',
    id: 'resultSiteDiffers',
    file: 'results.yaml',
    path: ['results', 0, 'projects', 0, 'institution'],
    breaks: (f) => withResults(f, [RESULT({}, { institution: '沖縄大学' })]),
  },
  // A site of another field listed under this call's result.
  {
    rule: 'result-sites',
    id: 'resultSiteDiffers',
    file: 'results.yaml',
    path: ['results', 0, 'projects', 0, 'site'],
    breaks: (f) => withResults(f, [RESULT({ field: 'seisaku', rows: [{ type: 'ikusei', applications: 3, adopted: 1 }] })]),
  },
  {
    rule: 'result-counts',
    id: 'resultCountDiffers',
    file: 'results.yaml',
    path: ['results', 0, 'rows', 0, 'adopted'],
    breaks: (f) => withResults(f, [RESULT({ rows: [{ type: 'ikusei', applications: 9, adopted: 2 }] })]),
  },
  {
    rule: 'slide-refs',
    id: 'danglingRef',
    file: 'deck.yaml',
    path: ['slides', 0, 'result'],
    breaks: (f) => {
      data(f, 'deck.yaml').slides[0] = { kind: 'results', result: 'r3-kyouso' };
      return withResults(f, [RESULT()]);
    },
  },
  {
    rule: 'guideline-blocks',
    id: 'blockNeedsResults',
    file: GUIDE,
    path: ['chapters', 0, 'body', 0, 'block'],
    breaks: (f) => {
      data(f, GUIDE).chapters[0].body = [{ block: 'results' }];
      return withResults(f, [RESULT({ field: 'seisaku', projects: undefined })]);
    },
  },
  { rule: 'term-names', id: 'unknownTerm', file: 'roster.yaml', path: ['notes', 0], breaks: (f) => void (data(f, 'roster.yaml').notes[0] = '{{term:fundng}}は今後更新') },
  // Template syntax written in data is replaced or refused, never printed raw (issue 32).
  {
    rule: 'template-syntax',
    id: 'templateSyntax',
    file: 'roster.yaml',
    path: ['notes', 0],
    breaks: (f) => void (data(f, 'roster.yaml').notes[0] = '{{value:budget.honkaku}}は今後更新'),
  },
  { rule: 'template-syntax', id: 'templateSyntax', file: 'roster.yaml', path: ['notes', 1], breaks: (f) => void (data(f, 'roster.yaml').notes[1] = '{{#if x}}今後更新{{/if}}') },
  // A cross-reference is replaced in guideline prose only (where the guideline-refs rule checks its id).
  { rule: 'template-syntax', id: 'templateSyntax', file: 'roster.yaml', path: ['notes', 0], breaks: (f) => void (data(f, 'roster.yaml').notes[0] = '{{ref:contact}}を参照') },
  { rule: 'template-syntax', id: 'templateSyntax', file: 'roster.yaml', path: ['notes', 0], breaks: (f) => void (data(f, 'roster.yaml').notes[0] = '{{term:funding}今後更新') },
  {
    rule: 'template-syntax',
    id: 'templateSyntax',
    file: 'edition.yaml',
    path: ['labels', 'fundingTerm'],
    breaks: (f) => void (data(f, 'edition.yaml').labels.fundingTerm = '{{term:funding}}'),
  },
];

const ruleById = new Map(CROSS_RULES.map((r) => [r.id, r]));
const broken = (c: Case): ParsedFile[] => {
  const files = fresh();
  return c.breaks(files) ?? files;
};
const run = (ruleId: string, files: ParsedFile[], failed: string[] = []): CrossIssue[] => ruleById.get(ruleId)!.check(crossContext(files, new Set(failed)));

describe('the table of cross-file rules', () => {
  it('gives every rule a unique kebab-case id, a description in both languages, the kinds it reads and what it reports', () => {
    expect(new Set(CROSS_RULES.map((r) => r.id)).size).toBe(CROSS_RULES.length);
    const kinds = fileKinds.map((k) => k.kind);
    for (const r of CROSS_RULES) {
      expect(r.id, r.id).toMatch(/^[a-z]+(-[a-z]+)*$/u);
      expect(r.description.ja.length > 0 && r.description.en.length > 0, r.id).toBe(true);
      expect(r.reads.length, r.id).toBeGreaterThan(0);
      expect(
        r.reads.filter((k) => !kinds.includes(k)),
        r.id,
      ).toEqual([]);
      expect(r.reports.length, r.id).toBeGreaterThan(0);
    }
  });

  it('names only catalogue entries that exist, each reported under a code of CROSS_CODES', () => {
    for (const r of CROSS_RULES)
      for (const id of r.reports) {
        expect(Object.hasOwn(DATA_ISSUES, id), `${r.id} reports ${id}`).toBe(true);
        expect(CROSS_CODES as readonly unknown[], `${r.id}: ${id}`).toContain(DATA_ISSUES[id].code);
      }
  });

  it('has a breaking case for every entry every rule reports', () => {
    const covered = new Set(CASES.map((c) => `${c.rule} ${c.id}`));
    const missing = CROSS_RULES.flatMap((r) => r.reports.map((id) => `${r.id} ${id}`)).filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
  });

  it('is quiet on the fixture edition, rule by rule', () => {
    for (const r of CROSS_RULES) expect(r.check(crossContext(fresh(), new Set())), r.id).toEqual([]);
  });
});

describe.each(CASES)('rule $rule', (c) => {
  it(`reports ${c.id} at ${c.file} ${c.path.join('.')}`, () => {
    const issues = run(c.rule, broken(c), c.failed);
    expect(issues.map((i) => [i.id, i.file, i.path])).toContainEqual([c.id, c.file, c.path]);
    const rule = ruleById.get(c.rule)!;
    for (const i of issues) {
      expect(rule.reports, `${c.rule} reported ${i.id}, which it does not list`).toContain(i.id);
      expect(i.code).toBe(DATA_ISSUES[i.id].code);
      expect(i.message.ja && i.message.en).toBeTruthy();
      // English words for the nouns (a Japanese noun left in the English is a missing NOUN_EN entry).
      expect(i.message.en, i.message.en).not.toMatch(/[ぁ-ん]/u);
    }
  });
});

describe('the driver', () => {
  it('runs every rule: each break is in crossCheck’s output too', () => {
    for (const c of CASES)
      expect(
        crossCheck(broken(c), { failed: new Set(c.failed) }).map((i) => [i.id, i.file, i.path]),
        c.rule,
      ).toContainEqual([c.id, c.file, c.path]);
  });

  it('skips a rule whose input failed its schema (a guideline’s call is not judged while a call file is broken)', () => {
    const c = CASES.find((x) => x.rule === 'guideline-call')!;
    expect(crossCheck(broken(c), { failed: new Set(['call']) }).filter((i) => i.file === GUIDE)).toEqual([]);
  });

  it('says in English which call a sameAs must name', () => {
    const c = CASES.find((x) => x.rule === 'schedule-same-as')!;
    expect(run(c.rule, broken(c))[0]?.message).toEqual({
      ja: 'スケジュールを持つ公募「seisaku」が見つかりません',
      en: 'call with a schedule of its own "seisaku" does not resolve',
    });
  });
});
