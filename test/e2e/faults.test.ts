/**
 * Faults (issue 7.3/7.4): a missing, crashing or hanging browser, a failing write and
 * Ctrl-C must each end in one clear error (after one retry where that is safe), with no
 * Chromium left running, nothing of ours left in the temp folder, no partial or
 * temporary files in output/, and earlier outputs byte-identical. And the renderer's
 * sandbox: nothing but file:/data: under the allowed roots is ever fetched.
 *
 * Every in-process build here runs with TMPDIR pointed at a folder of this file's own,
 * so "leaves /tmp as it found it" is checked exactly, undisturbed by test files running
 * in parallel. Chromium processes are found by that folder in their environment
 * (TMPDIR is inherited by every helper process), which also finds orphans that were
 * re-parented away from us.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants as osConstants, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { run } from '../../src/cli/run.ts';
import { BrowserSession, type PageContext, type ResolvedBrowser, type WithPageOptions } from '../../src/stages/convert/browser.ts';
import { CATALOGUE, EXIT, KyosoError } from '../../src/shared/errors.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { TEMP_MARK } from '../../src/stages/publish/index.ts';
import { MANIFEST_FILE, type Manifest } from '../../src/app/plan.ts';
import { formatError } from '../../src/shared/report.ts';
import { pdfText, tempProject, type TempProject } from '../helpers/project.ts';
import { testBrowser } from '../helpers/browser.ts';
import { processesWithEnv } from '../helpers/processes.ts';

const resolved: ResolvedBrowser | undefined = await testBrowser('faults.test');

/* ------------------------------------------------------------------ helpers */

/** This file's own temp folder; set as TMPDIR for the whole file (forks pool: one process per file). */
const ORIGINAL_TMPDIR = process.env.TMPDIR;
const privateTmp = mkdtempSync(path.join(tmpdir(), 'kyoso-faults-'));
/** Names a browser, Marp or puppeteer would leave in a temp folder. */
const OURS = /^(kyoso-chrome-|marp-cli-|puppeteer|\.org\.chromium\.)/;
const tmpLeftovers = (dir = privateTmp): string[] =>
  readdirSync(dir)
    .filter((n) => OURS.test(n))
    .sort();

beforeAll(() => {
  process.env.TMPDIR = privateTmp;
});
afterAll(() => {
  if (ORIGINAL_TMPDIR === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = ORIGINAL_TMPDIR;
  rmSync(privateTmp, { recursive: true, force: true });
});

/** Chromium processes started under `tmp` that are still alive, after letting exits settle (bounded poll, not a timing assertion). */
async function chromiumLeft(tmp = privateTmp): Promise<number[]> {
  let left = processesWithEnv(tmp);
  for (let i = 0; i < 50 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    left = processesWithEnv(tmp);
  }
  return left;
}

/** sha256 over every path and its bytes under `dir` ('' when absent). */
async function treeDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (d: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      // output/.cache holds font subsets and the kept plan, not outputs: a failed run may fill it.
      if (d === dir && e.name === '.cache') continue;
      hash.update(path.relative(dir, p));
      if (e.isDirectory()) await walk(p);
      else hash.update(await readFile(p));
    }
  };
  await walk(dir);
  return hash.digest('hex');
}

/** Every file name under `dir` (recursive). */
async function allNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true })).map(String);
  } catch {
    return [];
  }
}

async function seedOutput(p: TempProject): Promise<void> {
  await mkdir(path.join(p.paths.outDir, 'r3', 'slides'), { recursive: true });
  await writeFile(path.join(p.paths.outDir, 'r3', 'slides', 'r3-slides.pdf'), '%PDF-1.7\n% an earlier build\n');
  await writeFile(path.join(p.paths.outDir, 'keep.txt'), 'earlier output\n');
}

const projects: TempProject[] = [];
async function project(): Promise<TempProject> {
  const p = await tempProject();
  projects.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(projects.splice(0).map((p) => p.dispose()));
});

