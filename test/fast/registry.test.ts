/**
 * The registries own the lists. An output of a new shape (one text file per call) needs its
 * registration and nothing else: the planner, the manifest, release and the preview page pick it
 * up, and an edit of the data it reads rebuilds it. Every Edition field has a file kind, and no
 * two outputs can name their units alike.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { renderIndex } from '../../src/app/dev/page.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { MANIFEST_FILE, type Manifest } from '../../src/app/plan.ts';
import { releasedFiles } from '../../src/app/release.ts';
import { isOutputKind, outputs, registerOutput, unitId } from '../../src/outputs/index.ts';
import type { Output } from '../../src/outputs/types.ts';
import { fileKinds } from '../../src/schema/index.ts';
import { sourceOf } from '../../src/schema/edition-paths.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

/** A throw-away output: for each call, a text file with the call's name and its types. */
const notes: Output = {
  kind: 'call-notes',
  group: 'notes',
  label: { ja: 'メモ', en: 'notes' },
  browser: false,
  unitPath: (call) => `notes/${call}`,
  release: (file, edition) => `${edition}-notes-${path.posix.basename(file)}`,
  preview: (file) => ({ ja: `メモ ${path.posix.basename(file)}`, en: `notes ${path.posix.basename(file)}` }),
  async plan(edition) {
    return edition.calls.map((call) => ({ key: call.id, data: [edition.sources[`call:${call.id}`]!], templates: [] }));
  },
  async build(job) {
    const call = job.valid.edition.calls.find((c) => c.id === job.key)!;
    return new Map([[`notes/${call.id}.txt`, `${call.name}: ${call.types.map((t) => t.name).join('・')}\n`]]);
  },
};

describe('the output registry', () => {
  let project: TempProject;
  let unregister: () => void;
  beforeAll(async () => {
    project = await tempProject(['r3']);
    unregister = registerOutput(notes);
  });
  afterAll(async () => {
    unregister();
    await project.dispose();
  });

  it('plans, records, releases and links an output of a new shape from its registration alone', async () => {
    const log: string[] = [];
    const first = await build({ paths: project.paths, editions: ['r3'], only: 'notes', log: (l) => log.push(l) });
    expect(first.rebuilt.sort()).toEqual(['r3/notes/chiiki', 'r3/notes/kyoso']);
    expect(await readFile(path.join(project.paths.outDir, 'r3/notes/kyoso.txt'), 'utf8')).toMatch(/^共創分野: 育成型・本格型/u);
    const manifest = JSON.parse(await readFile(path.join(project.paths.outDir, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest.units['r3/notes/kyoso']).toMatchObject({ edition: 'r3', kind: 'call-notes', key: 'kyoso', files: { 'r3/notes/kyoso.txt': expect.any(String) } });
    expect((await releasedFiles(project.paths, 'r3')).map((f) => f.name).sort()).toEqual(['r3-notes-chiiki.txt', 'r3-notes-kyoso.txt']);
    const page = await renderIndex({ gen: 1, status: { kind: 'idle', text: '' }, editions: ['r3'], errors: new Map(), outDir: project.paths.outDir });
    expect(page).toContain('href="/r3/notes/kyoso.txt?v=1"');
    expect(page).toContain('メモ kyoso.txt');

    // An edit of what one unit reads rebuilds that unit alone.
    await project.edit('r3/calls/chiiki.yaml', 'name: 地域共創分野', 'name: 地域共創分野（改）');
    const second = await build({ paths: project.paths, editions: ['r3'], only: 'notes' });
    expect(second.rebuilt).toEqual(['r3/notes/chiiki']);
    expect(second.upToDate).toEqual(['r3/notes/kyoso']);
  });

  it('removes the outputs of an output the tool no longer has', async () => {
    unregister();
    try {
      const after = await build({ paths: project.paths, editions: ['r3'], formats: [] });
      expect(after.removed.sort()).toEqual(['r3/notes/chiiki.txt', 'r3/notes/kyoso.txt']);
    } finally {
      unregister = registerOutput(notes);
    }
  });

  it('gives every unit of every output its own name', async () => {
    const [valid] = await loadEditions(project.paths, ['r3'], { text: 'none' });
    const ids: string[] = [];
    for (const output of outputs()) for (const plan of await output.plan(valid!.edition)) ids.push(unitId('r3', output.kind, plan.key));
    expect(new Set(ids).size).toBe(ids.length);
    // A probe key: no two outputs share a unit path shape either.
    const shapes = outputs().map((o) => o.unitPath('same-key'));
    expect(new Set(shapes).size).toBe(shapes.length);
  });

  it('refuses a second output of the same kind', () => {
    expect(() => registerOutput({ ...notes })).toThrow(/registered twice/);
    expect(isOutputKind('call-notes')).toBe(true);
  });

  it('has every output say what release publishes and what the preview page links', async () => {
    const [valid] = await loadEditions(project.paths, ['r3'], { text: 'none' });
    for (const output of outputs()) {
      expect(typeof output.release, output.kind).toBe('function');
      expect(typeof output.preview, output.kind).toBe('function');
      expect(output.unitPath('k').length, output.kind).toBeGreaterThan(0);
      expect((await output.plan(valid!.edition)).length, output.kind).toBeGreaterThan(0);
    }
  });
});

describe('the data file kinds', () => {
  it('fill every field of an edition, and map every field back to its file', async () => {
    const project = await tempProject(['r3']);
    try {
      const [valid] = await loadEditions(project.paths, ['r3'], { text: 'none' });
      const edition = valid!.edition as unknown as Record<string, unknown>;
      const fields = Object.keys(edition).filter((k) => k !== 'id' && k !== 'sources');
      const declared = fileKinds.map((k) => k.field);
      expect(fields.filter((f) => !declared.includes(f))).toEqual([]);
      for (const kind of fileKinds) {
        const value = edition[kind.field];
        if (value === undefined) continue;
        const first = kind.multiple ? (value as unknown[])[0] : value;
        if (first === undefined) continue;
        const seg = kind.multiple ? [kind.field, { key: kind.entity!(first) }] : [kind.field];
        const at = sourceOf(seg);
        expect(at && valid!.edition.sources[at.source], kind.kind).toMatch(new RegExp(kind.glob.replace('.', '\\.').replace('*', '[^/]*')));
      }
    } finally {
      await project.dispose();
    }
  });
});
