/**
 * `new-edition r4 --from r3`: the copy validates, the mechanical changes are made (and only
 * those), the person gets a checklist. That it builds with no code change:
 * test/browser/new-edition.test.ts.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { rewriteYaml, shiftIsoDate, yearLabelReplacements } from '../../src/app/new-edition.ts';
import type { Edition } from '../../src/schema/index.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

describe('shiftIsoDate', () => {
  it.each([
    ['2021', '2022'],
    ['2021-05', '2022-05'],
    ['2020-10-16', '2021-10-16'],
    ['2024-02-29', '2025-02-28'],
    ['2023-02-28', '2024-02-28'],
    ['2023-12-31', '2024-12-31'],
  ])('%s → %s', (from, to) => expect(shiftIsoDate(from)).toBe(to));
});

describe('year labels', () => {
  const apply = (s: string) => yearLabelReplacements(2021, 2022).reduce((acc, r) => acc.replace(r.pattern, r.to), s);
  it.each([
    ['令和3年度予算（案）資料', '令和4年度予算（案）資料'],
    ['令和３年度 公募実施タイプ', '令和４年度 公募実施タイプ'],
    ['令和3年5月', '令和4年5月'],
    ['2021年度の公募', '2022年度の公募'],
    ['２０２１年度', '２０２２年度'],
    // Not the edition's year: history stays.
    ['令和2年度から一本化', '令和2年度から一本化'],
    ['2019年度で公募終了', '2019年度で公募終了'],
    ['令和13年度', '令和13年度'],
    ['12021年', '12021年'],
    ['https://example.org/2021/03/x.pdf', 'https://example.org/2021/03/x.pdf'],
  ])('%s → %s', (from, to) => expect(apply(from)).toBe(to));

  it('follows the era change: FY2019 is 令和元年度', () => {
    const r = yearLabelReplacements(2018, 2019).reduce((acc, x) => acc.replace(x.pattern, x.to), '平成30年度');
    expect(r).toBe('令和元年度');
  });
});

describe('rewriteYaml', () => {
  const opts = { isEditionFile: false, newId: 'r4', oldYear: 2021, newYear: 2022 };
  it('keeps comments, quoting and flow style, and changes only the edited scalars', () => {
    const text = "# keep me\nschedule:\n  title: 令和３年度 公募  # trailing\n  milestones:\n    - date: { date: '2021-05', part: 下旬 }\n";
    const out = rewriteYaml(text, opts);
    expect(out.text).toBe("# keep me\nschedule:\n  title: 令和４年度 公募  # trailing\n  milestones:\n    - date: { date: '2022-05', part: 下旬 }\n");
    expect(out.changes).toEqual([{ path: ['schedule', 'title'], offset: expect.any(Number), from: '令和３年度 公募', to: '令和４年度 公募' }]);
  });

  it('leaves cited documents and text tied to its own year alone', () => {
    const text = [
      'documents:',
      '  - title: 令和3年度の指針',
      "    date: { date: '2020-06-30' }",
      '    url: https://example.org/a.pdf',
      'fields:',
      '  - status: 令和３年度新設予定',
      '    newFiscalYear: 2021',
      '',
    ].join('\n');
    const out = rewriteYaml(text, opts);
    expect(out.text).toBe(text);
    expect(out.changes).toEqual([]);
  });

  it('sets id, fiscal year and status in edition.yaml', () => {
    const out = rewriteYaml("id: r3\nsubtitle: 令和3年度予算\nfiscalYear: 2021\nstatus: final\ndate:\n  date: '2020-10'\n", { ...opts, isEditionFile: true });
    expect(out.text).toBe("id: r4\nsubtitle: 令和4年度予算\nfiscalYear: 2022\nstatus: draft\ndate:\n  date: '2021-10'\n");
  });

  it('reports an escaped label it cannot rewrite in place instead of corrupting it', () => {
    const text = 'title: "\\u4EE4\\u548C3\\u5E74\\u5EA6 公募"\n';
    const out = rewriteYaml(text, opts);
    expect(out.text).toBe(text);
    expect(out.skipped.map((s) => s.to)).toEqual(['令和4年度 公募']);
  });
});

describe('new-edition r4 --from r3', () => {
  let project: TempProject;
  let out: string[];
  let code: number;
  let r4: Edition;

  beforeAll(async () => {
    project = await tempProject();
    out = [];
    const err: string[] = [];
    code = await run(['new-edition', 'r4', '--from', 'r3'], { out: (l) => out.push(l), err: (l) => err.push(l) }, { root: project.root });
    if (code !== 0) throw new Error(`new-edition failed (${code}):\n${err.join('\n')}`);
    const [valid] = await loadEditions(project.paths, ['r4']);
    r4 = valid!.edition;
  });
  afterAll(() => project.dispose());

  it('validates and moves the edition one fiscal year on', () => {
    expect(r4.id).toBe('r4');
    expect(r4.meta.fiscalYear).toBe(2022);
    expect(r4.meta.status).toBe('draft');
    expect(r4.meta.date.date).toBe('2021-10');
    expect(r4.meta.subtitle).toBe('令和4年度予算（案）資料');
    const kyoso = r4.calls.find((c) => c.id === 'kyoso')!;
    expect(kyoso.heading).toContain('令和4年度');
    expect(kyoso.heading).not.toContain('令和3年度');
    const schedule = kyoso.schedule;
    expect('milestones' in schedule && schedule.milestones.find((m) => m.id === 'call-close')?.date).toEqual({ date: '2022-05', part: '下旬', suffix: '以降' });
    // Nobody has checked the names yet: the roster's as-of date stays as it was (and is listed).
    expect(r4.rosters[0]?.asOf.date).toBe('2020-10-16');
  });

  it('states nothing about the new year it could not know', () => {
    // Every text that names 令和4年度 (in either width) or 2022年度 is a title or a standing caveat, never a status.
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(r4);
    const naming = texts.filter((t) => /令和[4４]年度?|2022年度/u.test(t));
    expect(naming.length).toBeGreaterThan(3);
    for (const t of naming) expect(t, t).not.toMatch(/予定|検討中|しておりません|新設|未定|決定/u);
    // This year's call status is a placeholder for a person; the field overview still says what r3 knew.
    const kyoso = r4.calls.find((c) => c.id === 'kyoso')!;
    expect(kyoso.types.find((t) => t.id === 'honkaku-seisaku')?.awards).toEqual({ notCalled: true, note: '（要確認）' });
    expect(r4.calls.find((c) => c.id === 'chiiki')?.overview?.heading).toContain('令和3年度 新設予定');
    expect(r4.calls.find((c) => c.id === 'chiiki')?.overview?.budget.label).toBe('令和3年度予算額(案)');
  });

  it('keeps history: lineage, the year a field was created, cited documents', () => {
    expect(r4.programmes.lineage.endMarker?.fiscalYear).toBe(2019);
    expect(r4.programmes.lineage.endMarker?.text).toBe('2019年度で公募終了');
    expect(r4.programmes.lineage.statements.join('')).toContain('令和2年度から');
    const chiiki = r4.programmes.programmes.flatMap((p) => p.fields ?? []).find((f) => f.id === 'chiiki');
    expect(chiiki?.newFiscalYear).toBe(2021);
    expect(r4.overview.footnotes.flatMap((f) => f.documents ?? []).map((d) => d.date.date)).toEqual(['2016-11-30', '2020-06-30']);
  });

  it('leaves the files as people wrote them apart from the changed values', async () => {
    const read = (e: string) => readFile(path.join(project.paths.dataDir, e, 'calls', 'kyoso.yaml'), 'utf8');
    const [a, b] = [await read('r3'), await read('r4')];
    // The modeline is copied as it is (the fixture's points further up than a data/ file's).
    expect(b.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+schema\/call\.schema\.json$/);
    expect(b.split('\n')[0]).toBe(a.split('\n')[0]);
    expect(b).toContain('budget: { yen: 25000000, approx: 程度 }');
    expect(b).toContain('noteRefs: [budget-passage, call-may-change]');
    // Same line count and every line either equal or one of the edited ones.
    const [la, lb] = [a.split('\n'), b.split('\n')];
    expect(lb).toHaveLength(la.length);
    const changed = la.map((l, i) => (l === lb[i] ? null : i + 1)).filter((x) => x !== null);
    expect(changed).toEqual([5, 11, 52, 54, 58, 61, 64]);
    expect(lb[51]).toBe('      note: （要確認）');
    // No staging folder left behind.
    expect((await readdir(project.paths.dataDir)).sort()).toEqual(['r3', 'r4', 'terms.yaml']);
  });

  it('prints what still needs a person, with file:line', () => {
    const text = out.join('\n');
    for (const heading of [
      'PO・AD 名簿と時点',
      '採択数・拠点数',
      '予算・委託費',
      '採択予定件数',
      '公募スケジュール',
      '資料の日付・注記',
      '書き換えた年度の表記',
      'ほかに年・元号を含む文',
    ]) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toMatch(/data\/r4\/roster\.yaml:5 .*変更していません.*※2020\.10\.16時点/);
    // Statements about the year, held back; the status sentence replaced, with what it said.
    expect(text).toMatch(
      /今年度について分からないため書き換えなかった文[\s\S]*data\/r4\/calls\/chiiki\.yaml:\d+ {2}overview\.heading: 「地域共創分野」 （令和3年度 新設予定）の概要/u,
    );
    expect(text).toMatch(/data\/r4\/calls\/kyoso\.yaml:52 .*（要確認）.*令和3年度の公募は予定しておりません/u);
    // Same-named types told apart in every line: never two 「共創分野 本格型」 that mean different types.
    expect(text).toContain('共創分野 本格型（政策重点分野）の委託費・支援期間');
    expect(text).toContain('共創分野 本格型（共創分野）の採択予定件数');
    expect(text).not.toMatch(/(?<!地域)共創分野 本格型の/u);
    expect(text).toMatch(/data\/r4\/calls\/kyoso\.yaml:\d+ .*最大3\.2億円／年度程度/);
    expect(text).toMatch(/data\/r4\/programmes\.yaml:\d+ .*2019年度で公募終了/);
    expect(text).toMatch(/令和3年度新設予定/);
  });

  it('refuses to overwrite an existing edition', async () => {
    const before = await readFile(path.join(project.paths.dataDir, 'r4', 'edition.yaml'), 'utf8');
    const err: string[] = [];
    const again = await run(['new-edition', 'r4', '--from', 'r3'], { out: () => {}, err: (l) => err.push(l) }, { root: project.root });
    expect(again).toBe(2);
    expect(err.join('\n')).toMatch(/既にあります/);
    expect(await readFile(path.join(project.paths.dataDir, 'r4', 'edition.yaml'), 'utf8')).toBe(before);
  });
});
