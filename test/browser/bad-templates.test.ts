/**
 * The bad-input corpus's `build` cases (test/fixtures/bad/cases.ts): a broken template or theme,
 * run through the real CLI in-process. The build starts the browser while it renders, so these
 * belong here rather than with the validate cases (test/fast/bad-inputs.test.ts). Template and
 * theme errors are developer-side: one located header line naming the file, then the hint.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/shared/errors.ts';
import { BAD_CASES } from '../fixtures/bad/cases.ts';
import { runCase, trees } from '../helpers/bad-case.ts';

afterEach(async () => {
  await Promise.all(trees.splice(0).map((t) => t.dispose()));
});

const BUILD_CASES = BAD_CASES.filter((c) => c.command === 'build');

describe('bad-input corpus: broken templates and themes', () => {
  it('has build cases', () => {
    expect(BUILD_CASES.length).toBeGreaterThan(0);
  });

  it.each(BUILD_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { exit, text, tree, before } = await runCase(c);
    const e = c.expect;
    expect(exit, text).toBe(e.exit);
    expect(exit).not.toBe(EXIT.OK);
    expect(text, 'no stack trace without --debug').not.toMatch(/\n\s+at /);
    expect(text).toContain(`[${e.code}]`);
    const where = path.join(tree.root, e.file ?? '') + (e.line === undefined ? '' : `:${e.line}:${e.col}`);
    expect(text, `names ${where}`).toContain(where);
    if (e.messageIncludes) expect(text).toContain(e.messageIncludes);
    if (e.hintIncludes) expect(text.slice(text.indexOf('\n→ '))).toContain(e.hintIncludes);
    expect(text).toMatch(/\n→ /);
    if (c.checkOutput) expect(await tree.outputDigest(), 'output/ untouched').toBe(before);
  });
});
