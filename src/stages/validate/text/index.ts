/**
 * Japanese text checks (公用文) on every text value of an edition: YAML strings as plain
 * text, guideline chapters as Markdown. textlint has no maintained YAML plugin, so each
 * value is linted alone through @textlint/kernel with the rule modules held in memory (no
 * config file, no name resolution) and each finding is mapped back to `file:line:col` of
 * the YAML source (load/offsets.ts), also inside a block scalar.
 *
 * Imported lazily (app/editions.ts): the kernel and its rules cost ~100 ms. The one rule that
 * needs morphological analysis (no-doubled-joshi: kuromoji, an 18 MB dictionary, ~0.9 s and
 * ~300 MB once per process) is imported only when the full set runs (`lint:text`); it only
 * warns, so leaving it out of validate/build never changes whether they pass.
 */
import { TextlintKernel, type TextlintKernelPlugin, type TextlintKernelRule } from '@textlint/kernel';
import { moduleInterop } from '@textlint/module-interop';
import markdownPlugin from '@textlint/textlint-plugin-markdown';
import textPlugin from '@textlint/textlint-plugin-text';
import type { TextlintPluginCreator, TextlintRuleModule } from '@textlint/types';
import { fromRowConfig } from 'prh';
import './prh-linear.ts';
import jaNoMixedPeriod from 'textlint-rule-ja-no-mixed-period';
import jaUnnaturalAlphabet from 'textlint-rule-ja-unnatural-alphabet';
import noNfd from 'textlint-rule-no-nfd';
import prhRule from 'textlint-rule-prh';
import sentenceLength from 'textlint-rule-sentence-length';
import type { Edition } from '../../../schema/index.ts';
import { formatPath } from '../../../shared/datapath.ts';
import type { DataIssue } from '../../../shared/errors.ts';
import { issue } from '../../../shared/data-issues/index.ts';
import type { LoadedEdition } from '../../load/index.ts';
import { codeFrame, issueForPath, position, type SourceFile } from '../../load/source.ts';
import { type Directive, directivesFor, silences } from './allow.ts';
import { textValues, type TextValue } from './collect.ts';
import { dictionaryText, readTerms } from './dictionary.ts';
import { dateWeekday, editionWidth, majority, punctuation, type Words, widthCounts } from './rules.ts';
import { wordsFor } from './words.ts';
import { shortcutSentenceLength } from './sentence-length.ts';

/** `all` for lint:text; `fast` (validate, build) leaves out the morphological warning. */
export type TextRuleSet = 'all' | 'fast';

type Severity = 'error' | 'warning';

/** Every rule: its id (the word in reports and in `# textlint-allow:`) and severity. What each checks and why: README, Text checks. */
export const TEXT_RULES = [
  { id: 'edition-width', severity: 'error' },
  { id: 'punctuation', severity: 'error' },
  { id: 'date-weekday', severity: 'error' },
  { id: 'prh', severity: 'error' },
  { id: 'no-nfd', severity: 'error' },
  // lint:text only: morphological analysis
  { id: 'no-doubled-joshi', severity: 'warning' },
  { id: 'sentence-length', severity: 'warning' },
  { id: 'ja-unnatural-alphabet', severity: 'warning' },
  // guideline Markdown only
  { id: 'ja-no-mixed-period', severity: 'warning' },
  // the YAML structure, not textlint
  { id: 'list-period', severity: 'warning' },
] as const satisfies readonly { id: string; severity: Severity }[];

export type TextRuleId = (typeof TEXT_RULES)[number]['id'];
const RULE_IDS: ReadonlySet<string> = new Set(TEXT_RULES.map((r) => r.id));
/** What a `# textlint-allow` may name: the text checks' rules and the validator's OLD_TERM (a word of last year's label). */
const ALLOWABLE: ReadonlySet<string> = new Set([...RULE_IDS, 'OLD_TERM']);
const SEVERITY = new Map<string, Severity>(TEXT_RULES.map((r) => [r.id, r.severity]));

/** CJS packages: an ESM default import yields module.exports, often `{ default: rule }`. */
const asRule = (m: unknown): TextlintRuleModule => moduleInterop(m as TextlintRuleModule);
const asPlugin = (m: unknown): TextlintPluginCreator => moduleInterop(m as TextlintPluginCreator);

const PLUGINS: TextlintKernelPlugin[] = [
  { pluginId: 'markdown', plugin: asPlugin(markdownPlugin) },
  { pluginId: 'text', plugin: asPlugin(textPlugin) },
];

