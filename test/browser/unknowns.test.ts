/**
 * The fixture edition r5 (a year not yet known: unknown counts, an unknown budget, unknown
 * milestone dates, a field not called) built as a draft: every unknown prints as 「（要確認）」,
 * shaded, in the deck's PDF, its PPTX and the 公募要領; `build --final` stops naming each one.
 * The view-models and the refusals in detail: test/fast/unknowns.test.ts.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { run } from '../../src/cli/run.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { partText, readPptx } from '../helpers/pptx.ts';
import { pdfInfo, pdfText, tempProject, type TempProject } from '../helpers/project.ts';

const session = new BrowserSession();
let project: TempProject;
const out = (rel: string) => path.join(project.paths.outDir, 'r5', rel);
const pagesOf = (file: string) => Array.from({ length: Number(pdfInfo(file).Pages) }, (_, i) => pdfText(file, { page: i + 1 }));

/** Pixels of the shade behind a placeholder (#fff3c4, within rounding) on a page rendered at 40 dpi. */
function shadedPixels(file: string, page: number): number {
  const ppm = execFileSync('pdftoppm', ['-r', '40', '-f', String(page), '-l', String(page), file]);
  // P6 header: magic, width, height, maxval, each followed by whitespace.
  let at = 0;
  for (let fields = 0; fields < 4; at++) if (/\s/.test(String.fromCharCode(ppm[at]!)) && !/\s/.test(String.fromCharCode(ppm[at - 1]!))) fields++;
  let n = 0;
  for (let i = at; i + 2 < ppm.length; i += 3) if (Math.abs(ppm[i]! - 255) < 6 && Math.abs(ppm[i + 1]! - 243) < 6 && Math.abs(ppm[i + 2]! - 196) < 6) n++;
  return n;
}

beforeAll(async () => {
  project = await tempProject(['r4', 'r5']);
  await build({ paths: project.paths, editions: ['r5'], formats: ['pdf', 'pptx', 'guideline'], session, date: new Date('2023-04-01T00:00:00Z') });
}, 300_000);
afterAll(async () => {
  await session.close();
  await project.dispose();
});

describe('a year not yet known (fixture r5), built as a draft', () => {
  it('prints every unknown of the deck as （要確認）, shaded, and the field not called as such', () => {
    const file = out('slides/r5-slides.pdf');
    const pages = pagesOf(file);
    const call = pages.findIndex((p) => p.includes('「共創分野」の令和5年度公募について'));
    expect(call).toBeGreaterThan(0);
    // budget, awards, the composition's text, the call period's end, the interview and the result.
    expect(pages[call]!.match(/（要確認）/gu)).toHaveLength(6);
    expect(pages[call]).toContain('令和5年5月10日（水）～（要確認）');
    expect(shadedPixels(file, call + 1)).toBeGreaterThan(200);
    const table = pages.findIndex((p) => p.includes('を構成するプログラムの概要'));
    expect(pages[table]!.match(/（要確認）/gu)).toHaveLength(3);
    expect(shadedPixels(file, table + 1)).toBeGreaterThan(50);
    const seisaku = pages.find((p) => p.includes('「政策重点分野」の令和5年度公募について'))!;
    expect(seisaku).toContain('※令和5年度は公募を行いません');
    // A page with no unknown has no shade.
    expect(shadedPixels(file, 1)).toBe(0);
  });

  it('highlights every （要確認） of the PPTX, in tables and text boxes alike', async () => {
    const pptx = await readPptx(out('slides/r5-slides.pptx'));
    const runs = pptx.slides.flatMap((xml) => [...xml.matchAll(/<a:r>([\s\S]*?)<\/a:r>/gu)].map((m) => m[1]!));
    const tbd = runs.filter((r) => partText(r).includes('（要確認）'));
    expect(tbd.length).toBeGreaterThanOrEqual(9);
    for (const r of tbd) expect(r, partText(r)).toMatch(/<a:highlight><a:srgbClr val="FFF3C4"\/><\/a:highlight>/u);
    // No other run is highlighted that way.
    expect(runs.filter((r) => r.includes('FFF3C4') && !partText(r).includes('（要確認）'))).toEqual([]);
  });

  it('prints every unknown of the 公募要領 tables and prose as （要確認）, shaded', () => {
    const file = out('guidelines/kyoso.pdf');
    const pages = pagesOf(file);
    const all = pages.join('');
    expect(all).toContain('育成型の委託研究費は（要確認）');
    expect(all).toContain('公募期間令和5年5月10日（水）～（要確認）');
    expect(all).toContain('面接選考（要確認）');
    expect(all.match(/（要確認）/gu)!.length).toBeGreaterThanOrEqual(10);
    const withUnknown = pages.map((p, i) => (p.includes('（要確認）') ? i + 1 : 0)).filter((n) => n > 0);
    for (const n of withUnknown) expect(shadedPixels(file, n), `page ${n}`).toBeGreaterThan(20);
  });

  it('refuses build --final, naming each unknown at its file:line:col', async () => {
    const err: string[] = [];
    const code = await run(['build', 'r5', '--final', '--only', 'slides', '--formats', 'pdf'], { out: () => {}, err: (l) => err.push(l) }, { root: project.root });
    expect(code).toBe(1);
    const text = err.join('\n');
    for (const at of [
      'kyoso.yaml:17:22',
      'kyoso.yaml:27:13',
      'kyoso.yaml:29:13',
      'kyoso.yaml:37:13',
      'kyoso.yaml:45:13',
      'kyoso.yaml:48:13',
      'programmes.yaml:110:22',
      'programmes.yaml:111:23',
    ])
      expect(text).toMatch(new RegExp(`data/r5/(?:calls/)?${at.replace(/\./gu, '\\.')} .*\\[VALUE_TO_CONFIRM\\]`, 'u'));
  });
});