/** Checks every fault test ends with: no browser running, nothing of ours in the temp folder, no temp files in output/. */
async function expectClean(p: TempProject): Promise<void> {
  expect(await chromiumLeft(), 'no chromium process survives').toEqual([]);
  expect(tmpLeftovers(), 'temp folder as it was').toEqual([]);
  expect(
    (await allNames(p.paths.outDir)).filter((n) => n.includes(TEMP_MARK)),
    'no temp files in output/',
  ).toEqual([]);
}

type PageFn<T> = (page: Page, ctx: PageContext) => Promise<T>;

/**
 * A session whose page work is sabotaged on chosen attempts: the production retry logic
 * runs untouched, only what happens inside the page is changed.
 */
class SabotagedSession extends BrowserSession {
  sabotaged = 0;
  constructor(
    private readonly on: (attempt: number) => boolean,
    private readonly sabotage: (page: Page) => Promise<void>,
    opts: ConstructorParameters<typeof BrowserSession>[0] = {},
  ) {
    super({ resolved: resolved!, ...opts });
  }
  override withPage<T>(fn: PageFn<T>, opts?: WithPageOptions): Promise<T> {
    return super.withPage(async (page, ctx) => {
      if (this.on(ctx.attempt)) {
        this.sabotaged++;
        await this.sabotage(page);
      }
      return fn(page, ctx);
    }, opts);
  }
}

/** Kill the browser's main process once the deck has loaded, i.e. in the middle of the page work. */
const crashAfterLoad = async (page: Page): Promise<void> => {
  const proc = page.browser().process();
  page.once('load', () => proc?.kill('SIGKILL'));
};

/** Occupy the renderer's main thread forever: every later evaluate/print waits behind it. */
const hang = async (page: Page): Promise<void> => {
  void page
    .evaluate(() => {
      for (;;) {
        /* spin */
      }
    })
    .catch(() => {});
};

const slidesOnly = (p: TempProject, session?: BrowserSession) => ({
  paths: p.paths,
  editions: ['r3'],
  only: 'slides' as const,
  formats: ['pdf' as const],
  force: true,
  ...(session ? { session } : {}),
});

/* -------------------------------------------------------------------- tests */

