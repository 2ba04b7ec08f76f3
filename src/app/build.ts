/**
 * `build()`: take output/, then either end at once — the inputs are as the last successful
 * build left them and every output is still as written (plan-cache.ts: no data is loaded, no
 * browser started, the warnings printed again) — or run the full pipeline (build-run.ts,
 * imported only then). Callable from tests without spawning a process.
 */
import { sweepDeadProfiles } from '../stages/convert/browser.ts';
import { holdOutput } from '../stages/publish/index.ts';
import { nothingChanged, planKeyOptions, type BuildOptions, type BuildResult } from './build-options.ts';
import { noopHit, planKey } from './plan-cache.ts';

export { buildDate, MAX_SOURCE_DATE_EPOCH, type BuildOptions, type BuildResult } from './build-options.ts';
export type { BuildContext } from '../outputs/types.ts';

export async function build(options: BuildOptions): Promise<BuildResult> {
  // One build per output folder at a time: it reads the manifest and renames into
  // the folder, and two runs interleaving would record one run's files under the
  // other's digests. Released (and an output/ it created but never used removed) in finally.
  // Taking the folder also repairs what a dead run left: a half-done swap (from its journal),
  // its temporary files, and its browser profile under /tmp.
  const warnings: string[] = [];
  const warn = (line: string): void => {
    warnings.push(line);
    options.log?.(line);
  };
  const lock = options.lock ?? (await holdOutput(options.paths.outDir, warn, options.signal));
  try {
    await sweepDeadProfiles();
    // The key of this build's inputs, read before anything else is; --force rebuilds regardless.
    const key = await planKey(planKeyOptions(options));
    const hit = options.force ? undefined : await noopHit(options.paths.outDir, key, options.editions);
    if (hit) {
      for (const line of hit.entry.warnings) {
        warnings.push(line);
        options.log?.(line);
      }
      options.log?.(nothingChanged(hit.upToDate.length));
      return { editions: hit.entry.editions, written: [], launches: 0, warnings, rebuilt: [], upToDate: hit.upToDate, removed: [], fromPlanCache: true };
    }
    const { buildLocked } = await import('./build-run.ts');
    return await buildLocked(options, warnings, key);
  } finally {
    if (!options.lock) await lock.release();
  }
}
