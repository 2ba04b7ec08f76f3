/**
 * The bad-input corpus (test/fixtures/bad/cases.ts), run through the real CLI
 * in-process: every broken tree must give a non-zero exit code from the one
 * table, name file:line:col and the data path, say what to do, show no stack
 * trace, and leave output/ untouched.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { enableDebug } from '../../src/shared/debug.ts';
import { EXIT } from '../../src/shared/errors.ts';
import { BAD_CASES } from '../fixtures/bad/cases.ts';
import { runCase, trees } from '../helpers/bad-case.ts';

/** Codes of problems with a whole file, which has no text worth framing. */
const UNFRAMED = new Set(['MISSING_FILE', 'UNKNOWN_FILE', 'EDITION_EMPTY', 'PATH_ESCAPE', 'FILE_UNREADABLE', 'FILE_TOO_LARGE', 'BINARY_FILE', 'ENCODING', 'TOO_MANY_ISSUES']);

afterEach(async () => {
  await Promise.all(trees.splice(0).map((t) => t.dispose()));
});

/** The `build` cases start the browser before their templates fail: test/browser/bad-templates.test.ts. */
const VALIDATE_CASES = BAD_CASES.filter((c) => c.command !== 'build');

describe('bad-input corpus', () => {
  it('has at least 40 cases with unique names', () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(BAD_CASES.map((c) => c.name)).size).toBe(BAD_CASES.length);
  });

  it.each(VALIDATE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { exit, text, tree, before } = await runCase(c);
    const e = c.expect;

    expect(exit, text).toBe(e.exit);
    expect(exit).not.toBe(EXIT.OK);
    expect(text, 'no stack trace without --debug').not.toMatch(/\n\s+at /);
    expect(text).toContain(`[${e.code}]`);

    if (e.file !== undefined) {
      const where = `${e.file}:${e.line}:${e.col ?? ''}`;
      const lines = text.split('\n');
      const idx = lines.findIndex((l) => l.startsWith(where) && l.endsWith(`[${e.code}]`));
      expect(idx, `no line starting with ${where} and ending with [${e.code}] in:\n${text}`).toBeGreaterThanOrEqual(0);
      const line = lines[idx]!;
      // `file:line:col  path — message（hint）  [CODE]`; whole-file problems have no path.
      const afterWhere = line.slice(where.length).replace(/^\d+/, '');
      expect(afterWhere.startsWith(e.path ? `  ${e.path} — ` : ' — '), line).toBe(true);
      expect(line, 'a hint says what to do').toMatch(/(（.+）|\(.+\))  \[[A-Z0-9_]+\]$/);
      if (e.messageIncludes) expect(line).toContain(e.messageIncludes);
      if (e.hintIncludes) expect(line).toContain(e.hintIncludes);
      if (!UNFRAMED.has(e.code) && e.frame !== false) expect(lines[idx + 1] ?? '', 'a code frame follows').toMatch(/^\s+(>\s+)?\d+ \|( |$)/);
      expect(text).toMatch(/\n→ /); // the closing "open each location, fix, run again"
    } else {
      if (e.messageIncludes) expect(text).toContain(e.messageIncludes);
      expect(text).toMatch(/→ /);
    }

    if (c.checkOutput) expect(await tree.outputDigest(), 'output/ untouched').toBe(before);
  });

  it('prints the stack of a data error only with --debug', async () => {
    const c = BAD_CASES.find((x) => x.name === 'negative amount')!;
    try {
      const { exit, text } = await runCase(c, ['--debug']);
      expect(exit).toBe(EXIT.DATA_INVALID);
      expect(text).toMatch(/\n\s+at /);
    } finally {
      // --debug switches the debug log on for the process, and the fast tier's files share one.
      enableDebug(process.env.KYOSO_DEBUG ?? '');
    }
  });
});
