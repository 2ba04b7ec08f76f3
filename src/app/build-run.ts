/**
 * The full build, as a list of steps that read top to bottom like the pipeline:
 *   load → validate → plan → make (render → convert → post-process) → record → publish.
 * Everything up to publish happens in memory; output/ is touched only when every
 * output of the run is ready, so a failure anywhere leaves it as it was.
 * Imported by build.ts only when the no-op fast path does not hold.
 */
import path from 'node:path';
import { msg, fail } from '../shared/errors.ts';
import { formatIssue } from '../shared/report.ts';
import { loadEditionsDeferred, selectEditions, type ValidEdition } from './editions.ts';
import { attachPreviousChanges } from './previous-changes.ts';
import { finalIssues } from '../stages/validate/index.ts';
import { t } from '../shared/i18n.ts';
import { TOOL_VERSION } from '../shared/paths.ts';
import { BrowserSession } from '../stages/convert/browser.ts';
import { publish, type OutputFiles } from '../stages/publish/index.ts';
import { MANIFEST_FILE, orphanUnits, planUnits, readManifest, serializeManifest, sha256, unitStatus, type Manifest, type Unit } from './plan.ts';
import { kindsOf, outputKinds, outputOf, type BuildContext, type OutputGroup, type OutputKind } from '../outputs/index.ts';
import { buildDate, checkAborted, nothingChanged, planKeyOptions, type BuildOptions, type BuildResult } from './build-options.ts';
import { inScope, planKey, writePlanCache } from './plan-cache.ts';
import { makeEditionUnits } from './build-units.ts';
import { linkedFiles, linkedUnit, planLinks, staleLinks } from './links.ts';

/** The kinds a build makes: `formats` within `only`, in registry order; an opt-in kind only when named. */
export function selectKinds(only: OutputGroup | undefined, formats: readonly OutputKind[] | undefined): OutputKind[] {
  const group = only ? kindsOf(only, { optIn: true }) : outputKinds();
  return group.filter((k) => (formats === undefined ? !outputOf(k).optIn : formats.includes(k)));
}

/** What the steps of one build share. */
interface Run {
  options: BuildOptions;
  session: BrowserSession;
  launchesBefore: number;
  /** Every warning of the run, in the order printed. */
  warnings: string[];
  log: (line: string) => void;
  /** The plan key taken before anything was read (plan-cache.ts), or undefined when not kept. */
  key: string | undefined;
}

/**
 * load → validate → plan → make → record → publish, with output/ held.
 * `key` is the plan key computed before anything was read (plan-cache.ts): the plan is kept
 * under it when the inputs still have that key at the end (nothing changed during the build).
 */
export async function buildLocked(options: BuildOptions, warnings: string[], key: string | undefined): Promise<BuildResult> {
  const session = options.session ?? new BrowserSession(options.signal ? { signal: options.signal } : {});
  const run: Run = { options, session, launchesBefore: session.launches, warnings, log: options.log ?? (() => {}), key };
  try {
    return await buildSteps(run);
  } finally {
    // The browser is done before anything is written (vivliostyle's order); also when loading failed after an early launch.
    if (!options.session) await session.close();
  }
}

async function buildSteps(run: Run): Promise<BuildResult> {
  const { manifest, problem } = await readManifest(run.options.paths.outDir);
  startBrowserEarly(run, manifest);
  const loaded = await loadStep(run);
  const plan = await planStep(run, loaded, manifest, problem);
  if (plan.stale.length === 0 && plan.orphans.length === 0) {
    await loaded.textChecked();
    await keepPlan(run, loaded, plan);
    run.log(nothingChanged(plan.upToDate.length));
    return result(run, loaded.ids, plan, [], []);
  }
  const { relinked, ...files } = await makeStep(run, loaded, plan, manifest);
  // The units that linked downloads are recorded (and kept with the plan) with what they linked.
  const made: Plan = { ...plan, units: plan.units.map((u) => relinked.get(u.id) ?? u), stale: plan.stale.map((u) => relinked.get(u.id) ?? u) };
  const remove = recordStep(run, manifest, made, files);
  checkAborted(run.options.signal);
  const written = await publishStep(run, files, remove);
  await keepPlan(run, loaded, made);
  run.log(
    t(
      msg(
        `✓ ${written.length} ファイルを ${outLabel(run)}/ に書き出しました（最新のまま ${plan.upToDate.length} 個）`,
        `✓ wrote ${written.length} files to ${outLabel(run)}/ (${plan.upToDate.length} up to date)`,
      ),
    ),
  );
  return result(run, loaded.ids, plan, written, remove);
}

