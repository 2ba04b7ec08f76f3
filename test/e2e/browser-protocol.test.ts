/**
 * A browser that misbehaves at the protocol level (issue 32, class 3), played by fake browser
 * scripts given as CHROME_PATH: one that exits at start, one that answers with garbage, one that
 * floods its pipe without ever ending a message, one that leaves a child behind. Each ends as
 * BROWSER_FAILED (exit 4) within seconds, without a stack trace, with no process of it left.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { EXIT, isKyosoError } from '../../src/shared/errors.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { tempProject } from '../helpers/project.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kyoso-fake-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fake browser: a Node script, marked by a token on its command line so the test finds what it left. */
function fake(name: string, body: string): string {
  const file = path.join(dir, `${name}.cjs`);
  writeFileSync(file, `#!${process.execPath}\nconst fs = require('node:fs');\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const FAKES = {
  'exits at start': fake('exit', `process.stderr.write('fake: cannot start\\n'); process.exit(3);`),
  // Answers the first command with bytes that are not JSON.
  'answers with garbage': fake('garbage', `fs.createReadStream(null, { fd: 3 }).once('data', () => fs.writeSync(4, 'this is not json\\0')); setInterval(() => {}, 1000);`),
  // Writes without end and never ends a message (no NUL).
  'floods its pipe': fake(
    'flood',
    `const buf = Buffer.alloc(1 << 20, 0x41); const out = fs.createWriteStream(null, { fd: 4 });
     const go = () => { while (out.write(buf)) {} out.once('drain', go); }; go();`,
  ),
  // Starts a child that would outlive it, then exits.
  'leaves a child and exits': fake(
    'child',
    `const c = require('node:child_process').spawn('sleep', ['300'], { stdio: 'ignore' }); fs.writeFileSync(${JSON.stringify(path.join(dir, 'child.pid'))}, String(c.pid)); setTimeout(() => process.exit(1), 200);`,
  ),
} as const;

/** Processes a fake left: one running a fake's script, or the child the last one started (its pid in child.pid). */
function leftovers(): string[] {
  const found: string[] = [];
  let child: number | undefined;
  try {
    child = Number(readFileSync(path.join(dir, 'child.pid'), 'utf8'));
  } catch {
    child = undefined;
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'latin1').replace(/\0/g, ' ');
      const zombie = /\) Z /.test(readFileSync(`/proc/${entry}/stat`, 'latin1'));
      if (!zombie && (cmd.includes(dir) || Number(entry) === child)) found.push(`${entry} ${cmd.slice(0, 80)}`);
    } catch {
      /* gone, or not ours */
    }
  }
  return found;
}

describe('a fake browser, in-process', () => {
  it.each(Object.entries(FAKES))(
    '%s: BROWSER_FAILED within seconds, no process left',
    async (_what, executablePath) => {
      const session = new BrowserSession({ resolved: { executablePath, source: 'env', args: [] }, timeouts: { launch: 30_000 } });
      const t0 = performance.now();
      const err = await session.withPage(async () => 'printed').catch((e: unknown) => e);
      await session.close();
      const ms = performance.now() - t0;
      expect(isKyosoError(err) && err.code, String(err)).toBe('BROWSER_FAILED');
      expect(ms, 'well before the 30 s launch timeout').toBeLessThan(20_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(leftovers()).toEqual([]);
    },
    60_000,
  );
});

describe('a fake browser, through the CLI as a user runs it', () => {
  it.each(['answers with garbage', 'floods its pipe'] as const)(
    '%s: exit 4, a catalogue message, no stack, no process left',
    async (what) => {
      const p = await tempProject();
      try {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(TOOL_ROOT, 'scripts', 'kyoso.ts'), 'build', '--only', 'slides', '--formats', 'pdf', '--lang', 'en'], {
          cwd: TOOL_ROOT,
          env: { ...process.env, KYOSO_ROOT: p.root, CHROME_PATH: FAKES[what] },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
        expect(code, out).toBe(EXIT.BROWSER);
        expect(out).toContain('[BROWSER_FAILED]');
        expect(out, 'no stack trace without --debug').not.toMatch(/\n\s+at /);
        await new Promise((r) => setTimeout(r, 200));
        expect(leftovers()).toEqual([]);
      } finally {
        await p.dispose();
      }
    },
    120_000,
  );
});
