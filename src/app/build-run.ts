/**
 * The full build, readable top to bottom like the pipeline:
 *   load → validate → render → convert → post-process → publish.
 * Everything up to publish happens in memory; output/ is touched only when every
 * output of the run is ready, so a failure anywhere leaves it as it was.
 * Imported by build.ts only when the no-op fast path does not hold.
 */
import path from 'node:path';
import { msg, fail } from '../shared/errors.ts';
import { formatIssue } from '../shared/report.ts';
import { loadEditionsDeferred, selectEditions } from './editions.ts';
import { finalIssues } from '../stages/validate/index.ts';
import { t } from '../shared/i18n.ts';
import { TOOL_VERSION } from '../shared/paths.ts';
import { BrowserSession } from '../stages/convert/browser.ts';
import { publish, type OutputFiles } from '../stages/publish/index.ts';
import { MANIFEST_FILE, orphanUnits, planUnits, readManifest, serializeManifest, sha256, unitStatus, type Manifest } from './plan.ts';
import { OUTPUT_KINDS, kindsOf, outputOf, type BuildContext, type OutputGroup, type OutputKind, type UnitJob } from '../outputs/index.ts';
import { buildDate, checkAborted, nothingChanged, planKeyOptions, type BuildOptions, type BuildResult } from './build-options.ts';
import { inScope, planKey, writePlanCache } from './plan-cache.ts';

/** Start the browser (and a page) ahead of the first print; a failure to start is reported by the output that needs it. */
function warmUp(session: BrowserSession): void {
  session.warmUp();
}

/** The kinds a build makes: `formats` within `only`, in registry order; an opt-in kind only when named. */
export function selectKinds(only: OutputGroup | undefined, formats: readonly OutputKind[] | undefined): OutputKind[] {
  const group = only ? kindsOf(only, { optIn: true }) : OUTPUT_KINDS;
  return group.filter((k) => (formats === undefined ? !outputOf(k).optIn : formats.includes(k)));
}

/**
 * load → validate → plan → render → convert → post-process → publish, with output/ held.
 * `key` is the plan key computed before anything was read (plan-cache.ts): the plan is kept
 * under it when the inputs still have that key at the end (nothing changed during the build).
 */
export async function buildLocked(options: BuildOptions, warnings: string[], key: string | undefined): Promise<BuildResult> {
  const session = options.session ?? new BrowserSession(options.signal ? { signal: options.signal } : {});
  const launchesBefore = session.launches;
  try {
    return await buildWithSession(options, warnings, key, session, launchesBefore);
  } finally {
    // The browser is done before anything is written (vivliostyle's order); also when loading failed after an early launch.
    if (!options.session) await session.close();
  }
}

