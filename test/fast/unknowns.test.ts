/**
 * A value not known yet, written `要確認`: the fixture edition r5 (a later year whose amount, count,
 * minimum number of institutions, programme-table budget and three milestone dates are not known)
 * validates and prints every unknown as 「（要確認）」 marked `.tbd` in the deck's Markdown and the
 * 公募要領's HTML; `build --final` refuses each at its file:line:col, and a `status: final` edition
 * that keeps one is warned about. test/browser/unknowns.test.ts reads them back from the PDF and PPTX.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEditions } from '../../src/app/editions.ts';
import { run } from '../../src/cli/run.ts';
import type { Edition } from '../../src/schema/index.ts';
import { deckView, renderDeckMarkdown } from '../../src/stages/render/deck-view.ts';
import { guidelineView, renderGuidelineHtml } from '../../src/stages/render/guideline-view.ts';
import { finalIssues } from '../../src/stages/validate/index.ts';
import { loadEdition } from '../../src/stages/load/index.ts';
import { formTypes } from '../../src/schema/forms.ts';
import { callStatusOf } from '../../src/stages/render/values.ts';
import { webView } from '../../src/stages/render/web-view.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const TBD = '<span class="tbd">（要確認）</span>';
const count = (s: string, part: string) => s.split(part).length - 1;

async function cli(project: TempProject, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const exit = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, { root: project.root });
  return { exit, out: out.join('\n'), err: err.join('\n') };
}

let project: TempProject;
let r5: Edition;

beforeAll(async () => {
  project = await tempProject(['r4', 'r5']);
  const [, b] = await loadEditions(project.paths, ['r4', 'r5']);
  r5 = b!.edition;
  // A draft with unknowns is a clean edition: no problem, no warning.
  expect(b!.warnings).toEqual([]);
}, 60_000);
afterAll(() => project.dispose());

describe('a value not known yet (要確認)', () => {
  it('prints each unknown of the deck as （要確認）, marked, and never the raw 要確認', async () => {
    const md = await renderDeckMarkdown(project.paths.templatesDir, deckView(r5));
    const slides = md.split('\n---\n');
    const call = slides.find((s) => s.includes('data-source="data/r5/calls/kyoso&#46;yaml"'))!;
    // The table: the composition (its text says （要確認）), the budget, the awards.
    expect(count(call, TBD)).toBe(6);
    // The schedule: the end of the call period, the interview and the result.
    expect(call).toMatch(/令和5年5月10日（水）～<\/span><span class="value"><span class="tbd">（要確認）<\/span>/u);
    // The programme table: the 共創分野 育成型 amount (read from the call) and the 地域共創分野 本格型 amount and period.
    const table = slides.find((s) => s.includes('<table class="programmes"'))!;
    expect(count(table, TBD)).toBe(3);
    // Every （要確認） is marked; the YAML's word itself never prints.
    expect(count(md, '（要確認）')).toBe(count(md, TBD));
    expect(md.replaceAll('（要確認）', '')).not.toContain('要確認');
  });

  it('prints each unknown of the 公募要領 (tables and values in prose) as （要確認）, marked', async () => {
    const call = r5.calls.find((c) => c.id === 'kyoso')!;
    const html = await renderGuidelineHtml(project.paths.templatesDir, guidelineView(r5, call, r5.guidelines[0]!));
    const body = html.slice(html.indexOf('<body'));
    expect(count(body, TBD)).toBeGreaterThanOrEqual(7);
    expect(body).toContain('委託研究費は<span class="value"><span class="tbd">（要確認）</span></span>');
    expect(body).toContain('<span class="value">令和5年5月10日（水）～<span class="tbd">（要確認）</span></span>');
    expect(count(body, '（要確認）')).toBe(count(body, TBD));
  });

  it('is refused by build --final, each at its file:line:col (the CLI: test/browser/unknowns.test.ts)', async () => {
    const loaded = await loadEdition(project.paths.root, project.paths.dataDir, 'r5');
    const issues = finalIssues(loaded, r5).filter((i) => i.code === 'VALUE_TO_CONFIRM');
    expect(issues.map((i) => `${i.file}:${i.line}:${i.col} ${i.path}`)).toEqual([
      'data/r5/calls/kyoso.yaml:17:22 table.composition.minInstitutions',
      'data/r5/calls/kyoso.yaml:27:13 types[0].budget',
      'data/r5/calls/kyoso.yaml:29:13 types[0].awards',
      'data/r5/calls/kyoso.yaml:37:13 schedule.milestones[0].period.to',
      'data/r5/calls/kyoso.yaml:45:13 schedule.milestones[2].date',
      'data/r5/calls/kyoso.yaml:48:13 schedule.milestones[3].date',
      'data/r5/programmes.yaml:110:22 programmes[0].fields[2].budget.items[1].money',
      'data/r5/programmes.yaml:111:23 programmes[0].fields[2].budget.items[1].period',
    ]);
    // A value of prose (the composition's text) is refused as the placeholder it is.
    expect(
      finalIssues(loaded, r5)
        .filter((i) => i.code === 'PLACEHOLDER')
        .map((i) => `${i.file}:${i.line}`),
    ).toContain('data/r5/calls/kyoso.yaml:16');
  });

  it('refuses under --final a 要確認 written inside a sentence, which would print unmarked', async () => {
    await project.edit('r5/calls/kyoso.yaml', '  - 政策重点分野は、令和5年度は公募を行いません', '  - 政策重点分野の公募の時期は要確認');
    try {
      const loaded = await loadEdition(project.paths.root, project.paths.dataDir, 'r5');
      const found = finalIssues(loaded, r5).filter((i) => i.code === 'PLACEHOLDER' && i.path === 'bullets[1]');
      expect(found.map((i) => `${i.file}:${i.line}`)).toEqual(['data/r5/calls/kyoso.yaml:10']);
      expect(found[0]!.message.ja).toContain('要確認');
    } finally {
      await project.edit('r5/calls/kyoso.yaml', '  - 政策重点分野の公募の時期は要確認', '  - 政策重点分野は、令和5年度は公募を行いません');
    }
  });

  it('warns when an edition marked final keeps an unknown', async () => {
    await project.edit('r5/edition.yaml', 'status: draft', 'status: final');
    const { exit, err } = await cli(project, ['validate', 'r5']);
    await project.edit('r5/edition.yaml', 'status: final', 'status: draft');
    expect(exit).toBe(0);
    expect(err).toMatch(/data\/r5\/calls\/kyoso\.yaml:27:13 .*\[VALUE_TO_CONFIRM\] 警告/u);
  });

  it('still refuses a misspelt unknown, naming the word to write', async () => {
    await project.edit('r5/calls/kyoso.yaml', '    budget: 要確認', '    budget: 確認中');
    const { exit, err } = await cli(project, ['validate', 'r5']);
    await project.edit('r5/calls/kyoso.yaml', '    budget: 確認中', '    budget: 要確認');
    expect(exit).not.toBe(0);
    expect(err).toContain('data/r5/calls/kyoso.yaml:27:13');
  });
});

describe('a call status per edition (status: called | not-called | to-confirm)', () => {
  it('is read from the call by its table, the slides, the programme table, the web page and the forms', async () => {
    const seisaku = r5.calls.find((c) => c.id === 'seisaku')!;
    const note = '令和5年度は公募を行いません';
    expect(callStatusOf(r5, seisaku, seisaku.types[0]!)).toEqual({ called: false, note });
    const slides = (await renderDeckMarkdown(project.paths.templatesDir, deckView(r5))).split('\n---\n');
    const call = slides.find((s) => s.includes('data-source="data/r5/calls/seisaku&#46;yaml"'))!;
    expect(call.replace(/<[^>]+>/gu, '')).toContain(`※${note}`);
    const table = slides.find((s) => s.includes('<table class="programmes"'))!;
    expect(table.replace(/<[^>]+>/gu, '')).toContain(`（${note}）`);
    const web = webView(r5).calls.find((c) => c.id === 'seisaku')!;
    expect(web.types.map((t) => [t.called, t.note])).toEqual([[false, note]]);
    expect(formTypes(seisaku, {})).toEqual([]);
  });

  it('prints a status still to confirm as （要確認） and refuses it in build --final', async () => {
    await project.edit('r5/calls/seisaku.yaml', '\nstatus: not-called', '\nstatus: to-confirm');
    await project.edit('r5/calls/seisaku.yaml', '    period: { years: 10, upTo: true }\n', '    period: { years: 10, upTo: true }\n    awards: { count: 2 }\n');
    try {
      const [, b] = await loadEditions(project.paths, ['r4', 'r5']);
      const edition = b!.edition;
      const seisaku = edition.calls.find((c) => c.id === 'seisaku')!;
      expect(callStatusOf(edition, seisaku, seisaku.types[0]!)).toEqual({ called: true, toConfirm: true });
      const md = await renderDeckMarkdown(project.paths.templatesDir, deckView(edition));
      const call = md.split('\n---\n').find((s) => s.includes('data-source="data/r5/calls/seisaku&#46;yaml"'))!;
      // Whether it is called is not known, so neither is its count.
      expect(call).toContain(TBD);
      expect(call).not.toContain('2件');
      const loaded = await loadEdition(project.paths.root, project.paths.dataDir, 'r5');
      const refused = finalIssues(loaded, edition).filter((i) => i.file.endsWith('seisaku.yaml'));
      expect(refused.map((i) => `${i.code} ${i.path}`)).toEqual(['VALUE_TO_CONFIRM status']);
    } finally {
      await project.edit('r5/calls/seisaku.yaml', '    awards: { count: 2 }\n', '');
      await project.edit('r5/calls/seisaku.yaml', '\nstatus: to-confirm', '\nstatus: not-called');
    }
  });

  it('asks for the award count of a type that is called', async () => {
    await project.edit('r5/calls/seisaku.yaml', '\nstatus: not-called', '\nstatus: called');
    const { exit, err } = await cli(project, ['validate', 'r5']);
    await project.edit('r5/calls/seisaku.yaml', '\nstatus: called', '\nstatus: not-called');
    expect(exit).not.toBe(0);
    expect(err).toMatch(/data\/r5\/calls\/seisaku\.yaml:\d+:\d+ +types\[0\]\.awards/u);
  });
});
