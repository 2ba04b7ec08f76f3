/**
 * load → validate for a set of editions, as one step every command starts with.
 * Problems of every edition are gathered before anything is thrown, so one run
 * shows the whole list.
 */
import { type DataIssue, fail } from '../shared/errors.ts';
import { listEditions, loadEdition } from '../stages/load/index.ts';
import type { ProjectPaths } from '../shared/paths.ts';
import { assertValid, validateEdition, type ValidEdition } from '../stages/validate/index.ts';

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

/** Load and validate editions; throws DATA_INVALID listing every problem of every edition. */
export async function loadEditions(paths: ProjectPaths, ids: readonly string[]): Promise<ValidEdition[]> {
  const results: ValidEdition[] = [];
  const problems: DataIssue[] = [];
  for (const id of ids) {
    const loaded = await loadEdition(paths.root, paths.dataDir, id);
    const { edition, issues } = validateEdition(loaded);
    problems.push(...issues);
    if (edition) results.push({ edition, loaded });
  }
  assertValid(ids.join(', '), problems);
  return results;
}
