/**
 * `dev` end to end in a real browser: the preview page follows the data.
 * A value edited in the YAML appears in the slides; invalid YAML shows its
 * file:line:col on the page while the last good slides stay; the fix recovers.
 * Waits are for conditions in the page (the page reloads itself), never for a time.
 * dev's pure parts (which URL is an output, which edition a change concerns): test/fast/dev.test.ts.
 */
import { writeFile, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { LAUNCH_ARGS, resolveBrowser } from '../../src/stages/convert/browser.ts';
import { startDev, type DevServer } from '../../src/app/dev/index.ts';
import { MANIFEST_FILE, type Manifest } from '../../src/app/plan.ts';
import { createHash } from 'node:crypto';
import { pdfText, tempProject, type TempProject } from '../helpers/project.ts';

describe('npm run dev in a browser', () => {
  let project: TempProject;
  let dev: DevServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const lines: string[] = [];

  beforeAll(async () => {
    project = await tempProject();
    dev = await startDev({ paths: project.paths, port: 0, log: (l) => lines.push(l) });
    await dev.idle();
    const resolved = await resolveBrowser();
    browser = await puppeteer.launch({
      executablePath: resolved.executablePath,
      headless: resolved.source === 'npm' ? 'shell' : true,
      args: [...new Set([...resolved.args, ...LAUNCH_ARGS])],
    });
    page = await browser.newPage();
    await page.goto(dev.url, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    await dev?.close();
    await project?.dispose();
  });

  /** Text of the slides iframe (its current document, whatever reload put there). */
  async function slidesText(): Promise<string> {
    const frame = page.frames().find((f) => f.url().includes('/r3/slides/r3-slides.html'));
    if (!frame) return '';
    return frame.evaluate(() => document.body?.textContent ?? '').catch(() => '');
  }

  async function waitForSlides(needle: string): Promise<void> {
    // Polls the condition; the bound only stops the loop outliving a failed test.
    let last = '';
    for (let i = 0; i < 2400; i++) {
      last = await slidesText();
      if (last.includes(needle)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`slides never showed ${needle}; last text: ${last.slice(-200)}`);
  }

  it('serves the index with the deck, its PDF and the guidelines, loopback only', async () => {
    expect(dev!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await waitForSlides('ご清聴ありがとうございました');
    const hrefs = await page.$$eval('nav a', (as) => as.map((a) => new URL(a.href).pathname));
    expect(hrefs).toEqual(expect.arrayContaining(['/r3/slides/r3-slides.pdf', '/r3/slides/r3-slides.pptx', '/r3/guidelines/kyoso.pdf', '/r3/guidelines/chiiki.pdf']));
    const pdf = await page.evaluate(async () => {
      const r = await fetch('/r3/slides/r3-slides.pdf');
      return { status: r.status, type: r.headers.get('content-type'), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
    });
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    // Outside output/: the data folder, and a symlink pointing out of output/.
    await symlink(project.paths.dataDir, path.join(project.paths.outDir, 'leak'));
    const refused = await page.evaluate(async () =>
      Promise.all(['/../data/r3/contact.yaml', '/%2e%2e/data/r3/contact.yaml', '/leak/r3/contact.yaml', '/.kyoso-manifest.json'].map(async (u) => (await fetch(u)).status)),
    );
    expect(refused).toEqual([404, 404, 404, 404]);
  });

  it('an edited value appears in the page by itself', async () => {
    await project.edit('r3/contact.yaml', 'closing: ご清聴ありがとうございました', 'closing: ご清聴ありがとうございました（改訂版）');
    await waitForSlides('ご清聴ありがとうございました（改訂版）');
  }, 300_000);

  it('an edit replaces only the slide it changed in the preview, in place', async () => {
    const frame = page.frames().find((f) => f.url().includes('/r3/slides/r3-slides.html'));
    expect(frame, 'the deck frame').toBeDefined();
    // Mark every slide node and the page itself: what the edit did not touch must keep its mark.
    await page.evaluate(() => Object.assign(window, { kyosoKept: true }));
    // A property, not an attribute: the page compares the slides' markup.
    const count = await frame!.evaluate(() => {
      const svgs = Array.from(document.querySelectorAll('div.marpit > svg'));
      svgs.forEach((s, i) => Object.assign(s, { kyosoKept: String(i) }));
      return svgs.length;
    });
    expect(count).toBe(11);
    await project.edit('r3/contact.yaml', '（改訂版）', '（改訂版）（その場で）');
    await waitForSlides('（その場で）');
    const kept = await frame!.evaluate(() => Array.from(document.querySelectorAll('div.marpit > svg'), (s) => (s as { kyosoKept?: string }).kyosoKept ?? null));
    expect(kept, 'slides 1–10 are the same nodes; slide 11 is new').toEqual([...Array.from({ length: 10 }, (_, i) => String(i)), null]);
    expect(await page.evaluate(() => (window as { kyosoKept?: boolean }).kyosoKept), 'the page was not reloaded').toBe(true);
    await dev!.idle();
    await project.edit('r3/contact.yaml', '（改訂版）（その場で）', '（改訂版）');
    await waitForSlides('ご清聴ありがとうございました（改訂版）');
    await dev!.idle();
  }, 300_000);

  it('invalid YAML shows file:line:col on the page and keeps the last good slides; the fix recovers', async () => {
    const file = path.join(project.paths.dataDir, 'r3', 'contact.yaml');
    const good = await readFile(file, 'utf8');
    // An unterminated flow mapping on line 3 (after the schema comment and `heading:`).
    await writeFile(file, good.replace(/^organization: .*$/m, 'organization: { 国立研究開発法人'));
    // Read in the same evaluation that finds it: the page may reload between two calls (each build reloads it).
    const found = await page.waitForFunction(
      () => {
        const text = document.querySelector('#errors')?.textContent ?? '';
        return /contact\.yaml:\d+:\d+/.test(text) ? text : false;
      },
      { timeout: 240_000, polling: 100 },
    );
    const error = String(await found.jsonValue());
    expect(error).toMatch(/data\/r3\/contact\.yaml:\d+:\d+/);
    expect(lines.join('\n')).toMatch(/data\/r3\/contact\.yaml:\d+:\d+/);
    expect(await slidesText()).toContain('（改訂版）');

    await writeFile(file, good.replace('（改訂版）', '（第三版）'));
    await waitForSlides('（第三版）');
    await page.waitForFunction(() => (document.querySelector('#errors')?.textContent ?? '') === '', { timeout: 120_000, polling: 100 });
  }, 300_000);

  it('rapid saves are coalesced and the last one wins', async () => {
    const previews: string[] = [];
    const off = dev!.on((e) => {
      if (e.step === 'preview') previews.push(e.type);
    });
    try {
      const file = path.join(project.paths.dataDir, 'r3', 'contact.yaml');
      const text = await readFile(file, 'utf8');
      for (let i = 1; i <= 5; i++) await writeFile(file, text.replace('（第三版）', `（連続${i}）`));
      await waitForSlides('（連続5）');
      // One preview build for the burst (two if the watcher split it), not one per save.
      expect(previews.length).toBeGreaterThanOrEqual(1);
      expect(previews.length).toBeLessThanOrEqual(2);
      expect(previews).not.toContain('failed');
    } finally {
      off();
    }
  }, 300_000);
});

describe('npm run dev with edited templates', () => {
  let project: TempProject;
  let dev: DevServer | undefined;

  beforeAll(async () => {
    project = await tempProject(['r3'], { templates: true });
    dev = await startDev({ paths: project.paths, port: 0 });
    await dev.idle();
  });

  afterAll(async () => {
    await dev?.close();
    await project?.dispose();
  });

  /** Waits (bounded) until the PDF's text holds `needle`. */
  async function waitForPdf(rel: string, needle: string): Promise<void> {
    const file = path.join(project.paths.outDir, rel);
    for (let i = 0; i < 1200; i++) {
      await dev!.idle();
      const text = await readFile(file).then(
        () => pdfText(file),
        () => '',
      );
      if (text.includes(needle)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${rel} never showed ${needle}`);
  }

  /** The manifest records the digest of the template as it is now, so a later build is right to call it up to date. */
  async function manifestRecords(unit: string, template: string): Promise<void> {
    const m = JSON.parse(await readFile(path.join(project.paths.outDir, MANIFEST_FILE), 'utf8')) as Manifest;
    const digest = createHash('sha256')
      .update(await readFile(path.join(project.paths.templatesDir, template)))
      .digest('hex');
    expect(m.units[unit]?.inputs[`templates/${template}`]).toBe(digest);
  }

  it.each([
    ['slides/partials/contact.hbs', 'r3/slides/r3-slides.pdf', 'r3/slides/pdf', (t: string) => t.replace('{{closing}}', '{{closing}}テンプレ改訂一'), 'テンプレ改訂一'],
    ['slides/deck.hbs', 'r3/slides/r3-slides.pdf', 'r3/slides/pdf', (t: string) => t.replace('footer: "{{footer}}"', 'footer: "{{footer}} テンプレ改訂二"'), 'テンプレ改訂二'],
    [
      'guidelines/guideline.hbs',
      'r3/guidelines/kyoso.pdf',
      'r3/guidelines/kyoso',
      (t: string) => t.replace('<p class="cover-org">', '<p>テンプレ改訂三</p><p class="cover-org">'),
      'テンプレ改訂三',
    ],
    [
      'guidelines/partials/block.hbs',
      'r3/guidelines/kyoso.pdf',
      'r3/guidelines/kyoso',
      (t: string) => t.replace('<p>{{text}}</p>', '<p>{{text}}テンプレ改訂四</p>'),
      'テンプレ改訂四',
    ],
  ])(
    'an edit of %s reaches the next PDF and the manifest',
    async (template, pdf, unit, edit, needle) => {
      const file = path.join(project.paths.templatesDir, template);
      const before = await readFile(file, 'utf8');
      const after = edit(before);
      expect(after).not.toBe(before);
      await writeFile(file, after);
      await waitForPdf(pdf, needle);
      await manifestRecords(unit, template);
    },
    300_000,
  );
});
