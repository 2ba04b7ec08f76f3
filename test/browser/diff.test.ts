/**
 * The 新旧対照表 (`diff <old> <new>`): a fixture edition r3x, copied from r3 with
 * three changed values, one added and one removed roster member, must give exactly
 * those five rows — printed as the documents print them — in the Markdown and in
 * the PDF (read back with pdftotext). Also: an empty diff says so. The rows themselves and bad
 * sides: test/fast/diff.test.ts; a git revision as a side: test/e2e/diff-git.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { diff, type DiffResult } from '../../src/app/diff/index.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { makeFixture } from '../helpers/diff-fixture.ts';
import { pdfFonts, pdfInfo, pdfText, squash, tempProject, type TempProject } from '../helpers/project.ts';

const DATE = new Date('2021-03-01T00:00:00Z');
const session = new BrowserSession();
let project: TempProject;
let result: DiffResult;

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

describe('outputs', () => {
  const out = (ext: string) => path.join(project.paths.outDir, 'diff', `r3__r3x.${ext}`);

  it('writes the Markdown with every row, changed parts marked', async () => {
    expect(result.written.map((f) => path.relative(project.paths.outDir, f)).sort()).toEqual(['diff/r3__r3x.md', 'diff/r3__r3x.pdf']);
    const md = await readFile(out('md'), 'utf8');
    expect(md).toBe(result.markdown);
    expect(md).toMatch(/^# 新旧対照表$/mu);
    expect(md).toContain('| 新 | 旧 | 備考 | データ |');
    expect(md).toContain('| 最大3.**5**億円／年度程度 | 最大3.**2**億円／年度程度 | 変更：本格型（共創分野） 委託費');
    expect(md).toContain('| 令和3年**6月上**旬以降 | 令和3年**5月下**旬以降 |');
    expect(md).toContain('| **山田 花子（京都大学 大学院工学研究科 教授）** |  | 追加：アドバイザー（AD）');
    expect(md).toContain('|  | **財満 鎭明（名城大学 大学院理工学研究科 教授）** | 削除：アドバイザー（AD）');
    expect(md).toContain('| **kyoso**@jst.go.jp | **platform**@jst.go.jp |');
    expect(md.match(/^\| .* \| (変更|追加|削除)：/gmu)).toHaveLength(6);
    expect(md).toContain('| 変更：本格型（共創分野） 委託費 | `calls/kyoso.yaml types[honkaku].budget` |');
  });

  it('prints an A4 PDF in the 新 / 旧 / 備考 form with both values, embedded BIZ UDPGothic and metadata', () => {
    const text = pdfText(out('pdf'));
    expect(text).toContain('新旧対照表');
    expect(text).toContain(squash('新旧備考'));
    expect(text).toContain(squash('変更 4 件、追加 1 件、削除 1 件'));
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
    // 備考 in words: no data file or id.
    expect(noteCol).not.toMatch(/\.yaml|\[honkaku\]/u);
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
