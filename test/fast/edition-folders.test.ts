/**
 * Edition folders are validated up front (issue 32, class 9): an id that names one of the tool's
 * own folders of output/ or is too long for a file name is refused; a symlinked edition folder is
 * followed when it stays inside the project, refused with a message when it leaves it.
 */
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isKyosoError } from '../../src/shared/errors.ts';
import { listEditions } from '../../src/stages/load/index.ts';

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

async function project(...editions: string[]): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'kyoso-editions-'));
  roots.push(root);
  for (const e of editions) await mkdir(path.join(root, 'data', e), { recursive: true });
  await mkdir(path.join(root, 'data'), { recursive: true });
  return root;
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('edition ids', () => {
  it.each(['release', 'diff'])('%s (a folder of output/ the tool uses) is refused', async (id) => {
    const root = await project('r3', id);
    const err = await failure(listEditions(path.join(root, 'data')));
    expect(isKyosoError(err) && err.id).toBe('reservedEdition');
    expect(isKyosoError(err) && err.code).toBe('USAGE');
    expect(String((err as Error).message)).toContain(`output/${id}/`);
  });

  it('an id longer than 64 bytes is refused before anything is built', async () => {
    const root = await project('r3', `r${'x'.repeat(64)}`);
    const err = await failure(listEditions(path.join(root, 'data')));
    expect(isKyosoError(err) && err.id).toBe('reservedEdition');
    expect(String((err as Error).message)).toContain('longer than 64 bytes');
  });

  it('ordinary ids are listed, hidden drafts are not', async () => {
    const root = await project('r3', 'r4', '_draft');
    expect(await listEditions(path.join(root, 'data'))).toEqual(['r3', 'r4']);
  });
});

describe('a symlinked edition folder', () => {
  it('inside the project is followed (it used to be ignored silently)', async () => {
    const root = await project('r3');
    await mkdir(path.join(root, 'archive', 'r2'), { recursive: true });
    await symlink(path.join(root, 'archive', 'r2'), path.join(root, 'data', 'r2'));
    expect(await listEditions(path.join(root, 'data'))).toEqual(['r2', 'r3']);
  });

  it('outside the project is refused with a message naming it', async () => {
    const root = await project('r3');
    const outside = await mkdtemp(path.join(tmpdir(), 'kyoso-outside-'));
    roots.push(outside);
    await symlink(outside, path.join(root, 'data', 'r2'));
    const err = await failure(listEditions(path.join(root, 'data')));
    expect(isKyosoError(err) && err.id).toBe('editionLinkOutside');
    expect(String((err as Error).message)).toContain('data/r2');
  });
});
