/**
 * load → validate for a set of editions, as one step every command starts with.
 * Problems of every edition are gathered before anything is thrown, so one run
 * shows the whole list. Then the Japanese text checks (stages/validate/text, imported
 * only here and only when they run): their errors fail like any data problem, their
 * warnings travel with the edition for the command to print.
 */
import path from 'node:path';
import { type DataIssue, fail, isKyosoError, isWarning } from '../shared/errors.ts';
import { listEditions, loadEdition, type LoadedEdition } from '../stages/load/index.ts';
import { readYamlFile } from '../stages/load/source.ts';
import type { ProjectPaths } from '../shared/paths.ts';
import { EditionMetaSchema } from '../schema/index.ts';
import { assertValid, finalStatusWarnings, termWarnings, validateEdition, type PreviousEdition, type ValidEdition } from '../stages/validate/index.ts';
import type { TextLintResult, TextRuleSet } from '../stages/validate/text/index.ts';

export type { ValidEdition } from '../stages/validate/index.ts';

/** The programme's terms (prh format), shared by every edition. */
export const TERMS_FILE = 'terms.yaml';

/** Resolve the requested edition ids (all when none given), failing on unknown ones. */
export async function selectEditions(paths: ProjectPaths, requested: readonly string[]): Promise<string[]> {
  const available = await listEditions(paths.dataDir);
  if (requested.length === 0) {
    if (available.length === 0) {
      throw fail('noEditions', { dataDir: paths.dataDir });
    }
    return available;
  }
  for (const id of requested) {
    if (!available.includes(id)) {
      throw fail('unknownEdition', { id, available });
    }
  }
  return [...requested];
}

export interface LoadOptions {
  /**
   * Which text rules run: `fast` (default: every rule that can fail, and the cheap warnings),
   * `all` (lint:text: also the morphological warning), `none` (an old revision for a diff:
   * its wording is history, not something to fix).
   */
  text?: TextRuleSet | 'none';
  /** The text lint's counts, for lint:text's summary. */
  onText?: (result: TextLintResult) => void;
  /**
   * Load the text module while the files are read (default), or only when `text()` is called:
   * the build defers it, since its import is this thread's work too and the render waits for it.
   */
  prefetchText?: boolean;
}

/**
 * The edition of the fiscal year before `fiscalYear` under data/ (the one the labels are
 * compared with), read from its edition.yaml alone; undefined when there is none or it does
 * not parse (its own validation reports that).
 */
export async function previousEdition(paths: ProjectPaths, fiscalYear: number, except: string): Promise<PreviousEdition | undefined> {
  for (const id of await listEditions(paths.dataDir)) {
    if (id === except) continue;
    const abs = path.join(paths.dataDir, id, 'edition.yaml');
    const { source } = await readYamlFile(abs, path.relative(paths.root, abs));
    const meta = EditionMetaSchema.safeParse(source?.data);
    if (meta.success && meta.data.fiscalYear === fiscalYear - 1) return { id, labels: meta.data.labels };
  }
  return undefined;
}

/**
 * The editions among `among` whose previous edition is `id`: their 公募要領 print the changes
 * since it (前年度からの主な変更点), so an edit of `id` changes them too.
 */
export async function editionsAfter(paths: ProjectPaths, id: string, among: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const other of among) {
    if (other === id) continue;
    const abs = path.join(paths.dataDir, other, 'edition.yaml');
    const meta = EditionMetaSchema.safeParse((await readYamlFile(abs, path.relative(paths.root, abs))).source?.data);
    if (meta.success && (await previousEdition(paths, meta.data.fiscalYear, other))?.id === id) out.push(other);
  }
  return out;
}

/**
 * Load and validate editions; throws DATA_INVALID listing every problem of every edition.
 * Each valid edition carries its warnings: old words of labels changed since the previous
 * year, and the text checks' warnings.
 */
export async function loadEditions(paths: ProjectPaths, ids: readonly string[], options: LoadOptions = {}): Promise<ValidEdition[]> {
  const { editions, text } = await loadEditionsDeferred(paths, ids, options);
  await text();
  return editions;
}

