import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession, printPdf, resolveBrowser, type ResolvedBrowser } from '../../src/stages/convert/browser.ts';
import { fontFaceCss } from '../../src/stages/convert/fonts.ts';
import { testBrowser } from '../helpers/browser.ts';

const resolved: ResolvedBrowser | undefined = await testBrowser('browser.test');
const itBrowser = resolved ? it : it.skip;

/** Pids of all descendants of `pid` (from /proc). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      /* exited meanwhile */
    }
  }
  const out: number[] = [];
  const stack = [pid];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

// Other test files run sessions in parallel, so their kyoso-chrome-* dirs come and go; we check
// our own dir by path and everything else a Chromium might leave by name.
const BROWSER_TMP = /chrom|puppeteer|scoped_dir/i;
const tmpEntries = () => new Set(readdirSync(tmpdir()).filter((n) => BROWSER_TMP.test(n)));

describe('resolveBrowser', () => {
  itBrowser('uses CHROME_PATH first, then system, then npm', async () => {
    const viaEnv = await resolveBrowser({ ...process.env, CHROME_PATH: resolved!.executablePath });
    expect(viaEnv).toMatchObject({ source: 'env', executablePath: resolved!.executablePath });
    const { CHROME_PATH: _drop, ...rest } = process.env;
    const auto = await resolveBrowser(rest);
    const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge'].find(existsSync);
    expect(auto.source).toBe(system ? 'system' : 'npm');
    if (auto.source === 'npm') {
      // Lambda-only flags are filtered off Lambda.
      expect(auto.args).not.toContain('--single-process');
      expect(auto.args).not.toContain('--disable-web-security');
    }
  });
});

