/**
 * lint:text's rules, table-driven: for each rule a text that fires — at the line and column
 * marked ⟦ in the YAML, computed here from the source text, not by the code under test — and
 * one that does not. Then the places: inside a block scalar of guideline Markdown, after
 * escapes; the comments that silence one finding; the labels other editions use; the terms
 * file's own problems. The morphological rule (kuromoji, ~1 s) runs in this file only.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { type Edition, MarkdownSchema, Text } from '../../src/schema/index.ts';
import type { DataIssue } from '../../src/shared/errors.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import type { LoadedEdition } from '../../src/stages/load/index.ts';
import { parseYamlBytes } from '../../src/stages/load/source.ts';
import { lintEditionText, TEXT_RULES, type TextLintResult } from '../../src/stages/validate/text/index.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

beforeAll(() => {
  delete process.env.KYOSO_LANG;
});

const MARK = '⟦';
const TERMS = readFileSync(path.join(TOOL_ROOT, 'data', 'terms.yaml'), 'utf8');

/** A file kind for the tests: a plain text, a list of texts, a Markdown block, and a non-text id. */
const TestSchema = z.strictObject({
  text: Text.optional(),
  other: Text.optional(),
  items: z.array(Text).optional(),
  md: MarkdownSchema.optional(),
  id: z.string().optional(),
});
const KIND = { kind: 'test', glob: 'test.yaml', required: false, multiple: false, schema: TestSchema, description: { ja: 'テスト', en: 'test' } };

const bytes = (s: string) => new TextEncoder().encode(s);

/** 1-based line and UTF-16 column of an offset, counted on the text itself. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

interface Lint {
  result: TextLintResult;
  /** Findings of one rule, silenced ones included. */
  of(rule: string): DataIssue[];
  /** Where ⟦ was, if anywhere. */
  mark?: { line: number; col: number };
}

async function lint(yaml: string, o: { rules?: 'all' | 'fast'; labels?: Record<string, string>; fiscalYear?: number; terms?: string | null } = {}): Promise<Lint> {
  const at = yaml.indexOf(MARK);
  const text = yaml.replace(MARK, '');
  const { source, issues } = parseYamlBytes(bytes(text), 'data/t1/test.yaml');
  if (!source || issues.length > 0) throw new Error(`fixture does not load: ${JSON.stringify(issues)}`);
  const parsed = TestSchema.safeParse(source.data);
  if (!parsed.success) throw new Error(`fixture does not validate: ${parsed.error.message}`);
  const loaded: LoadedEdition = { id: 't1', dir: '', shown: 'data/t1', files: [{ kind: KIND, rel: 'test.yaml', source }], issues: [] };
  const edition = { id: 't1', meta: { fiscalYear: o.fiscalYear ?? 2021, labels: o.labels ?? { fundingTerm: '委託費' } } } as unknown as Edition;
  const termsText = o.terms === undefined ? TERMS : o.terms;
  const terms = termsText === null ? undefined : parseYamlBytes(bytes(termsText), 'data/terms.yaml').source;
  const result = await lintEditionText({ editions: [{ edition, loaded }], rules: o.rules ?? 'fast', terms });
  const all = [...result.issues, ...result.allowed.map((a) => a.issue)];
  return { result, of: (rule) => all.filter((i) => i.code === rule), ...(at >= 0 ? { mark: lineCol(text, at) } : {}) };
}

interface RuleCase {
  rule: string;
  /** YAML with ⟦ right before the character the finding must point at. */
  fires: string;
  /** YAML with no finding of this rule. */
  quiet: string;
  opts?: Parameters<typeof lint>[1];
}

