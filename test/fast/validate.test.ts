/**
 * load → validate at the API level: each broken variant yields exactly the
 * located issue a user needs (file, line, column, data path), every problem is
 * reported in one run, Windows-saved files read the same, and the CLI speaks
 * Japanese by default and English with --lang en.
 */
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { EXIT, type DataIssue } from '../../src/shared/errors.ts';
import { loadEdition } from '../../src/stages/load/index.ts';
import { validateEdition } from '../../src/stages/validate/index.ts';
import { BAD_CASES } from '../fixtures/bad/cases.ts';
import { Tree } from '../fixtures/bad/tree.ts';

beforeAll(() => {
  delete process.env.KYOSO_LANG;
});

const trees: Tree[] = [];
afterEach(async () => {
  await Promise.all(trees.splice(0).map((t) => t.dispose()));
});

async function tree(): Promise<Tree> {
  const t = await Tree.create();
  trees.push(t);
  return t;
}

async function validate(t: Tree) {
  const loaded = await loadEdition(t.root, path.join(t.root, 'data'), 'r3');
  return { loaded, ...validateEdition(loaded) };
}

async function cli(t: Tree, args: string[]): Promise<{ exit: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const exit = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, { root: t.root });
  return { exit, out, err };
}

const where = (i: DataIssue) => ({ code: i.code, file: i.file, line: i.line, col: i.col, path: i.path });

/** The issue list's broken variants, by corpus name; `count` when one mistake rightly yields several issues. */
const VARIANTS: { name: string; count?: number }[] = [
  { name: 'unclosed double quote' },
  { name: 'unclosed flow sequence' },
  { name: 'tab indentation' },
  { name: 'duplicate key (nested)' },
  { name: 'undefined alias' },
  { name: 'wrong type deep inside (amount as text)' },
  { name: 'wrong type at top level (number as string)' },
  { name: 'unknown key with a typo' },
  { name: 'missing required field' },
  { name: 'awards: notCalled without its note (union)' },
  { name: 'enum typo' },
  { name: 'impossible date (30 February)' },
  { name: 'schedule out of order' },
  { name: 'negative amount' },
  { name: 'dangling note reference' },
  { name: 'duplicate id' },
  { name: 'Kangxi radical instead of a kanji' },
  { name: 'control character' },
  { name: 'empty file' },
  { name: 'invalid UTF-8 (Shift_JIS bytes)' },
];

describe('each broken variant is located exactly', () => {
  it.each(VARIANTS.map((v) => [v.name, v] as const))('%s', async (name, v) => {
    const c = BAD_CASES.find((x) => x.name === name);
    if (!c) throw new Error(`no corpus case named ${name}`);
    const t = await tree();
    await c.mutate(t);
    const { issues, edition } = await validate(t);
    expect(edition).toBeUndefined();
    expect(issues.length, JSON.stringify(issues.map(where), null, 1)).toBe(v.count ?? 1);
    const e = c.expect;
    expect(where(issues[0]!)).toEqual({ code: e.code, file: e.file, line: e.line, col: e.col, path: e.path ?? '' });
    expect(issues[0]!.hint, 'every issue says what to do').toBeDefined();
  });
});