/**
 * The same, returning as soon as the data has loaded and validated: the text checks run when
 * `text()` is first called (once), and reject with DATA_INVALID when they find an error (their
 * warnings join the editions' when they resolve). The build starts them once the browser has
 * its page — the browser then works in its own processes while the checks use this one — and
 * awaits them before it publishes. With schema errors the checks run here at once, so one
 * report still lists every problem.
 */
export async function loadEditionsDeferred(
  paths: ProjectPaths,
  ids: readonly string[],
  options: LoadOptions = {},
): Promise<{ editions: ValidEdition[]; text: () => Promise<void> }> {
  const results: ValidEdition[] = [];
  // Editions with a file that failed: their readable files still go through the text checks.
  const invalid: LoadedEdition[] = [];
  const problems: DataIssue[] = [];
  const level = options.text ?? 'fast';
  // The text module (and for `all` kuromoji's dictionary) loads while the files are read, unless deferred.
  let textModule: ReturnType<typeof importText> | undefined;
  const loadText = () => (textModule ??= importText(level as TextRuleSet));
  if (level !== 'none' && options.prefetchText !== false) {
    // Awaited below when some edition validates; a failure to load is reported there, not as an unhandled rejection here.
    loadText().catch(() => undefined);
  }
  for (const id of ids) {
    const loaded = await loadEdition(paths.root, paths.dataDir, id);
    const { edition, issues, notes } = validateEdition(loaded);
    problems.push(...issues, ...notes);
    if (!edition) {
      invalid.push(loaded);
      continue;
    }
    const previous = await previousEdition(paths, edition.meta.fiscalYear, id);
    results.push({ edition, loaded, warnings: [...(previous ? termWarnings(loaded, edition, previous) : []), ...finalStatusWarnings(loaded, edition)] });
  }
  const throwProblems = (): void => {
    const errors = problems.filter((i) => !isWarning(i));
    // With errors, the warnings are shown in the same report (after them).
    if (errors.length > 0) assertValid(ids.join(', '), [...errors, ...problems.filter(isWarning), ...results.flatMap((r) => r.warnings)]);
  };
  const checks = async (): Promise<void> => {
    if (level !== 'none' && results.length + invalid.length > 0) {
      const { lintEditionText } = await loadText();
      // An edition that failed is checked too: its text findings come in the same report, not a run later.
      const editions = [...results, ...invalid.map((loaded) => ({ loaded }))];
      const result = await lintEditionText({ editions, rules: level, terms: await readTerms(paths, problems) });
      options.onText?.(result);
      for (const issue of result.issues) {
        const owner = results.find((r) => issue.file.startsWith(`${r.loaded.shown}/`));
        if (isWarning(issue) && owner) owner.warnings.push(issue);
        else problems.push(issue);
      }
    }
    throwProblems();
  };
  // checks() throws the report: schema errors and the text checks' findings together.
  if (problems.some((i) => !isWarning(i))) await checks();
  let pending: Promise<void> | undefined;
  return { editions: results, text: () => (pending ??= checks()) };
}

function importText(level: TextRuleSet) {
  return import('../stages/validate/text/index.ts').then((m) => {
    m.prepareText(level);
    return m;
  });
}

/** data/terms.yaml, or undefined when the project has none; its read problems join the others. */
async function readTerms(paths: ProjectPaths, problems: DataIssue[]) {
  const abs = path.join(paths.dataDir, TERMS_FILE);
  const { source, issues } = await readYamlFile(abs, path.relative(paths.root, abs).split(path.sep).join('/'));
  if (issues.some((i) => i.code === 'FILE_UNREADABLE')) return undefined;
  problems.push(...issues);
  return source;
}

/**
 * The edition `new-edition` copies: valid, or refused (before anything is written) with its own
 * located problems, counted without the notes beside them.
 */
export async function loadSourceEdition(paths: ProjectPaths, from: string, id: string): Promise<ValidEdition> {
  const [source] = await loadEditions(paths, [from]).catch((err: unknown) => {
    if (!isKyosoError(err) || err.code !== 'DATA_INVALID') throw err;
    const problems = err.issues.filter((i) => !isWarning(i)).reduce((n, i) => n + (i.more ?? 1), 0);
    throw fail('newEditionSourceInvalid', { from, id, problems }, { issues: err.issues });
  });
  if (!source) throw new Error(`edition ${from} did not load`);
  return source;
}
