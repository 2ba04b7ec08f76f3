/**
 * The 公募要領's Word file written on a worker thread (src/outputs/guideline-docx/off-thread.ts):
 * the compiled worker writes the same bytes as the same code on the main thread, a worker that
 * fails hands the work back (undefined, never a rejection), and the TypeScript sources — which
 * have no compiled worker beside them — always write on their own thread. No browser.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEditions } from '../../src/app/editions.ts';
import { docxThreadAvailable, writeGuidelineOffThread } from '../../src/outputs/guideline-docx/off-thread.ts';
import { writeGuideline } from '../../src/outputs/guideline-docx/write.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { type GuidelineView, guidelineView } from '../../src/stages/render/guideline-view.ts';
import { allText, readDocx } from '../helpers/docx.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const DATE = new Date('2021-04-01T00:00:00Z');
const compiled = (rel: string) => path.join(TOOL_ROOT, 'dist', 'outputs', 'guideline-docx', rel);

let project: TempProject;
let view: GuidelineView;
let mark: string;

beforeAll(async () => {
  // The wrapper recompiles dist/ when src/ is newer, as a build would.
  expect(spawnSync(process.execPath, [path.join(TOOL_ROOT, 'scripts', 'kyoso-docs.js'), 'schema', '--help']).status).toBe(0);
  project = await tempProject(['r3']);
  const [valid] = await loadEditions(project.paths, ['r3'], { text: 'none' });
  const { edition } = valid!;
  const call = edition.calls[0]!;
  view = guidelineView(edition, call, edition.guidelines.find((g) => g.call === call.id)!);
  mark = edition.meta.labels.draftMark;
});
afterAll(() => project.dispose());

/** What the compiled worker posts back for `data`, or the error it ended with. */
function runWorker(data: unknown): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const w = new Worker(compiled('worker.js'), { workerData: data });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

describe('the guideline Word file on a worker thread', () => {
  it('is byte for byte the file the main thread writes', async () => {
    const here = await writeGuideline(view, DATE, mark);
    const there = await runWorker({ view, date: DATE.toISOString(), draftMark: mark });
    expect(Buffer.from(there).equals(Buffer.from(here))).toBe(true);
    // And it is the 公募要領, not an empty file that would match another empty file.
    expect(allText(await readDocx(Buffer.from(there)))).toContain(view.title);
  }, 120_000);

  it('hands the work back when the worker fails', async () => {
    const { writeGuidelineOffThread: offThread } = (await import(pathToFileURL(compiled('off-thread.js')).href)) as typeof import('../../src/outputs/guideline-docx/off-thread.ts');
    await expect(offThread({} as GuidelineView, DATE, mark)).resolves.toBeUndefined();
  });

  it('is not used from the TypeScript sources, which have no worker beside them', async () => {
    expect(docxThreadAvailable()).toBe(false);
    await expect(writeGuidelineOffThread(view, DATE, mark)).resolves.toBeUndefined();
  });
});