export interface TextLintInput {
  /**
   * The editions to check. One that failed validation has no `edition`: its files that could be
   * read are checked all the same (so one run lists every problem), with the fiscal year its
   * edition.yaml says, if it says one.
   */
  editions: readonly { edition?: Edition | undefined; loaded: LoadedEdition }[];
  rules: TextRuleSet;
  /** data/terms.yaml, when the project has one. */
  terms?: SourceFile | undefined;
}

export interface TextLintResult {
  /** Errors and warnings (`severity`), sorted by place. */
  issues: DataIssue[];
  /** Text values and files linted. */
  values: number;
  files: number;
  /** Findings a `# textlint-allow` comment silences, each with the comment's reason (lint:text lists them). */
  allowed: { issue: DataIssue; reason: string }[];
}

/** Placeholders (`{{…}}`) are filled in when printed; their syntax is not Japanese text. */
function masked(value: string): string {
  return value.replace(/\{\{[^{}\n]*\}\}/gu, (m) => '〓'.repeat(m.length));
}

/** A located issue at a source offset; the frame's caret counts code points, the column UTF-16 units (as the loader's). */
function issueAt(source: SourceFile, offset: number, code: string, path: string, words: Words, severity: Severity): DataIssue {
  const at = position(source.lines, offset);
  const lineStart = source.text.lastIndexOf('\n', offset - 1) + 1;
  const cpCol = [...source.text.slice(lineStart, offset)].length + 1;
  const issue: DataIssue = { code, file: source.file, line: at.line, col: at.col, path, message: words.message, frame: codeFrame(source.text, at.line, cpCol) };
  if (words.hint) issue.hint = words.hint;
  if (severity === 'warning') issue.severity = 'warning';
  return issue;
}

let kernel: TextlintKernel | undefined;
let morphological: Promise<TextlintRuleModule> | undefined;

/**
 * Start what the rule set needs before the data is read: kuromoji's dictionary takes ~0.8 s
 * to load (file reads and inflating run off the main thread), so it loads while the YAML is
 * parsed and validated. kuromojin keeps one tokenizer per process; no-doubled-joshi uses it.
 */
export function prepareText(rules: TextRuleSet): void {
  if (rules !== 'all' || morphological) return;
  morphological = (async () => {
    // kuromojin is CommonJS: its exports are the module's default. Node also lists them as named
    // exports, but the bundle's chunk for it (scripts/bundle.js) has only the default.
    const [{ default: kuromojin }, rule] = await Promise.all([import('kuromojin'), import('textlint-rule-no-doubled-joshi')]);
    await kuromojin.getTokenizer();
    return asRule(rule.default);
  })();
}

/** Lint the text of editions. Never throws for what the data says: every problem is a located issue. */
export async function lintEditionText(input: TextLintInput): Promise<TextLintResult> {
  kernel ??= new TextlintKernel();
  prepareText(input.rules);
  const joshi = input.rules === 'all' ? await morphological : undefined;
  const issues: DataIssue[] = [];
  const { terms, issues: termIssues } = readTerms(input.terms);
  const specIssues = checkSpecs(terms.rules, input.terms);
  issues.push(...termIssues, ...specIssues);
  // A rule that fails its own examples would fail every value: the dictionary waits until it is fixed.
  const termRules = specIssues.length > 0 ? [] : terms.rules;
  let values = 0;
  let files = 0;
  const allowed: TextLintResult['allowed'] = [];
  for (const { edition, loaded } of input.editions) {
    const texts = loaded.files.flatMap((f) => textValues(f));
    values += texts.length;
    files += new Set(texts.map((t) => t.rel)).size;
    const result = await lintOne(edition?.meta.fiscalYear ?? statedFiscalYear(loaded), texts, {
      morphological: joshi,
      // The edition's labels are not prh rules here: a word of an earlier year's label is the
      // validator's OLD_TERM warning (with the {{term:…}} hint), reported once.
      dictionary: dictionaryText(termRules),
    });
    issues.push(...result.issues);
    allowed.push(...result.allowed);
  }
  const byPlace = (a: DataIssue, b: DataIssue): number => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col;
  issues.sort(byPlace);
  allowed.sort((a, b) => byPlace(a.issue, b.issue));
  return { issues, values, files, allowed };
}

/** prh checks each rule's `specs` (examples) when it loads a dictionary; a failing one is located here rather than thrown mid-lint. */
function checkSpecs(rules: readonly unknown[], source: SourceFile | undefined): DataIssue[] {
  if (!source) return [];
  const out: DataIssue[] = [];
  rules.forEach((rule, i) => {
    try {
      fromRowConfig('terms.yaml', { version: 1, rules: [rule as never] });
    } catch (cause) {
      const text = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
      const w = issue('termsRuleUnusable', { text: String(text) });
      out.push(issueForPath(source, ['rules', i], w.code, w.message, w.hint));
    }
  });
  return out;
}