const CASES: RuleCase[] = [
  // one width per edition: the majority here is half-width
  {
    rule: 'edition-width',
    fires: 'items: [令和3年度, 2件, 10年度]\ntext: 「共創分野」の令和⟦３年度公募について\n',
    quiet: 'items: [令和3年度, 2件]\ntext: 令和3年度公募について\n',
  },
  { rule: 'edition-width', fires: 'items: [JST, PO, AD]\ntext: 問い合わせは⟦ＪＳＴへ\n', quiet: 'items: [JST, PO]\ntext: 問い合わせはJSTへ\n' },
  // …and the majority decides: an edition written full-width flags the half-width odd one out
  { rule: 'edition-width', fires: 'items: [令和３年度, ２件]\ntext: 令和⟦4年度\n', quiet: 'items: [令和３年度, ２件]\ntext: 令和４年度\n' },
  { rule: 'punctuation', fires: 'text: 公募を実施します⟦．\n', quiet: 'text: 予算は1.5億円です。URL は https://www.jst.go.jp/ です。\n' },
  { rule: 'punctuation', fires: 'text: 公募期間は5月⟦~6月\n', quiet: 'text: 公募期間は5月～6月（~ は URL の https://example.jp/~jst のみ）\n' },
  { rule: 'punctuation', fires: 'items: [産学官、自治体、企業]\ntext: 大学等⟦，自治体\n', quiet: 'items: [産学官、自治体]\ntext: 大学等、自治体\n' },
  // 2021-05-10 is a Monday; a yearless January date is in fiscal 2021, i.e. 2022 (5 Jan 2022 is a Wednesday)
  { rule: 'date-weekday', fires: 'text: 書面審査は5月10日(⟦火)に行う\n', quiet: 'text: 書面審査は5月10日(月)、面接は1月5日（水）、令和4年1月6日(木曜日)\n' },
  { rule: 'date-weekday', fires: 'text: 締切は1月5日（⟦火）\n', quiet: 'text: 締切は2021年1月5日（火）\n' },
  { rule: 'date-weekday', fires: 'text: 公募は5月10日(月)～14日(⟦木)\n', quiet: 'text: 公募は5月10日(月)～14日(金)\n' },
  { rule: 'date-weekday', fires: 'text: 締切は2月⟦30日(火)\n', quiet: 'text: 締切は2月28日(月)\n' },
  { rule: 'prh', fires: 'text: ⟦産官学の連携\n', quiet: 'text: 産学官の連携（産学共創）\n' },
  { rule: 'prh', fires: 'text: ⟦coi-next の拠点\n', quiet: 'text: COI-NEXT の拠点、COI の拠点\nid: coi-next\n' },
  { rule: 'no-nfd', fires: 'text: "説明会の⟦カ\\u3099イド"\n', quiet: 'text: 説明会のガイド\n' },
  { rule: 'no-doubled-joshi', fires: 'text: 企業等が実用化⟦が可能と判断できる段階。\n', quiet: 'text: 企業等が実用化を可能と判断できる段階。\n', opts: { rules: 'all' } },
  {
    rule: 'sentence-length',
    fires: `text: 短い文です。⟦${'長'.repeat(101)}。\n`,
    quiet: `text: ${'短'.repeat(99)}。${'短'.repeat(99)}。\n`,
  },
  { rule: 'ja-unnatural-alphabet', fires: 'text: 新しいリイ⟦rースです\n', quiet: 'text: 新しいリリースです（Proof of Concept）\n' },
  {
    rule: 'ja-no-mixed-period',
    fires: 'md: |-\n  最初の文です。\n\n  二番目の文で句点がな⟦い\n',
    quiet: 'md: |-\n  ### 見出しに句点はない\n\n  - 箇条書きも\n  - 句点なしでよい\n\ntext: 本文でない文字列に句点がない\n',
  },
  { rule: 'list-period', fires: 'items:\n  - 第一の項目\n  - 第二の項目\n  - 第三の項目⟦。\n', quiet: 'items:\n  - 第一の項目\n  - 第二の項目\nother: 一文で書いた説明。\n' },
];

const IDS = new Set(TEXT_RULES.map((r) => r.id));

describe('each rule fires at the marked place, and not on the quiet text', { timeout: 30_000 }, () => {
  it('covers every rule', () => {
    expect(new Set(CASES.map((c) => c.rule))).toEqual(IDS);
  });
  for (const c of CASES) {
    it(`${c.rule}: ${c.fires.replace(/\n/gu, '⏎').slice(0, 60)}`, async () => {
      const fires = await lint(c.fires, c.opts);
      const found = fires.of(c.rule);
      expect(fires.mark).toBeDefined();
      expect(
        found.map((i) => ({ line: i.line, col: i.col })),
        JSON.stringify(found.map((i) => i.message.ja)),
      ).toEqual([fires.mark]);
      const issue = found[0]!;
      expect(issue.file).toBe('data/t1/test.yaml');
      expect(issue.severity === 'warning').toBe(TEXT_RULES.find((r) => r.id === c.rule)!.severity === 'warning');
      expect(issue.message.ja).toMatch(/[ぁ-ん]/u);
      // English words; the Japanese it quotes is in 「」 or quotes.
      expect(issue.message.en.replace(/「[^」]*」|"[^"]*"/gu, '')).not.toMatch(/[ぁ-ん]/u);
      // The caret of the frame sits under the marked line.
      expect(issue.frame).toContain(`> ${fires.mark!.line} |`);
      const quiet = await lint(c.quiet, c.opts);
      expect(quiet.of(c.rule).map((i) => i.message.ja)).toEqual([]);
    });
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

describe('what each command loads', { timeout: 60_000 }, () => {
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
    expect(first.out).toMatch(/^✓ r3: 11 ファイル OK/u);
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
describe('the commands', { timeout: 60_000 }, () => {
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
    expect(out.at(-1)).toMatch(/^✓ r3: 10 ファイルの \d+ 個の文字列を確認 — エラー 0 件、警告 0 件、コメントで許可 6 件$/u);
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
