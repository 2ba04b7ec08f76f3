/**
 * Stage 2 — validate: every file against its strict schema, then the rules
 * that span files. All problems of all files are collected and reported at
 * once, each located at `file:line:col` of the offending value.
 */
import { z } from 'zod';
import type { DataIssue } from '../../shared/errors.ts';
import { msg, fail } from '../../shared/errors.ts';
import { TO_CONFIRM, UNKNOWN } from '../../shared/values.ts';
import { CROSS_RULES, PLACEHOLDERS, assemble, crossCheck, fileKinds, oldWordsOf, textsOf, type Edition, type Labels } from '../../schema/index.ts';
import type { ParsedFile } from '../../schema/contract.ts';
import type { Message } from '../../shared/values.ts';
import type { PreviousChanges } from '../../schema/changes.ts';
import { fileKindOf, type LoadedEdition } from '../load/index.ts';
import { figureProblems } from './figures.ts';
import { formatPath, type PathSegment } from '../../shared/datapath.ts';
import { fileIssue, issueForPath, issueForText, MAX_ISSUES_PER_FILE, moreIssues, type SourceFile } from '../load/source.ts';
import { didYouMean } from '../../shared/suggest.ts';
import { issue as dataIssue, type IssueWords } from '../../shared/data-issues/index.ts';
import { schemaDef as def, unwrap } from '../../schema/walk.ts';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { directivesFor } from './text/allow.ts';
import type { TextValue } from './text/collect.ts';

type RawIssue = z.core.$ZodIssue;

const localeJa = z.locales.ja().localeError;
const localeEn = z.locales.en().localeError;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function localized(issue: RawIssue): Message {
  // Issues carry a custom bilingual message in params when our schemas define one.
  const params = (issue as { params?: { ja?: unknown; en?: unknown } }).params;
  if (params && typeof params.ja === 'string' && typeof params.en === 'string') return { ja: params.ja, en: params.en };
  const text = (fn: z.core.$ZodErrorMap): string => {
    const r = fn(issue as never);
    return typeof r === 'string' ? r : (r?.message ?? issue.message);
  };
  const ja = text(localeJa);
  const en = text(localeEn);
  // A schema-defined message ("日本語 / English") overrides zod's locale text.
  if (issue.message !== ja && issue.message !== en) {
    // Split at the last " / ": the Japanese half may itself hold slashes (`YYYY / YYYY-MM 形式`).
    const split = /^(.*) \/ (.*)$/su.exec(issue.message);
    return split ? { ja: split[1] ?? issue.message, en: split[2] ?? issue.message } : { ja: issue.message, en: issue.message };
  }
  return { ja, en };
}

/** The schemas that can sit at a data path (several when unions are involved). */
function schemasAt(schema: z.ZodType, path: readonly PathSegment[]): z.ZodType[] {
  let current = unwrap(schema);
  for (const seg of path) {
    const next: z.ZodType[] = [];
    for (const s of current) {
      const d = def(s);
      if (d.type === 'object' && typeof seg === 'string') {
        const child = (d.shape as Record<string, z.ZodType>)[seg];
        if (child) next.push(...unwrap(child));
      } else if (d.type === 'array' && typeof seg === 'number') {
        next.push(...unwrap(d.element as z.ZodType));
      } else if (d.type === 'record') {
        next.push(...unwrap(d.valueType as z.ZodType));
      } else if (d.type === 'tuple' && typeof seg === 'number') {
        const item = (d.items as z.ZodType[])[seg];
        if (item) next.push(...unwrap(item));
      }
    }
    current = next;
  }
  return current;
}

/** Keys an object at this path may have, for did-you-mean hints. */
export function knownKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(schema, path)) {
    const d = def(s);
    if (d.type === 'object') for (const k of Object.keys(d.shape as object)) keys.add(k);
  }
  return [...keys];
}

function describeAt(schema: z.ZodType, path: readonly PathSegment[]): string | undefined {
  const direct = schemasAt(schema, path);
  for (const s of direct) if (s.description) return s.description;
  return undefined;
}

