/**
 * make, for one edition: render → convert → post-process each stale unit, in memory. One unit
 * after another, except those that take no page (the PPTX, laid out in this process): started
 * once this edition's first page has its content, they are made while the browser lays out,
 * screenshots and prints, when this process would otherwise wait. Units of an output that links
 * the edition's downloads (the web page) come last, once every other unit has its files.
 */
import { msg } from '../shared/errors.ts';
import { t } from '../shared/i18n.ts';
import { outputOf, type BuildContext, type LinkedFile, type UnitFiles, type UnitJob } from '../outputs/index.ts';
import type { ValidEdition } from './editions.ts';
import { checkAborted } from './build-options.ts';
import type { Unit } from './plan.ts';

export interface EditionUnits {
  ctx: BuildContext;
  valid: ValidEdition;
  /** The edition's stale units, in registry order. */
  units: readonly Unit[];
  log: (line: string) => void;
  signal?: AbortSignal;
  /** The edition's downloads as this run publishes them, asked once its other units are made (links.ts). */
  downloads: () => Promise<readonly LinkedFile[]>;
}

/**
 * Make the units; `done` gets each unit's files as it finishes. A failure is reported as the
 * sequential order would meet it (the first failing unit in registry order), after every unit
 * started has settled; nothing starts after a failure.
 */
export async function makeEditionUnits(edition: EditionUnits, done: Done): Promise<void> {
  const e: EditionRun = { ...edition, wants: new Set(edition.units.map((u) => u.kind)) };
  const last = e.units.filter((u) => outputOf(u.kind).linksDownloads);
  await makeFirst({ ...e, units: e.units.filter((u) => !last.includes(u)) }, done);
  for (const unit of last) {
    checkAborted(e.signal);
    await makeUnit(e, unit, new Map(), await e.downloads(), done);
  }
}

type Done = (unit: Unit, files: UnitFiles, linked: readonly LinkedFile[]) => void;

/** The edition's units with every kind the run makes for it (a deck prints PNGs only when one of them needs them). */
interface EditionRun extends EditionUnits {
  wants: ReadonlySet<string>;
}

/** Make one unit: its job, its files to `done`, a line in the log. */
async function makeUnit(e: EditionRun, unit: Unit, shared: Map<string, Promise<unknown>>, linked: readonly LinkedFile[], done: Done): Promise<void> {
  checkAborted(e.signal);
  const job: UnitJob = {
    ctx: e.ctx,
    valid: e.valid,
    key: unit.key,
    wants: e.wants,
    shared<T>(name: string, make: () => Promise<T>): Promise<T> {
      let p = shared.get(name) as Promise<T> | undefined;
      if (!p) shared.set(name, (p = make()));
      return p;
    },
    linked,
  };
  const started = performance.now();
  const output = outputOf(unit.kind);
  const out = await output.build(job);
  done(unit, out, linked);
  const what = unit.key ? `${t(output.label)} ${unit.key}` : t(output.label);
  const ms = Math.round(performance.now() - started);
  e.log(t(msg(`  ${unit.edition}: ${what} ${out.size} ファイル（${ms} ms）`, `  ${unit.edition}: ${what}, ${out.size} files (${ms} ms)`)));
}

/** The units that link nothing: those on pages in turn, the others beside them. */
async function makeFirst(e: EditionRun, done: Done): Promise<void> {
  const shared = new Map<string, Promise<unknown>>();
  const make = (unit: Unit): Promise<void> => makeUnit(e, unit, shared, [], done);

  const beside = e.units.some((u) => outputOf(u.kind).browser) ? e.units.filter((u) => !outputOf(u.kind).browser) : [];
  const inTurn = e.units.filter((u) => !beside.includes(u));
  const outcomes = new Map<Unit, Promise<void>>();
  const session = e.ctx.session;
  const loaded = session.loadedPages;
  let failed = false;
  const pageWork = (async () => {
    try {
      for (const unit of inTurn) {
        // A unit made beside that failed ends the edition as the sequential order would have.
        if (failed) break;
        const unitDone = make(unit);
        outcomes.set(unit, unitDone);
        await unitDone;
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
          : make(unit).catch((err: unknown) => {
              failed = true;
              throw err;
            }),
      ),
    );
  await Promise.allSettled([pageWork, ...outcomes.values()]);
  for (const unit of e.units) {
    const outcome = outcomes.get(unit);
    if (outcome) await outcome;
  }
  await pageWork;
}