async function buildWithSession(options: BuildOptions, warnings: string[], key: string | undefined, session: BrowserSession, launchesBefore: number): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const { paths } = options;
  const { manifest, problem } = await readManifest(paths.outDir);
  // No manifest (a first build, output/ deleted) or --force: every selected output is made — so when
  // one of them prints, the browser starts now, in its own processes, while the data loads.
  // Otherwise it starts once the plan has found a stale unit that prints (below).
  const everything = options.force === true || Object.keys(manifest.units).length === 0;
  if (everything && selectKinds(options.only, options.formats).some((k) => outputOf(k).browser)) warmUp(session);

  // load → validate: every edition, every problem reported at once, before any rendering. The
  // text checks go on while the outputs render and print (loadEditionsDeferred), and are
  // awaited before anything is published.
  const ids = await selectEditions(paths, options.editions);
  const loaded = await loadEditionsDeferred(paths, ids, { prefetchText: false });
  const editions = loaded.editions;
  // Data warnings (old words of a changed label, the text checks'): reported with their
  // file:line:col, never fatal; kept with the plan so a no-op run prints them again.
  const dataWarnings: string[] = [];
  const report = (): void => {
    for (const valid of editions)
      for (const w of valid.warnings) {
        const line = formatIssue(w, undefined, { frame: false });
        dataWarnings.push(line);
        warnings.push(line);
        log(line);
      }
  };
  let textChecked: Promise<void> | undefined;
  const checkText = (): Promise<void> => (textChecked ??= loaded.text().then(report));
  // Started with the first page (or at the latest when the outputs are made); a rejection is awaited below, never unhandled.
  void session.firstPage.then(() => checkText().catch(() => undefined));
  if (options.final) {
    await checkText();
    const issues = editions.flatMap((v) => finalIssues(v.loaded, v.edition));
    if (issues.length > 0) throw fail('notFinal', { edition: ids.join(', '), problems: issues.length }, { issues });
  }
  checkAborted(options.signal);

  // plan: which outputs' inputs changed since the manifest was written.
  const date = options.date ?? buildDate();
  const allowOverflow = options.allowOverflow ?? false;
  const fixedDate = options.date ?? (process.env.SOURCE_DATE_EPOCH ? date : undefined);
  const kinds = selectKinds(options.only, options.formats);
  const units = await planUnits(editions, { paths, kinds, allowOverflow, fixedDate });
  // Kept for the next run once this one succeeded, if the inputs did not change while it ran.
  const keepPlan = async (): Promise<void> => {
    if (key !== undefined && (await planKey(planKeyOptions(options))) === key) await writePlanCache(paths.outDir, { key, editions: ids, kinds, units, warnings: dataWarnings });
  };
  if (problem) log(t(msg(`  記録 ${MANIFEST_FILE} を読めないため、すべて作り直します（${problem}）`, `  cannot read ${MANIFEST_FILE}; rebuilding everything (${problem})`)));
  const status = await unitStatus(paths.outDir, units, manifest, options.force ?? false);
  const stale = status.filter((s) => s.stale);
  const upToDate = status.filter((s) => !s.stale).map((s) => s.unit.id);
  // Units this run is responsible for that the data no longer produces (a deleted call).
  const orphans = orphanUnits(manifest, units, inScope(options.editions, ids, kinds));
  if (stale.length === 0 && orphans.length === 0) {
    await checkText();
    await keepPlan();
    log(nothingChanged(upToDate.length));
    return { editions: ids, written: [], launches: session.launches - launchesBefore, warnings, rebuilt: [], upToDate, removed: [] };
  }
  for (const s of stale) if (s.reason) log(t(msg(`  ${s.unit.id}: 作り直します（${t(s.reason)}）`, `  ${s.unit.id}: rebuilding (${t(s.reason)})`)));
  // Something that prints is stale: the browser starts while the first output renders (a no-op if it already runs).
  if (stale.some((s) => outputOf(s.unit.kind).browser)) warmUp(session);

  const ctx: BuildContext = {
    paths,
    session,
    date,
    version: TOOL_VERSION,
    allowOverflow,
    warn: (line) => {
      warnings.push(line);
      log(line);
    },
    allowedRoots: [paths.outDir, paths.templatesDir],
  };
  // The pages this run will print on, one after another: an edition's deck formats share one, every
  // other printing unit (a 公募要領) has its own. The session opens each next page ahead.
  const pages = new Set(stale.filter((s) => outputOf(s.unit.kind).browser).map((s) => (outputOf(s.unit.kind).group === 'slides' ? `${s.unit.edition}/deck` : s.unit.id)));
  session.expectPages(pages.size);
  const files: OutputFiles = new Map();
  const made = new Map<string, string[]>();
  try {
    for (const valid of editions) {
      const { id } = valid.edition;
      const mine = stale.filter((s) => s.unit.edition === id).map((s) => s.unit);
      const shared = new Map<string, Promise<unknown>>();
      const wants = new Set(mine.map((u) => u.kind));
      // render → convert → post-process, in memory. One unit after another, except those that take
      // no page (the PPTX, laid out in this process): started once this edition's first page has
      // its content, they are made while the browser lays out, screenshots and prints, when this
      // process would otherwise wait (a full build of r3: 0.5–0.9 s of PPTX off its critical path).
      const makeUnit = async (unit: (typeof mine)[number]): Promise<void> => {
        checkAborted(options.signal);
        const job: UnitJob = {
          ctx,
          valid,
          key: unit.key,
          wants,
          shared<T>(name: string, make: () => Promise<T>): Promise<T> {
            let p = shared.get(name) as Promise<T> | undefined;
            if (!p) shared.set(name, (p = make()));
            return p;
          },
        };
        const started = performance.now();
        const out = await outputOf(unit.kind).build(job);
        const rels = [...out.keys()].map((rel) => path.posix.join(id, rel));
        for (const [rel, bytes] of out) files.set(path.posix.join(id, rel), bytes);
        made.set(unit.id, rels.sort());
        const label = outputOf(unit.kind).label;
        const what = unit.key ? `${t(label)} ${unit.key}` : t(label);
        log(
          t(
            msg(
              `  ${id}: ${what} ${out.size} ファイル（${Math.round(performance.now() - started)} ms）`,
              `  ${id}: ${what}, ${out.size} files (${Math.round(performance.now() - started)} ms)`,
            ),
          ),
        );
      };
      const beside = mine.some((u) => outputOf(u.kind).browser) ? mine.filter((u) => !outputOf(u.kind).browser) : [];
      const inTurn = mine.filter((u) => !beside.includes(u));
      const outcomes = new Map<(typeof mine)[number], Promise<void>>();
      const loaded = session.loadedPages;
      let failed = false;
      const pageWork = (async () => {
        try {
          for (const unit of inTurn) {
            // A unit made beside that failed ends the edition as the sequential order would have.
            if (failed) break;
            const done = makeUnit(unit);
            outcomes.set(unit, done);
            await done;
          }
        } catch (err) {
          failed = true;
          throw err;
        }
      })();
      // Their turn: this edition's first page has its content, or its page work ended before (then,
      // if that failed, they are not started: its error is the one reported).
      const turn = Promise.race([
        session.pagesLoaded(loaded + 1),
        pageWork.then(
          () => undefined,
          () => undefined,
        ),
      ]);
      for (const unit of beside)
        outcomes.set(
          unit,
          turn.then(() =>
            failed
              ? undefined
              : makeUnit(unit).catch((err: unknown) => {
                  failed = true;
                  throw err;
                }),
          ),
        );
      // Every unit started has settled before anything is reported; a failure is reported as the
      // sequential order would meet it: the first failing unit in registry order.
      await Promise.allSettled([pageWork, ...outcomes.values()]);
      for (const unit of mine) {
        const outcome = outcomes.get(unit);
        if (outcome) await outcome;
      }
      await pageWork;
    }
  } catch (err) {
    // A problem of the data (the text checks) comes before what rendering it did.
    await checkText();
    throw err;
  }
  await checkText();
  // The browser shuts down while the files are written (it never writes into output/); the
  // finally of buildLocked waits for it.
  const closing = options.session ? undefined : session.close();
  closing?.catch(() => undefined);

  // The new manifest: rebuilt units with the digests of what was just made, the
  // others as they were, orphans dropped. Files a rebuilt unit no longer makes
  // (a format left out, a slide fewer) go with the orphans' files.
  const next: Manifest = { version: manifest.version, units: { ...manifest.units } };
  const remove = new Set<string>();
  for (const id of orphans) {
    for (const rel of Object.keys(manifest.units[id]?.files ?? {})) remove.add(rel);
    delete next.units[id];
  }
  for (const { unit } of stale) {
    const mine = made.get(unit.id) ?? [];
    for (const rel of Object.keys(manifest.units[unit.id]?.files ?? {})) if (!mine.includes(rel)) remove.add(rel);
    next.units[unit.id] = { digest: unit.digest, inputs: unit.inputs, files: Object.fromEntries(mine.map((rel) => [rel, sha256(files.get(rel) ?? '')])) };
  }
  for (const rel of [...remove].sort()) log(t(msg(`  ${rel} を削除します（もう作られない出力です）`, `  removing ${rel} (no longer produced)`)));
  files.set(MANIFEST_FILE, serializeManifest(next));

  // Nothing is published once aborted: output/ stays as the last complete build left it.
  checkAborted(options.signal);
  // publish: all or nothing; the manifest last, so it never vouches for files not yet in place.
  const published = await publish(paths.outDir, files, {
    remove: [...remove],
    last: MANIFEST_FILE,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onPublishStep ? { onStep: options.onPublishStep } : {}),
  });
  const written = published.map((w) => path.relative(paths.outDir, w).split(path.sep).join('/')).filter((rel) => rel !== MANIFEST_FILE);
  await keepPlan();
  log(
    t(
      msg(
        `✓ ${written.length} ファイルを ${path.relative(paths.root, paths.outDir) || paths.outDir}/ に書き出しました（最新のまま ${upToDate.length} 個）`,
        `✓ wrote ${written.length} files to ${path.relative(paths.root, paths.outDir) || paths.outDir}/ (${upToDate.length} up to date)`,
      ),
    ),
  );
  return {
    editions: ids,
    written,
    launches: session.launches - launchesBefore,
    warnings,
    rebuilt: stale.map((s) => s.unit.id),
    upToDate,
    removed: [...remove].sort(),
  };
}
