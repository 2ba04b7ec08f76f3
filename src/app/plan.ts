/**
 * The build graph: which outputs exist, what each one is made from, and whether
 * the copy in output/ is still what its inputs would produce.
 *
 * An output *unit* is one output of one edition: a slide format (`r3/slides/pdf`;
 * the formats share one render and one print within a run) or the 公募要領 of one
 * call (`r3/guidelines/kyoso`). Each unit lists its inputs by name with a sha256:
 * the data files its view-model read (outputs/*: `plan`), its templates, the font package, the tool
 * (version, code, locked dependencies) and the options that change its bytes.
 * The unit's digest is the sha256 of those sorted pairs.
 *
 * output/.kyoso-manifest.json records, per unit, that digest, the input digests
 * (so a rebuild can say *why*) and the sha256 of every file written. A unit is
 * up to date when its digest matches and every recorded file is still there with
 * the recorded bytes — deleting or hand-editing an output rebuilds it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { checkRel, refuse } from '../stages/publish/confine.ts';
import { fieldName } from '../stages/publish/journal.ts';
import type { ValidEdition } from './editions.ts';
import { msg } from '../shared/errors.ts';
import { debug } from '../shared/debug.ts';
import type { ProjectPaths } from '../shared/paths.ts';
import type { Message } from '../shared/values.ts';
import type { OutputKind } from '../outputs/types.ts';
import { sha256, toolDigests } from './tool-inputs.ts';

export { sha256 } from './tool-inputs.ts';

export const MANIFEST_FILE = '.kyoso-manifest.json';
/**
 * 3: each unit records its edition, kind and key (the registry names units; the id is not parsed back).
 * 2: one unit per output kind (`r3/slides/pdf`), no longer one for every slide format.
 */
export const MANIFEST_VERSION = 3;

export interface Unit {
  /** `r3/slides/pdf`, `r3/guidelines/kyoso`. */
  id: string;
  edition: string;
  kind: OutputKind;
  /** '' for a deck format, the call id of a guideline. */
  key: string;
  /** Input name (`data/r3/roster.yaml`, `templates/slides/deck.hbs`, `option:date`, …) → sha256. */
  inputs: Record<string, string>;
  digest: string;
}

export interface ManifestUnit {
  edition: string;
  kind: OutputKind;
  key: string;
  digest: string;
  inputs: Record<string, string>;
  /** Output path relative to output/ (POSIX) → sha256 of the bytes written. */
  files: Record<string, string>;
}

export interface Manifest {
  version: number;
  units: Record<string, ManifestUnit>;
}

export interface PlanOptions {
  paths: ProjectPaths;
  /** The kinds to plan (the build's `--only` / `--formats`). */
  kinds: readonly OutputKind[];
  allowOverflow: boolean;
  /**
   * The document date when it is fixed (`--date`, SOURCE_DATE_EPOCH). A date taken
   * from the clock is not an input: otherwise every build would differ from the
   * last, and an unchanged document keeps the date it was built on.
   */
  fixedDate: Date | undefined;
}

/** Digest of a set of named inputs: order-independent, and renaming an input changes it. */
export function unitDigest(inputs: Record<string, string>): string {
  const lines = Object.keys(inputs)
    .sort()
    .map((name) => `${name}\0${inputs[name]}\n`);
  return sha256(lines.join(''));
}

// ------------------------------------------------------------------ inputs

/** Every file under the given template paths (folders or files), named `templates/<rel>`. */
async function templateDigests(templatesDir: string, patterns: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  // A missing template is reported by the renderer; here it simply is not an input.
  const { globby } = await import('globby');
  const files = (await globby(patterns, { cwd: templatesDir, dot: false })).sort();
  for (const rel of files) out[`templates/${rel}`] = sha256(await readFile(path.join(templatesDir, rel)));
  return out;
}

