/**
 * The 新旧対照表 (`diff <old> <new>`): a fixture edition r3x, copied from r3 with
 * three changed values, one added and one removed roster member, must give exactly
 * those five rows — printed as the documents print them — in the Markdown and in
 * the PDF (read back with pdftotext). Also: an empty diff says so, a git revision
 * works as a side, bad sides fail with the catalogue's codes.
 */
import { execFileSync } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { compareEditions, type DiffRow } from '../../src/app/diff/compare.ts';
import { diff, resolveSide, sideFileName, type DiffResult } from '../../src/app/diff/index.ts';
import { markChanges } from '../../src/app/diff/marks.ts';
import { mdText, renderMarkdown } from '../../src/app/diff/report.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { KyosoError } from '../../src/shared/errors.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { pdfFonts, pdfInfo, pdfText, squash, tempProject, type TempProject } from '../helpers/project.ts';

const DATE = new Date('2021-03-01T00:00:00Z');
const session = new BrowserSession();
let project: TempProject;
let result: DiffResult;

/** r3 → r3x: the budget of 本格型, the 公募締切 date, the e-mail; 財満 out, 山田 in. */
async function makeFixture(p: TempProject): Promise<void> {
  await cp(path.join(p.paths.dataDir, 'r3'), path.join(p.paths.dataDir, 'r3x'), { recursive: true });
  await p.edit('r3x/edition.yaml', /^id: r3$/m, 'id: r3x');
  await p.edit('r3x/calls/kyoso.yaml', 'budget: { yen: 320000000, upTo: true, approx: 程度 }', 'budget: { yen: 350000000, upTo: true, approx: 程度 }');
  await p.edit('r3x/calls/kyoso.yaml', "date: { date: '2021-05', part: 下旬, suffix: 以降 }", "date: { date: '2021-06', part: 上旬, suffix: 以降 }");
  await p.edit('r3x/contact.yaml', 'email: platform@jst.go.jp', 'email: kyoso@jst.go.jp');
  await p.edit('r3x/roster.yaml', /  - id: zaima\n(?: {4}.*\n)+/, '');
  await p.edit(
    'r3x/roster.yaml',
    /  - id: tsujimura\n/,
    '  - id: yamada\n    role: ad\n    name: 山田 花子\n    affiliation: 京都大学 大学院工学研究科\n    position: 教授\n  - id: tsujimura\n',
  );
}

beforeAll(async () => {
  project = await tempProject(['r3']);
  await makeFixture(project);
  result = await diff({ paths: project.paths, old: 'r3', new: 'r3x', session, date: DATE });
});

afterAll(async () => {
  await session.close();
  await project?.dispose();
});

/** Column bands of the table in PDF points (A4, 14 mm margins, 37 % / 37 % / 26 %, see templates/diff/diff.css). */
const COLUMNS = { new: [42, 186], old: [233, 186], note: [424, 128] } as const;

/** pdftotext of one column of one page, whitespace removed. */
function columnText(file: string, page: number, [x, width]: readonly [number, number]): string {
  const args = ['-enc', 'UTF-8', '-r', '72', '-f', String(page), '-l', String(page), '-x', String(x), '-y', '0', '-W', String(width), '-H', '842', file, '-'];
  return squash(execFileSync('pdftotext', args, { encoding: 'utf8' }));
}

const byKind = (rows: DiffRow[]) => rows.map((r) => [r.kind, r.label, r.old, r.new]);

describe('compare: r3 → r3x', () => {
  it('lists exactly the three changed values, the added and the removed member, as printed', () => {
    expect(byKind(result.rows)).toEqual([
      ['changed', '本格型（共創分野） 委託費', '最大3.2億円／年度程度', '最大3.5億円／年度程度'],
      ['changed', '公募締切 日付', '令和３年５月下旬以降', '令和３年６月上旬以降'],
      ['added', 'アドバイザー（AD）', '', '山田 花子（京都大学 大学院工学研究科 教授）'],
      ['removed', 'アドバイザー（AD）', '財満 鎭明（名城大学 大学院理工学研究科 教授）', ''],
      ['changed', '電子メールアドレス', 'platform@jst.go.jp', 'kyoso@jst.go.jp'],
    ]);
    expect(result.summary).toBe('変更 3 件、追加 1 件、削除 1 件');
  });

  it('places each row on its slide and guideline chapter, and names the data file', () => {
    const [budget, milestone, added, , email] = result.rows;
    // The programme table (slide 3) prints the call's budget through its reference.
    expect(budget!.place).toBe(
      'スライド3「「共創の場形成支援」を構成するプログラムの概要」／スライド6「「共創分野」の令和３年度公募について」／公募要領（共創分野）第4章「委託費・支援期間」',
    );
    expect(budget!.where).toBe('calls/kyoso.yaml types[honkaku].budget');
    expect(milestone!.place).toContain('第6章「公募スケジュール」');
    expect(added!.place).toMatch(/^スライド7「.*のPO・AD」／公募要領（共創分野）第7章/u);
    expect(email!.place).toMatch(/^スライド11「.*問い合わせ先」／公募要領（共創分野・地域共創分野）第9章/u);
  });

  it('finds nothing between an edition and itself', async () => {
    const [a] = await loadEditions(project.paths, ['r3']);
    expect(compareEditions(a!.edition, structuredClone(a!.edition))).toEqual([]);
  });

  it('aligns lists of texts, so an inserted line is one 追加 and not a cascade of 変更', async () => {
    const [a] = await loadEditions(project.paths, ['r3']);
    const b = structuredClone(a!.edition);
    b.overview.first.background.points.splice(1, 0, '新しい背景');
    expect(byKind(compareEditions(a!.edition, b))).toEqual([['added', '箇条書き（2）', '', '新しい背景']]);
  });
});

