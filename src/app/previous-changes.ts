/**
 * The previous edition of each edition a build makes (the fiscal year before, under data/), and
 * the 新旧対照表's rows between the two (compare.ts, without the place column): the 公募要領 of
 * the new edition prints its 「前年度からの主な変更点」 from them. The first edition has none.
 */
import { isKyosoError } from '../shared/errors.ts';
import type { ProjectPaths } from '../shared/paths.ts';
import { loadEditions, previousEdition, type ValidEdition } from './editions.ts';

/**
 * Sets `previous` on every edition that has one. An edition of the run is reused; another is
 * loaded (its wording not checked: it is last year's). A previous edition that does not
 * validate gives no comparison (its own build reports its problems); `onInvalid` is told.
 */
export async function attachPreviousChanges(paths: ProjectPaths, editions: ValidEdition[], onInvalid: (id: string) => void = () => undefined): Promise<void> {
  const { compareEditions } = await import('./diff/compare.ts');
  for (const valid of editions) {
    const { edition } = valid;
    const found = await previousEdition(paths, edition.meta.fiscalYear, edition.id);
    if (!found) continue;
    let previous = editions.find((v) => v.edition.id === found.id)?.edition;
    if (!previous) {
      try {
        [previous] = (await loadEditions(paths, [found.id], { text: 'none' })).map((v) => v.edition);
      } catch (err) {
        if (!isKyosoError(err) || err.code !== 'DATA_INVALID') throw err;
        onInvalid(found.id);
        continue;
      }
    }
    if (!previous) continue;
    valid.previous = { id: found.id, edition: previous, rows: compareEditions(previous, edition, { places: false }) };
  }
}