/** The units of the given editions and kinds, each with its inputs and digest. */
export async function planUnits(editions: readonly ValidEdition[], options: PlanOptions): Promise<Unit[]> {
  // The registry imports every output (and what they render with): only a build that plans needs it.
  const { outputOf, unitId } = await import('../outputs/index.ts');
  const tool = await toolDigests();
  const templateCache = new Map<string, Promise<Record<string, string>>>();
  const templates = (globs: readonly string[]): Promise<Record<string, string>> => {
    const key = [...globs].sort().join('\0');
    let p = templateCache.get(key);
    if (!p) templateCache.set(key, (p = templateDigests(options.paths.templatesDir, [...globs])));
    return p;
  };
  const date: Record<string, string> = options.fixedDate ? { 'option:date': sha256(options.fixedDate.toISOString()) } : {};
  const overflow = { 'option:allowOverflow': sha256(String(options.allowOverflow)) };

  const units: Unit[] = [];
  for (const { edition, loaded, previous } of editions) {
    // The text that was parsed, i.e. what was rendered (and what a guideline attaches).
    const data = new Map(loaded.files.map((f) => [f.rel, sha256(f.source.text)]));
    for (const kind of options.kinds) {
      const plans = await outputOf(kind).plan(edition, previous);
      // Two units of one output under one name would share a manifest entry: a bug of that output's plan.
      const keys = new Set(plans.map((p) => p.key));
      if (keys.size !== plans.length) throw new Error(`output ${kind} planned two units with the same key for ${edition.id}`);
      for (const plan of plans) {
        const inputs: Record<string, string> = { ...tool, ...(await templates(plan.templates)), ...date, ...overflow };
        // The data files the unit's view-model read (one record, used by the attachments too).
        for (const rel of plan.data) {
          const digest = data.get(rel);
          // An output that knows which values it printed is keyed on them, not on the whole file.
          if (digest) inputs[`data/${edition.id}/${rel}`] = plan.values?.[rel] ?? digest;
        }
        for (const rel of plan.files ?? []) inputs[`data/${edition.id}/${rel}`] = sha256(await readFile(path.join(loaded.dir, ...rel.split('/'))).catch(() => new Uint8Array()));
        for (const [name, value] of Object.entries(plan.options ?? {})) inputs[`option:${name}`] = sha256(value);
        units.push({ id: unitId(edition.id, kind, plan.key), edition: edition.id, kind, key: plan.key, inputs, digest: unitDigest(inputs) });
      }
    }
  }
  return units;
}

// ---------------------------------------------------------------- manifest

export function emptyManifest(): Manifest {
  return { version: MANIFEST_VERSION, units: {} };
}

/** links.ts LINKED_INPUT (not imported: links.ts imports this module): an input that is a file of output/. */
const LINKED = 'output:';
const Digests = z.record(z.string(), z.string().max(200));
/** What a manifest read back from output/ must look like (it is untrusted: see stages/publish/confine.ts). */
const ManifestSchema = z.object({
  version: z.literal(MANIFEST_VERSION),
  units: z.record(z.string(), z.object({ edition: z.string(), kind: z.string(), key: z.string(), digest: z.string(), inputs: Digests, files: Digests })),
});

/**
 * The manifest of the last successful build. Missing, unreadable, of another version or of
 * another shape: empty (everything is rebuilt, which is always correct, and nothing it listed
 * is removed). A manifest that names a file outside output/ (`../x`, an absolute path, a file
 * outside its unit's edition folder) is refused with a located error: something other than
 * kyoso-docs wrote it.
 */
