/**
 * lint:text as the user runs it: the morphological rule (kuromoji, ~1 s per process), what each
 * command loads (the CLI as a process), and the command on a real edition. The other rules, table-
 * driven without kuromoji: test/fast/text-lint.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { CASES, checkRuleCase } from '../helpers/text-lint.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

beforeAll(() => {
  delete process.env.KYOSO_LANG;
});

describe('the morphological rule fires at the marked place, and not on the quiet text', () => {
  for (const c of CASES.filter((x) => x.opts?.rules === 'all')) {
    it(`${c.rule}: ${c.fires.replace(/\n/gu, '⏎').slice(0, 60)}`, () => checkRuleCase(c));
  }
});

// Seven CLI processes, each loading what its command needs: 108 s measured at load 13 on two cores.
describe('what each command loads', { timeout: 300_000 }, () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await tempProject(['r3']);
  });
  afterAll(() => project.dispose());

  /** Packages (of a few) the CLI process had loaded when it exited, from require.cache, and what it printed. */
  const loadedBy = (args: string[]): { loaded: string[]; out: string; status: number | null } => {
    const hook = `data:text/javascript,${encodeURIComponent(
      "import{createRequire}from'node:module';const r=createRequire(process.execPath);process.on('exit',()=>{const l=Object.keys(r.cache).filter((k)=>/node_modules\\/(kuromoji|@textlint\\/kernel)\\//.test(k)).map((k)=>k.replace(/.*node_modules\\/((@[^/]+\\/)?[^/]+).*/,'$1'));process.stdout.write('\\nLOADED '+JSON.stringify([...new Set(l)].sort())+'\\n')})",
    )}`;
    // The compiled files, not their bundle (whose modules require.cache cannot see): the bundle keeps
    // the same lazy parts as chunks, and test/e2e/bundle.test.ts checks which chunks a command loads.
    const r = spawnSync(process.execPath, ['--import', hook, path.join(TOOL_ROOT, 'scripts', 'kyoso-docs.js'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, KYOSO_ROOT: project.root, KYOSO_NO_BUNDLE: '1' },
    });
    const lines = r.stdout.split('\n');
    const line = lines.find((l) => l.startsWith('LOADED '));
    if (!line) throw new Error(`no LOADED line: ${r.stdout}${r.stderr}`);
    return { loaded: JSON.parse(line.slice(7)) as string[], out: lines.filter((l) => l !== '' && l !== line).join('\n') + r.stderr, status: r.status };
  };
  it('--help loads no textlint; validate the kernel but not kuromoji; lint:text both', async () => {
    expect(loadedBy(['--help']).loaded).toEqual([]);
    const first = loadedBy(['validate']);
    expect(first.loaded).toEqual(['@textlint/kernel']);
    // The same data again: the kept report of the passing run (output/.cache/validate.json), nothing parsed.
    const again = loadedBy(['validate']);
    expect(again.loaded).toEqual([]);
    expect(again.out).toBe(first.out);
    expect(first.out).toMatch(/^✓ r3: 12 ファイル OK/u);
    // An edit is seen at once: the report is kept under the digest of every data file.
    await project.edit('r3/overview.yaml', 'title: （3つのポイント）', 'title: （３つのポイント）');
    const edited = loadedBy(['validate']);
    await project.edit('r3/overview.yaml', 'title: （３つのポイント）', 'title: （3つのポイント）');
    expect(edited.status).toBe(1);
    expect(edited.out).toContain('[edition-width]');
    expect(loadedBy(['validate']).loaded).toEqual([]);
    expect(loadedBy(['lint-text']).loaded).toEqual(['@textlint/kernel', 'kuromoji']);
  });
});

