/**
 * The key of the no-op fast path (app/plan-cache.ts): it must change with anything the load,
 * validation or plan could see — or a no-op would hide a change — and stay put otherwise.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planKey, readPlanCache, writePlanCache, type PlanKeyOptions } from '../../src/app/plan-cache.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

describe('plan key', () => {
  let project: TempProject;
  let root: string;
  let base: PlanKeyOptions;
  const key = (extra: Partial<PlanKeyOptions> = {}): Promise<string> => planKey({ ...base, ...extra });

  beforeAll(async () => {
    project = await tempProject(['r3'], { templates: true });
    root = project.root;
    base = { paths: project.paths, editions: [], fixedDate: undefined };
  });
  afterAll(() => project.dispose());

  it('is stable while nothing changes', async () => {
    expect(await key()).toBe(await key());
  });

  it('changes with a data byte, a template byte, a new dotfile, an empty folder and a dangling link', async () => {
    const seen = new Set([await key()]);
    const step = async (what: string, change: () => Promise<void>): Promise<void> => {
      await change();
      const k = await key();
      expect(seen.has(k), what).toBe(false);
      seen.add(k);
    };
    await step('data byte', () => writeFile(path.join(root, 'data', 'r3', 'contact.yaml'), 'closing: 変更\n', { flag: 'a' }));
    await step('template byte', () => writeFile(path.join(root, 'templates', 'themes', 'kyoso.css'), '\n', { flag: 'a' }));
    await step('dotfile', () => writeFile(path.join(root, 'data', 'r3', '.draft.yaml'), 'x: 1\n'));
    await step('empty edition folder', () => mkdir(path.join(root, 'data', 'r4')));
    await step('dangling link', () => symlink(path.join(root, 'nowhere'), path.join(root, 'data', 'r4', 'edition.yaml')));
  });

  it('changes with the options and the fixed date', async () => {
    const k = await key();
    expect(await key({ editions: ['r3'] })).not.toBe(k);
    expect(await key({ formats: ['pdf'] })).not.toBe(k);
    expect(await key({ only: 'slides' })).not.toBe(k);
    expect(await key({ final: true })).not.toBe(k);
    expect(await key({ allowOverflow: true })).not.toBe(k);
    expect(await key({ fixedDate: new Date('2021-01-15T00:00:00Z') })).not.toBe(k);
  });

  it('reads back what it wrote, and nothing from a file that is not an entry', async () => {
    const outDir = path.join(root, 'output');
    const entry = { key: 'k', editions: ['r3'], kinds: ['pdf' as const], units: [], warnings: ['w'] };
    await writePlanCache(outDir, entry);
    expect(await readPlanCache(outDir)).toEqual({ version: 1, ...entry });
    await writeFile(path.join(outDir, '.cache', 'plan.json'), '{"version": 1, "key": 3}');
    expect(await readPlanCache(outDir)).toBeUndefined();
  });
});