describe('marks and escaping', () => {
  it('marks only the changed characters', () => {
    expect(markChanges('最大3.2億円／年度程度', '最大3.5億円／年度程度')).toEqual({
      old: [
        { text: '最大3.', changed: false },
        { text: '2', changed: true },
        { text: '億円／年度程度', changed: false },
      ],
      new: [
        { text: '最大3.', changed: false },
        { text: '5', changed: true },
        { text: '億円／年度程度', changed: false },
      ],
    });
  });

  it('keeps data inert in Markdown table cells', () => {
    expect(mdText('a|b *c* <d> [e]\nf')).toBe('a\\|b \\*c\\* &lt;d&gt; \\[e\\]<br>f');
    const md = renderMarkdown({
      old: { spec: 'r3', title: 'T' },
      new: { spec: 'r3x', title: 'T' },
      rows: [{ kind: 'changed', place: 'P', label: 'L', where: 'w', old: 'x「あ」', new: 'x（い）' }],
    });
    // Next to Japanese brackets `**` would not emphasise; <b> is used there.
    expect(md).toContain('| x<b>（い）</b> | x<b>「あ」</b> | 変更：L<br>`w` |');
  });
});

describe('outputs', () => {
  const out = (ext: string) => path.join(project.paths.outDir, 'diff', `r3__r3x.${ext}`);

  it('writes the Markdown with every row, changed parts marked', async () => {
    expect(result.written.map((f) => path.relative(project.paths.outDir, f)).sort()).toEqual(['diff/r3__r3x.md', 'diff/r3__r3x.pdf']);
    const md = await readFile(out('md'), 'utf8');
    expect(md).toBe(result.markdown);
    expect(md).toMatch(/^# 新旧対照表$/mu);
    expect(md).toContain('| 新 | 旧 | 備考 |');
    expect(md).toContain('| 最大3.**5**億円／年度程度 | 最大3.**2**億円／年度程度 | 変更：本格型（共創分野） 委託費');
    expect(md).toContain('| 令和３年**６月上**旬以降 | 令和３年**５月下**旬以降 |');
    expect(md).toContain('| **山田 花子（京都大学 大学院工学研究科 教授）** |  | 追加：アドバイザー（AD）');
    expect(md).toContain('|  | **財満 鎭明（名城大学 大学院理工学研究科 教授）** | 削除：アドバイザー（AD）');
    expect(md).toContain('| **kyoso**@jst.go.jp | **platform**@jst.go.jp |');
    expect(md.match(/^\| .* \| (変更|追加|削除)：/gmu)).toHaveLength(5);
  });

  it('prints an A4 PDF in the 新 / 旧 / 備考 form with both values, embedded BIZ UDPGothic and metadata', () => {
    const text = pdfText(out('pdf'));
    expect(text).toContain('新旧対照表');
    expect(text).toContain(squash('新旧備考'));
    expect(text).toContain(squash('変更 3 件、追加 1 件、削除 1 件'));
    // Each column read on its own (wrapped cells interleave in a whole-page extraction).
    const [newCol, oldCol, noteCol] = [COLUMNS.new, COLUMNS.old, COLUMNS.note].map((c) => columnText(out('pdf'), 1, c));
    for (const r of result.rows) {
      if (r.new) expect(newCol).toContain(squash(r.new));
      if (r.old) expect(oldCol).toContain(squash(r.old));
      expect(noteCol).toContain(squash(r.label));
    }
    expect(newCol).not.toContain('最大3.2億円');
    expect(oldCol).not.toContain('最大3.5億円');
    for (const kind of ['変更', '追加', '削除']) expect(noteCol).toContain(kind);
    const info = pdfInfo(out('pdf'));
    expect(info['Page size']).toMatch(/^59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/u);
    expect(info.Title).toBe('新旧対照表 r3x ← r3');
    expect(info.Creator).toMatch(/^kyoso-docs /u);
    const fonts = pdfFonts(out('pdf'));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => /\+BIZUDPGothic-(Regular|Bold)$/u.test(f))).toBe(true);
  });

  it('repeats the table header on every page of a long report', async () => {
    // The long-table roster: 60+ people replace the 11, so the report runs over pages.
    await cp(path.join(TOOL_ROOT, 'test', 'fixtures', 'long-table', 'roster.yaml'), path.join(project.paths.dataDir, 'r3x', 'roster.yaml'));
    try {
      const long = await diff({ paths: project.paths, old: 'r3', new: 'r3x', session, date: DATE });
      expect(long.rows.length).toBeGreaterThan(40);
      const file = path.join(project.paths.outDir, 'diff', 'r3__r3x.pdf');
      const pages = Number(pdfInfo(file).Pages);
      expect(pages).toBeGreaterThanOrEqual(2);
      for (let page = 2; page <= pages; page++) expect(pdfText(file, { page }).startsWith(squash('新旧備考'))).toBe(true);
    } finally {
      await makeFixtureRoster();
    }
  });
});