interface EditionOptions {
  /** no-doubled-joshi, when the full set runs. */
  morphological: TextlintRuleModule | undefined;
  dictionary: string;
}

/** The fiscal year an edition.yaml that failed its schema still states (a whole number), if any. */
function statedFiscalYear(loaded: LoadedEdition): number | undefined {
  const data = loaded.files.find((f) => f.kind.kind === 'edition')?.source.data as { fiscalYear?: unknown } | null | undefined;
  const year = data?.fiscalYear;
  return typeof year === 'number' && Number.isInteger(year) ? year : undefined;
}

async function lintOne(fiscalYear: number | undefined, texts: TextValue[], o: EditionOptions): Promise<{ issues: DataIssue[]; allowed: TextLintResult['allowed'] }> {
  // Edition-wide decisions are taken first and handed to the rules as options.
  const counts = widthCounts(texts.map((t) => masked(t.value)));
  const commas = { '、': 0, '，': 0 };
  for (const t of texts) for (const ch of t.value) if (ch === '、' || ch === '，') commas[ch]++;
  const all: TextlintKernelRule[] = [
    { ruleId: 'edition-width', rule: editionWidth as TextlintRuleModule, options: { digits: majority(counts.digits), latin: majority(counts.latin), counts } },
    { ruleId: 'punctuation', rule: punctuation as TextlintRuleModule, options: { comma: commas['，'] > commas['、'] ? '，' : '、' } },
    { ruleId: 'date-weekday', rule: dateWeekday as TextlintRuleModule, options: { fiscalYear } },
    // Emphasis and links are prose too; the guidelines have no block quotes or code to spare.
    { ruleId: 'prh', rule: asRule(prhRule), options: { ruleContents: [o.dictionary], checkEmphasis: true, checkLink: true } },
    { ruleId: 'no-nfd', rule: asRule(noNfd) },
    ...(o.morphological ? [{ ruleId: 'no-doubled-joshi', rule: o.morphological, options: { min_interval: 1, strict: false } }] : []),
    { ruleId: 'sentence-length', rule: shortcutSentenceLength(asRule(sentenceLength)), options: { max: 100 } },
    { ruleId: 'ja-unnatural-alphabet', rule: asRule(jaUnnaturalAlphabet) },
  ];
  const markdownRules: TextlintKernelRule[] = [...all, { ruleId: 'ja-no-mixed-period', rule: asRule(jaNoMixedPeriod), options: { periodMark: '。' } }];

  const issues: DataIssue[] = [];
  const allowed: TextLintResult['allowed'] = [];
  // Directives by the offset of their `#`: the values of one flow line share them.
  const directives = new Map<string, Directive>();
  const ranges = stringRanges(texts);
  const owner = new Map<Directive, TextValue>();
  const applying = (t: TextValue): Directive[] => {
    const { directives: found, bad } = directivesFor(t, ALLOWABLE, (offset) => ranges.get(t.source)?.some(([a, b]) => offset > a && offset < b) ?? false);
    for (const b of bad) {
      const key = `${t.source.file}|${b.offset}|bad`;
      if (directives.has(key)) continue;
      directives.set(key, { rules: [], reason: '', offset: b.offset, used: true });
      issues.push(issueAt(t.source, b.offset, 'textlint-allow', formatPath(t.path), badDirectiveWords(b.problem, b.rule), 'warning'));
    }
    return found.map((d) => {
      const key = `${t.source.file}|${d.offset}`;
      const known = directives.get(key);
      if (known) return known;
      directives.set(key, d);
      owner.set(d, t);
      return d;
    });
  };
  const report = (t: TextValue, ds: Directive[], ruleId: string, index: number, words: Words): void => {
    const issue = issueAt(t.source, t.offsetOf(index), ruleId, formatPath(t.path), words, SEVERITY.get(ruleId) ?? 'error');
    const d = ds.find((x) => silences(x, ruleId, t.value, index));
    if (d) {
      d.used = true;
      allowed.push({ issue, reason: d.reason });
    } else issues.push(issue);
  };

  const byValue = new Map<TextValue, Directive[]>();
  for (const t of texts) byValue.set(t, applying(t));
  const lint = async (text: string, markdown: boolean) =>
    (await (kernel as TextlintKernel).lintText(text, { ext: markdown ? '.md' : '.txt', plugins: PLUGINS, rules: markdown ? markdownRules : all })).messages;
  const found = (t: TextValue, m: { ruleId: string; message: string }, from: number, to: number): void => {
    // no-nfd points at the separate voiced-sound mark; the reader sees (and retypes) the character it belongs to.
    const start = m.ruleId === 'no-nfd' && /^[\u3099\u309a]/u.test(t.value.slice(from)) && from > 0 ? from - 1 : from;
    report(t, byValue.get(t) ?? [], m.ruleId, start, wordsFor(m.ruleId, m.message, t.value.slice(start, Math.max(to, from + 1))));
  };
  for (const group of batches(texts)) {
    if (group.markdown) {
      for (const t of group.values) for (const m of await lint(masked(t.value), true)) found(t, m, m.range[0], m.range[1]);
      continue;
    }
    // Plain values of one file as one document, a blank line between them (each its own
    // paragraph, so no sentence runs from one value into the next): one kernel pass per file
    // instead of one per value. Each finding goes back to its value by offset.
    const starts: number[] = [];
    let doc = '';
    for (const t of group.values) {
      starts.push(doc.length);
      doc += `${masked(t.value)}\n\n`;
    }
    for (const m of await lint(doc, false)) {
      let i = starts.length - 1;
      while (i > 0 && (starts[i] ?? 0) > m.range[0]) i--;
      const t = group.values[i];
      const base = starts[i] ?? 0;
      if (t) found(t, m, m.range[0] - base, m.range[1] - base);
    }
  }
  for (const f of listPeriod(texts)) report(f.value, byValue.get(f.value) ?? [], 'list-period', f.index, f.words);
  for (const [d, t] of owner) {
    // OLD_TERM is the validator's warning (it honours the same comment): only the text checks' rules are judged here.
    const rules = d.rules.filter((r) => r !== 'OLD_TERM');
    if (d.used || rules.length === 0) continue;
    issues.push(issueAt(t.source, d.offset, 'textlint-allow', formatPath(t.path), issue('allowUnused', { rules }), 'warning'));
  }
  return { issues, allowed };
}

