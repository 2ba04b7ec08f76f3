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
import { deckView, renderDeckMarkdown } from '../../src/stages/render/deck-view.ts';
import { guidelineView, renderGuidelineHtml } from '../../src/stages/render/guideline-view.ts';
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
    const text = "# keep me\nschedule:\n  title: 令和３年度 説明資料  # trailing\n  asOf: { date: '2021-05', part: 下旬 }\n";
    const out = rewriteYaml(text, opts);
    expect(out.text).toBe("# keep me\nschedule:\n  title: 令和４年度 説明資料  # trailing\n  asOf: { date: '2021-05', part: 下旬 }\n");
    expect(out.changes).toEqual([{ path: ['schedule', 'title'], offset: expect.any(Number), from: '令和３年度 説明資料', to: '令和４年度 説明資料' }]);
  });

  it('claims nothing: a statement about the year is marked （要確認）, milestone dates and the call status become unknowns', () => {
    const text = [
      'heading: 「共創分野」の令和３年度公募について',
      "note: '令和3年度の公募は予定しておりません'",
      'bullets:',
      '  - 公募内容は検討中です',
      'types:',
      '  - id: a',
      '    status: not-called',
      'schedule:',
      '  milestones:',
      "    - date: { date: '2021-05', part: 下旬 }",
      '    - period:',
      "        from: { date: '2021-07' }",
      "        to: { date: '2021-09', suffix: 頃 }",
      '',
    ].join('\n');
    const out = rewriteYaml(text, { ...opts, isCallFile: true });
    expect(out.text).toBe(
      [
        'heading: 「共創分野」の令和４年度公募について（要確認）',
        "note: '令和4年度の公募は予定しておりません（要確認）'",
        'bullets:',
        '  - 公募内容は検討中です',
        'types:',
        '  - id: a',
        '    status: to-confirm',
        'schedule:',
        '  milestones:',
        '    - date: 要確認',
        '    - period:',
        '        from: 要確認',
        '        to: 要確認',
        'status: to-confirm',
        '',
      ].join('\n'),
    );
    expect(out.changes).toEqual([]);
    expect(out.placeholders.map((p) => p.from)).toEqual(['「共創分野」の令和３年度公募について', '令和3年度の公募は予定しておりません']);
    expect(out.unknowns.map((u) => u.from)).toEqual(['not-called', "{ date: '2021-05', part: 下旬 }", "{ date: '2021-07' }", "{ date: '2021-09', suffix: 頃 }", 'called']);
    expect(out.claims.map((c) => c.text)).toEqual(['公募内容は検討中です']);
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
    expect(out.skipped.map((s) => s.to)).toEqual(['令和4年度 公募（要確認）']);
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
  }, 60_000);
  afterAll(() => project.dispose());

  it('validates and moves the edition one fiscal year on', () => {
    expect(r4.id).toBe('r4');
    expect(r4.meta.fiscalYear).toBe(2022);
    expect(r4.meta.status).toBe('draft');
    expect(r4.meta.date.date).toBe('2021-10');
    expect(r4.meta.subtitle).toBe('令和4年度予算（案）資料');
    const kyoso = r4.calls.find((c) => c.id === 'kyoso')!;
    expect(kyoso.heading).toBe('「共創分野」の令和4年度公募について（要確認）');
    const schedule = kyoso.schedule;
    expect('milestones' in schedule && schedule.milestones.map((m) => m.date)).toEqual(['要確認', '要確認', '要確認']);
    expect(r4.calls.map((c) => c.status)).toEqual(['to-confirm', 'to-confirm']);
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
    // A statement about the new year is marked （要確認） (highlighted, refused by build --final).
    for (const t of naming) if (/予定|検討中|しておりません|新設|未定|決定|公募/u.test(t)) expect(t, t).toContain('（要確認）');
    // This year's call status is a placeholder for a person; the field overview still says what r3 knew.
    const kyoso = r4.calls.find((c) => c.id === 'kyoso')!;
    expect(kyoso.types.find((t) => t.id === 'honkaku-seisaku')?.awards).toEqual({ notCalled: true, note: '（要確認）' });
    expect(r4.calls.find((c) => c.id === 'chiiki')?.overview?.heading).toBe('「地域共創分野」 （令和4年度 新設予定）の概要（要確認）');
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
    // One line added at the end (the call's status), every other line either equal or one of the edited ones.
    const [la, lb] = [a.split('\n'), b.split('\n')];
    expect(lb).toHaveLength(la.length + 1);
    expect(lb.at(-2)).toBe('status: to-confirm');
    const changed = la.map((l, i) => (l === lb[i] ? null : i + 1)).filter((x) => x !== null);
    expect(changed).toEqual([5, 11, 52, 54, 58, 61, 64, 65]);
    expect(lb[57]).toBe('      date: 要確認');
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
    expect(text).toMatch(/今年度について分からないため書き換えなかった文[\s\S]*data\/r4\/calls\/chiiki\.yaml:\d+ {2}overview\.budget\.label: 令和3年度予算額\(案\)/u);
    // Statements about the year's calls: marked （要確認）, listed with what they said.
    expect(text).toMatch(/今年度の公募について述べる文[\s\S]*data\/r4\/calls\/chiiki\.yaml:\d+ {2}overview\.heading.*: 「地域共創分野」 （令和3年度 新設予定）の概要/u);
    expect(text).toMatch(/data\/r4\/calls\/kyoso\.yaml:52 .*（要確認）.*令和3年度の公募は予定しておりません/u);
    // Unknowns with last year's value; claims without a year, the 公募要領 too.
    expect(text).toMatch(/data\/r4\/calls\/kyoso\.yaml:61 {2}schedule\.milestones\[1\]\.date（要確認にしました。前年度の値）: \{ date: '2021-05', part: 下旬, suffix: 以降 \}/u);
    expect(text).toMatch(/data\/r4\/calls\/kyoso\.yaml:65 {2}status（要確認にしました。前年度の値）: called/u);
    expect(text).toMatch(/公募・予定などを述べる年のない文[\s\S]*data\/r4\/guidelines\/kyoso\.yaml:\d+ {2}chapters\[1\]\.body\[0\]\.text: 本公募では/u);
    expect(text).not.toMatch(/labels\.awardsTerm/u);
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

describe('new-edition from a source that does not validate (issue 32, class 9)', () => {
  it("refuses with the source's located problems, writes nothing and never says it created the edition", async () => {
    const p = await tempProject(['r3']);
    try {
      await p.edit('r3/contact.yaml', 'section: 企画課', 'section: [企画課');
      const before = (await readdir(p.paths.dataDir)).sort();
      const out: string[] = [];
      const err: string[] = [];
      const code = await run(['new-edition', 'r4', '--from', 'r3', '--lang', 'en'], { out: (l) => out.push(l), err: (l) => err.push(l) }, { root: p.root });
      const text = [...out, ...err].join('\n');
      expect(code, text).toBe(1);
      expect(text).toContain('data/r4 was not created: source r3 has 1 problem(s)');
      expect(text).toMatch(/^data\/r3\/contact\.yaml:5:10 .*\[YAML_MISSING_CHAR\]$/m);
      expect(text).toContain('Fix each location of r3 first');
      expect(text).not.toMatch(/was created|✓/);
      // No data/r4, no staging folder left (.new-r4-…).
      expect((await readdir(p.paths.dataDir)).sort()).toEqual(before);
    } finally {
      await p.dispose();
    }
  });
});

describe('the printed documents of a new edition claim nothing about the new year', () => {
  const CLAIM = /予定|検討中|しておりません|しません|新設|未定|決定|公募/u;
  /** Each printed line (a slide's list item, a cell, a paragraph) as text. */
  const lines = (html: string) =>
    html
      .replace(/<wbr>/gu, '')
      .split(/<(?:br|\/li|\/p|\/td|\/th|\/div|\/h[1-6])>|\n/u)
      .map((l) =>
        l
          .replace(/<[^>]+>/gu, '')
          .replace(/&#(\d+);/gu, (_, n: string) => String.fromCodePoint(Number(n)))
          .trim(),
      )
      .filter((l) => l !== '');

  it.each([
    ['r3', 'r4', '令和[4４]年度'],
    ['r4', 'r5', '令和[5５]年度'],
    ['r5', 'r6', '令和[6６]年度'],
  ])('new-edition %s → %s: every statement naming the new year is marked, every schedule date is （要確認）', async (from, to, year) => {
    const project = await tempProject([from]);
    try {
      const said: string[] = [];
      const code = await run(['new-edition', to, '--from', from], { out: (l) => said.push(l), err: () => {} }, { root: project.root });
      expect(code).toBe(0);
      // The checklist names every unknown of the new edition: each 要確認 / to-confirm at its file:line.
      const checklist = said.join('\n');
      for (const f of (await loadEditions(project.paths, [to]))[0]!.loaded.files)
        f.source.text.split('\n').forEach((line, i) => {
          if (/:\s*(?:要確認|to-confirm)\s*(?:#.*)?$/u.test(line)) expect(checklist, `${f.source.file}:${i + 1}`).toContain(`${f.source.file}:${i + 1} `);
        });
      const [valid] = await loadEditions(project.paths, [to]);
      const edition = valid!.edition;
      const md = await renderDeckMarkdown(project.paths.templatesDir, deckView(edition));
      const guides = await Promise.all(
        edition.guidelines.map((g) => renderGuidelineHtml(project.paths.templatesDir, guidelineView(edition, edition.calls.find((c) => c.id === g.call)!, g))),
      );
      const printed = [...lines(md), ...guides.flatMap((h) => lines(h.slice(h.indexOf('<body'))))];
      const naming = printed.filter((l) => new RegExp(year, 'u').test(l) && CLAIM.test(l));
      expect(naming.length).toBeGreaterThan(2);
      for (const l of naming) expect(l, l).toContain('（要確認）');
      // The schedules print no date: each milestone is （要確認）, marked.
      const schedules = [...md.matchAll(/<p class="ms"><strong>[^<]*<\/strong>(.*?)<\/p>/gu)].map((m) => m[1]!);
      expect(schedules.length).toBeGreaterThan(2);
      for (const s of schedules) expect(s.replace(/<span class="value"><span class="tbd">（要確認）<\/span><\/span>/gu, '')).toBe('');
      // Every （要確認） on the slides and in the 公募要領 is marked (not Marp's footer directive: plain text there).
      const body = [md.replace(/^---\n[\s\S]*?\n---\n/u, ''), ...guides.map((h) => h.slice(h.indexOf('<body')))];
      for (const html of body) expect(html.split('（要確認）').length).toBe(html.split('<span class="tbd">（要確認）</span>').length);
    } finally {
      await project.dispose();
    }
  });
});