/** Put the fixture's roster back (r3's roster with the two member edits). */
async function makeFixtureRoster(): Promise<void> {
  await cp(path.join(project.paths.dataDir, 'r3', 'roster.yaml'), path.join(project.paths.dataDir, 'r3x', 'roster.yaml'));
  await project.edit('r3x/roster.yaml', /  - id: zaima\n(?: {4}.*\n)+/, '');
  await project.edit(
    'r3x/roster.yaml',
    /  - id: tsujimura\n/,
    '  - id: yamada\n    role: ad\n    name: 山田 花子\n    affiliation: 京都大学 大学院工学研究科\n    position: 教授\n  - id: tsujimura\n',
  );
}

describe('the command', () => {
  it('says so when there is nothing to report, on the terminal, in the Markdown and in the PDF', async () => {
    const lines: string[] = [];
    const code = await run(['diff', 'r3', 'r3'], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, { root: project.root });
    expect(code).toBe(0);
    expect(lines[0]).toContain('変更はありません');
    expect(lines.slice(1).map((l) => l.trim())).toEqual(['output/diff/r3__r3.md', 'output/diff/r3__r3.pdf']);
    expect(await readFile(path.join(project.paths.outDir, 'diff', 'r3__r3.md'), 'utf8')).toContain('変更はありません');
    expect(pdfText(path.join(project.paths.outDir, 'diff', 'r3__r3.pdf'))).toContain('変更はありません');
  });

  it('refuses a wrong number of sides with USAGE (exit 2)', async () => {
    const err: string[] = [];
    expect(await run(['diff', 'r3'], { out: () => {}, err: (l) => err.push(l) }, { root: project.root })).toBe(2);
    expect(err.join('\n')).toContain('[USAGE]');
  });
});

describe('sides', () => {
  it('reads an edition at a git revision: HEAD:r3 against the edited working tree is one row', async () => {
    const p = await tempProject(['r3']);
    try {
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: p.root, stdio: 'pipe' });
      git('init', '-q');
      git('add', 'data');
      git('commit', '-q', '-m', 'r3');
      await p.edit('r3/contact.yaml', 'email: platform@jst.go.jp', 'email: kyoso@jst.go.jp');
      const r = await diff({ paths: p.paths, old: 'HEAD:r3', new: 'r3', session, date: DATE });
      expect(byKind(r.rows)).toEqual([['changed', '電子メールアドレス', 'platform@jst.go.jp', 'kyoso@jst.go.jp']]);
      expect(r.written.map((f) => path.basename(f)).sort()).toEqual(['HEAD-r3__r3.md', 'HEAD-r3__r3.pdf']);
      expect(r.markdown).toContain('- 旧: HEAD:r3（');

      await expect(resolveSide(p.paths, 'no-such-tag:r3')).rejects.toMatchObject({ code: 'EDITION_NOT_FOUND' });
      await expect(resolveSide(p.paths, 'HEAD:r9')).rejects.toThrow(/no edition "r9" \(available: r3\)/u);
    } finally {
      await p.dispose();
    }
  });

  it('reports an unknown edition and invalid data like build does', async () => {
    await expect(resolveSide(project.paths, 'r9')).rejects.toMatchObject({ code: 'EDITION_NOT_FOUND' });
    await expect(resolveSide(project.paths, ':r3')).rejects.toMatchObject({ code: 'USAGE' });
    const p = await tempProject(['r3']);
    try {
      await p.edit('r3/contact.yaml', 'email: platform@jst.go.jp', 'email: not-an-address');
      const err = await diff({ paths: p.paths, old: 'r3', new: 'r3', session }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KyosoError);
      expect((err as KyosoError).code).toBe('DATA_INVALID');
      expect((err as KyosoError).issues.map((i) => i.file)).toContain('data/r3/contact.yaml');
    } finally {
      await p.dispose();
    }
  });

  it('makes side names safe as file names', () => {
    expect(sideFileName('v1.0:r3')).toBe('v1.0-r3');
    expect(sideFileName('origin/main~2:r3')).toBe('origin-main~2-r3');
  });
});