/** The plain values of each file together; each Markdown value alone (its blank lines are structure). */
function batches(texts: readonly TextValue[]): { markdown: boolean; values: TextValue[] }[] {
  const out: { markdown: boolean; values: TextValue[] }[] = [];
  const plain = new Map<string, TextValue[]>();
  for (const t of texts) {
    if (t.markdown) out.push({ markdown: true, values: [t] });
    else plain.set(t.rel, [...(plain.get(t.rel) ?? []), t]);
  }
  for (const values of plain.values()) out.push({ markdown: false, values });
  return out;
}

function badDirectiveWords(problem: 'no-reason' | 'unknown-rule', rule?: string): Words {
  return problem === 'unknown-rule' ? issue('allowUnknownRule', { rule, known: [...ALLOWABLE] }) : issue('allowWithoutReason', {});
}

/** Source ranges of the string values per file (a `#` inside one is text, not a comment; a block scalar's header line may hold one). */
function stringRanges(texts: readonly TextValue[]): Map<SourceFile, [number, number][]> {
  const out = new Map<SourceFile, [number, number][]>();
  for (const t of texts) {
    const r = t.node.range;
    if (!r) continue;
    const block = t.node.type === 'BLOCK_LITERAL' || t.node.type === 'BLOCK_FOLDED';
    const start = block ? t.source.text.indexOf('\n', r[0]) : r[0];
    const list = out.get(t.source) ?? [];
    list.push([start < 0 ? r[1] : start, r[1]]);
    out.set(t.source, list);
  }
  return out;
}

/**
 * Items of one list — or one column: the same path with the indices left out — end all
 * with 「。」 or all without. The YAML structure says what a list is, so this is not a
 * textlint rule. The minority is reported at its last character.
 */
function listPeriod(texts: readonly TextValue[]): { value: TextValue; index: number; words: Words }[] {
  const groups = new Map<string, TextValue[]>();
  for (const t of texts) {
    if (t.markdown || t.value.includes('\n') || !t.path.some((s) => typeof s === 'number')) continue;
    // A title is a heading, not a list item: a Q&A's questions end with 「か。」 beside headings that do not.
    const last = t.path[t.path.length - 1];
    if (last === 'title' || last === 'heading') continue;
    const key = `${t.rel}|${formatPath(t.path.map((s) => (typeof s === 'number' ? '*' : s)))}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const out: { value: TextValue; index: number; words: Words }[] = [];
  for (const items of groups.values()) {
    const ends = items.filter((t) => t.value.endsWith('。'));
    if (items.length < 2 || ends.length === 0 || ends.length === items.length) continue;
    const minority = ends.length * 2 <= items.length ? ends : items.filter((t) => !ends.includes(t));
    for (const t of minority)
      out.push({ value: t, index: t.value.length - 1, words: issue('listPeriod', { ending: ends.length, bare: items.length - ends.length, hasPeriod: ends.includes(t) }) });
  }
  return out;
}
