/**
 * lint:text's rules, table-driven (test/fast/text-lint.test.ts, and test/e2e/text-lint.test.ts for
 * the one rule that loads kuromoji): for each rule a text that fires — at the line and column
 * marked ⟦ in the YAML, computed here from the source text, not by the code under test — and one
 * that does not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { z } from 'zod';
import { type Edition, MarkdownSchema, Text } from '../../src/schema/index.ts';
import type { DataIssue } from '../../src/shared/errors.ts';
import type { LoadedEdition } from '../../src/stages/load/index.ts';
import { parseYamlBytes } from '../../src/stages/load/source.ts';
import { lintEditionText, TEXT_RULES, type TextLintResult } from '../../src/stages/validate/text/index.ts';
import { FIXTURE_DATA } from './project.ts';

export const MARK = '⟦';
/** The terms of the frozen fixture (test/fixtures/editions/terms.yaml). */
const TERMS = readFileSync(path.join(FIXTURE_DATA, 'terms.yaml'), 'utf8');

/** A file kind for the tests: a plain text, a list of texts, a Markdown block, and a non-text id. */
const TestSchema = z.strictObject({
  text: Text.optional(),
  other: Text.optional(),
  items: z.array(Text).optional(),
  md: MarkdownSchema.optional(),
  id: z.string().optional(),
});
const KIND = { kind: 'test', glob: 'test.yaml', required: false, multiple: false, field: 'test', schema: TestSchema, description: { ja: 'テスト', en: 'test' } };

const bytes = (s: string) => new TextEncoder().encode(s);

/** 1-based line and UTF-16 column of an offset, counted on the text itself. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

export interface Lint {
  result: TextLintResult;
  /** Findings of one rule, silenced ones included. */
  of(rule: string): DataIssue[];
  /** Where ⟦ was, if anywhere. */
  mark?: { line: number; col: number };
}

export async function lint(yaml: string, o: { rules?: 'all' | 'fast'; labels?: Record<string, string>; fiscalYear?: number; terms?: string | null } = {}): Promise<Lint> {
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

export interface RuleCase {
  rule: string;
  /** YAML with ⟦ right before the character the finding must point at. */
  fires: string;
  /** YAML with no finding of this rule. */
  quiet: string;
  opts?: Parameters<typeof lint>[1];
}

export const CASES: RuleCase[] = [
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

/** The case's text fires the rule exactly at ⟦, with a located bilingual message; the quiet text does not. */
export async function checkRuleCase(c: RuleCase): Promise<void> {
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
}
