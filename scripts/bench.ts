/**
 * `npm run bench` — a benchmark, not a test: it prints a table and writes
 * output/bench.json, and never fails on a missed target (the README explains misses).
 *
 * Every comparison is measured side by side in the same run, alternating the two
 * sides per repetition, so machine load (a shared 2-core box) hits both alike.
 * Medians of --runs (default 5) repetitions.
 *
 *   a  build:slides, PDF only, cold process      vs bare `marp --pdf` of the same Markdown
 *   b  every output of r3, cold process          vs the sum of bare marp --pdf/--pptx/--html/--images
 *                                                   (PNGs at our IMAGE_SCALE; the 1× run reported beside)
 *                                                   and one fresh-browser print per guideline
 *   c  no-op rebuild (nothing changed)           vs the cold full build; browser launches counted
 *   d  dev: one YAML value saved → slides PDF    vs warm page.reload() + page.pdf(), and swap-and-print
 *      replaced on disk
 *   e  1, 10, 50 editions (slides PDF, cold)     marginal time per edition vs the first; peak RSS of
 *                                                   the process tree (node + Chromium)
 *   f  `validate` alone, cold CLI process          vs a bare `node -e ''` (the process floor); the data
 *                                                   unchanged since the last passing run (its kept report,
 *                                                   output/.cache/validate.json), and beside it without that file
 *   g  peak memory of the e builds (node + Chromium PSS), from e's samples: needs e
 *   l  r3's two 公募要領, cold CLI process        vs a fresh-browser print of each one's HTML (the floor: one
 *      (--only guidelines --formats guideline)      print, no TOC pass, no post-processing)
 *   v  `validate` of r3 with one 1 MB value      vs the same edition without it (cold CLI processes): the
 *                                                   cost of one long value, linear (issue 32)
 *   t  the text checks of every edition, cold    the first lint:text pass in a fresh process (textlint
 *                                                   imports, kuromoji's dictionary); steady passes, and the
 *                                                   cold lint:text / validate processes beside it
 *
 * c and f run the CLI as `npm run build` / `npm run validate` do (node scripts/kyoso-docs.js, the
 * compiled dist/), not through tsx: what a user waits for.
 *
 * Usage: npm run bench [-- --runs 5 --only a,b,c,d,e,f,g,t,v --editions 1,10,50 --formats md,pdf,…]
 * --formats limits b and c to those kinds (and b's bare sum to the matching bare runs).
 * Cold builds run as child processes (`--child`), so module loading and the browser
 * launch are paid each time exactly as `npm run build` pays them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { build } from '../src/app/build.ts';
import type { OutputKind } from '../src/outputs/index.ts';
import { LAUNCH_ARGS, loadFonts, resolveBrowser, type ResolvedBrowser } from '../src/stages/convert/browser.ts';
import { embedFonts, fontFaceCss } from '../src/stages/convert/fonts.ts';
import { renderMarp, slidesDocument } from '../src/stages/convert/marp.ts';
import { startDev } from '../src/app/dev/index.ts';
import { loadEditions, selectEditions } from '../src/app/editions.ts';
import { VALIDATE_CACHE_FILE } from '../src/app/validate-cache.ts';
import { projectPaths, TOOL_ROOT, type ProjectPaths } from '../src/shared/paths.ts';
import { FONT_SLOT, guidelineView, renderGuidelineHtml } from '../src/stages/render/guideline-view.ts';
import { deckView, renderDeckMarkdown } from '../src/stages/render/deck-view.ts';
import { loadTheme, THEME_FILE } from '../src/outputs/deck/index.ts';
import { IMAGE_SCALE } from '../src/stages/convert/print-deck.ts';

const SELF = fileURLToPath(import.meta.url);
const MARP = path.join(TOOL_ROOT, 'node_modules', '.bin', 'marp');

// ------------------------------------------------------------------ child mode

interface ChildJob {
  root: string;
  editions: string[];
  only?: 'slides' | 'guidelines';
  formats?: OutputKind[];
}
interface ChildResult {
  ms: number;
  launches: number;
  written: number;
  rebuilt?: number;
  maxRssKb: number;
}

/** One build in this process, reported as one JSON line (the parent times the whole process). */
async function child(job: ChildJob): Promise<void> {
  const started = performance.now();
  const result = await build({ paths: projectPaths({ root: job.root }), editions: job.editions, only: job.only, ...(job.formats ? { formats: job.formats } : {}) });
  const out: ChildResult = {
    ms: performance.now() - started,
    launches: result.launches,
    written: result.written.length,
    rebuilt: (result as { rebuilt?: string[] }).rebuilt?.length,
    maxRssKb: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`BENCH ${JSON.stringify(out)}\n`);
}

