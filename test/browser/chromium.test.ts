import { mkdtempSync, rmSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BrowserSession, LAUNCH_ARGS } from '../../src/stages/convert/browser.ts';
import { chromiumArgs } from '../../src/stages/convert/chromium.ts';
import { isKyosoError } from '../../src/shared/errors.ts';

// browser.ts attaches through puppeteer-core's CDP connector, not its entry point (whose import
// costs twice as much): an upgrade that moves or renames it must fail here, not quietly fall back.
describe('the CDP connector browser.ts imports', () => {
  it('is where puppeteer-core 24 keeps it, with the environment it reads', async () => {
    const { _connectToCdpBrowser } = await import('puppeteer-core/internal/cdp/BrowserConnector.js');
    const { environment } = await import('puppeteer-core/internal/environment.js');
    expect(typeof _connectToCdpBrowser).toBe('function');
    expect(Object.getOwnPropertyDescriptor(environment.value, 'fs')?.configurable).toBe(true);
  });
});

// chromium.ts spawns Chromium itself and must give it the command line puppeteer.launch() would:
// a puppeteer upgrade that changes its defaults has to fail here, not change the PDFs silently.
describe('chromiumArgs', () => {
  const sparticuzLike = [
    '--single-process',
    '--disable-features=AudioServiceOutOfProcess,IsolateOrigins',
    '--enable-features=SharedArrayBuffer',
    "--headless='shell'",
    '--no-zygote',
  ];
  for (const [name, headless, args] of [
    ['system Chromium, our flags', true, [...LAUNCH_ARGS]],
    ['chrome-headless-shell, feature lists merged', 'shell', [...sparticuzLike, ...LAUNCH_ARGS]],
    ['no flags at all', true, []],
  ] as const) {
    it(`is puppeteer.launch()'s command line with --remote-debugging-pipe: ${name}`, () => {
      const userDataDir = '/tmp/kyoso-chrome-x/profile';
      const expected = [...puppeteer.defaultArgs({ headless, userDataDir, args: [...args] }), '--remote-debugging-pipe'];
      expect(chromiumArgs({ headless, userDataDir, args })).toEqual(expected);
    });
  }
});

describe('a browser that does not start', () => {
  it('an executable that exits at once: BROWSER_FAILED naming what it printed, no profile left, no hang', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-test-fake-chrome-'));
    const fake = join(dir, 'chromium');
    writeFileSync(fake, '#!/bin/sh\necho "fake chromium: cannot open display" >&2\nexit 3\n');
    chmodSync(fake, 0o755);
    const s = new BrowserSession({ resolved: { executablePath: fake, source: 'env', args: [] } });
    try {
      const started = performance.now();
      const err = await s.withPage(async () => 1).catch((e: unknown) => e);
      expect(isKyosoError(err) && err.code).toBe('BROWSER_FAILED');
      expect(String((err as Error & { cause?: Error }).cause?.message)).toContain('fake chromium: cannot open display');
      expect(performance.now() - started, 'fails on exit, not on the launch timeout').toBeLessThan(20_000);
      expect(s.tempDirs).toEqual([]);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(existsSync(fake)).toBe(false);
  });
});
