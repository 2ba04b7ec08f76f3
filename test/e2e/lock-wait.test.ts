/**
 * SIGTERM while waiting for output/'s lock (issue 32, class 9), with the real entry as a process.
 * A CLI build does not wait: another build's lock is LOCKED (exit 5) at once. What waits is
 * `dev`: its build finds the lock held and waits for it to be released ("rebuilding as soon as it
 * is done"). A SIGTERM then must end it promptly, as a Ctrl-C ends dev (exit 0, "stopping…"), with
 * the other build's lock and output/ exactly as they were, no browser left and nothing of ours
 * in the temporary folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/shared/errors.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import type { ResolvedBrowser } from '../../src/stages/convert/browser.ts';
import { LOCK_FILE } from '../../src/stages/publish/lock.ts';
import { testBrowser } from '../helpers/browser.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';
import { processesWithEnv } from '../helpers/processes.ts';

const resolved: ResolvedBrowser | undefined = await testBrowser('lock-wait.test');

const privateTmp = mkdtempSync(path.join(tmpdir(), 'kyoso-lockwait-'));
const projects: TempProject[] = [];
afterAll(async () => {
  await Promise.all(projects.map((p) => p.dispose()));
  rmSync(privateTmp, { recursive: true, force: true });
});

/** sha256 over every path and its bytes under `dir`, output/.cache left out. */
async function treeDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (d: string): Promise<void> => {
    for (const e of (await readdir(d, { withFileTypes: true }).catch(() => [])).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (d === dir && e.name === '.cache') continue;
      hash.update(path.relative(dir, p));
      if (e.isDirectory()) await walk(p);
      else hash.update(await readFile(p));
    }
  };
  await walk(dir);
  return hash.digest('hex');
}

/** A project whose output/ holds an earlier build and a lock held by a live build (this test process). */
async function heldProject(): Promise<{ p: TempProject; lock: string }> {
  const p = await tempProject(['r3']);
  projects.push(p);
  await mkdir(path.join(p.paths.outDir, 'r3', 'slides'), { recursive: true });
  await writeFile(path.join(p.paths.outDir, 'r3', 'slides', 'r3-slides.pdf'), '%PDF-1.7\n% an earlier build\n');
  const lock = `${JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString(), token: 'aaaaaaaaaaaaaaaa' })}\n`;
  await writeFile(path.join(p.paths.outDir, LOCK_FILE), lock);
  return { p, lock };
}

function cli(args: string[], p: TempProject, tmp: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(TOOL_ROOT, 'scripts', 'kyoso.ts'), ...args, '--lang', 'en'], {
    cwd: TOOL_ROOT,
    env: { ...process.env, KYOSO_ROOT: p.root, TMPDIR: tmp, ...(resolved ? { CHROME_PATH: resolved.executablePath } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => text, exited };
}

describe('a held lock', () => {
  it('a CLI build does not wait: LOCKED (exit 5) at once, naming the holder; output/ and the lock untouched', async () => {
    const { p, lock } = await heldProject();
    const before = await treeDigest(p.paths.outDir);
    const tmp = mkdtempSync(path.join(privateTmp, 'build-'));
    const run = cli(['build', '--formats', 'md'], p, tmp);
    const code = await run.exited;
    expect(code, run.output()).toBe(EXIT.OUTPUT);
    expect(run.output()).toContain('[LOCKED]');
    expect(run.output()).toContain(`pid ${process.pid}`);
    expect(await treeDigest(p.paths.outDir)).toBe(before);
    expect(await readFile(path.join(p.paths.outDir, LOCK_FILE), 'utf8')).toBe(lock);
  });

  it.skipIf(!resolved)('SIGTERM while dev waits for it: stops promptly, exit 0, the lock and output/ as they were, no browser left', async () => {
    const { p, lock } = await heldProject();
    const before = await treeDigest(p.paths.outDir);
    const tmp = mkdtempSync(path.join(privateTmp, 'dev-'));
    const dev = cli(['dev', '--port', '0'], p, tmp);
    try {
      // Waiting for the lock: said on the terminal (a bounded poll for the condition, not a sleep).
      for (let i = 0; i < 1200 && dev.child.exitCode === null && !dev.output().includes('rebuilding as soon as it is done'); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(dev.output(), 'dev never said it waits for the lock').toContain('rebuilding as soon as it is done');
      const t0 = performance.now();
      dev.child.kill('SIGTERM');
      const code = await dev.exited;
      const ms = performance.now() - t0;
      expect(code, dev.output()).toBe(EXIT.OK);
      expect(dev.output()).toContain('stopping…');
      expect(dev.output(), 'no stack').not.toMatch(/\n\s+at /);
      // Promptly: well inside the 2 s exit grace plus closing the browser, on a loaded machine.
      expect(ms, `took ${Math.round(ms)} ms`).toBeLessThan(15_000);
      expect(await readFile(path.join(p.paths.outDir, LOCK_FILE), 'utf8'), "the other build's lock is left alone").toBe(lock);
      expect(await treeDigest(p.paths.outDir), 'output/ as it was').toBe(before);
      let left = processesWithEnv(tmp);
      for (let i = 0; i < 50 && left.length > 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        left = processesWithEnv(tmp);
      }
      expect(left, 'no browser survives').toEqual([]);
      expect(readdirSync(tmp).filter((n) => /^(kyoso-chrome-|\.org\.chromium\.)/.test(n))).toEqual([]);
    } finally {
      if (dev.child.exitCode === null) dev.child.kill('SIGKILL');
    }
  });
});