/** Turn one zod issue into located data issues (an unrecognized_keys issue becomes one per key). */
export function zodToDataIssues(source: SourceFile, schema: z.ZodType, issue: RawIssue): DataIssue[] {
  const path = issue.path as PathSegment[];
  if (issue.code === 'invalid_union') {
    // "Invalid input" at the union says nothing; report the branch the author evidently meant,
    // with its issues' full paths (`types[2].awards.note`).
    const branch = closestBranch(issue.errors);
    if (branch) return branch.flatMap((sub) => zodToDataIssues(source, schema, { ...sub, path: [...path, ...sub.path] } as RawIssue));
  }
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, path);
    return issue.keys.map((key) => located(source, [...path, key], dataIssue('unknownKey', { key, guess: didYouMean(key, known), known }), { key: true }));
  }
  const input = (issue as { input?: unknown }).input;
  const doc = describeAt(schema, path);
  if (issue.code === 'invalid_type' && input === undefined) return [located(source, path, dataIssue('missingField', { key: String(path[path.length - 1]), doc }))];
  // zod's own checks carry no params: their words are the catalogue's.
  if (issue.code === 'invalid_type') return [located(source, path, dataIssue('wrongKind', { expected: issue.expected, found: kindOf(input), doc }))];
  if (issue.code === 'invalid_value') {
    const values = issue.values.map(String);
    const guess = typeof input === 'string' ? didYouMean(input, values) : undefined;
    return [located(source, path, dataIssue('notAllowedValue', { input, values, guess, zodText: localized(issue) }))];
  }
  const params = (issue as { params?: { charCode?: string; index?: number; hintJa?: string; hintEn?: string } }).params;
  const hint = params?.hintJa && params.hintEn ? msg(params.hintJa, params.hintEn) : undefined;
  const code = params?.charCode ?? (issue.code === 'custom' ? 'INVALID_VALUE' : `SCHEMA_${issue.code.toUpperCase()}`);
  const w = dataIssue('schemaRule', { code, text: localized(issue), doc, hint });
  // A check that knows where in the text the problem is (Markdown: an entity, an image) is located there.
  if (typeof params?.index === 'number') return [issueForText(source, path, params.index, w.code, w.message, w.hint)];
  return [located(source, path, w)];
}

/** A catalogue entry's words at a data path of a file. */
function located(source: SourceFile, path: readonly PathSegment[], w: IssueWords, opts?: { key?: boolean }): DataIssue {
  return issueForPath(source, path, w.code, w.message, w.hint, opts);
}

/** The union branch with the fewest problems (each unknown key counts); on a tie, the one that got deepest. */
function closestBranch(branches: readonly (readonly RawIssue[])[]): RawIssue[] | undefined {
  let best: RawIssue[] | undefined;
  let bestScore = [Infinity, 0];
  for (const b of branches) {
    if (b.length === 0) continue;
    const count = b.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 1), 0);
    const depth = Math.max(...b.map((i) => i.path.length));
    if (count < bestScore[0]! || (count === bestScore[0] && depth > bestScore[1]!)) {
      best = [...b];
      bestScore = [count, depth];
    }
  }
  return best;
}

/** Paths (display form) of required keys that an unknown key is a typo of: `budjet` stands in for `budget`. */
function typoTargets(schema: z.ZodType, issues: readonly RawIssue[]): Set<string> {
  const out = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path as PathSegment[];
    const known = knownKeysAt(schema, path);
    for (const key of issue.keys) {
      const guess = didYouMean(key, known);
      if (guess) out.add(formatPath([...path, guess]));
    }
  }
  return out;
}

/** Text-lint codes that say more precisely what a schema pattern only rejects. */
const LINT_CODES = new Set(['KANGXI_RADICAL', 'COMPAT_IDEOGRAPH', 'CONTROL_CHAR', 'UNDRAWABLE_CHAR']);

/** An edition that passed validation: its typed data and the files it came from. */
export interface ValidEdition {
  edition: Edition;
  loaded: LoadedEdition;
  /** Located warnings (old words of a changed label, text style): printed, never fatal. */
  warnings: DataIssue[];
  /** The edition of the fiscal year before and what changed since (a build sets it: app/previous-changes.ts). */
  previous?: PreviousChanges;
}

/** The edition of the previous fiscal year, as far as the warnings need it. */
export interface PreviousEdition {
  id: string;
  labels: Labels;
}

/**
 * Warnings for every text that still writes the previous edition's word of a label this
 * edition changed (「委託費」 while labels.fundingTerm is now 委託研究費), at its file:line:col.
 * Use `{{term:funding}}` in the text to follow the label.
 */
export function termWarnings(loaded: LoadedEdition, edition: Edition, previous: PreviousEdition): DataIssue[] {
  const files = loaded.files.map((f) => ({ rel: f.rel, kind: f.kind.kind, data: f.source.data }));
  return oldWordsOf(files, edition.meta.labels, previous.labels).flatMap((w) => {
    const source = loaded.files.find((f) => f.rel === w.file)!.source;
    if (oldTermAllowed(source, w.path, w.old)) return [];
    const said = dataIssue('oldTerm', { old: w.old, now: w.now, label: w.label, previousEdition: previous.id });
    return [{ ...issueForText(source, w.path, w.index, said.code, said.message, said.hint), severity: 'warning' as const }];
  });
}