// The CLI loads kuromoji once per run of lint:text (~1 s, more on a busy machine).
describe('the commands', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await tempProject(['r3']);
  });
  afterAll(() => project.dispose());

  const cli = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const exit = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, { root: project.root });
    return { exit, out, err };
  };

  it('lint:text on r3: nothing to fix, the seed wording listed with its reasons', async () => {
    const { exit, out } = await cli(['lint-text', 'r3']);
    expect(exit).toBe(0);
    expect(out.at(-1)).toMatch(/^✓ r3: 11 ファイルの \d+ 個の文字列を確認 — エラー 0 件、警告 0 件、コメントで許可 6 件$/u);
    expect(out.slice(0, -1).every((l) => / 許可: /u.test(l))).toBe(true);
    expect(out).toContainEqual(
      expect.stringMatching(/^data\/r3\/overview\.yaml:72:44 {2}footnotes\[0\]\.lines\[0\] — 一文に助詞「が」が二回以上あります（.*）  \[no-doubled-joshi\] 許可: /u),
    );
  });

  it('an error fails lint:text, validate and build with the located line; --lang en speaks English', async () => {
    await project.edit('r3/overview.yaml', 'title: （3つのポイント）', 'title: （３つのポイント）');
    try {
      const lintRun = await cli(['lint-text']);
      expect(lintRun.exit).toBe(1);
      const line = 'data/r3/overview.yaml:15:13  first.points.title — 数字「３」の幅がこの版の表記（半角）と違います（「3」と書きます（この版: 半角';
      expect(lintRun.out.find((l) => l.startsWith(line))).toMatch(/ {2}\[edition-width\]$/u);
      const en = await cli(['lint-text', '--lang', 'en']);
      expect(en.out).toContainEqual(
        expect.stringMatching(
          /^data\/r3\/overview\.yaml:15:13 {2}first\.points\.title — Digits "３" are not half-width like the rest of this edition \(write "3" .*\) {2}\[edition-width\]$/u,
        ),
      );
      const validate = await cli(['validate']);
      expect(validate.exit).toBe(1);
      expect(validate.err.join('\n')).toContain('data/r3/overview.yaml:15:13  first.points.title — 数字「３」');
      const build = await cli(['build', '--only', 'guidelines']);
      expect(build.exit).toBe(1);
      expect(build.err.join('\n')).toContain('[edition-width]');
    } finally {
      await project.edit('r3/overview.yaml', 'title: （３つのポイント）', 'title: （3つのポイント）');
    }
  });

  it('a finding in a real 公募要領 chapter (Markdown block scalar) is reported at its source line', async () => {
    const file = 'r3/guidelines/kyoso.yaml';
    const before = '配分先は大学等に限られます。\n';
    await project.edit(file, before, '配分先は大学等に限られます。\n\n          応募は5月10日(火)までに、産官学の体制で行います。\n');
    try {
      const { exit, out } = await cli(['lint-text', 'r3']);
      expect(exit).toBe(1);
      // line 37 `- text: |-`, 38 the first paragraph, 39 blank, 40 the sentence: ten spaces, 応募は5月10日( (9 characters) → 「火」 at col 20, then )までに、 → 「産官学」 at col 26
      expect(out.filter((l) => l.startsWith('data/r3/guidelines/kyoso.yaml')).map((l) => `${l.split(' — ')[0]} [${/\[([\w-]+)\]\s*$/u.exec(l)?.[1]}]`)).toEqual([
        'data/r3/guidelines/kyoso.yaml:40:20  chapters[2].body[0].text [date-weekday]',
        'data/r3/guidelines/kyoso.yaml:40:26  chapters[2].body[0].text [prh]',
      ]);
    } finally {
      await project.edit(file, /配分先は大学等に限られます。\n\n[^\n]*\n/u, '配分先は大学等に限られます。\n');
    }
  });

  it('prose of an edition whose label changed still using last year’s word is reported, at the word (OLD_TERM, a warning)', async () => {
    const two = await tempProject(['r3']);
    try {
      await cp(path.join(two.paths.dataDir, 'r3'), path.join(two.paths.dataDir, 'r4'), { recursive: true });
      await two.edit('r4/edition.yaml', 'id: r3', 'id: r4');
      await two.edit('r4/edition.yaml', 'fiscalYear: 2021', 'fiscalYear: 2022');
      await two.edit('r4/edition.yaml', 'fundingTerm: 委託費', 'fundingTerm: 委託研究費');
      // r3 writes the label as a term; this text writes last year's word out.
      await two.edit('r4/overview.yaml', 'プロジェクト内でのJST{{term:funding}}の配分は', 'プロジェクト内でのJST委託費の配分は');
      const out: string[] = [];
      const exit = await run(['lint-text', 'r4'], { out: (l) => out.push(l), err: () => {} }, { root: two.root });
      expect(exit).toBe(0);
      const old = out.filter((l) => l.includes('[OLD_TERM]'));
      // overview.yaml:59 `          - プロジェクト内でのJST委託費…`: 12 columns of indent and dash, 12 characters, 委 at col 25.
      expect(old).toContainEqual(expect.stringMatching(/^data\/r4\/overview\.yaml:59:25 {2}second\.mechanisms\.items\[0\]\.bullets\[2\] — 「委託費」は前年度（r3）の語です/u));
      expect(old.every((l) => l.startsWith('data/r4/'))).toBe(true);
      // r3's own prose says 委託費, as its label does.
      const r3: string[] = [];
      expect(await run(['lint-text', 'r3'], { out: (l) => r3.push(l), err: () => {} }, { root: two.root })).toBe(0);
      expect(r3.filter((l) => l.includes('[OLD_TERM]'))).toEqual([]);
    } finally {
      await two.dispose();
    }
  });
});
