/**
 * The 公募要領's Word file off the main thread. docx's page-number layout (the TOC's numbers, see
 * word/document.ts) holds the thread it runs on for seconds per 30-page document, and on the main
 * thread it also holds back everything the browser has finished meanwhile: the read-back of a
 * printed PDF waited ~30 s behind it under load. On a worker thread it runs beside the prints.
 *
 * The worker runs the compiled dist/ (the CLI recompiles it whenever src/ is newer). Where there
 * is none — tests and scripts that run the TypeScript sources — or when `KYOSO_DOCX_THREAD=0`, or
 * when the worker fails for any reason, the caller writes the file itself: same code, same bytes,
 * and a failure then raises the build's own error. One worker at a time: two cores already share
 * the browser's work and the main thread's.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { TOOL_ROOT } from '../../shared/paths.ts';
import type { FigureFile } from '../../stages/render/guideline-figures.ts';
import type { GuidelineView } from '../../stages/render/guideline-view.ts';

const WORKER = path.join(TOOL_ROOT, 'dist', 'outputs', 'guideline-docx', 'worker.js');

let queue: Promise<unknown> = Promise.resolve();

/** Whether this process writes the guidelines' Word files on a worker thread. */
export function docxThreadAvailable(): boolean {
  return process.env.KYOSO_DOCX_THREAD !== '0' && !import.meta.url.endsWith('.ts') && existsSync(WORKER);
}

/** The Word file's bytes from a worker thread, or undefined when the caller should write it itself. */
export function writeGuidelineOffThread(view: GuidelineView, date: Date, draftMark: string, figures: ReadonlyMap<string, FigureFile> = new Map()): Promise<Uint8Array | undefined> {
  if (!docxThreadAvailable()) return Promise.resolve(undefined);
  const run = queue.then(
    () =>
      new Promise<Uint8Array | undefined>((resolve) => {
        let worker: Worker;
        try {
          worker = new Worker(WORKER, { workerData: { view, date: date.toISOString(), draftMark, figures } });
        } catch {
          resolve(undefined);
          return;
        }
        // An aborted build does not wait for it.
        worker.unref();
        worker.once('message', (bytes: Uint8Array) => resolve(bytes));
        worker.once('error', () => resolve(undefined));
        worker.once('exit', () => resolve(undefined));
      }),
  );
  queue = run;
  return run;
}