// ------------------------------------------------------------------ steps

/**
 * No manifest (a first build, output/ deleted) or --force: every selected output is made — so when
 * one of them prints, the browser starts now, in its own processes, while the data loads.
 * Otherwise it starts once the plan has found a stale unit that prints (planStep).
 */
function startBrowserEarly(run: Run, manifest: Manifest): void {
  const everything = run.options.force === true || Object.keys(manifest.units).length === 0;
  if (everything && selectKinds(run.options.only, run.options.formats).some((k) => outputOf(k).browser)) run.session.warmUp();
}

interface Loaded {
  ids: string[];
  editions: ValidEdition[];
  /** The text checks, started once; their warnings reported when they end, their errors thrown. */
  textChecked: () => Promise<void>;
  /** The data warnings printed (kept with the plan, so a no-op run prints them again). */
  dataWarnings: string[];
}

/**
 * load → validate: every edition, every problem reported at once, before any rendering. The text
 * checks go on while the outputs render and print (loadEditionsDeferred), and are awaited before
 * anything is published; `--final` waits for them and refuses placeholders.
 */
async function loadStep(run: Run): Promise<Loaded> {
  const { paths } = run.options;
  const ids = await selectEditions(paths, run.options.editions);
  const loaded = await loadEditionsDeferred(paths, ids, { prefetchText: false });
  // Each edition's previous one and the comparison with it (the 公募要領's 「前年度からの主な変更点」), when a 公募要領 is made.
  if (selectKinds(run.options.only, run.options.formats).some((k) => outputOf(k).group === 'guidelines'))
    await attachPreviousChanges(paths, loaded.editions, (id) => {
      // A warning, not only a log line: the 公募要領 then differ by whether last year's data validates.
      const line = t(
        msg(
          `  警告: 前年度の ${id} に問題があるため、前年度からの主な変更点は載せません（${id} を validate して直してください）`,
          `  warning: the previous edition ${id} has problems; no changes since it are printed (validate ${id} and fix it)`,
        ),
      );
      run.warnings.push(line);
      run.log(line);
    });
  const dataWarnings: string[] = [];
  // Data warnings (old words of a changed label, the text checks'): reported with their file:line:col, never fatal.
  const report = (): void => {
    for (const valid of loaded.editions)
      for (const w of valid.warnings) {
        const line = formatIssue(w, undefined, { frame: false });
        dataWarnings.push(line);
        run.warnings.push(line);
        run.log(line);
      }
  };
  let checked: Promise<void> | undefined;
  const textChecked = (): Promise<void> => (checked ??= loaded.text().then(report));
  // Started with the first page (or at the latest when the outputs are made); a rejection is awaited later, never unhandled.
  void run.session.firstPage.then(() => textChecked().catch(() => undefined));
  if (run.options.final) {
    await textChecked();
    const issues = loaded.editions.flatMap((v) => finalIssues(v.loaded, v.edition));
    if (issues.length > 0) throw fail('notFinal', { edition: ids.join(', '), problems: issues.length }, { issues });
  }
  checkAborted(run.options.signal);
  return { ids, editions: loaded.editions, textChecked, dataWarnings };
}

