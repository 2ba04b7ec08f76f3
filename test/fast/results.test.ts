/**
 * Call results as data (issue 28, item 4): results.yaml (test/fixtures/results, the results of
 * COI-NEXT's first call built from r3's own facts, applications and names 要確認) is a file kind of
 * its own — validated, checked against the sites list and its own counts, read-tracked — printed
 * by the slide kind `results` and the 公募要領 block `results`, each unknown as a shaded （要確認）.
 */
import { copyFile, cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareEditions } from '../../src/app/diff/compare.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { run } from '../../src/cli/run.ts';
import type { Edition } from '../../src/schema/index.ts';
import { filesRead } from '../../src/schema/edition-paths.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { deckView, renderDeckMarkdown } from '../../src/stages/render/deck-view.ts';
import { guidelineView, renderGuidelineHtml } from '../../src/stages/render/guideline-view.ts';
import { finalIssues } from '../../src/stages/validate/index.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';
import JSZip from 'jszip';
import { loadTheme } from '../../src/outputs/deck/index.ts';
import { buildNativePptx } from '../../src/outputs/pptx/native.ts';
import { loadTemplateGeometry } from '../../src/outputs/pptx/template-geometry.ts';
import { ThemeTokens } from '../../src/outputs/pptx/theme.ts';

const RESULTS = path.join(TOOL_ROOT, 'test', 'fixtures', 'results', 'results.yaml');
const TBD = '<span class="tbd">（要確認）</span>';
const count = (s: string, part: string) => s.split(part).length - 1;
/** The markup without the line-break hints (<wbr>, phrase spans), so words compare whole. */
const plain = (s: string) => s.replaceAll('<wbr>', '').replace(/<span class="ph">([^<]*)<\/span>/gu, '$1');

/** r3 with results.yaml, a results slide after the sites map and the block in 共創分野's 公募要領. */
async function withResults(): Promise<TempProject> {
  const p = await tempProject(['r3']);
  await copyFile(RESULTS, path.join(p.paths.dataDir, 'r3', 'results.yaml'));
  await p.edit('r3/deck.yaml', '  - kind: sites\n', '  - kind: sites\n  - kind: results\n    result: r2-kyoso\n');
  await p.edit('r3/guidelines/kyoso.yaml', '      - block: awards\n', '      - block: awards\n    sections:\n      - body: [{ block: results }]\n');
  return p;
}

async function cli(p: TempProject, args: string[]) {
  const lines: string[] = [];
  const exit = await run(args, { out: (l) => lines.push(l), err: (l) => lines.push(l) }, { root: p.root });
  return { exit, text: lines.join('\n') };
}

let project: TempProject;
let r3: Edition;

beforeAll(async () => {
  project = await withResults();
  const [valid] = await loadEditions(project.paths, ['r3'], { text: 'none' });
  r3 = valid!.edition;
}, 60_000);
afterAll(() => project.dispose());