describe('all problems at once', () => {
  it('reports problems of two files in one run (syntax and schema)', async () => {
    const t = await tree();
    await t.replace('calls/kyoso.yaml', 'yen: 25000000', 'yen: -25000000');
    await t.replace('contact.yaml', 'section: 企画課', 'section: "企画課');
    await t.replace('edition.yaml', 'status: draft', 'status: drfat');
    const { issues } = await validate(t);
    expect(issues.map(where)).toEqual([
      { code: 'SCHEMA_TOO_SMALL', file: 'data/r3/calls/kyoso.yaml', line: 26, col: 20, path: 'types[0].budget.yen' },
      { code: 'YAML_MISSING_CHAR', file: 'data/r3/contact.yaml', line: 5, col: 10, path: '' },
      { code: 'SCHEMA_INVALID_VALUE', file: 'data/r3/edition.yaml', line: 6, col: 9, path: 'status' },
    ]);
  });

  it('reports every cross-file problem, across files, in one run', async () => {
    const t = await tree();
    await t.replace('calls/kyoso.yaml', "date: { date: '2021-10', suffix: 頃 }", "date: { date: '2021-03', suffix: 頃 }");
    await t.replace('roster.yaml', 'call: kyoso', 'call: kyouso');
    const { issues } = await validate(t);
    expect(issues.map(where)).toEqual([
      { code: 'SCHEDULE_ORDER', file: 'data/r3/calls/kyoso.yaml', line: 64, col: 13, path: 'schedule.milestones[2].date' },
      { code: 'DANGLING_REF', file: 'data/r3/roster.yaml', line: 3, col: 7, path: 'call' },
    ]);
  });

  it('reports cross-file problems together with schema problems of other files, in one run', async () => {
    const t = await tree();
    await t.replace('calls/kyoso.yaml', "date: { date: '2021-10', suffix: 頃 }", "date: { date: '2021-03', suffix: 頃 }");
    await t.replace('sites.yaml', 'prefecture: 沖縄県', 'prefecture: 沖縄');
    // A broken call file: references into calls are not judged (no spurious DANGLING_REF).
    await t.replace('calls/chiiki.yaml', 'id: chiiki', 'id: [chiiki]');
    const { issues } = await validate(t);
    expect(issues.map((i) => i.code).sort()).toEqual(['SCHEDULE_ORDER', 'SCHEMA_INVALID_TYPE', 'SCHEMA_INVALID_VALUE']);
  });

  it('names every problem in the CLI output, each with a code frame', async () => {
    const t = await tree();
    await t.replace('calls/kyoso.yaml', '    budget: { yen: 25000000', '    budjet: { yen: 25000000');
    await t.replace('sites.yaml', 'prefecture: 沖縄県', 'prefecture: 沖縄');
    const { exit, err } = await cli(t, ['validate']);
    expect(exit).toBe(EXIT.DATA_INVALID);
    const text = err.join('\n');
    expect(text).toContain('版 r3: 2 ファイルに 2 件の問題があります');
    expect(text).toContain('data/r3/calls/kyoso.yaml:26:5  types[0].budjet — 不明なキー「budjet」（「budget」の書き間違いではありませんか？）  [UNKNOWN_KEY]');
    expect(text).toContain('data/r3/sites.yaml:14:17  sites[0].prefecture — 「沖縄」は使えない値です（「沖縄県」のつもりではありませんか？');
    expect(text).toContain('    > 26 |     budjet: { yen: 25000000, approx: 程度 }\n         |     ^');
  });
});

describe('files saved by Windows editors', () => {
  const toWindows = async (t: Tree, rel: string) => {
    const text = await t.read(rel);
    await t.write(rel, `\uFEFF${text.replace(/\r?\n/g, '\r\n')}`);
  };
  const RELS = ['edition.yaml', 'programmes.yaml', 'overview.yaml', 'calls/kyoso.yaml', 'calls/chiiki.yaml', 'roster.yaml', 'sites.yaml', 'contact.yaml'];

  it('BOM + CRLF give the same data as the pristine files', async () => {
    const pristine = await validate(await tree());
    expect(pristine.issues).toEqual([]);
    const t = await tree();
    for (const rel of RELS) await toWindows(t, rel);
    const windows = await validate(t);
    expect(windows.issues).toEqual([]);
    expect(windows.edition).toEqual(pristine.edition);
  });

  it('a mistake in a BOM + CRLF file is located as in the LF file', async () => {
    const t = await tree();
    await t.replace('calls/kyoso.yaml', 'yen: 320000000', 'yen: 3.2億');
    await toWindows(t, 'calls/kyoso.yaml');
    const { issues } = await validate(t);
    expect(issues.map(where)).toEqual([{ code: 'SCHEMA_INVALID_TYPE', file: 'data/r3/calls/kyoso.yaml', line: 37, col: 20, path: 'types[1].budget.yen' }]);
    expect(issues[0]!.frame).not.toContain('\r');
  });
});

