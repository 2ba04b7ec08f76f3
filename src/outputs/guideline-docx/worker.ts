/**
 * The 公募要領's Word file, written on a worker thread (see off-thread.ts): receives the view-model,
 * posts the bytes back. Any failure ends the thread with an error, and the caller then writes
 * the file on its own thread, where the error comes out as the build's own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FigureFile } from '../../stages/render/guideline-figures.ts';
import type { GuidelineView } from '../../stages/render/guideline-view.ts';
import { writeGuideline } from './write.ts';

const { view, date, draftMark, figures } = workerData as { view: GuidelineView; date: string; draftMark: string; figures: Map<string, FigureFile> };
const bytes = await writeGuideline(view, new Date(date), draftMark, figures);
parentPort?.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