describe('call results (results.yaml)', () => {
  it('prints a result on its slide: counts per type, the adopted list, each unknown shaded', async () => {
    const view = deckView(r3);
    const slide = view.slides.find((s) => s.kind === 'results')!;
    expect(slide.id).toBe('results-r2-kyoso');
    // The slide reads results.yaml (so an edit rebuilds it) and programmes.yaml (the type names).
    expect(filesRead(r3.sources, slide.reads)).toEqual(expect.arrayContaining(['results.yaml', 'programmes.yaml']));
    const md = await renderDeckMarkdown(project.paths.templatesDir, view);
    const page = plain(md.split('\n---\n').find((s) => s.includes('data-source="data/r3/results&#46;yaml"'))!);
    // Its heading is the result's title; the adopted list has the file's caption.
    expect(page).toMatch(/^\s*# 令和2年度公募（共創分野）の結果\n/u);
    expect(page).toContain('■採択されたプロジェクト');
    expect(page).toContain(`<td>育成型</td><td>${TBD}</td><td>12件</td>`);
    expect(page).toContain(`<td>本格型</td><td>${TBD}</td><td>1件</td>`);
    expect(page).toContain('<td>琉球大学</td>');
    expect(count(page, '<td>東京大学</td>')).toBe(2);
    // Applications of the two types and the names of the 13 projects are not known yet.
    expect(count(page, TBD)).toBe(2 + 13);
    expect(page.replaceAll('（要確認）', '')).not.toContain('要確認');
  });

  it('draws the same tables in the PPTX, each unknown a highlighted run, within the slide', async () => {
    const view = deckView(r3);
    const deck = await buildNativePptx({
      view,
      theme: new ThemeTokens(await loadTheme(project.paths.templatesDir), 'templates/themes/kyoso.css'),
      geometry: await loadTemplateGeometry(project.paths.templatesDir),
      meta: { title: 't', author: 'a', subject: 's', company: 'c' },
    });
    expect(deck.problems).toEqual([]);
    const zip = await JSZip.loadAsync(deck.bytes);
    const n = view.slides.findIndex((s) => s.kind === 'results') + 1;
    const xml = await zip.file(`ppt/slides/slide${n}.xml`)!.async('string');
    const texts = [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/gu)].map((m) => m[1]);
    expect(texts).toEqual(expect.arrayContaining(['令和2年度公募（共創分野）の結果', '■採択されたプロジェクト', '12件', '名古屋市立大学', '信州大学']));
    expect(count(xml, 'FFF3C4')).toBe(2 + 13);
  });

  it('prints the results of the call’s field in its 公募要領, titled by the file’s heading', async () => {
    const call = r3.calls.find((c) => c.id === 'kyoso')!;
    const view = guidelineView(r3, call, r3.guidelines.find((g) => g.call === 'kyoso')!);
    const html = plain(await renderGuidelineHtml(project.paths.templatesDir, view));
    expect(html).toContain('これまでの公募の結果');
    expect(html).toContain('令和2年度公募（共創分野）の結果');
    // 政策重点分野's result is another field's: not in 共創分野's document.
    expect(html).not.toContain('令和2年度公募（政策重点分野）の結果');
    expect(html).toContain('名古屋市立大学');
    expect(html).toContain(`<th scope="row">育成型</th><td><span class="value">${TBD}</span></td><td><span class="value">12件</span></td>`);
    expect(count(html.slice(html.indexOf('これまでの公募の結果')), TBD)).toBe(2 + 13);
  });

  it('is refused by build --final while a value is 要確認, each located in results.yaml', async () => {
    const { loaded } = (await loadEditions(project.paths, ['r3'], { text: 'none' }))[0]!;
    const inResults = finalIssues(loaded, r3).filter((i) => i.file.endsWith('results.yaml'));
    // 2 + 3 applications, 13 + 5 project names.
    expect(inResults).toHaveLength(5 + 18);
    expect(inResults.every((i) => i.code === 'VALUE_TO_CONFIRM' && i.line > 0)).toBe(true);
  });

  it('checks the adopted projects against the sites list and against the counts', async () => {
    const p = await withResults();
    try {
      await p.edit('r3/results.yaml', 'institution: 琉球大学, type: ikusei, site: next-01', 'institution: 沖縄大学, type: ikusei, site: next-01');
      await p.edit('r3/results.yaml', /\n {6}- \{ title: 要確認, institution: 信州大学.*\n/u, '\n');
      await p.edit('r3/deck.yaml', 'result: r2-kyoso', 'result: r2-kyouso');
      const { exit, text } = await cli(p, ['validate', 'r3']);
      expect(exit).toBe(1);
      expect(text).toMatch(
        /data\/r3\/results\.yaml:\d+:\d+ {2}results\[0\]\.projects\[0\]\.institution — 代表機関「沖縄大学」が、拠点一覧の拠点「next-01」の「琉球大学」と違います.*\[SITE_MISMATCH\]/u,
      );
      expect(text).toMatch(
        /data\/r3\/results\.yaml:\d+:\d+ {2}results\[0\]\.rows\[0\]\.adopted — .*（育成型）の採択件数 12 と、一覧のプロジェクト 11 件が一致しません.*\[COUNT_MISMATCH\]/u,
      );
      expect(text).toMatch(/data\/r3\/deck\.yaml:\d+:\d+ {2}slides\[\d+\]\.result — .*「r2-kyouso」.*\[DANGLING_REF\]/u);
    } finally {
      await p.dispose();
    }
  });

  it('has its changed values in the 新旧対照表, placed on the slide and in the 公募要領 that print them', async () => {
    const p = await withResults();
    try {
      await cp(path.join(p.paths.dataDir, 'r3'), path.join(p.paths.dataDir, 'r3x'), { recursive: true });
      await p.edit('r3x/edition.yaml', /^id: r3$/mu, 'id: r3x');
      await p.edit('r3x/results.yaml', '- { type: ikusei, applications: 要確認, adopted: 12 }', '- { type: ikusei, applications: 52, adopted: 12 }');
      const [a, b] = await loadEditions(p.paths, ['r3', 'r3x'], { text: 'none' });
      const rows = compareEditions(a!.edition, b!.edition);
      const changed = rows.filter((r) => r.where.startsWith('results.yaml'));
      expect(changed.map((r) => [r.kind, r.old, r.new])).toEqual([['changed', '（要確認）', '52件']]);
      expect(changed[0]!.place).toContain('令和2年度公募（共創分野）の結果');
      expect(changed[0]!.place).toContain('公募要領（共創分野）');
    } finally {
      await p.dispose();
    }
  });

  it('refuses a 公募要領 block of results when its field has none', async () => {
    const p = await withResults();
    try {
      await p.edit('r3/results.yaml', 'field: kyoso', 'field: chiiki');
      const { exit, text } = await cli(p, ['validate', 'r3']);
      expect(exit).toBe(1);
      expect(text).toContain('ブロック「results」には分野「kyoso」の公募の結果（results.yaml）が必要です');
    } finally {
      await p.dispose();
    }
  });
});
