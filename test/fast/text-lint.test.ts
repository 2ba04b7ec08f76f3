/**
 * lint:text's rules without the morphological one (kuromoji: test/e2e/text-lint.test.ts), table-driven
 * (test/helpers/text-lint.ts). Then the places: inside a block scalar of guideline Markdown, after
 * escapes; the comments that silence one finding; the terms file's own problems; a warning through
 * validate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { TEXT_RULES } from '../../src/stages/validate/text/index.ts';
import { CASES, checkRuleCase, lint } from '../helpers/text-lint.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

beforeAll(() => {
  delete process.env.KYOSO_LANG;
});

describe('each rule fires at the marked place, and not on the quiet text', () => {
  it('covers every rule (the morphological one in test/e2e/text-lint.test.ts)', () => {
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(TEXT_RULES.map((r) => r.id)));
  });
  for (const c of CASES.filter((x) => x.opts?.rules !== 'all')) {
    it(`${c.rule}: ${c.fires.replace(/\n/gu, '⏎').slice(0, 60)}`, () => checkRuleCase(c));
  }
});

describe('places', () => {
  it('a finding inside guideline Markdown points at the line of the block scalar', async () => {
    const yaml = ['id: x', 'md: |-', '  ### 応募要件', '', '  提案は大学等が行います。', '  連携の形は⟦産官学の協働とします。', ''].join('\n');
    const r = await lint(yaml);
    expect(r.mark).toEqual({ line: 6, col: 8 });
    expect(r.of('prh').map((i) => [i.line, i.col, i.path])).toEqual([[6, 8, 'md']]);
  });

  it('folded, quoted and escaped values map back to the source character', async () => {
    const folded = await lint('text: >-\n  一行目の文で、\n  二行目に⟦産官学\n');
    expect(folded.of('prh').map((i) => [i.line, i.col])).toEqual([[folded.mark!.line, folded.mark!.col]]);
    const quoted = await lint('text: "全角\\u3000空白のあとの⟦産官学"\n');
    expect(quoted.of('prh').map((i) => [i.line, i.col])).toEqual([[quoted.mark!.line, quoted.mark!.col]]);
    const single = await lint("text: 'it''s ⟦産官学'\n");
    expect(single.of('prh').map((i) => [i.line, i.col])).toEqual([[single.mark!.line, single.mark!.col]]);
    const plain = await lint('items:\n  - 一つ目\n  - 複数行の\n    平文の二行目に⟦産官学\n');
    expect(plain.of('prh').map((i) => [i.line, i.col, i.path])).toEqual([[plain.mark!.line, plain.mark!.col, 'items[1]']]);
  });

  it('does not lint ids, enums or URLs (only Text fields)', async () => {
    const r = await lint('id: ｃｏｉ－ｎｅｘｔ\ntext: 本文\n');
    expect(r.result.issues).toEqual([]);
    expect(r.result.values).toBe(1);
  });
});

describe('silencing one finding at one place', () => {
  it('a comment above the entry, or trailing on its line, silences that rule there, with its reason', async () => {
    const r = await lint(
      ['items:', '  # textlint-allow: prh — 引用した他機関の文書の表記', '  - 産官学の連携', '  - 産官学の連携', '  - 産官学の連携  # textlint-allow: prh -- 同じく引用', ''].join(
        '\n',
      ),
    );
    expect(r.result.issues.map((i) => [i.code, i.line])).toEqual([['prh', 4]]);
    expect(r.result.allowed.map((a) => [a.issue.line, a.reason])).toEqual([
      [3, '引用した他機関の文書の表記'],
      [5, '同じく引用'],
    ]);
  });

  it('with 「text」 only the finding inside that text; a comment that silences nothing is reported', async () => {
    const r = await lint(
      [
        'md: |-  # textlint-allow: prh 「官産学」 — 原典の語順',
        '  官産学の連携と、産官学の連携。',
        '# textlint-allow: sentence-length — もう短くなった',
        'text: 短い文。',
        '',
      ].join('\n'),
    );
    expect(r.result.allowed.map((a) => [a.issue.line, a.issue.col])).toEqual([[2, 3]]);
    expect(r.result.issues.map((i) => [i.code, i.line, i.col, i.severity])).toEqual([
      ['prh', 2, 11, undefined],
      ['textlint-allow', 3, 1, 'warning'],
    ]);
    expect(r.result.issues[1]!.message.ja).toContain('消える指摘がありません');
  });

  it('a comment needs a known rule and a reason', async () => {
    const r = await lint('# textlint-allow: prh\ntext: 産官学\n');
    expect(r.result.issues.map((i) => [i.code, i.line])).toEqual([
      ['textlint-allow', 1],
      ['prh', 2],
    ]);
    const typo = await lint('# textlint-allow: phr — 理由\ntext: 産官学\n');
    expect(typo.result.issues[0]!.message.ja).toContain('「phr」');
    expect(typo.result.issues[0]!.hint?.ja).toContain('prh');
  });

  it('a # inside a block scalar is text, not a directive', async () => {
    const r = await lint('text: |-\n  本文。\n  # textlint-allow: prh — 本文の一部\nother: 産官学\n');
    expect(r.of('prh').map((i) => i.line)).toEqual([4]);
    expect(r.result.allowed).toEqual([]);
  });
});

describe('the term dictionary (data/terms.yaml)', () => {
  it('reports a malformed rule at its place', async () => {
    const r = await lint('text: 本文\n', { terms: 'version: 1\nrules:\n  - expectd: 産学官\n    patterns: [産官学]\n' });
    expect(r.result.issues.length).toBeGreaterThan(0);
    expect(r.result.issues.map((i) => [i.code, i.file, i.line])).toEqual(r.result.issues.map(() => ['TERMS_INVALID', 'data/terms.yaml', 3]));
  });

  it('reports a rule whose own example (specs) fails, and lints without the dictionary', async () => {
    const r = await lint('text: 産官学\n', { terms: 'version: 1\nrules:\n  - expected: 産学官\n    patterns: [産官学]\n    specs:\n      - from: 官産学\n        to: 産学官\n' });
    expect(r.result.issues.map((i) => [i.code, i.line])).toEqual([['TERMS_INVALID', 3]]);
  });
});

describe('validate', () => {
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

  it('a warning prints and validate passes', async () => {
    const long = `企画課${'あ'.repeat(100)}`;
    await project.edit('r3/contact.yaml', 'section: 企画課', `section: ${long}`);
    try {
      const { exit, out, err } = await cli(['validate']);
      expect(exit).toBe(0);
      expect(out[0]).toMatch(/、警告 1 件）$/u);
      expect(err).toEqual(['data/r3/contact.yaml:5:10  section — 一文が長すぎます（103字、目安は100字まで）（二つ以上の文に分けてください）  [sentence-length] 警告']);
    } finally {
      await project.edit('r3/contact.yaml', `section: ${long}`, 'section: 企画課');
    }
  });
});
