/**
 * `dev` while something else holds output/ (issue 16, item 9): a save during a CLI build is
 * not lost — the preview says it waits and rebuilds when the lock is released, without
 * another save — and an error box that appears on the preview page is scrolled into view.
 * Waits are for conditions (bounded polls), never for a time.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevEvent, type DevServer } from '../../src/app/dev/index.ts';
import { LAUNCH_ARGS, type ResolvedBrowser } from '../../src/stages/convert/browser.ts';
import { LOCK_FILE } from '../../src/stages/publish/lock.ts';
import { testBrowser } from '../helpers/browser.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const resolved: ResolvedBrowser | undefined = await testBrowser('dev-lock.test');

async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}`);
}

describe.skipIf(!resolved)('dev and the build lock', () => {
  let project: TempProject;
  let dev: DevServer | undefined;
  let browser: Browser;
  let page: Page;
  const lines: string[] = [];
  const events: DevEvent[] = [];

  beforeAll(async () => {
    project = await tempProject();
    dev = await startDev({ paths: project.paths, port: 0, log: (l) => lines.push(l) });
    dev.on((e) => events.push(e));
    await dev.idle();
    browser = await puppeteer.launch({
      executablePath: resolved!.executablePath,
      headless: resolved!.source === 'npm' ? 'shell' : true,
      args: [...new Set([...resolved!.args, ...LAUNCH_ARGS])],
    });
    page = await browser.newPage();
    // A short window, so the page scrolls and an error box at the top can be out of sight.
    await page.setViewport({ width: 1000, height: 320 });
    await page.goto(dev.url, { waitUntil: 'load' });
  });

  /** Text of an element of the page, '' while the page is between documents (it reloads itself). */
  const text = (selector: string): Promise<string> => page.$eval(selector, (e) => e.textContent ?? '').catch(() => '');

  afterAll(async () => {
    await browser?.close();
    await dev?.close();
    await project?.dispose();
  });

  it('a save while a CLI build holds the lock is built once the lock is released, with no further save', async () => {
    const lock = path.join(project.paths.outDir, LOCK_FILE);
    // A running build's lock: this (live) process, another build's token.
    await writeFile(lock, `${JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString(), token: 'cli-build' })}\n`);
    const md = path.join(project.paths.outDir, 'r3', 'slides', 'r3-slides.md');
    const seen = events.length;
    await project.edit('r3/contact.yaml', 'closing: ご清聴ありがとうございました', 'closing: ご清聴ありがとうございました（ロック後）');
    await until('the wait for the lock is announced', () => lines.some((l) => l.includes('終わりしだい作り直します')));
    await until('the page says it waits', async () => (await text('#status')).includes('終わりしだい作り直します'));
    expect(await readFile(md, 'utf8')).not.toContain('（ロック後）');

    await rm(lock);
    await until('the held-back save is built', async () => (await readFile(md, 'utf8')).includes('（ロック後）'));
    await dev!.idle();
    const after = events.slice(seen);
    expect(
      after.filter((e) => e.type === 'failed'),
      'LOCKED is no error of the data',
    ).toEqual([]);
    expect(after.some((e) => e.type === 'built' && e.step === 'preview')).toBe(true);
    await until('no error on the page', async () => (await text('#errors')) === '' && (await text('#status')).includes('最新'));
  }, 300_000);

  it('an error box that appears is scrolled into view, not hidden by the kept scroll position', async () => {
    await until('the page shows the rebuilt deck', async () => (await page.$$('iframe.slides')).length > 0);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled, 'the page is taller than the window').toBeGreaterThan(60);

    const file = path.join(project.paths.dataDir, 'r3', 'contact.yaml');
    const good = await readFile(file, 'utf8');
    // The page updates in place (no reload): a marker set now survives.
    await page.evaluate(() => Object.assign(window, { kyosoKept: true }));
    await writeFile(file, good.replace(/^organization: .*$/m, 'organization: { 国立研究開発法人'));
    await page.waitForFunction(() => /contact\.yaml:\d+:\d+/.test(document.querySelector('#errors')?.textContent ?? ''), { timeout: 240_000, polling: 100 });
    const box = await page.evaluate(() => {
      const header = document.querySelector('header')!.getBoundingClientRect();
      const error = document.querySelector('pre.error')!.getBoundingClientRect();
      return { top: error.top, headerBottom: header.bottom, height: window.innerHeight };
    });
    expect(box.top, 'below the sticky header').toBeGreaterThanOrEqual(box.headerBottom - 1);
    expect(box.top, 'inside the window').toBeLessThan(box.height);
    expect(await page.evaluate(() => (window as { kyosoKept?: boolean }).kyosoKept), 'updated in place, not reloaded').toBe(true);
    await writeFile(file, good);
    await dev!.idle();
  }, 300_000);
});