describe('missing browser', () => {
  it('CHROME_PATH pointing nowhere: BROWSER_NOT_FOUND with what to do, exit 4, nothing written', async () => {
    const p = await project();
    await seedOutput(p);
    const before = await treeDigest(p.paths.outDir);
    const saved = process.env.CHROME_PATH;
    process.env.CHROME_PATH = '/nonexistent/chromium';
    try {
      const err = await build(slidesOnly(p)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KyosoError);
      expect((err as KyosoError).code).toBe('BROWSER_NOT_FOUND');
      expect((err as KyosoError).detail.en).toContain('/nonexistent/chromium');
      expect((err as KyosoError).hint?.en).toMatch(/CHROME_PATH.*apt-get install chromium.*@sparticuz\/chromium/s);

      const lines: string[] = [];
      const exit = await run(['build', '--only', 'slides'], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, { root: p.root });
      const text = lines.join('\n');
      expect(exit, text).toBe(EXIT.BROWSER);
      expect(text).toContain('[BROWSER_NOT_FOUND]');
      expect(text).toContain('CHROME_PATH');
      expect(text, 'no stack trace without --debug').not.toMatch(/\n\s+at /);
    } finally {
      if (saved === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = saved;
    }
    expect(await treeDigest(p.paths.outDir), 'output/ untouched').toBe(before);
    await expectClean(p);
  });
});

describe.skipIf(!resolved)('browser faults', () => {
  it('crash in the middle of the page work: one relaunch, then the build succeeds', async () => {
    const p = await project();
    const session = new SabotagedSession((attempt) => attempt === 0, crashAfterLoad);
    try {
      const result = await build(slidesOnly(p, session));
      expect(session.sabotaged).toBe(1);
      expect(session.retried.map((r) => r.fault)).toEqual(['crash']);
      expect(session.launches).toBe(2);
      expect(result.written).toContain('r3/slides/r3-slides.pdf');
      expect(pdfText(path.join(p.paths.outDir, 'r3', 'slides', 'r3-slides.pdf'))).toContain('共創の場形成支援');
    } finally {
      await session.close();
    }
    await expectClean(p);
  });

  it('crash on every attempt: BROWSER_FAILED after the retry, output/ untouched', async () => {
    const p = await project();
    await seedOutput(p);
    const before = await treeDigest(p.paths.outDir);
    const session = new SabotagedSession(() => true, crashAfterLoad);
    try {
      const err = await build(slidesOnly(p, session)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KyosoError);
      const k = err as KyosoError;
      expect(k.code).toBe('BROWSER_FAILED');
      expect(k.exitCode).toBe(EXIT.BROWSER);
      expect(k.detail.en).toMatch(/crashed.*tried 2 times/);
      expect(k.cause, 'the puppeteer error is kept as the cause').toBeInstanceOf(Error);
      expect(session.sabotaged).toBe(2);
      expect(session.launches).toBe(2);
      const shown = formatError(k);
      expect(shown).toContain('→ ');
      expect(shown, 'no stack trace without --debug').not.toMatch(/\n\s+at /);
    } finally {
      await session.close();
    }
    expect(await treeDigest(p.paths.outDir)).toBe(before);
    await expectClean(p);
  });

  it('a page that never finishes: timed out, killed, retried once, then BROWSER_FAILED', async () => {
    const p = await project();
    await seedOutput(p);
    const before = await treeDigest(p.paths.outDir);
    // A tiny budget stands in for the 5-minute one; the hang itself is real (a spinning renderer).
    const session = new SabotagedSession(() => true, hang, { timeouts: { page: 1_500 } });
    try {
      const err = await build(slidesOnly(p, session)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KyosoError);
      const k = err as KyosoError;
      expect(k.code).toBe('BROWSER_FAILED');
      expect(k.detail.en).toMatch(/did not finish a page within 2 s.*tried 2 times/);
      expect(k.detail.ja).toContain('終わりませんでした');
      expect(session.retried.map((r) => r.fault)).toEqual(['timeout']);
      expect(session.launches).toBe(2);
    } finally {
      await session.close();
    }
    expect(await treeDigest(p.paths.outDir)).toBe(before);
    await expectClean(p);
  });

  it('a write failure (a file where a folder must go) keeps earlier outputs and leaves no temp files', async () => {
    const p = await project();
    const session = new BrowserSession({ resolved: resolved! });
    try {
      await build({ ...slidesOnly(p, session), formats: ['md', 'pdf'] });
      const earlier = await treeDigest(p.paths.outDir);
      expect(await allNames(p.paths.outDir)).toContain(path.join('r3', 'slides', 'r3-slides.pdf'));
      // Running as root, chmod cannot block writes; a plain file where publish needs the
      // png/ folder fails the same way a full or read-only disk does, after the .md and
      // .pdf temporaries were already written.
      await writeFile(path.join(p.paths.outDir, 'r3', 'slides', 'png'), 'in the way\n');
      const blocked = await treeDigest(p.paths.outDir);
      expect(blocked).not.toBe(earlier);

      const err = await build({ ...slidesOnly(p, session), formats: ['md', 'pdf', 'png'] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KyosoError);
      expect((err as KyosoError).code).toBe('OUTPUT_FAILED');
      expect((err as KyosoError).exitCode).toBe(EXIT.OUTPUT);
      expect(await treeDigest(p.paths.outDir), 'earlier outputs byte-identical').toBe(blocked);
    } finally {
      await session.close();
    }
    await expectClean(p);
  });
});

describe.skipIf(!resolved)('Ctrl-C', () => {
  it('SIGINT during a build: INTERRUPTED, no temp files, no browser, temp folder as it was', async () => {
    const p = await project();
    await seedOutput(p);
    const before = await treeDigest(p.paths.outDir);
    const tmp = mkdtempSync(path.join(privateTmp, 'sigint-'));
    // The real entry, as a user runs it; the whole build (slides, PNGs, guidelines) keeps the
    // browser busy for seconds, so the signal lands while page work is in flight.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(TOOL_ROOT, 'scripts', 'kyoso.ts'), 'build', '--lang', 'en'], {
      cwd: TOOL_ROOT,
      env: { ...process.env, KYOSO_ROOT: p.root, TMPDIR: tmp, CHROME_PATH: resolved!.executablePath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

    // Wait until the browser runs: its profile exists and a Chromium process carries our TMPDIR.
    let started = false;
    for (let i = 0; i < 600 && !started && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
      started = readdirSync(tmp).some((n) => n.startsWith('kyoso-chrome-')) && processesWithEnv(tmp).length > 0;
    }
    expect(started, `browser never started:\n${stderr}`).toBe(true);
    child.kill('SIGINT');
    const code = await exited;

    expect(code, stderr).toBe(CATALOGUE.INTERRUPTED.exit);
    expect(code).not.toBe(EXIT.OK);
    expect(stderr).toContain('[INTERRUPTED]');
    expect(stderr, 'no stack trace').not.toMatch(/\n\s+at /);
    expect(await chromiumLeft(tmp), 'no chromium survives the interrupted build').toEqual([]);
    // tsx (the runner, not the build) keeps its compile cache there; only names of ours count.
    expect(tmpLeftovers(tmp), 'the temp folder is as the build found it').toEqual([]);
    expect(await treeDigest(p.paths.outDir), 'output/ untouched').toBe(before);
    expect((await allNames(p.paths.outDir)).filter((n) => n.includes(TEMP_MARK))).toEqual([]);
  });
});

describe.skipIf(!resolved)('renderer sandbox', () => {
  let server: Server;
  let hits: string[];
  let origin: string;
  let root: string;
  beforeAll(async () => {
    hits = [];
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    root = mkdtempSync(path.join(privateTmp, 'site-'));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(root, { recursive: true, force: true });
  });

  it('every kind of request that is not file:/data: under the roots is blocked, reported, and never reaches the network', async () => {
    const outside = mkdtempSync(path.join(privateTmp, 'outside-'));
    await writeFile(path.join(outside, 'secret.css'), 'body { color: red }');
    await writeFile(path.join(root, 'ok.css'), 'p { margin: 0 }');
    const page = path.join(root, 'index.html');
    await writeFile(
      page,
      `<!doctype html><html><head>
        <link rel="stylesheet" href="${origin}/link.css">
        <link rel="stylesheet" href="ok.css">
        <link rel="stylesheet" href="${pathToFileURL(path.join(outside, 'secret.css')).href}">
        <style>@import url("${origin}/import.css"); body { background: url("${origin}/bg.png") }</style>
        <script src="${origin}/script.js"></script>
      </head><body>
        <p>text</p>
        <iframe src="${origin}/frame.html"></iframe>
        <iframe src="file:///etc/passwd"></iframe>
        <img src="${origin.replace('http:', 'https:')}/tls.png">
        <video src="${origin}/video.mp4"></video>
        <script>fetch("${origin}/fetch").catch(() => {}); navigator.sendBeacon && navigator.sendBeacon("${origin}/beacon");</script>
      </body></html>`,
    );
    const session = new BrowserSession({ resolved: resolved! });
    try {
      const blocked = await session.withPage(
        async (p, ctx) => {
          await p.goto(pathToFileURL(page).href, { waitUntil: 'load' });
          // The fetch and beacon are issued by script after load; give them a turn of the event loop in the page.
          await p.evaluate(() => new Promise((r) => setTimeout(r, 100)));
          return [...ctx.blockedRequests];
        },
        { allowedRoots: [root] },
      );
      const byPath = new Map(blocked.map((b) => [b.url.replace(origin, '').replace(origin.replace('http:', 'https:'), ''), b.reason]));
      for (const p of ['/link.css', '/import.css', '/bg.png', '/script.js', '/frame.html', '/tls.png', '/video.mp4', '/fetch']) {
        expect(byPath.get(p), `${p} blocked for its scheme (got ${JSON.stringify(blocked)})`).toBe('scheme');
      }
      expect(blocked.find((b) => b.url.endsWith('secret.css'))?.reason).toBe('outside-roots');
      expect(blocked.find((b) => b.url === 'file:///etc/passwd')?.reason).toBe('outside-roots');
      expect(
        blocked.some((b) => b.url.endsWith('/ok.css') || b.url.endsWith('/index.html')),
        'allowed files load',
      ).toBe(false);
      expect(session.blockedRequests).toEqual(blocked);
      expect(hits, 'the network never saw a request').toEqual([]);
    } finally {
      await session.close();
      rmSync(outside, { recursive: true, force: true });
    }
    expect(await chromiumLeft()).toEqual([]);
  });
});

/* ------------------------------------------------------------ issue 16 */

/** Every file the manifest lists, checked against its recorded sha256: [] when output/ is the complete set it describes. */
async function againstManifest(outDir: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
  const off: string[] = [];
  for (const unit of Object.values(manifest.units)) {
    for (const [rel, sum] of Object.entries(unit.files)) {
      const bytes = await readFile(path.join(outDir, rel)).catch(() => undefined);
      if (!bytes) off.push(`${rel}: missing`);
      else if (createHash('sha256').update(bytes).digest('hex') !== sum) off.push(`${rel}: not the recorded bytes`);
    }
  }
  return off;
}

describe.skipIf(!resolved)('publishing is all or nothing in a real build (issue 16, item 2)', () => {
  it('an immutable output or a folder in its place: output/ stays the old complete set, and the message says so', async () => {
    const p = await project();
    const session = new BrowserSession({ resolved: resolved! });
    const options = { paths: p.paths, editions: ['r3'], formats: ['pdf' as const, 'guideline' as const], session };
    const chiiki = path.join(p.paths.outDir, 'r3', 'guidelines', 'chiiki.pdf');
    const kyoso = path.join(p.paths.outDir, 'r3', 'guidelines', 'kyoso.pdf');
    try {
      await build(options);
      const oldManifest = await readFile(path.join(p.paths.outDir, MANIFEST_FILE), 'utf8');
      expect(await againstManifest(p.paths.outDir)).toEqual([]);
      // Read by the slides and by both 公募要領: every output of the run changes.
      await p.edit('r3/contact.yaml', 'lead: 今後の情報は、下記ホームページをご覧ください。', 'lead: 最新の情報は、下記ホームページでお知らせします。');

      const attempts: Array<{ name: string; block: () => void; unblock: () => Promise<void> | void; file: string }> = [];
      if (spawnSync('chattr', ['+i', chiiki]).status === 0) {
        spawnSync('chattr', ['-i', chiiki]);
        attempts.push({
          name: 'chattr +i chiiki.pdf',
          block: () => void spawnSync('chattr', ['+i', chiiki]),
          unblock: () => void spawnSync('chattr', ['-i', chiiki]),
          file: 'r3/guidelines/chiiki.pdf',
        });
      }
      const kyosoBytes = await readFile(kyoso);
      attempts.push({
        name: 'a folder where kyoso.pdf goes',
        block: () => {
          rmSync(kyoso);
          mkdirSync(kyoso);
          writeFileSync(path.join(kyoso, 'in-the-way'), 'x');
        },
        unblock: async () => {
          await rm(kyoso, { recursive: true });
          await writeFile(kyoso, kyosoBytes);
        },
        file: 'r3/guidelines/kyoso.pdf',
      });
      for (const a of attempts) {
        a.block();
        try {
          const err = (await build(options).then(
            () => undefined,
            (e: unknown) => e,
          )) as KyosoError;
          expect(err, a.name).toBeInstanceOf(KyosoError);
          expect(err.code, a.name).toBe('OUTPUT_FAILED');
          expect(err.detail.en, a.name).toContain(a.file);
          expect(err.detail.en, a.name).toContain('is unchanged');
          expect(err.detail.ja, a.name).toContain('変更していません');
        } finally {
          await a.unblock();
        }
        expect(await readFile(path.join(p.paths.outDir, MANIFEST_FILE), 'utf8'), `${a.name}: the old manifest`).toBe(oldManifest);
        expect(await againstManifest(p.paths.outDir), `${a.name}: every file as the old manifest records it`).toEqual([]);
        expect((await allNames(p.paths.outDir)).filter((n) => n.includes(TEMP_MARK) || n.includes('.kyoso-journal-'))).toEqual([]);
      }
      // Nothing in the way: the new complete set.
      await build(options);
      expect(await readFile(path.join(p.paths.outDir, MANIFEST_FILE), 'utf8')).not.toBe(oldManifest);
      expect(await againstManifest(p.paths.outDir)).toEqual([]);
      expect(pdfText(chiiki)).toContain('最新の情報は');
    } finally {
      spawnSync('chattr', ['-i', chiiki]);
      await session.close();
    }
    await expectClean(p);
  });
});

describe.skipIf(!resolved)('leftovers of a run killed with SIGKILL (issue 16, item 10)', () => {
  it('the next build removes the dead run’s browser profile, its lock and its temporary files', async () => {
    const p = await project();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(TOOL_ROOT, 'scripts', 'kyoso.ts'), 'build'], {
      cwd: TOOL_ROOT,
      env: { ...process.env, KYOSO_ROOT: p.root, TMPDIR: privateTmp, CHROME_PATH: resolved!.executablePath },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const profile = `kyoso-chrome-${child.pid}-`;
    let started = false;
    for (let i = 0; i < 1200 && !started && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
      started = readdirSync(privateTmp).some((n) => n.startsWith(profile));
    }
    expect(started, `browser never started:\n${stderr}`).toBe(true);
    child.kill('SIGKILL');
    await exited;
    const dead = child.pid!;
    expect(
      readdirSync(privateTmp).filter((n) => n.startsWith(profile)),
      'the dead run left its profile',
    ).not.toEqual([]);
    expect(await allNames(p.paths.outDir)).toContain('.kyoso-lock');
    // What a run killed while staging its files, and a release killed while staging its folder, leave.
    const staged = path.join(p.paths.outDir, 'r3', 'slides', `${TEMP_MARK}${dead}-0a0b0c0d-new-r3-slides.pdf`);
    await mkdir(path.dirname(staged), { recursive: true });
    await writeFile(staged, Buffer.alloc(10 * 1024 * 1024));
    const releaseStaging = path.join(p.paths.outDir, 'release', `${TEMP_MARK}${dead}-0a0b0c0d-release-r3`);
    await mkdir(releaseStaging, { recursive: true });
    await writeFile(path.join(releaseStaging, 'r3-slides.pdf'), 'partial');
    // A cache of another helper (fonts) is not ours to sweep, even with a temporary-looking name.
    const cached = path.join(p.paths.outDir, '.cache', `${TEMP_MARK}${dead}-cache-entry`);
    await mkdir(path.dirname(cached), { recursive: true });
    await writeFile(cached, 'cache');

    const result = await build({ paths: p.paths, editions: ['r3'], formats: ['md'] });
    const said = result.warnings.join('\n');
    expect(said).toContain(`pid ${dead}`);
    expect(said).toMatch(/一時ファイル 2 個（10\.0 MB）を削除しました/);
    expect(
      readdirSync(privateTmp).filter((n) => n.startsWith(profile)),
      'profile removed',
    ).toEqual([]);
    const names = await allNames(p.paths.outDir);
    expect(names.filter((n) => n.includes(TEMP_MARK) && !n.startsWith('.cache'))).toEqual([]);
    expect(names).toContain(path.join('.cache', path.basename(cached)));
    expect(names).not.toContain('.kyoso-lock');
    expect(await chromiumLeft(), 'no chromium of the killed run survives').toEqual([]);
  });
});

describe.skipIf(!resolved)('Ctrl-C through npm (issue 16, item 13)', () => {
  /** Start `cmd` in its own process group, as a shell starts a foreground job, and Ctrl-C the whole group once the browser runs. */
  async function ctrlC(cmd: string, args: string[], p: TempProject): Promise<{ code: number | null; stderr: string }> {
    const tmp = mkdtempSync(path.join(privateTmp, 'ctrlc-'));
    const child = spawn(cmd, args, {
      cwd: TOOL_ROOT,
      detached: true,
      env: { ...process.env, KYOSO_ROOT: p.root, TMPDIR: tmp, CHROME_PATH: resolved!.executablePath, npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // What a shell reports: the exit code, or 128 + the signal that ended the process.
    const exited = new Promise<number | null>((r) => child.once('exit', (code, signal) => r(code ?? (signal ? 128 + osConstants.signals[signal] : null))));
    let started = false;
    // The first run may compile src/ into dist/ (scripts/kyoso-docs.js) before it builds.
    for (let i = 0; i < 3600 && !started && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
      // In the middle of the page work: the browser runs and a first output is done (the next is being printed).
      started = readdirSync(tmp).some((n) => n.startsWith('kyoso-chrome-')) && /ファイル（\d+ ms）/.test(stderr);
    }
    expect(started, `browser never started:\n${stderr}`).toBe(true);
    process.kill(-child.pid!, 'SIGINT');
    const code = await exited;
    expect(await chromiumLeft(tmp), 'no chromium survives').toEqual([]);
    return { code, stderr };
  }

  it('npm run build exits 130 (npm’s code, as documented); the CLI itself exits 5; neither prints puppeteer’s words', async () => {
    const p = await project();
    await seedOutput(p);
    const before = await treeDigest(p.paths.outDir);
    const viaNpm = await ctrlC('npm', ['run', '--silent', 'build'], p);
    expect(viaNpm.code, viaNpm.stderr).toBe(130);
    const direct = await ctrlC(process.execPath, [path.join(TOOL_ROOT, 'scripts', 'kyoso-docs.js'), 'build'], p);
    expect(direct.code, direct.stderr).toBe(CATALOGUE.INTERRUPTED.exit);
    for (const { stderr } of [viaNpm, direct]) {
      expect(stderr).toContain('[INTERRUPTED]');
      expect(stderr).not.toMatch(/Protocol error|Target closed|TargetCloseError|puppeteer|\n\s+at /i);
      expect(stderr).not.toMatch(/原因: \s*$/m);
    }
    expect(await treeDigest(p.paths.outDir), 'output/ untouched').toBe(before);
  }, 300_000);
});

describe.skipIf(!resolved)('blocked requests of any output are reported (issue 16, item 7)', () => {
  it('a 公募要領 whose page asks for a remote image says so', async () => {
    const p = await tempProject(['r3'], { templates: true });
    projects.push(p);
    const template = path.join(p.paths.templatesDir, 'guidelines', 'guideline.hbs');
    await writeFile(template, (await readFile(template, 'utf8')).replace('<body>', '<body><img src="http://127.0.0.1:9/blocked.png" alt="">'));
    const result = await build({ paths: p.paths, editions: ['r3'], only: 'guidelines', session: new BrowserSession({ resolved: resolved! }) });
    expect(result.warnings.join('\n')).toMatch(/公募要領 kyoso\.pdf の読み込みを遮断しました: http:\/\/127\.0\.0\.1:9\/blocked\.png/);
  });
});