/**
 * Whether a `# textlint-allow: OLD_TERM — reason` comment (like the text checks') silences the old
 * word of the value at `path`: on the comment lines above its entry or trailing its first line,
 * with 「…」 only when the old word is inside that quoted text. Other rules on the same comment
 * are the text checks' to judge.
 */
function oldTermAllowed(source: SourceFile, path: readonly PathSegment[], old: string): boolean {
  let node: unknown = source.doc.contents;
  let entryOffset = 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      entryOffset = (pair?.key as Node | undefined)?.range?.[0] ?? entryOffset;
      node = pair?.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      entryOffset = (node as Node | undefined)?.range?.[0] ?? entryOffset;
    } else return false;
  }
  const anyRule = { has: () => true } as unknown as ReadonlySet<string>;
  const { directives } = directivesFor({ source, entryOffset } as TextValue, anyRule, () => false);
  return directives.some((d) => d.rules.includes('OLD_TERM') && (d.text === undefined || d.text.includes(old)));
}

/**
 * What keeps an edition from being final (`build --final`): placeholders left in any text
 * (（詳細は確定後に記載）, （要確認） — new-edition writes the latter where it could not know
 * this year's fact) and a `status` still `draft`. Each is located.
 */
export function finalIssues(loaded: LoadedEdition, edition: Edition): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const f of loaded.files) {
    const texts = textsOf({ kind: f.kind.kind, data: f.source.data });
    // A label is printed too: （要確認） bent into labels.undecided is as unfinished as in a sentence.
    const labels = f.kind.kind === 'edition' ? (f.source.data as { labels?: unknown } | null)?.labels : undefined;
    if (labels && typeof labels === 'object') for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') texts.push({ path: ['labels', k], text: v });
    for (const { path, text } of texts) {
      // A value not known yet, written as 要確認 where an amount, a count or a date belongs.
      const last = path[path.length - 1];
      if (text === 'to-confirm' && last === 'status') issues.push(located(f.source, path, dataIssue('valueToConfirm', { field: 'status' })));
      if (text === UNKNOWN) issues.push(located(f.source, path, dataIssue('valueToConfirm', { field: String(path.findLast((p) => typeof p === 'string') ?? '') })));
      for (const p of PLACEHOLDERS) if (text.includes(p)) issues.push(located(f.source, path, dataIssue('placeholder', { text: p })));
      // 要確認 written inside a sentence (「…は要確認」) is as unfinished, and prints unmarked.
      if (text !== UNKNOWN && text.replaceAll(TO_CONFIRM, '').includes(UNKNOWN)) issues.push(located(f.source, path, dataIssue('placeholder', { text: UNKNOWN })));
    }
  }
  if (edition.meta.status !== 'final') {
    const source = loaded.files.find((f) => f.kind.kind === 'edition')?.source;
    if (source) issues.push(located(source, ['status'], dataIssue('notFinal', {})));
  }
  return sortIssues(issues);
}

/**
 * An edition marked `status: final` that still holds a value not known yet or a placeholder: a
 * plain build and `validate` warn at each (a `--final` build refuses them).
 */
export function finalStatusWarnings(loaded: LoadedEdition, edition: Edition): DataIssue[] {
  if (edition.meta.status !== 'final') return [];
  return finalIssues(loaded, edition).map((i) => ({ ...i, severity: 'warning' as const }));
}

/**
 * Validate a loaded edition; on success, the assembled typed data. `notes` (warnings) say, at each
 * file that failed, which cross-file checks could not judge it in this run.
 */
