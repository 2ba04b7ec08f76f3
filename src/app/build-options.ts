/**
 * What a build is asked to do and what it reports, and the document date: shared by the
 * no-op fast path (build.ts) and the full build (build-run.ts). Light: types and one clock.
 */
import { fail, msg } from '../shared/errors.ts';
import { t } from '../shared/i18n.ts';
import type { ProjectPaths } from '../shared/paths.ts';
import type { OutputGroup, OutputKind } from '../outputs/types.ts';
import { type BrowserSession, interruptedError } from '../stages/convert/browser.ts';
import type { BuildLock } from '../stages/publish/lock.ts';
import type { StepHook } from '../stages/publish/index.ts';
import type { PlanKeyOptions } from './plan-cache.ts';

export interface BuildOptions {
  paths: ProjectPaths;
  /** Edition ids; empty = every edition under data/. */
  editions: readonly string[];
  /** One group of outputs (`--only slides|guidelines`). */
  only?: OutputGroup | undefined;
  /** The output kinds to make (default: all of the group, or all). The benchmark asks for the PDF alone. */
  formats?: readonly OutputKind[];
  /** Rebuild every output even when its inputs are unchanged. */
  force?: boolean;
  /** A final build: placeholders (（要確認）, （詳細は確定後に記載）) or a draft status stop it (DATA_INVALID). */
  final?: boolean;
  allowOverflow?: boolean;
  /** Reuse a browser across builds (dev server, tests). Not closed by build(). */
  session?: BrowserSession;
  /** Fixed document dates (reproducible builds); default from SOURCE_DATE_EPOCH, else now. */
  date?: Date;
  log?: (line: string) => void;
  /**
   * Stops the build (Ctrl-C): checked between stages, and it closes a session build() owns so
   * in-flight page work fails at once. Then INTERRUPTED is thrown and output/ is left as it was.
   */
  signal?: AbortSignal;
  /** The output folder's lock, when the caller already holds it (release); default: build() takes it. */
  lock?: BuildLock;
  /** Fault injection into publish's filesystem steps (tests). */
  onPublishStep?: StepHook;
}

/** Between stages: stop before starting the next one once the run was aborted. */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interruptedError();
}

export interface BuildResult {
  editions: string[];
  /** Files written, relative to output/. */
  written: string[];
  /** Browser launches this build caused (0 when nothing needed a browser). */
  launches: number;
  warnings: string[];
  /** Output units rebuilt (`r3/slides/pdf`, `r3/guidelines/kyoso`). */
  rebuilt: string[];
  /** Output units whose inputs and files were unchanged, left as they were. */
  upToDate: string[];
  /** Files deleted because their unit no longer exists (relative to output/). */
  removed: string[];
  /** Ended on the no-op fast path: the plan of the last build held, no data was loaded (plan-cache.ts). */
  fromPlanCache?: boolean;
}

/** The latest document date a build accepts: 9999-12-31T23:59:59Z (PDF dates and the era formatter have four-digit years). */
export const MAX_SOURCE_DATE_EPOCH = 253_402_300_799;

/** SOURCE_DATE_EPOCH (seconds) → Date; the build clock only when it is not set. */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return new Date();
  // Digits only, and a year the documents can print: 1e20 would be an Invalid Date deep inside the PDF writer.
  if (!/^\d{1,12}$/.test(raw) || Number(raw) > MAX_SOURCE_DATE_EPOCH) {
    throw fail('badSourceDateEpoch', { got: raw.length > 40 ? `${raw.slice(0, 40)}…` : raw, max: MAX_SOURCE_DATE_EPOCH });
  }
  return new Date(Number(raw) * 1000);
}

/** The one line of a build that had nothing to do. */
export function nothingChanged(count: number): string {
  return t(msg(`変更はありません（${count} 個の出力は最新です）`, `Nothing changed (${count} outputs are up to date)`));
}

/** What of the options goes into the plan key (plan-cache.ts). */
export function planKeyOptions(options: BuildOptions): PlanKeyOptions {
  return {
    paths: options.paths,
    editions: options.editions,
    only: options.only,
    formats: options.formats,
    final: options.final,
    allowOverflow: options.allowOverflow,
    // The document date is an input only when fixed (see plan.ts PlanOptions.fixedDate).
    fixedDate: options.date ?? (process.env.SOURCE_DATE_EPOCH ? buildDate() : undefined),
  };
}