// ------------------------------------------------------------------ helpers

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Memory (kB) of a process and all its descendants, from /proc. Chromium's processes
 * share most of their pages, so summing VmRSS would count them many times; PSS
 * (smaps_rollup) splits shared pages between the sharers and sums to the real total.
 */
async function treeRssKb(rootPid: number): Promise<number> {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = await readFile(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      parents.set(Number(entry), ppid);
      const rollup = await readFile(`/proc/${entry}/smaps_rollup`, 'utf8').catch(() => '');
      const pss = /^Pss:\s+(\d+)/m.exec(rollup)?.[1];
      rss.set(Number(entry), Number(pss ?? /^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0));
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const [pid, kb] of rss) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) {
      if (p === rootPid) {
        total += kb;
        break;
      }
    }
  }
  return total;
}

interface Timed {
  ms: number;
  stderr?: string;
  child?: ChildResult;
  peakTreeRssKb?: number;
}

/** Run a process to completion, wall-clock timed; optionally sample the tree's RSS. */
function runProcess(cmd: string, args: string[], opts: { cwd?: string; sampleRss?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const proc = spawn(cmd, args, { cwd: opts.cwd ?? TOOL_ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...(opts.env ? { env: opts.env } : {}) });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    let sampling = false;
    const timer = opts.sampleRss
      ? setInterval(() => {
          if (sampling || proc.pid === undefined) return;
          sampling = true;
          void treeRssKb(proc.pid).then((kb) => {
            peak = Math.max(peak, kb);
            sampling = false;
          });
        }, 100)
      : undefined;
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearInterval(timer);
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${stderr.slice(-2000)}`));
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH '));
      resolve({ ms, stderr, ...(line ? { child: JSON.parse(line.slice(6)) as ChildResult } : {}), ...(opts.sampleRss ? { peakTreeRssKb: peak } : {}) });
    });
  });
}

function runChild(job: ChildJob, sampleRss = false): Promise<Timed> {
  return runProcess(process.execPath, ['--import', 'tsx', SELF, '--child', JSON.stringify(job)], { sampleRss });
}

const CLI = path.join(TOOL_ROOT, 'scripts', 'kyoso-docs.js');

/** The CLI as `npm run …` runs it, on the project at `root` (KYOSO_ROOT). */
function cli(root: string, args: string[]): Promise<Timed> {
  return runProcess(process.execPath, [CLI, ...args], { env: { ...process.env, KYOSO_ROOT: root } });
}

function marp(browser: ResolvedBrowser, md: string, out: string, flag: string[]): Promise<Timed> {
  return runProcess(MARP, [
    '--no-config',
    '--allow-local-files',
    '--html',
    '--theme',
    path.join(TOOL_ROOT, 'templates', THEME_FILE),
    '--browser-path',
    browser.executablePath,
    ...flag,
    md,
    '-o',
    out,
  ]);
}

/** A bare print as a separate run would do it: launch, load, print, close. */
async function barePrint(browser: ResolvedBrowser, htmlFile: string, pdfFile: string): Promise<Timed> {
  const started = performance.now();
  const b = await puppeteer.launch({
    executablePath: browser.executablePath,
    headless: browser.source === 'npm' ? 'shell' : true,
    args: [...new Set([...browser.args, ...LAUNCH_ARGS])],
  });
  try {
    const page = await b.newPage();
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await loadFonts(page);
    await writeFile(pdfFile, await page.pdf({ printBackground: true, preferCSSPageSize: true }));
  } finally {
    await b.close();
  }
  return { ms: performance.now() - started };
}

async function tempRoot(editions: Array<{ id: string; value?: string }>): Promise<ProjectPaths> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'kyoso-bench-'));
  for (const { id, value } of editions) {
    const dir = path.join(root, 'data', id);
    await cp(path.join(TOOL_ROOT, 'data', 'r3'), dir, { recursive: true });
    if (id !== 'r3') {
      // A synthetic edition: its own id and a changed value, so each deck really differs.
      const ed = path.join(dir, 'edition.yaml');
      await writeFile(ed, (await readFile(ed, 'utf8')).replace(/^id: r3$/m, `id: ${id}`));
    }
    if (value) {
      const contact = path.join(dir, 'contact.yaml');
      await writeFile(contact, (await readFile(contact, 'utf8')).replace(/^closing: .*$/m, `closing: ${value}`));
    }
  }
  return projectPaths({ root });
}

async function mtime(file: string): Promise<number> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return 0;
  }
}

interface Row {
  id: string;
  what: string;
  /** The measured median: milliseconds, or `unit` when set (g: MB). */
  medianMs: number;
  unit?: 'MB';
  baseline?: string;
  baselineMs?: number;
  ratio?: number;
  target?: string;
  met?: boolean;
  runsMs: number[];
  baselineRunsMs?: number[];
  extra?: Record<string, unknown>;
}

// ------------------------------------------------------------------ the measurements

async function benchA(runs: number, browser: ResolvedBrowser): Promise<Row> {
  const paths = await tempRoot([{ id: 'r3' }]);
  // The Markdown the build generates is what bare marp gets.
  await build({ paths, editions: ['r3'], only: 'slides', formats: ['md'] });
  const md = path.join(paths.root, 'deck.md');
  await cp(path.join(paths.outDir, 'r3', 'slides', 'r3-slides.md'), md);
  const ours: number[] = [];
  const bare: number[] = [];
  // The wrapper compiles src/ when it is newer than dist/: pay that once, outside the timings.
  await cli(paths.root, ['validate']);
  for (let i = 0; i < runs; i++) {
    // Cold: no earlier output (nor a manifest that would call it up to date).
    await rm(paths.outDir, { recursive: true, force: true });
    ours.push((await cli(paths.root, ['build', 'r3', '--only', 'slides', '--formats', 'pdf'])).ms);
    bare.push((await marp(browser, md, path.join(paths.root, 'bare.pdf'), ['--pdf'])).ms);
  }
  await rm(paths.root, { recursive: true, force: true });
  const m = median(ours);
  const b = median(bare);
  return {
    id: 'a',
    what: 'slides PDF only, cold CLI process',
    medianMs: m,
    baseline: 'marp --pdf (same Markdown)',
    baselineMs: b,
    ratio: m / b,
    target: '≤ 0.8',
    met: m / b <= 0.8,
    runsMs: ours,
    baselineRunsMs: bare,
  };
}

async function benchBC(runs: number, browser: ResolvedBrowser, formats: OutputKind[] | undefined): Promise<Row[]> {
  const paths = await tempRoot([{ id: 'r3' }]);
  await build({ paths, editions: ['r3'], only: 'slides', formats: ['md'] });
  const md = path.join(paths.outDir, 'r3', 'slides', 'r3-slides.md');
  const mdCopy = path.join(paths.root, 'deck.md');
  await cp(md, mdCopy);
  // The guideline HTML for the bare prints (one render, no TOC page pass).
  const [valid] = await loadEditions(paths, ['r3']);
  const guides: string[] = [];
  for (const call of valid!.edition.calls) {
    const guide = valid!.edition.guidelines.find((g) => g.call === call.id);
    if (!guide) continue;
    const file = path.join(paths.root, `guide-${call.id}.html`);
    await writeFile(file, await embedFonts(await renderGuidelineHtml(paths.templatesDir, guidelineView(valid!.edition, call, guide)), FONT_SLOT, '0123456789ivxlcdm−－'));
    guides.push(file);
  }
  const full: number[] = [];
  const bare: number[] = [];
  const bare1x: number[] = [];
  const noop: number[] = [];
  const noopLaunches: number[] = [];
  const parts: Record<string, number[]> = { pdf: [], pptx: [], html: [], png: [], png1x: [], guidelines: [] };
  const wants = (k: OutputKind): boolean => formats === undefined || formats.includes(k);
  const args = ['build', 'r3', ...(formats ? ['--formats', formats.join(',')] : [])];
  for (let i = 0; i < runs; i++) {
    await rm(paths.outDir, { recursive: true, force: true });
    full.push((await cli(paths.root, args)).ms);
    // c: right after a full build nothing changed. The CLI says so, or it built something (a launch).
    const n = await cli(paths.root, args);
    noop.push(n.ms);
    noopLaunches.push(/変更はありません|Nothing changed/.test(n.stderr ?? '') ? 0 : 1);
    const bareDir = path.join(paths.root, 'bare');
    await mkdir(bareDir, { recursive: true });
    const p = wants('pdf') ? (await marp(browser, mdCopy, path.join(bareDir, 'deck.pdf'), ['--pdf'])).ms : 0;
    const x = wants('pptx') ? (await marp(browser, mdCopy, path.join(bareDir, 'deck.pptx'), ['--pptx'])).ms : 0;
    const h = wants('html') ? (await marp(browser, mdCopy, path.join(bareDir, 'deck.html'), [])).ms : 0;
    // The same pixels as ours (IMAGE_SCALE: 1920×1080 per slide); marp's default scale is 1. The 1×
    // run is timed too and reported beside (b's baseline until 2026-12-03), not summed.
    const g = wants('png') ? (await marp(browser, mdCopy, path.join(bareDir, 'deck.png'), ['--images', 'png', '--image-scale', String(IMAGE_SCALE)])).ms : 0;
    const g1 = wants('png') ? (await marp(browser, mdCopy, path.join(bareDir, 'deck1x.png'), ['--images', 'png'])).ms : 0;
    let gl = 0;
    if (wants('guideline')) for (const file of guides) gl += (await barePrint(browser, file, `${file}.pdf`)).ms;
    parts.pdf!.push(p);
    parts.pptx!.push(x);
    parts.html!.push(h);
    parts.png!.push(g);
    parts.png1x!.push(g1);
    parts.guidelines!.push(gl);
    bare.push(p + x + h + g + gl);
    bare1x.push(p + x + h + g1 + gl);
  }
  await rm(paths.root, { recursive: true, force: true });
  const f = median(full);
  const b = median(bare);
  const n = median(noop);
  return [
    {
      id: 'b',
      what: formats ? `r3 outputs ${formats.join(',')}, cold CLI process` : 'every output of r3, cold CLI process',
      medianMs: f,
      baseline: 'sum of bare runs',
      baselineMs: b,
      ratio: f / b,
      target: '≤ 0.5',
      met: f / b <= 0.5,
      runsMs: full,
      baselineRunsMs: bare,
      extra: { formats: formats ?? 'all', ratioWithPng1x: f / median(bare1x), bareMedianMs: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Math.round(median(v))])) },
    },
    {
      id: 'c',
      what: 'no-op rebuild, CLI process',
      medianMs: n,
      baseline: 'cold full build (b)',
      baselineMs: f,
      ratio: n / f,
      target: '≤ 0.1 and < 0.4 s, 0 launches',
      met: n / f <= 0.1 && n < 400 && noopLaunches.every((l) => l === 0),
      runsMs: noop,
      baselineRunsMs: full,
      extra: { launches: noopLaunches },
    },
  ];
}

async function benchD(runs: number, browser: ResolvedBrowser, previewFirst: boolean): Promise<Row> {
  const paths = await tempRoot([{ id: 'r3' }]);
  const pdfFile = path.join(paths.outDir, 'r3', 'slides', 'r3-slides.pdf');
  const contact = path.join(paths.dataDir, 'r3', 'contact.yaml');
  const original = await readFile(contact, 'utf8');

  // The same deck as a print document, for the warm-browser baselines.
  const [valid] = await loadEditions(paths, ['r3']);
  const view = deckView(valid!.edition);
  const markdown = await renderDeckMarkdown(paths.templatesDir, view);
  const theme = await loadTheme(paths.templatesDir);
  const render = renderMarp(markdown, theme);
  const printHtml = slidesDocument(render, { title: 'bench', fontCss: await fontFaceCss(markdown + theme) });
  const htmlFile = path.join(paths.root, 'deck.html');
  await writeFile(htmlFile, printHtml);

  const warm: Browser = await puppeteer.launch({
    executablePath: browser.executablePath,
    headless: browser.source === 'npm' ? 'shell' : true,
    args: [...new Set([...browser.args, ...LAUNCH_ARGS])],
  });
  const dev = await startDev({ paths, port: 0, previewFirst });
  const edits: number[] = [];
  const reloads: number[] = [];
  const swaps: number[] = [];
  try {
    const page = await warm.newPage();
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await loadFonts(page);
    await dev.idle();
    for (let i = 0; i < runs; i++) {
      // dev: save one changed value, wait for the slides PDF to be replaced on disk.
      const before = await mtime(pdfFile);
      const started = performance.now();
      await writeFile(contact, original.replace(/^closing: .*$/m, `closing: ご清聴ありがとうございました（${i + 1}）`));
      while ((await mtime(pdfFile)) === before) await new Promise((r) => setTimeout(r, 5));
      edits.push(performance.now() - started);
      await dev.idle(); // the rest of the outputs; not part of the measured latency

      // Printed as the product prints (tagged: the PDF's structure tree for screen readers).
      const print = { width: '1280px', height: '720px', printBackground: true, tagged: true } as const;
      let t0 = performance.now();
      await page.reload({ waitUntil: 'load' });
      await loadFonts(page);
      await page.pdf(print);
      reloads.push(performance.now() - t0);

      // swap-and-print: the page stays loaded (fonts decoded); only the slides' markup changes.
      t0 = performance.now();
      // (The same markup each time: replacing and re-laying-out the deck is the cost, not which text it holds.)
      await page.evaluate((html) => {
        const deck = document.querySelector('div.marpit');
        if (deck) deck.outerHTML = html;
      }, render.html);
      await page.pdf(print);
      swaps.push(performance.now() - t0);
    }
  } finally {
    await dev.close();
    await warm.close();
    await rm(paths.root, { recursive: true, force: true });
  }
  const e = median(edits);
  const r = median(reloads);
  const s = median(swaps);
  return {
    id: previewFirst ? 'd' : 'd*',
    what: previewFirst ? 'dev: value saved → slides PDF on disk' : 'dev, preview step off (all formats first)',
    medianMs: e,
    baseline: 'warm swap of the whole deck + page.pdf()',
    baselineMs: s,
    ratio: e / s,
    target: '≤ 2',
    met: e / s <= 2,
    runsMs: edits,
    baselineRunsMs: swaps,
    extra: { reloadAndPrintMedianMs: Math.round(r), ratioToReload: e / r, reloadRunsMs: reloads.map(Math.round) },
  };
}

async function benchE(runs: number, counts: number[]): Promise<Row> {
  const byCount = new Map<number, { ms: number[]; rss: number[]; nodeRss: number[] }>();
  const roots = new Map<number, ProjectPaths>();
  for (const n of counts) {
    const ids = n === 1 ? [{ id: 'r3' }] : Array.from({ length: n }, (_, i) => ({ id: `r3-${String(i + 1).padStart(3, '0')}`, value: `ご清聴ありがとうございました（${i + 1}）` }));
    roots.set(n, await tempRoot(ids));
    byCount.set(n, { ms: [], rss: [], nodeRss: [] });
  }
  for (let i = 0; i < runs; i++) {
    for (const n of counts) {
      const paths = roots.get(n)!;
      await rm(paths.outDir, { recursive: true, force: true });
      const r = await runChild({ root: paths.root, editions: [], only: 'slides', formats: ['pdf'] }, true);
      const slot = byCount.get(n)!;
      slot.ms.push(r.ms);
      slot.rss.push(r.peakTreeRssKb ?? 0);
      slot.nodeRss.push(r.child?.maxRssKb ?? 0);
    }
  }
  for (const p of roots.values()) await rm(p.root, { recursive: true, force: true });
  const med = (n: number): number => median(byCount.get(n)!.ms);
  const first = med(counts[0]!);
  const last = counts[counts.length - 1]!;
  const marginal = (med(last) - first) / (last - counts[0]!);
  const peakMb = Math.max(...[...byCount.values()].flatMap((v) => v.rss)) / 1024;
  return {
    id: 'e',
    what: `${counts.join('/')} editions, slides PDF, cold: marginal per edition`,
    medianMs: marginal,
    baseline: 'first edition (1-edition build)',
    baselineMs: first,
    ratio: marginal / first,
    // Issue 14: the marginal time per edition at most 0.3× the first (it was 0.4 before).
    target: '≤ 0.3, peak RSS < 1.5 GB',
    met: marginal / first <= 0.3 && peakMb < 1536,
    runsMs: byCount.get(last)!.ms,
    extra: Object.fromEntries([
      ...counts.map((n) => [
        `n${n}`,
        { medianMs: Math.round(med(n)), peakTreePssMb: Math.round(Math.max(...byCount.get(n)!.rss) / 1024), nodeMaxRssMb: Math.round(Math.max(...byCount.get(n)!.nodeRss) / 1024) },
      ]),
      ['peakTreePssMb', Math.round(peakMb)],
    ]),
  };
}

/** l: the 公募要領 of r3 (both, 30+ pages each), cold, against bare prints of their HTML. */
async function benchL(runs: number, browser: ResolvedBrowser): Promise<Row> {
  const paths = await tempRoot([{ id: 'r3' }]);
  const [valid] = await loadEditions(paths, ['r3']);
  const guides: string[] = [];
  for (const call of valid!.edition.calls) {
    const guide = valid!.edition.guidelines.find((g) => g.call === call.id);
    if (!guide) continue;
    const file = path.join(paths.root, `guide-${call.id}.html`);
    await writeFile(file, await embedFonts(await renderGuidelineHtml(paths.templatesDir, guidelineView(valid!.edition, call, guide)), FONT_SLOT, '0123456789ivxlcdm−－'));
    guides.push(file);
  }
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    await rm(paths.outDir, { recursive: true, force: true });
    ours.push((await cli(paths.root, ['build', 'r3', '--only', 'guidelines', '--formats', 'guideline'])).ms);
    let b = 0;
    for (const file of guides) b += (await barePrint(browser, file, `${file}.pdf`)).ms;
    bare.push(b);
  }
  await rm(paths.root, { recursive: true, force: true });
  const m = median(ours);
  const f = median(bare);
  return {
    id: 'l',
    what: 'r3 公募要領 (2 × 30+ pages), cold CLI process',
    medianMs: m,
    baseline: 'bare Chromium print of each HTML',
    baselineMs: f,
    ratio: m / f,
    target: '≤ 1.3',
    met: m / f <= 1.3,
    runsMs: ours,
    baselineRunsMs: bare,
  };
}

async function benchF(runs: number): Promise<Row> {
  const paths = await tempRoot([{ id: 'r3' }]);
  // The wrapper compiles src/ when it is newer than dist/: pay that once, outside the timings.
  await cli(paths.root, ['validate']);
  const ours: number[] = [];
  const full: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push((await cli(paths.root, ['validate'])).ms);
    // The full run (loader, schema, text checks): no kept report. It writes the report again.
    await rm(path.join(paths.outDir, VALIDATE_CACHE_FILE), { force: true });
    full.push((await cli(paths.root, ['validate'])).ms);
    floor.push((await runProcess(process.execPath, ['-e', ''])).ms);
  }
  await rm(paths.root, { recursive: true, force: true });
  const m = median(ours);
  const b = median(floor);
  return {
    id: 'f',
    what: '`validate` of r3, cold CLI process, data as last validated',
    medianMs: m,
    baseline: "bare `node -e ''`",
    baselineMs: b,
    ratio: m / b,
    target: '< 0.5 s',
    met: m < 500,
    runsMs: ours,
    baselineRunsMs: floor,
    extra: { fullRunMedianMs: Math.round(median(full)), fullRunsMs: full.map(Math.round) },
  };
}

/** g: the peak memory e sampled, as its own row (e must have run). */
function rowG(e: Row): Row {
  const extra = e.extra ?? {};
  const counts = Object.keys(extra).filter((k) => /^n\d+$/.test(k));
  const last = counts[counts.length - 1] ?? 'n?';
  const peakMb = Number(extra.peakTreePssMb ?? 0);
  return {
    id: 'g',
    what: `peak memory, ${last.slice(1)} editions in one build (node + Chromium PSS)`,
    medianMs: peakMb,
    unit: 'MB',
    target: '< 1536 MB',
    met: peakMb < 1536,
    runsMs: [],
    extra: Object.fromEntries(counts.map((k) => [k, extra[k]])),
  };
}

/**
 * Child mode for t: in a fresh process, load → validate every edition once without the text
 * checks (imports and caches warm), then the same with every text rule, timed (wall and CPU):
 * the difference is what linting the text costs a cold `lint:text`, kuromoji's load included.
 */
async function textChild(): Promise<void> {
  const paths = projectPaths();
  const ids = await selectEditions(paths, []);
  const timed = async (text: 'all' | 'fast' | 'none'): Promise<{ ms: number; cpuMs: number }> => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await loadEditions(paths, ids, { text });
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
  };
  await timed('none');
  const none = await timed('none');
  const all = await timed('all');
  const steadyAll = await timed('all');
  const steadyFast = await timed('fast');
  const out = {
    ms: all.ms - none.ms,
    cpuMs: all.cpuMs - none.cpuMs,
    steadyAllMs: steadyAll.ms - none.ms,
    steadyFastMs: steadyFast.ms - none.ms,
    editions: ids.length,
    maxRssKb: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`BENCH ${JSON.stringify(out)}\n`);
}

async function benchT(runs: number): Promise<Row> {
  const cli = path.join(TOOL_ROOT, 'scripts', 'kyoso-docs.js');
  // The wrapper compiles src/ when it is newer than dist/: pay that once, outside the timings.
  await runProcess(process.execPath, [cli, 'validate']);
  const lint: number[] = [];
  const lintCpu: number[] = [];
  const steadyAll: number[] = [];
  const steadyFast: number[] = [];
  const rss: number[] = [];
  const lintCli: number[] = [];
  const validateCli: number[] = [];
  let editions = 0;
  for (let i = 0; i < runs; i++) {
    const c = await runProcess(process.execPath, ['--import', 'tsx', SELF, '--child-text']);
    const r = c.child as unknown as { ms: number; cpuMs: number; steadyAllMs: number; steadyFastMs: number; editions: number; maxRssKb: number };
    lint.push(r.ms);
    lintCpu.push(r.cpuMs);
    steadyAll.push(r.steadyAllMs);
    steadyFast.push(r.steadyFastMs);
    rss.push(r.maxRssKb);
    editions = r.editions;
    lintCli.push((await runProcess(process.execPath, [cli, 'lint-text'])).ms);
    // The full validation (its text checks included), not the kept report of the last run.
    await rm(path.join(projectPaths().outDir, VALIDATE_CACHE_FILE), { force: true });
    validateCli.push((await runProcess(process.execPath, [cli, 'validate'])).ms);
  }
  const m = median(lint);
  return {
    id: 't',
    what: `text checks of every edition (${editions}), cold: first pass incl. imports and kuromoji`,
    medianMs: m,
    baseline: 'cold `validate` process',
    baselineMs: median(validateCli),
    ratio: m / median(validateCli),
    target: '< 2 s',
    met: m < 2000,
    runsMs: lint,
    extra: {
      cpuMs: Math.round(median(lintCpu)),
      steadyAllMs: Math.round(median(steadyAll)),
      steadyFastMs: Math.round(median(steadyFast)),
      lintTextProcessMs: Math.round(median(lintCli)),
      validateProcessMs: Math.round(median(validateCli)),
      maxRssMb: Math.round(Math.max(...rss) / 1024),
    },
  };
}

/**
 * v: one long value. A copy of the fixture editions whose first guideline prose is one line of
 * 1 MB (Japanese text, no blank line: what made prh's paragraph split quadratic), validated by a
 * cold CLI process, against the same copy without it. The difference is the value's cost.
 */
async function benchV(runs: number): Promise<Row> {
  const cli = path.join(TOOL_ROOT, 'scripts', 'kyoso-docs.js');
  await runProcess(process.execPath, [cli, 'validate']);
  const make = async (long: boolean): Promise<string> => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'kyoso-bench-v-'));
    await cp(path.join(TOOL_ROOT, 'test', 'fixtures', 'editions'), path.join(root, 'data'), { recursive: true });
    await cp(path.join(TOOL_ROOT, 'templates'), path.join(root, 'templates'), { recursive: true });
    const file = path.join(root, 'data', 'r3', 'guidelines', 'kyoso.yaml');
    const text = await readFile(file, 'utf8');
    // 1 MB of UTF-8: 10 characters of 3 bytes, 35,000 times.
    if (long) await writeFile(file, text.replace('      - text: |-\n', `      - text: |-\n          ${'これは長い本文です。'.repeat(35_000)}\n`));
    return root;
  };
  const withLong = await make(true);
  const without = await make(false);
  const ours: number[] = [];
  const base: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      for (const [root, into] of [
        [withLong, ours],
        [without, base],
      ] as const) {
        await rm(path.join(root, 'output'), { recursive: true, force: true });
        // Exit 0 or the bench stops: the long value must validate, not be refused.
        into.push((await runProcess(process.execPath, [cli, 'validate', 'r3'], { env: { ...process.env, KYOSO_ROOT: root } })).ms);
      }
    }
  } finally {
    await rm(withLong, { recursive: true, force: true });
    await rm(without, { recursive: true, force: true });
  }
  const m = median(ours);
  const extra = m - median(base);
  return {
    id: 'v',
    what: '`validate r3` with one 1 MB value, cold CLI process',
    medianMs: m,
    baseline: 'the same edition without the long value',
    baselineMs: median(base),
    ratio: m / median(base),
    target: 'the value costs < 1 s',
    met: extra < 1000,
    runsMs: ours,
    baselineRunsMs: base,
    extra: { valueCostMs: Math.round(extra) },
  };
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      'child-text': { type: 'boolean' },
      runs: { type: 'string' },
      only: { type: 'string' },
      editions: { type: 'string' },
      formats: { type: 'string' },
    },
  });
  if (values.child) return child(JSON.parse(values.child) as ChildJob);
  if (values['child-text']) return textChild();

  const runs = Math.max(1, Number(values.runs ?? 5));
  const only = new Set((values.only ?? 'a,b,c,d,e,f,g,l,t,v').split(','));
  const formats = values.formats ? (values.formats.split(',') as OutputKind[]) : undefined;
  const counts = (values.editions ?? '1,10,50').split(',').map(Number);
  const browser = await resolveBrowser();
  const version = (() => {
    try {
      return execFileSync(browser.executablePath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  })();
  // The wrapper compiles src/ when it is newer than dist/: pay that once, before any timing.
  await runProcess(process.execPath, [CLI, '--help']);
  const marpBefore = new Set((await readdir(os.tmpdir())).filter((f) => f.startsWith('marp-cli-')));
  const rows: Row[] = [];
  const say = (line: string): void => void process.stderr.write(`${line}\n`);
  say(
    `bench: ${runs} runs each; ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  try {
    if (only.has('a')) {
      rows.push(await benchA(runs, browser));
      say('  a done');
    }
    if (only.has('b') || only.has('c')) {
      rows.push(...(await benchBC(runs, browser, formats)));
      say('  b, c done');
    }
    if (only.has('d')) {
      rows.push(await benchD(runs, browser, true));
      rows.push(await benchD(runs, browser, false));
      say('  d done');
    }
    if (only.has('e') || only.has('g')) {
      const e = await benchE(runs, counts);
      if (only.has('e')) rows.push(e);
      if (only.has('g')) rows.push(rowG(e));
      say('  e, g done');
    }
    if (only.has('f')) {
      rows.push(await benchF(runs));
      say('  f done');
    }
    if (only.has('l')) {
      rows.push(await benchL(runs, browser));
      say('  l done');
    }
    if (only.has('t')) {
      rows.push(await benchT(runs));
      say('  t done');
    }
    if (only.has('v')) {
      rows.push(await benchV(runs));
      say('  v done');
    }
  } finally {
    // marp-cli leaves its Chromium profiles in /tmp; remove the ones this run made.
    for (const f of await readdir(os.tmpdir())) {
      if (f.startsWith('marp-cli-') && !marpBefore.has(f)) await rm(path.join(os.tmpdir(), f), { recursive: true, force: true });
    }
  }

  const s = (ms: number | undefined): string => (ms === undefined ? '' : `${(ms / 1000).toFixed(2)} s`);
  const table = [
    '| | measured | median | baseline | median | ratio | target | met |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.id} | ${r.what} | ${r.unit ? `${Math.round(r.medianMs)} ${r.unit}` : s(r.medianMs)} | ${r.baseline ?? ''} | ${s(r.baselineMs)} | ${r.ratio?.toFixed(2) ?? ''} | ${r.target ?? ''} | ${r.met ? 'yes' : 'no'} |`,
    ),
  ].join('\n');
  process.stdout.write(`${table}\n`);
  for (const r of rows) if (r.extra) process.stdout.write(`${r.id}: ${JSON.stringify(r.extra)}\n`);

  const machine = {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().map((c) => c.model),
    cores: os.cpus().length,
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    loadAverageAtEnd: os.loadavg(),
    node: process.version,
    browser: { path: browser.executablePath, source: browser.source, version },
  };
  const outDir = projectPaths().outDir;
  await mkdir(outDir, { recursive: true });
  // `--only` re-measures some comparisons: keep the other rows of the last run, each stamped with when it was measured.
  const file = path.join(outDir, 'bench.json');
  const stamp = { measuredAt: new Date().toISOString(), runs, loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))) };
  const previous = await readFile(file, 'utf8').then(
    (t) => (JSON.parse(t) as { rows?: Row[] }).rows ?? [],
    () => [] as Row[],
  );
  const merged = [...previous.filter((r) => !rows.some((n) => n.id === r.id)), ...rows.map((r) => ({ ...r, ...stamp }))].sort((x, y) => x.id.localeCompare(y.id));
  await writeFile(file, `${JSON.stringify({ machine, rows: merged }, null, 2)}\n`);
  say(`→ ${path.relative(process.cwd(), file)}`);
}

await main();
