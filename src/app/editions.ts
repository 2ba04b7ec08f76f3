/**
 * load → validate for a set of editions, as one step every command starts with.
 * Problems of every edition are gathered before anything is thrown, so one run
 * shows the whole list.
 */
import path from 'node:path';
import { type DataIssue, fail } from '../shared/errors.ts';
import { listEditions, loadEdition } from '../stages/load/index.ts';
import { readYamlFile } from '../stages/load/source.ts';
import type { ProjectPaths } from '../shared/paths.ts';
import { EditionMetaSchema } from '../schema/index.ts';
import { assertValid, termWarnings, validateEdition, type PreviousEdition, type ValidEdition } from '../stages/validate/index.ts';

export type { ValidEdition } from '../stages/validate/index.ts';

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
 * Load and validate editions; throws DATA_INVALID listing every problem of every edition.
 * Each valid edition carries its warnings (old words of labels changed since the previous year).
 */
export async function loadEditions(paths: ProjectPaths, ids: readonly string[]): Promise<ValidEdition[]> {
  const results: ValidEdition[] = [];
  const problems: DataIssue[] = [];
  for (const id of ids) {
    const loaded = await loadEdition(paths.root, paths.dataDir, id);
    const { edition, issues } = validateEdition(loaded);
    problems.push(...issues);
    if (!edition) continue;
    const previous = await previousEdition(paths, edition.meta.fiscalYear, id);
    results.push({ edition, loaded, warnings: previous ? termWarnings(loaded, edition, previous) : [] });
  }
  assertValid(ids.join(', '), problems);
  return results;
}