describe.skipIf(!resolved)('BrowserSession', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'kd-test-site-'));
    writeFileSync(join(root, 'ok.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('launches nothing until a page is needed; close() is idempotent', async () => {
    const s = new BrowserSession({ resolved: resolved! });
    expect(s.launches).toBe(0);
    await s.close();
    await s.close();
    expect(s.launches).toBe(0);
  });

  it('shares one launch between concurrent and sequential withPage calls', async () => {
    const s = new BrowserSession(); // resolves on first use
    expect(s.launches).toBe(0);
    try {
      const [a, b] = await Promise.all([s.withPage(async (p) => p.evaluate(() => 1 + 1)), s.withPage(async (p) => p.evaluate(() => 'x'.repeat(2)))]);
      const c = await s.withPage(async (p) => p.evaluate(() => navigator.userAgent));
      expect([a, b]).toEqual([2, 'xx']);
      expect(c).toMatch(/Chrom/);
      expect(s.launches).toBe(1);
      expect(s.resolved?.source).toBe(resolved!.source);
      const browser = await s.browser();
      expect((await browser.pages()).filter((p) => p.url() !== 'about:blank').length).toBe(0);
    } finally {
      await s.close();
    }
    expect(s.launches).toBe(1);
  });

  it('blocks network and file: URLs outside the allowed roots, and records them', async () => {
    const page = join(root, 'index.html');
    writeFileSync(
      page,
      `<!doctype html><html><body>
        <img src="https://example.com/x.png">
        <img src="file:///etc/hostname">
        <img src="ok.svg">
        <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E">
      </body></html>`,
    );
    const s = new BrowserSession({ resolved: resolved! });
    try {
      const blocked = await s.withPage(
        async (p, ctx) => {
          await p.goto(pathToFileURL(page).href, { waitUntil: 'load' });
          return [...ctx.blockedRequests];
        },
        { allowedRoots: [root] },
      );
      const urls = blocked.map((b) => b.url);
      expect(urls).toContain('https://example.com/x.png');
      expect(urls).toContain('file:///etc/hostname');
      expect(urls.some((u) => u.endsWith('ok.svg') || u.startsWith('data:'))).toBe(false);
      expect(blocked.find((b) => b.url.startsWith('https:'))?.reason).toBe('scheme');
      expect(blocked.find((b) => b.url.startsWith('file:'))?.reason).toBe('outside-roots');
      expect(s.blockedRequests.length).toBe(blocked.length);

      // Without the root, even the page itself is refused.
      const err = await s.withPage(async (p) => p.goto(pathToFileURL(page).href), { allowedRoots: [] }).catch((e: unknown) => e);
      expect(String(err)).toMatch(/ERR_BLOCKED_BY_CLIENT/);
    } finally {
      await s.close();
    }
  });

  it('opens the next expected page in the background while one works, and never one too many', async () => {
    const pagesDuring = async (count: number): Promise<{ open: number; spare: unknown; second: unknown; visible: string[] }> => {
      const s = new BrowserSession({ resolved: resolved! });
      try {
        s.expectPages(count);
        let open = 0;
        let spare: unknown;
        const visible: string[] = [];
        await s.withPage(async (page, ctx) => {
          // As the deck is shot: a scaled viewport, each clip a slide below the first.
          await page.setViewport({ width: 400, height: 200, deviceScaleFactor: 1.5 });
          await page.setContent(Array.from({ length: 6 }, (_, i) => `<div style="height:200px;font-size:40px">slide ${i + 1}</div>`).join(''));
          ctx.contentLoaded();
          // The spare (if any) opens now, while this page lays out; give it the time a renderer takes.
          for (let i = 0; i < 30; i++) {
            open = (await page.browser().pages()).length;
            if (open > 1) break;
            await new Promise((r) => setTimeout(r, 100));
          }
          spare = (await page.browser().pages()).find((p) => p !== page);
          // Then this page's screenshots, as the deck's PNGs follow its fit: a tab opened in front
          // hides this one, and a hidden tab draws no frames (the build's screenshot timed out).
          visible.push(await page.evaluate(() => document.visibilityState));
          const shot = await page.screenshot({ type: 'png', clip: { x: 0, y: 400, width: 400, height: 200 }, captureBeyondViewport: true });
          expect(shot.byteLength).toBeGreaterThan(100);
        });
        const second = await s.withPage(async (page) => {
          visible.push(await page.evaluate(() => document.visibilityState));
          return page;
        });
        return { open, spare, second, visible };
      } finally {
        await s.close();
      }
    };
    const two = await pagesDuring(2);
    expect(two.open, 'the working page and the next one').toBe(2);
    expect(two.second, 'the second page is the one opened ahead').toBe(two.spare);
    expect(two.visible, 'each page is in front while it works').toEqual(['visible', 'visible']);
    const one = await pagesDuring(1);
    expect(one.open, 'no page opened that nobody will use').toBe(1);
  });

  itBrowser('preloads fonts on the page opened ahead, which the next withPage takes; without one it starts nothing', async () => {
    const face = await fontFaceCss('共創の場', { weights: [400] });
    const idle = new BrowserSession({ resolved: resolved! });
    idle.preloadFonts(face);
    expect(idle.launches, 'no page opened ahead: nothing to preload on').toBe(0);
    await idle.close();

    const lines: string[] = [];
    const s = new BrowserSession({ resolved: resolved!, debug: (l) => lines.push(l) });
    try {
      s.warmUp();
      s.preloadFonts(face);
      const faces = await s.withPage(async (p) => p.evaluate(() => Array.from(document.fonts).map((f) => `${f.family} ${f.weight} ${f.status}`)));
      // The preload's document is the page's until the work sets its own: its face is loaded already.
      expect(faces).toEqual(['BIZ UDPGothic 400 loaded']);
      expect(lines.some((l) => /^fonts preloaded in \d+ ms$/.test(l))).toBe(true);
      expect(s.launches).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('leaves no temp profile and no chromium processes behind', async () => {
    const before = tmpEntries();
    const s = new BrowserSession({ resolved: resolved! });
    const pdf = await s.withPage(async (p) => {
      await p.setContent('<p style="break-after:page">1</p><p style="break-after:page">2</p><p>3</p>');
      return printPdf(p, { format: 'A4' });
    });
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const browser = await s.browser();
    const pid = browser.process()?.pid;
    expect(pid).toBeTypeOf('number');
    const procs = [pid!, ...descendants(pid!)];
    expect(procs.length).toBeGreaterThan(1);
    const [own] = s.tempDirs;
    expect(own && existsSync(join(own, 'profile'))).toBe(true);
    expect(own!.startsWith(join(tmpdir(), 'kyoso-chrome-'))).toBe(true);
    await s.close();
    expect(s.tempDirs).toEqual([]);
    expect(existsSync(own!)).toBe(false);
    for (let i = 0; i < 20 && procs.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(procs.filter(alive)).toEqual([]);
    expect([...tmpEntries()].filter((n) => !before.has(n) && !n.startsWith('kyoso-chrome-'))).toEqual([]);
  });

  it('prints multi-page PDFs from several pages with the raw @sparticuz/chromium args too', async () => {
    let raw: string[];
    try {
      raw = (await import('@sparticuz/chromium')).default.args;
    } catch {
      return; // optional dependency absent: nothing to check
    }
    const npmPath = await (await import('@sparticuz/chromium')).default.executablePath();
    const s = new BrowserSession({ resolved: { executablePath: npmPath, source: 'npm', args: raw } });
    try {
      const html = (n: number) => Array.from({ length: n }, (_, i) => `<p style="break-after:page">page ${i + 1}</p>`).join('') + '<p>end</p>';
      const pdfs = await Promise.all(
        [3, 5].map((n) =>
          s.withPage(async (p) => {
            await p.setContent(html(n));
            return printPdf(p, { format: 'A4' });
          }),
        ),
      );
      const dir = mkdtempSync(join(tmpdir(), 'kd-test-pdf-'));
      try {
        const pages = pdfs.map((pdf, i) => {
          const f = join(dir, `${i}.pdf`);
          writeFileSync(f, pdf);
          return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))?.[1]);
        });
        expect(pages).toEqual([4, 6]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await s.close();
    }
  });
});
