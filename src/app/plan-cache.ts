/**
 * The no-op fast path: a build whose inputs are all as they were at the end of the last
 * successful build ends without loading, validating or planning anything.
 *
 * output/.cache/plan.json keeps, under one key, what that build found: the editions, the
 * kinds, every unit with its digest, and the data warnings it printed. The key is the
 * SHA-256 of every input the load → validate → plan steps read: each file under data/ and
 * templates/ (path and bytes), the tool (version, code, locked dependencies, font package),
 * the paths, the options, the message language. On a hit the units are still checked as a
 * full build checks them — against the manifest and the bytes of every output file — so a
 * deleted or hand-edited output still rebuilds; the warnings are printed again.
 *
 * The entry is a cache: missing, unreadable or of another version, the build takes the full
 * path (always correct) and writes it anew. Safe to delete.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { debug } from '../shared/debug.ts';
import { getLang } from '../shared/i18n.ts';
import { CACHE_DIR, type ProjectPaths } from '../shared/paths.ts';
import { isOutputKind, type OutputGroup, type OutputKind } from '../outputs/index.ts';
import { orphanUnits, readManifest, unitStatus, type ManifestUnit, type Unit } from './plan.ts';
import { sha256, toolDigests, treeDigest } from './tool-inputs.ts';

const log = debug('plan');

export const PLAN_CACHE_FILE = path.join(CACHE_DIR, 'plan.json');
const VERSION = 1;

export interface PlanCacheEntry {
  version: number;
  key: string;
  editions: string[];
  kinds: OutputKind[];
  units: Unit[];
  /** The data warnings the build printed, as printed. */
  warnings: string[];
}

/** What the key is made of besides the files: the build's options as they change load, validation and the plan. */
export interface PlanKeyOptions {
  paths: ProjectPaths;
  editions: readonly string[];
  only?: OutputGroup | undefined;
  formats?: readonly OutputKind[] | undefined;
  final?: boolean | undefined;
  allowOverflow?: boolean | undefined;
  fixedDate: Date | undefined;
}

/** The key of a build's plan: changes whenever anything the plan was made from changes. */
export async function planKey(o: PlanKeyOptions): Promise<string> {
  const [tool, data, templates] = await Promise.all([toolDigests(), treeDigest(o.paths.dataDir), treeDigest(o.paths.templatesDir)]);
  return sha256(
    JSON.stringify({
      version: VERSION,
      tool,
      paths: o.paths,
      data,
      templates,
      editions: o.editions,
      only: o.only ?? null,
      formats: o.formats ?? null,
      final: o.final ?? false,
      allowOverflow: o.allowOverflow ?? false,
      fixedDate: o.fixedDate?.toISOString() ?? null,
      lang: getLang(),
    }),
  );
}

export async function readPlanCache(outDir: string): Promise<PlanCacheEntry | undefined> {
  try {
    const entry = JSON.parse(await readFile(path.join(outDir, PLAN_CACHE_FILE), 'utf8')) as PlanCacheEntry;
    return entry.version === VERSION && typeof entry.key === 'string' && Array.isArray(entry.units) && Array.isArray(entry.warnings) ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole or not at all; a cache that cannot be written only makes the next no-op slower. */
export async function writePlanCache(outDir: string, entry: Omit<PlanCacheEntry, 'version'>): Promise<void> {
  const file = path.join(outDir, PLAN_CACHE_FILE);
  const text = `${JSON.stringify({ version: VERSION, ...entry })}\n`;
  if ((await readFile(file, 'utf8').catch(() => undefined)) === text) return;
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (err) {
    log(`plan cache not written: ${String(err)}`);
    await rm(tmp, { force: true }).catch(() => {});
  }
}

/** The units the manifest records that a build of these editions and kinds is responsible for. */
export function inScope(requested: readonly string[], ids: readonly string[], kinds: readonly OutputKind[]): (unit: ManifestUnit) => boolean {
  // A unit of an output the tool no longer has is every build's to remove.
  return (unit) => (requested.length === 0 || ids.includes(unit.edition)) && (kinds.includes(unit.kind) || !isOutputKind(unit.kind));
}

export interface NoopHit {
  entry: PlanCacheEntry;
  upToDate: string[];
}

/**
 * The cached plan when it holds for this build and every unit is up to date (manifest digest and
 * output bytes), else undefined: the build then takes the full path.
 */
export async function noopHit(outDir: string, key: string, requested: readonly string[]): Promise<NoopHit | undefined> {
  const entry = await readPlanCache(outDir);
  if (!entry || entry.key !== key) {
    log(entry ? 'plan cache: inputs changed' : 'plan cache: none');
    return undefined;
  }
  const { manifest, problem } = await readManifest(outDir);
  if (problem) return undefined;
  const status = await unitStatus(outDir, entry.units, manifest, false);
  if (status.some((s) => s.stale)) return undefined;
  if (orphanUnits(manifest, entry.units, inScope(requested, entry.editions, entry.kinds)).length > 0) return undefined;
  log('plan cache: hit, nothing to do');
  return { entry, upToDate: entry.units.map((u) => u.id) };
}
