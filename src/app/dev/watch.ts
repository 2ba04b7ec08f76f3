/**
 * What the dev server watches and what a change affects.
 *
 * A save in an editor is rarely one event (truncate + write, or write a temp
 * file + rename, plus swap files), and a user fixing a typo saves several
 * times in a row. Events are therefore debounced into batches; the scheduler
 * in index.ts merges batches that arrive while a build runs, so at most one
 * rebuild is ever pending.
 */
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isEditionFolderName } from '../../shared/ids.ts';
import type { ProjectPaths } from '../../shared/paths.ts';

/**
 * Quiet time after the last event before a batch is handed over. An editor's events for one save
 * come within a few milliseconds of each other (truncate + write, temp file + rename); the quiet
 * time is part of every edit's wait for its PDF (dev's live step takes about 0.4 s in all), so it
 * is kept short. A later save merges into the pending rebuild anyway (index.ts).
 */
export const DEBOUNCE_MS = 40;

/**
 * Which edition a changed file belongs to (`*`: every edition, for templates). Which of its
 * outputs are stale is not decided here: the build planner compares every output's inputs
 * (what its view-model read) with the manifest, so the watcher keeps no copy of that rule.
 */
export interface Affected {
  edition: string;
}

/**
 * Editor leftovers (vim's 4913 probe and .swp, emacs' #x# and x~, JetBrains' ___jb_tmp___)
 * are not data; reacting to them would only build twice per save.
 */
export function isEditorNoise(file: string): boolean {
  const base = path.basename(file);
  return /^\d+$/.test(base) || base.startsWith('.') || base.endsWith('~') || /^#.*#$/.test(base) || /\.(swp|swx|tmp|bak)$/.test(base) || base.includes('___jb_');
}

export function affectedBy(paths: ProjectPaths, file: string): Affected | undefined {
  if (isEditorNoise(file)) return undefined;
  const inData = path.relative(paths.dataDir, file);
  if (!inData.startsWith('..') && !path.isAbsolute(inData)) {
    const [edition, second] = inData.split(path.sep);
    if (!edition || !isEditionFolderName(edition)) return undefined;
    // data/r4 itself (an edition added or removed) — but not a stray file directly in data/.
    if (second === undefined && edition.includes('.')) return undefined;
    return { edition };
  }
  const inTemplates = path.relative(paths.templatesDir, file);
  if (!inTemplates.startsWith('..') && !path.isAbsolute(inTemplates)) return { edition: '*' };
  return undefined;
}

/** Collects items and hands them over once nothing new arrived for `ms`. */
export class Debouncer<T> {
  #items = new Set<T>();
  #timer: NodeJS.Timeout | undefined;
  readonly #ms: number;
  readonly #flush: (items: T[]) => void;

  constructor(ms: number, flush: (items: T[]) => void) {
    this.#ms = ms;
    this.#flush = flush;
  }

  /** Is a batch waiting for its quiet time? (The scheduler holds back slow work while the user is still saving.) */
  get pending(): boolean {
    return this.#timer !== undefined;
  }

  push(item: T): void {
    this.#items.add(item);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const items = [...this.#items];
      this.#items.clear();
      this.#flush(items);
    }, this.#ms);
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#items.clear();
  }
}

export interface ProjectWatcher {
  close(): Promise<void>;
}

/**
 * Watch data/ and templates/ (which holds the themes). `onEvent` gets each
 * changed path as it happens; debouncing is the caller's (it also needs to know
 * whether a batch is pending).
 */
export async function watchProject(paths: ProjectPaths, onEvent: (file: string) => void, onError: (err: unknown) => void): Promise<ProjectWatcher> {
  const watcher: FSWatcher = watch([paths.dataDir, paths.templatesDir], {
    ignoreInitial: true,
    // No awaitWriteFinish: it polls file sizes and adds its own delay; a half-written
    // file just fails validation and the write's next event rebuilds it.
    ignored: (file) => isEditorNoise(file) && file !== paths.dataDir && file !== paths.templatesDir,
  });
  watcher.on('all', (_event, file) => onEvent(path.resolve(file)));
  watcher.on('error', onError);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { close: () => watcher.close() };
}
