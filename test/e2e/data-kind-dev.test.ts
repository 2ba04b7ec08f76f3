/**
 * A new kind of data file is a schema and one registry entry: once registered, `dev` watches it,
 * and a save of it rebuilds the outputs whose view-models read it — no list elsewhere to extend.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startDev, type DevServer } from '../../src/app/dev/index.ts';
import { registerOutput } from '../../src/outputs/index.ts';
import type { Output } from '../../src/outputs/types.ts';
import { registerFileKind } from '../../src/schema/index.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const FaqSchema = z.strictObject({ questions: z.array(z.strictObject({ q: z.string(), a: z.string() })) });

/** An output that prints the FAQ; its plan names what its view-model read (here: the faq file). */
const faqPage: Output = {
  kind: 'faq-text',
  group: 'faq',
  label: { ja: 'FAQ', en: 'FAQ' },
  browser: false,
  unitPath: () => 'faq',
  release: () => false,
  preview: () => ({ ja: 'FAQ', en: 'FAQ' }),
  async plan(edition) {
    const rel = edition.sources.faq;
    return rel ? [{ key: '', data: [rel], templates: [] }] : [];
  },
  async build(job) {
    const faq = (job.valid.edition as unknown as { faq: z.infer<typeof FaqSchema> }).faq;
    return new Map([['faq/faq.txt', faq.questions.map((x) => `Q. ${x.q}\nA. ${x.a}\n`).join('')]]);
  },
};

describe('a new kind of data file in dev', () => {
  let project: TempProject;
  let dev: DevServer | undefined;
  const undo: Array<() => void> = [];

  beforeAll(async () => {
    project = await tempProject(['r3']);
    undo.push(
      registerFileKind({ kind: 'faq', glob: 'faq.yaml', required: false, multiple: false, field: 'faq', schema: FaqSchema, description: { ja: 'よくある質問', en: 'FAQ' } }),
      registerOutput(faqPage),
    );
    await writeFile(path.join(project.paths.dataDir, 'r3', 'faq.yaml'), 'questions:\n  - q: 締切は？\n    a: 正午です。\n');
    dev = await startDev({ paths: project.paths, port: 0, live: false });
    await dev.idle();
  });

  afterAll(async () => {
    await dev?.close();
    for (const u of undo.reverse()) u();
    await project?.dispose();
  });

  it('builds the output that reads it, and rebuilds only that when it is saved', async () => {
    const out = path.join(project.paths.outDir, 'r3', 'faq', 'faq.txt');
    expect(await readFile(out, 'utf8')).toContain('Q. 締切は？');
    const rebuilt: string[] = [];
    const stop = dev!.on((e) => {
      if (e.type === 'built') rebuilt.push(...e.result.rebuilt);
    });
    await writeFile(path.join(project.paths.dataDir, 'r3', 'faq.yaml'), 'questions:\n  - q: 締切は？\n    a: 正午（日本時間）です。\n');
    // The save is seen, debounced and built; idle resolves when nothing is pending any more.
    for (let i = 0; i < 600 && !(await readFile(out, 'utf8')).includes('日本時間'); i++) await new Promise((r) => setTimeout(r, 100));
    await dev!.idle();
    stop();
    expect(await readFile(out, 'utf8')).toContain('A. 正午（日本時間）です。');
    expect(rebuilt).toEqual(['r3/faq']);
  });
});
