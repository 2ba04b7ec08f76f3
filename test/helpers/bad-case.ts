/** Runs one case of the bad-input corpus (test/fixtures/bad/cases.ts) through the real CLI in-process. */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { run } from '../../src/cli/run.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import type { BadCase } from '../fixtures/bad/cases.ts';
import { Tree } from '../fixtures/bad/tree.ts';

/** The trees made since the last call, to dispose of after each test. */
export const trees: Tree[] = [];

export async function runCase(c: BadCase, extraArgs: string[] = []): Promise<{ exit: number; text: string; tree: Tree; before: string }> {
  const tree = await Tree.create();
  trees.push(tree);
  if (c.checkOutput) await tree.seedOutput();
  const before = await tree.outputDigest();
  await c.mutate(tree);
  let templatesDir: string | undefined;
  if (c.breakTemplates) {
    templatesDir = path.join(tree.root, 'templates');
    await cp(path.join(TOOL_ROOT, 'templates'), templatesDir, { recursive: true });
    await c.breakTemplates(templatesDir);
  }
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  const exit = await run([c.command ?? 'validate', ...(c.args ?? []), ...extraArgs], io, { root: tree.root, ...(templatesDir ? { templatesDir } : {}) });
  return { exit, text: lines.join('\n'), tree, before };
}