interface Plan {
  kinds: OutputKind[];
  units: Unit[];
  stale: Unit[];
  upToDate: string[];
  /** Units this run is responsible for that the data no longer produces (a deleted call). */
  orphans: string[];
  date: Date;
  allowOverflow: boolean;
}

/** plan: which outputs' inputs changed since the manifest was written. */
async function planStep(run: Run, loaded: Loaded, manifest: Manifest, problem: string | undefined): Promise<Plan> {
  const { options } = run;
  const date = options.date ?? buildDate();
  const allowOverflow = options.allowOverflow ?? false;
  const fixedDate = options.date ?? (process.env.SOURCE_DATE_EPOCH ? date : undefined);
  const kinds = selectKinds(options.only, options.formats);
  const editions = new Map(loaded.editions.map((v) => [v.edition.id, v.edition]));
  const planned = await planUnits(loaded.editions, { paths: options.paths, kinds, allowOverflow, fixedDate });
  const orphans = orphanUnits(manifest, planned, inScope(options.editions, loaded.ids, kinds));
  // A unit that links its edition's downloads reads their bytes as output/ holds them (links.ts).
  const units = planLinks(planned, editions, manifest, orphans);
  if (problem) run.log(t(msg(`  記録 ${MANIFEST_FILE} を読めないため、すべて作り直します（${problem}）`, `  cannot read ${MANIFEST_FILE}; rebuilding everything (${problem})`)));
  const status = staleLinks(await unitStatus(options.paths.outDir, units, manifest, options.force ?? false), editions, manifest);
  const stale = status.filter((s) => s.stale);
  for (const s of stale) if (s.reason) run.log(t(msg(`  ${s.unit.id}: 作り直します（${t(s.reason)}）`, `  ${s.unit.id}: rebuilding (${t(s.reason)})`)));
  // Something that prints is stale: the browser starts while the first output renders (a no-op if it already runs).
  if (stale.some((s) => outputOf(s.unit.kind).browser)) run.session.warmUp();
  return {
    kinds,
    units,
    stale: stale.map((s) => s.unit),
    upToDate: status.filter((s) => !s.stale).map((s) => s.unit.id),
    orphans,
    date,
    allowOverflow,
  };
}

/**
 * make: every stale unit, edition by edition, in memory. Returns the files by their path under
 * output/, and the units that link downloads as made (their inputs the files they linked).
 */
async function makeStep(run: Run, loaded: Loaded, plan: Plan, manifest: Manifest): Promise<{ files: OutputFiles; made: Map<string, string[]>; relinked: Map<string, Unit> }> {
  const ctx: BuildContext = {
    paths: run.options.paths,
    session: run.session,
    date: plan.date,
    version: TOOL_VERSION,
    allowOverflow: plan.allowOverflow,
    warn: (line) => {
      run.warnings.push(line);
      run.log(line);
    },
    allowedRoots: [run.options.paths.outDir, run.options.paths.templatesDir],
  };
  // The pages this run will print on, one after another: the units of an output that shares a page
  // (the deck formats) print on one per edition, every other printing unit on its own.
  const pages = new Set(plan.stale.filter((u) => outputOf(u.kind).browser).map((u) => (outputOf(u.kind).sharedPage ? `${u.edition}/${outputOf(u.kind).sharedPage}` : u.id)));
  run.session.expectPages(pages.size);
  const files: OutputFiles = new Map();
  const made = new Map<string, string[]>();
  const relinked = new Map<string, Unit>();
  try {
    for (const valid of loaded.editions) {
      const mine = plan.stale.filter((u) => u.edition === valid.edition.id);
      const remade = new Map<string, { kind: string; key: string; files: readonly string[] }>();
      const downloads = () => linkedFiles(run.options.paths.outDir, valid.edition, manifest, plan.orphans, { units: remade, bytes: files });
      await makeEditionUnits({ ctx, valid, units: mine, log: run.log, downloads, ...(run.options.signal ? { signal: run.options.signal } : {}) }, (unit, out, linked) => {
        const rels = [...out.keys()].map((rel) => path.posix.join(unit.edition, rel));
        for (const [rel, bytes] of out) files.set(path.posix.join(unit.edition, rel), bytes);
        made.set(unit.id, rels.sort());
        remade.set(unit.id, { kind: unit.kind, key: unit.key, files: rels });
        if (outputOf(unit.kind).linksDownloads) relinked.set(unit.id, linkedUnit(unit, linked));
      });
    }
  } catch (err) {
    // A problem of the data (the text checks) comes before what rendering it did.
    await loaded.textChecked();
    throw err;
  }
  await loaded.textChecked();
  // The browser shuts down while the files are written (it never writes into output/); buildLocked's finally waits for it.
  if (!run.options.session) run.session.close().catch(() => undefined);
  return { files, made, relinked };
}