export function validateEdition(loaded: LoadedEdition): { edition?: Edition; issues: DataIssue[]; notes: DataIssue[] } {
  const issues: DataIssue[] = [...loaded.issues];
  const parsed: ParsedFile[] = [];
  const byRel = new Map<string, SourceFile>();
  // A value the text lint already flagged (⾧ → 長) needs no second, vaguer schema message.
  const linted = new Set(loaded.issues.filter((i) => LINT_CODES.has(i.code)).map((i) => `${i.file}|${i.path}`));
  for (const f of loaded.files) {
    byRel.set(f.rel, f.source);
    const result = f.kind.schema.safeParse(f.source.data, { reportInput: true });
    if (result.success) {
      parsed.push({ rel: f.rel, kind: f.kind.kind, data: result.data });
      continue;
    }
    const typos = typoTargets(f.kind.schema, result.error.issues);
    const seen = new Set<string>();
    const mine: DataIssue[] = [];
    let more = 0;
    for (const issue of result.error.issues) {
      // Past the per-file cap the rest are only counted: locating and framing each costs time on a huge file.
      if (mine.length >= MAX_ISSUES_PER_FILE) {
        more += issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
        continue;
      }
      // One unknown-keys issue can name thousands of keys; only as many as can still be listed are located.
      const room = MAX_ISSUES_PER_FILE - mine.length;
      const trimmed = issue.code === 'unrecognized_keys' && issue.keys.length > room ? { ...issue, keys: issue.keys.slice(0, room) } : issue;
      if (trimmed !== issue && issue.code === 'unrecognized_keys') more += issue.keys.length - room;
      for (const di of zodToDataIssues(f.source, f.kind.schema, trimmed)) {
        // A misspelt key is reported once, as the unknown key with its did-you-mean, not also as a missing field.
        if (di.code === 'MISSING_FIELD' && typos.has(di.path)) continue;
        if (linted.has(`${di.file}|${di.path}`)) continue;
        // Checks that fail on the same value (format, then "date does not exist") repeat one mistake; keep the first.
        const key = `${di.line}:${di.col}|${di.path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        mine.push(di);
      }
    }
    more += Math.max(0, mine.length - MAX_ISSUES_PER_FILE);
    issues.push(...mine.slice(0, MAX_ISSUES_PER_FILE));
    if (more > 0) issues.push(moreIssues(f.source.file, more));
  }
  // Cross-file rules run on whatever parsed, so one run shows every problem (a file that
  // failed its schema is left out, and references into its kind are not judged).
  // The files of each kind that failed, as messages name them (where the note on skipped checks goes).
  const failedFiles = new Map<string, Set<string>>();
  const fail = (kind: string, file: string) => failedFiles.set(kind, (failedFiles.get(kind) ?? new Set()).add(file));
  for (const f of loaded.files) if (!parsed.some((p) => p.rel === f.rel)) fail(f.kind.kind, f.source.file);
  // A file the loader could not read at all (syntax, encoding, missing) is its kind's failure too.
  const prefix = `${loaded.shown}/`;
  for (const issue of loaded.issues) {
    const kind = issue.file.startsWith(prefix) ? fileKindOf(issue.file.slice(prefix.length)) : undefined;
    if (kind) fail(kind.kind, issue.file);
  }
  for (const k of fileKinds) if (k.required && !parsed.some((p) => p.kind === k.kind)) fail(k.kind, `${prefix}${k.glob}`);
  const failed = new Set(failedFiles.keys());
  for (const ci of crossCheck(parsed, { failed })) {
    const source = byRel.get(ci.file);
    if (!source) throw new Error(`crossCheck reported an unknown file: ${ci.file}`);
    issues.push(located(source, ci.path, ci));
  }
  // A figure names a file beside the data: one that is not there is located at its `figure:`.
  for (const f of figureProblems(loaded.dir, parsed)) {
    const words =
      f.problem === 'missing'
        ? dataIssue('figureMissing', { file: f.file, folder: loaded.shown })
        : dataIssue('figureUnreadable', { file: f.file, type: f.file.toLowerCase().endsWith('.svg') ? 'SVG' : 'PNG' });
    issues.push(located(byRel.get(f.rel)!, f.path, words));
  }
  if (issues.length > 0) return { issues: sortIssues(issues), notes: sortIssues(skippedChecks(failedFiles)) };
  return { edition: assemble(loaded.id, parsed), issues, notes: [] };
}

/**
 * A note at each file that failed (a warning, after the errors): the cross-file checks that read
 * its kind did not judge it, so their findings, if any, come once it is fixed — said, not hidden.
 */
function skippedChecks(failedFiles: ReadonlyMap<string, ReadonlySet<string>>): DataIssue[] {
  const out: DataIssue[] = [];
  for (const [kind, files] of failedFiles) {
    const rules = CROSS_RULES.filter((r) => r.reads.includes(kind as never) && r.id !== 'required-files');
    if (rules.length === 0) continue;
    const shown = rules.slice(0, MAX_SKIPPED_LISTED).map((r) => r.description);
    if (rules.length > MAX_SKIPPED_LISTED) {
      const rest = rules.length - MAX_SKIPPED_LISTED;
      shown.push(msg(`ほか ${rest} 件`, `${rest} more`));
    }
    const w = dataIssue('checksSkipped', { rules: shown });
    for (const file of files) out.push({ ...fileIssue(file, w.code, w.message, w.hint), severity: 'warning' });
  }
  return out;
}

/** How many skipped checks a note names one by one. */
const MAX_SKIPPED_LISTED = 4;

function sortIssues(issues: DataIssue[]): DataIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

/** Throw the catalogue's DATA_INVALID with every issue attached. */
export function assertValid(editionId: string, issues: DataIssue[]): void {
  if (issues.length === 0) return;
  // Warnings travel with the errors in the report, but are not counted as problems.
  const errors = issues.filter((i) => i.severity !== 'warning');
  const files = new Set(errors.map((i) => i.file)).size;
  const problems = errors.reduce((n, i) => n + (i.more ?? 1), 0);
  throw fail('dataInvalid', { edition: editionId, problems, files }, { issues });
}
