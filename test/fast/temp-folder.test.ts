/**
 * TMPDIR that is not a folder we can write (issue 32, class 9): `build`, `diff` and the others that
 * use the temporary folder stop at once with OUTPUT_FAILED naming TMPDIR and what to do, instead
 * of a raw ENOTDIR from deep inside (exit 70). `validate` does not use it and still runs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { EXIT } from '../../src/shared/errors.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

let p: TempProject;
let scratch: string;
beforeAll(async () => {
  p = await tempProject(['r3']);
  scratch = await mkdtemp(path.join(tmpdir(), 'kyoso-tmpdir-'));
});
afterAll(async () => {
  await p.dispose();
  await rm(scratch, { recursive: true, force: true });
});

async function withTmpdir(dir: string, argv: string[]): Promise<{ exit: number; text: string }> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  const lines: string[] = [];
  try {
    const exit = await run([...argv, '--lang', 'en'], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, { root: p.root });
    return { exit, text: lines.join('\n') };
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

describe('a temporary folder that cannot be used', () => {
  it.each([
    [
      'a file',
      async () => {
        const f = path.join(scratch, 'a-file');
        await writeFile(f, 'x');
        return f;
      },
      'ENOTDIR',
    ],
    ['a missing folder', async () => path.join(scratch, 'missing'), 'ENOENT'],
  ])('TMPDIR naming %s: OUTPUT_FAILED naming TMPDIR, no stack', async (_what, make, code) => {
    const dir = await make();
    for (const argv of [
      ['build', '--formats', 'md'],
      ['diff', 'HEAD:r3', 'r3'],
    ]) {
      const { exit, text } = await withTmpdir(dir, argv);
      expect(exit, text).toBe(EXIT.OUTPUT);
      expect(text).toContain('[OUTPUT_FAILED]');
      expect(text).toContain(`Cannot use the temporary folder ${dir} (environment variable TMPDIR) (${code})`);
      expect(text).toContain('unset it');
      expect(text).not.toMatch(/\n\s+at /);
    }
  });

  it('validate does not need it', async () => {
    const { exit, text } = await withTmpdir(path.join(scratch, 'missing'), ['validate']);
    expect(exit, text).toBe(EXIT.OK);
  });
});