/**
 * record: the new manifest — rebuilt units with the digests of what was just made, the others as
 * they were, orphans dropped. Files a rebuilt unit no longer makes (a format left out, a slide
 * fewer) go with the orphans' files. Returns the files to remove; the manifest joins `files`.
 */
function recordStep(run: Run, manifest: Manifest, plan: Plan, made: { files: OutputFiles; made: Map<string, string[]> }): string[] {
  const next: Manifest = { version: manifest.version, units: { ...manifest.units } };
  const remove = new Set<string>();
  for (const id of plan.orphans) {
    for (const rel of Object.keys(manifest.units[id]?.files ?? {})) remove.add(rel);
    delete next.units[id];
  }
  for (const unit of plan.stale) {
    const mine = made.made.get(unit.id) ?? [];
    for (const rel of Object.keys(manifest.units[unit.id]?.files ?? {})) if (!mine.includes(rel)) remove.add(rel);
    next.units[unit.id] = {
      edition: unit.edition,
      kind: unit.kind,
      key: unit.key,
      digest: unit.digest,
      inputs: unit.inputs,
      files: Object.fromEntries(mine.map((rel) => [rel, sha256(made.files.get(rel) ?? '')])),
    };
  }
  for (const rel of [...remove].sort()) run.log(t(msg(`  ${rel} を削除します（もう作られない出力です）`, `  removing ${rel} (no longer produced)`)));
  made.files.set(MANIFEST_FILE, serializeManifest(next));
  return [...remove].sort();
}

/** publish: all or nothing; the manifest last, so it never vouches for files not yet in place. */
async function publishStep(run: Run, made: { files: OutputFiles }, remove: string[]): Promise<string[]> {
  const { options } = run;
  const published = await publish(options.paths.outDir, made.files, {
    remove,
    last: MANIFEST_FILE,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onPublishStep ? { onStep: options.onPublishStep } : {}),
  });
  return published.map((w) => path.relative(options.paths.outDir, w).split(path.sep).join('/')).filter((rel) => rel !== MANIFEST_FILE);
}

/** Kept for the next run once this one succeeded, if the inputs did not change while it ran. */
async function keepPlan(run: Run, loaded: Loaded, plan: Plan): Promise<void> {
  const { key, options } = run;
  if (key === undefined || (await planKey(planKeyOptions(options))) !== key) return;
  await writePlanCache(options.paths.outDir, { key, editions: loaded.ids, kinds: plan.kinds, units: plan.units, warnings: loaded.dataWarnings });
}

function outLabel(run: Run): string {
  const { paths } = run.options;
  return path.relative(paths.root, paths.outDir) || paths.outDir;
}

function result(run: Run, ids: string[], plan: Plan, written: string[], removed: string[]): BuildResult {
  return {
    editions: ids,
    written,
    launches: run.session.launches - run.launchesBefore,
    warnings: run.warnings,
    rebuilt: plan.stale.map((u) => u.id),
    upToDate: plan.upToDate,
    removed,
  };
}