describe('hints', () => {
  it('did-you-mean for a misspelt key, in both languages', async () => {
    const t = await tree();
    await t.replace('calls/kyoso.yaml', '    budget: { yen: 25000000', '    budjet: { yen: 25000000');
    const { issues } = await validate(t);
    // One mistake, one message: the typo is not also reported as a missing `budget`.
    expect(issues.map(where)).toEqual([{ code: 'UNKNOWN_KEY', file: 'data/r3/calls/kyoso.yaml', line: 26, col: 5, path: 'types[0].budjet' }]);
    expect(issues[0]!.hint).toEqual({ ja: '「budget」の書き間違いではありませんか？', en: 'Did you mean "budget"?' });
  });

  it('did-you-mean for an enum typo, with the allowed values', async () => {
    const t = await tree();
    await t.replace('roster.yaml', 'role: ad', 'role: adv');
    const { issues } = await validate(t);
    expect(issues.map(where)).toEqual([{ code: 'SCHEMA_INVALID_VALUE', file: 'data/r3/roster.yaml', line: 14, col: 11, path: 'entries[0].role' }]);
    expect(issues[0]!.hint?.en).toBe('Did you mean "ad"? (allowed: po, ad)');
    expect(issues[0]!.hint?.ja).toContain('「ad」のつもりではありませんか？');
  });
});

describe('the CLI', () => {
  it('prints a summary line and exits 0 on good data', async () => {
    const t = await tree();
    const { loaded } = await validate(t);
    const { exit, out, err } = await cli(t, ['validate']);
    expect(err).toEqual([]);
    expect(exit).toBe(EXIT.OK);
    expect(out).toEqual([`✓ r3: ${loaded.files.length} ファイル OK（公募 2 件、拠点 55 件）`]);
    const en = await cli(t, ['validate', '--lang', 'en']);
    expect(en.out).toEqual([`✓ r3: ${loaded.files.length} files OK (2 calls, 55 sites)`]);
  });

  it('speaks Japanese by default and English with --lang en, without leaking between runs', async () => {
    const t = await tree();
    await t.replace('calls/kyoso.yaml', '    goal: 本格型へのステップアップ\n', '');
    const en = await cli(t, ['validate', '--lang', 'en']);
    expect(en.exit).toBe(EXIT.DATA_INVALID);
    expect(en.err.join('\n')).toContain(
      'data/r3/calls/kyoso.yaml:19:5  types[0].goal — Required field "goal" is missing (Add "goal:" (e.g. 本格型へのステップアップ).)  [MISSING_FIELD]',
    );
    expect(en.err.join('\n').split('\n')[0]).toBe('Error [DATA_INVALID] The data has problems: edition r3: 1 problem(s) in 1 file(s)');
    const ja = await cli(t, ['validate']);
    expect(ja.exit).toBe(EXIT.DATA_INVALID);
    expect(ja.err.join('\n').split('\n')[0]).toBe('エラー [DATA_INVALID] データに問題があります: 版 r3: 1 ファイルに 1 件の問題があります');
    expect(ja.err.join('\n')).toContain(
      'data/r3/calls/kyoso.yaml:19:5  types[0].goal — 必須の項目「goal」がありません（「goal:」を追加してください（目標。例: 本格型へのステップアップ）。）  [MISSING_FIELD]',
    );
  });

  it('uses the usage exit code for a bad command line', async () => {
    const t = await tree();
    expect((await cli(t, ['validate', '--lang', 'fr'])).exit).toBe(EXIT.USAGE);
    expect((await cli(t, ['frobnicate'])).exit).toBe(EXIT.USAGE);
    expect((await cli(t, ['validate', '--no-such-flag'])).exit).toBe(EXIT.USAGE);
  });
});
