/**
 * The browser's set-up without starting one: which executable is used and how a wrong one is named,
 * where its temporary folder goes, which URLs a page may load, the command line Chromium gets, and
 * the puppeteer-core internals browser.ts attaches through. Starting it: test/browser/browser.test.ts,
 * test/browser/chromium.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, browserTmp, checkUrl, LAUNCH_ARGS, PROFILE_PREFIX, resolveBrowser } from '../../src/stages/convert/browser.ts';
import { chromiumArgs } from '../../src/stages/convert/chromium.ts';

describe('resolveBrowser', () => {
  it('names CHROME_PATH when it points nowhere', async () => {
    const err = await resolveBrowser({ ...process.env, CHROME_PATH: '/nonexistent/chrome' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrowserNotFoundError);
    expect((err as Error).message).toContain('CHROME_PATH');
    expect((err as Error).message).toContain('/nonexistent/chrome');
    expect((err as Error).message).toContain('@sparticuz/chromium');
  });

  it('rejects a CHROME_PATH that is not executable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-test-'));
    const file = join(dir, 'chrome');
    writeFileSync(file, '#!/bin/sh\n', { mode: 0o644 });
    try {
      await expect(resolveBrowser({ ...process.env, CHROME_PATH: file })).rejects.toThrow(/CHROME_PATH/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(process.platform === 'win32')('the browser temp folder', () => {
  // Chromium's singleton socket lives at $TMPDIR/.org.chromium.Chromium.XXXXXX/SingletonSocket; past
  // 107 bytes Debian's Chromium exits at launch ("Target closed").
  it('nests under the session folder when the socket path fits, and moves to /tmp when it would not', () => {
    const base = mkdtempSync(join(tmpdir(), 'k-'));
    const deep = join(base, 'a'.repeat(80));
    try {
      expect(browserTmp(base)).toBe(join(base, 'tmp'));
      mkdirSync(deep, { recursive: true });
      const moved = browserTmp(deep);
      try {
        expect(moved.startsWith(`/tmp/${PROFILE_PREFIX}${process.pid}-`), moved).toBe(true);
        expect(Buffer.byteLength(`${moved}/.org.chromium.Chromium.XXXXXX/SingletonSocket`)).toBeLessThanOrEqual(107);
        expect(existsSync(join(deep, 'tmp'))).toBe(false);
      } finally {
        rmSync(moved, { recursive: true, force: true });
      }
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('checkUrl', () => {
  it('allows data:, about:blank and files under the roots only', () => {
    expect(checkUrl('data:image/png;base64,AAAA', [])).toBeNull();
    expect(checkUrl('about:blank', [])).toBeNull();
    expect(checkUrl('https://example.com/x.png', ['/'])).toBe('scheme');
    expect(checkUrl('file:///srv/a/b.png', ['/srv/a'])).toBeNull();
    expect(checkUrl('file:///srv/a', ['/srv/a/'])).toBeNull();
    expect(checkUrl('file:///srv/ab/b.png', ['/srv/a'])).toBe('outside-roots');
    expect(checkUrl('file:///srv/a/../b/c.png', ['/srv/a'])).toBe('outside-roots');
    expect(checkUrl('file:///etc/passwd', [])).toBe('outside-roots');
  });
});

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