export async function readManifest(outDir: string): Promise<{ manifest: Manifest; problem?: string }> {
  let text: string;
  try {
    text = await readFile(path.join(outDir, MANIFEST_FILE), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { manifest: emptyManifest() } : { manifest: emptyManifest(), problem: String(code ?? e) };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { manifest: emptyManifest(), problem: (e as Error).message };
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (version !== MANIFEST_VERSION) return { manifest: emptyManifest(), problem: `version ${String(version)}` };
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { manifest: emptyManifest(), problem: `${fieldName(issue.path)}: ${issue.message}` };
  }
  const file = `${path.basename(outDir)}/${MANIFEST_FILE}`;
  for (const [id, unit] of Object.entries(parsed.data.units)) {
    checkRel(unit.edition, { file, field: `units[${JSON.stringify(id)}].edition` });
    const paths = [
      ...Object.keys(unit.files).map((f) => ['files', f] as const),
      ...Object.keys(unit.inputs).flatMap((n) => (n.startsWith(LINKED) ? [['inputs', n.slice(LINKED.length)] as const] : [])),
    ];
    for (const [where, rel] of paths) {
      const place = { file, field: `units[${JSON.stringify(id)}].${where}[${JSON.stringify(rel)}]` };
      checkRel(rel, place);
      if (!rel.startsWith(`${unit.edition}/`)) throw refuse(place, rel, `not in its edition's folder ${unit.edition}/`);
    }
  }
  return { manifest: parsed.data as Manifest };
}

/** Stable text (sorted keys), so an unchanged manifest is byte-identical. */
export function serializeManifest(manifest: Manifest): string {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return `${JSON.stringify(sortKeys(manifest), null, 2)}\n`;
}

// ------------------------------------------------------------------ status

export interface UnitStatus {
  unit: Unit;
  stale: boolean;
  /** Why it is rebuilt (for the log); undefined when up to date. */
  reason?: Message;
}

/** Compare each planned unit with the manifest and with the files actually in output/. */
export async function unitStatus(outDir: string, units: readonly Unit[], manifest: Manifest, force: boolean): Promise<UnitStatus[]> {
  const out: UnitStatus[] = [];
  const log = debug('plan');
  for (const unit of units) {
    const recorded = manifest.units[unit.id];
    if (force) {
      out.push({ unit, stale: true, reason: msg('--force', '--force') });
    } else if (!recorded) {
      out.push({ unit, stale: true, reason: msg('初回', 'new') });
    } else if (recorded.digest !== unit.digest) {
      out.push({ unit, stale: true, reason: changedInputs(recorded.inputs ?? {}, unit.inputs) });
    } else {
      const bad = await changedFiles(outDir, recorded.files ?? {});
      out.push(bad ? { unit, stale: true, reason: bad } : { unit, stale: false });
    }
  }
  for (const s of out)
    log(`${s.unit.id} ${s.stale ? `stale (${s.reason?.en ?? ''})` : 'up to date'} digest ${s.unit.digest.slice(0, 12)} inputs ${Object.keys(s.unit.inputs).length}`);
  return out;
}

/** How the log names an input: files by their path, the rest in words (`option:allowOverflow` means nothing to staff). */
export function inputLabel(name: string): Message {
  if (name.startsWith('data/') || name.startsWith('templates/')) return msg(name, name);
  if (name.startsWith('font:')) return msg(`フォント（${name.slice(5)}）`, `the font (${name.slice(5)})`);
  switch (name) {
    case 'tool:version':
      return msg('kyoso-docs の版', 'the kyoso-docs version');
    case 'tool:code':
      return msg('kyoso-docs のプログラム', 'the kyoso-docs code');
    case 'tool:dependencies':
      return msg('依存パッケージ（package-lock.json）', 'the dependencies (package-lock.json)');
    case 'option:allowOverflow':
      return msg('--allow-overflow の有無', 'the --allow-overflow option');
    case 'option:date':
      return msg('文書の日付（SOURCE_DATE_EPOCH）', 'the document date (SOURCE_DATE_EPOCH)');
    default:
      return msg(name, name);
  }
}

function changedInputs(before: Record<string, string>, after: Record<string, string>): Message {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((n) => before[n] !== after[n]).sort();
  const shown = (lang: 'ja' | 'en') =>
    names
      .slice(0, 4)
      .map((n) => inputLabel(n)[lang])
      .join(lang === 'ja' ? '、' : ', ') + (names.length > 4 ? ` …(+${names.length - 4})` : '');
  return names.length === 0 ? msg('入力が変わりました', 'inputs changed') : msg(`変更: ${shown('ja')}`, `changed: ${shown('en')}`);
}

/** The first recorded output that is missing or differs from what was written. */
async function changedFiles(outDir: string, files: Record<string, string>): Promise<Message | undefined> {
  if (Object.keys(files).length === 0) return msg('出力の記録がありません', 'no outputs recorded');
  for (const [rel, digest] of Object.entries(files)) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(outDir, rel));
    } catch {
      return msg(`${rel} がありません`, `${rel} is missing`);
    }
    if (sha256(bytes) !== digest) return msg(`${rel} が書き換えられています`, `${rel} was modified`);
  }
  return undefined;
}

/**
 * Units the manifest knows that this build would have produced but no longer
 * does (a call or an edition removed from the data). `inScope` says which
 * recorded units this build is responsible for (`--only`, the edition list).
 */
export function orphanUnits(manifest: Manifest, units: readonly Unit[], inScope: (unit: ManifestUnit) => boolean): string[] {
  const planned = new Set(units.map((u) => u.id));
  return Object.entries(manifest.units)
    .filter(([id, unit]) => !planned.has(id) && inScope(unit))
    .map(([id]) => id)
    .sort();
}
