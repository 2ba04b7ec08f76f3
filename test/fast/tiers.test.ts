/** The fast tier's guard (test/helpers/fast-tier.ts) is in force in every file of test/fast/. */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { takeRefused } from '../helpers/fast-tier.ts';

describe('the fast tier', () => {
  it('refuses to start a process, however it is asked for, and remembers it', async () => {
    expect(() => execFileSync('true')).toThrow(/fast tier starts no process/);
    expect(() => spawn('true')).toThrow(/fast tier starts no process/);
    await expect(promisify(execFile)('true')).rejects.toThrow(/fast tier starts no process/);
    expect(takeRefused()).toEqual(['execFileSync("true")', 'spawn("true")', 'execFile("true")']);
  });
});
