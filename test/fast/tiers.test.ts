/**
 * The tiers hold: every test file lies in a tier's folder (vitest.config.ts picks projects by
 * folder, so a file anywhere else would never run), and the fast tier's guard
 * (test/helpers/fast-tier.ts) is in force in every file of test/fast/.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { globbySync } from 'globby';
import { describe, expect, it } from 'vitest';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { takeRefused } from '../helpers/fast-tier.ts';

describe('the tiers', () => {
  it('hold every test file: test/fast, test/browser or test/e2e', () => {
    const files = globbySync(['**/*.test.ts', '!node_modules/**'], { cwd: TOOL_ROOT });
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((f) => !/^test\/(fast|browser|e2e)\//.test(f))).toEqual([]);
  });
});

describe('the fast tier', () => {
  it('refuses to start a process, however it is asked for, and remembers it', async () => {
    expect(() => execFileSync('true')).toThrow(/fast tier starts no process/);
    expect(() => spawn('true')).toThrow(/fast tier starts no process/);
    await expect(promisify(execFile)('true')).rejects.toThrow(/fast tier starts no process/);
    expect(takeRefused()).toEqual(['execFileSync("true")', 'spawn("true")', 'execFile("true")']);
  });
});
