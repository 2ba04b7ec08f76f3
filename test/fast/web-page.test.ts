/**
 * The web page in the build graph, without a browser: it links the downloads the registry's other
 * outputs make (an output added later, with no word about the page, included), states their
 * sizes, is made after them and again whenever their bytes change — in the same run or a later
 * one that left it out — reads only the data it prints, and is released as one zip that works as
 * a folder. The fixture edition r4 stands in for live data; a throw-away output stands in for
 * the deck and the 公募要領 (which need a browser: test/browser/web-page.test.ts).
 */
import { cp, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { renderIndex } from '../../src/app/dev/page.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { MANIFEST_FILE, sha256, type Manifest } from '../../src/app/plan.ts';
import { releasedBytes, releasedFiles } from '../../src/app/release.ts';
import { registerOutput } from '../../src/outputs/index.ts';
import type { Output } from '../../src/outputs/types.ts';
import { WEB_PAGE } from '../../src/outputs/web/index.ts';
import { fileSize } from '../../src/shared/format/index.ts';
import { callBudgetText, callStatusOf } from '../../src/stages/render/values.ts';
import { FIXTURE_R4, tempProject, type TempProject } from '../helpers/project.ts';

const DATE = new Date('2022-04-01T00:00:00Z');

/**
 * A throw-away output that says nothing about the web page (no `download`): a text file per call
 * that release publishes, made from the call's name and the roster's heading (which the page
 * itself never reads), long enough for its size to show a change.
 */
const notes: Output = {
  kind: 'call-notes',
  group: 'notes',
  label: { ja: 'メモ', en: 'notes' },
  browser: false,
  unitPath: (call) => `notes/${call}`,
  release: (file, edition) => `${edition}-notes-${path.posix.basename(file)}`,
  preview: (file) => ({ ja: `メモ ${path.posix.basename(file)}`, en: `notes ${path.posix.basename(file)}` }),
  async plan(edition) {
    return edition.calls.map((call) => ({ key: call.id, data: [edition.sources[`call:${call.id}`]!, edition.sources['roster:kyoso']!], templates: [] }));
  },
  async build(job) {
    const { edition } = job.valid;
    const call = edition.calls.find((c) => c.id === job.key)!;
    const heading = edition.rosters[0]?.heading ?? '';
    return new Map([[`notes/${call.id}.txt`, `${call.name}\n${`${heading}\n`.repeat(200)}`]]);
  },
};

/** The page's links to files (not to its own sections, mail or the web), with the words they carry. */
function fileLinks(html: string): Array<{ href: string; text: string }> {
  const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
  return [...html.matchAll(/<a href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)]
    .map((m) => ({ href: decode(m[1]!), text: decode(m[2]!.replace(/<[^>]+>/g, '')) }))
    .filter((l) => !/^(#|mailto:|https?:)/.test(l.href));
}

describe('the web page of an edition', () => {
  let project: TempProject;
  let unregister: () => void;
  const page = () => readFile(path.join(project.paths.outDir, 'r4', WEB_PAGE), 'utf8');
  const manifest = async () => JSON.parse(await readFile(path.join(project.paths.outDir, MANIFEST_FILE), 'utf8')) as Manifest;
  const run = (formats: string[]) => build({ paths: project.paths, editions: ['r4'], formats, date: DATE });

  beforeAll(async () => {
    project = await tempProject([]);
    await cp(FIXTURE_R4, path.join(project.root, 'data', 'r4'), { recursive: true });
    unregister = registerOutput(notes);
  });
  afterAll(async () => {
    unregister();
    await project.dispose();
  });

  it('links every download of the edition with its format and size, made after them', async () => {
    const log: string[] = [];
    const first = await build({ paths: project.paths, editions: ['r4'], formats: ['call-notes', 'web'], date: DATE, log: (l) => log.push(l) });
    expect(first.rebuilt.sort()).toEqual(['r4/notes/kyoso', 'r4/notes/seisaku', 'r4/web']);
    // Made last: after every file it links.
    expect(log.findIndex((l) => l.includes('Webページ'))).toBeGreaterThan(Math.max(...['kyoso', 'seisaku'].map((k) => log.findIndex((l) => l.includes(`メモ ${k}`)))));
    const links = fileLinks(await page());
    expect(links.map((l) => l.href)).toEqual(['../notes/kyoso.txt', '../notes/seisaku.txt']);
    for (const link of links) {
      const size = (await stat(path.join(project.paths.outDir, 'r4', 'web', link.href))).size;
      // The output's label as the list, its preview words as the link, the size through the formatter.
      expect(link.text).toBe(`メモ ${path.posix.basename(link.href)}（TXT：${fileSize(size)}）`);
    }
    expect(await page()).toContain('<h3>メモ</h3>');
  });

  it('records the bytes of what it linked, so an unchanged run has nothing to do', async () => {
    const m = await manifest();
    const inputs = m.units['r4/web']!.inputs;
    for (const call of ['kyoso', 'seisaku']) expect(inputs[`output:r4/notes/${call}.txt`]).toBe(m.units[`r4/notes/${call}`]!.files[`r4/notes/${call}.txt`]);
    const again = await run(['call-notes', 'web']);
    expect(again.rebuilt).toEqual([]);
  });

  it('is made again when a file it links changes, though none of its own data did', async () => {
    await project.edit('r4/roster.yaml', /^heading: (.*)$/m, 'heading: $1（令和4年度の改訂版、アドバイザーを含む）');
    const result = await run(['call-notes', 'web']);
    expect(result.rebuilt.sort()).toEqual(['r4/notes/kyoso', 'r4/notes/seisaku', 'r4/web']);
    const size = (await stat(path.join(project.paths.outDir, 'r4/notes/kyoso.txt'))).size;
    expect(fileLinks(await page())[0]!.text).toContain(`（TXT：${fileSize(size)}）`);
    expect((await manifest()).units['r4/web']!.inputs['output:r4/notes/kyoso.txt']).toBe(sha256(await readFile(path.join(project.paths.outDir, 'r4/notes/kyoso.txt'))));
  });

  it('is made again by a later run when a run that left it out changed a file it links', async () => {
    await project.edit('r4/roster.yaml', '（令和4年度の改訂版、アドバイザーを含む）', '（改訂）');
    expect((await run(['call-notes'])).rebuilt.sort()).toEqual(['r4/notes/kyoso', 'r4/notes/seisaku']);
    const later = await build({ paths: project.paths, editions: ['r4'], formats: ['web'], date: DATE, log: () => {} });
    expect(later.rebuilt).toEqual(['r4/web']);
    const size = (await stat(path.join(project.paths.outDir, 'r4/notes/kyoso.txt'))).size;
    expect(fileLinks(await page())[0]!.text).toContain(`（TXT：${fileSize(size)}）`);
    expect((await run(['call-notes', 'web'])).rebuilt).toEqual([]);
  });

  it('is made again when a value it prints changes, and not for data it does not read', async () => {
    await project.edit('r4/sites.yaml', 'heading: 共創の場形成支援 実施中拠点一覧', 'heading: 共創の場形成支援 実施中拠点の一覧');
    expect((await run(['call-notes', 'web'])).rebuilt).toEqual([]);
    await project.edit('r4/calls/kyoso.yaml', 'budget: { yen: 25000000, approx: 程度 }', 'budget: { yen: 30000000, approx: 程度 }');
    expect((await run(['call-notes', 'web'])).rebuilt.sort()).toEqual(['r4/notes/kyoso', 'r4/web']);
    const [valid] = await loadEditions(project.paths, ['r4'], { text: 'none' });
    const kyoso = valid!.edition.calls.find((c) => c.id === 'kyoso')!;
    const html = await page();
    expect(html).toContain(callBudgetText(valid!.edition, kyoso, kyoso.types[0]!).replace('.', '&#46;'));
  });

  it('says which types are not called this year, as the data says it', async () => {
    const [before] = await loadEditions(project.paths, ['r4'], { text: 'none' });
    expect(before!.edition.calls.every((c) => c.types.every((t) => callStatusOf(before!.edition, c, t).called))).toBe(true);
    expect(await page()).not.toContain('公募なし');
    await project.edit('r4/calls/kyoso.yaml', 'awards: { count: 5, approx: 程度 }', 'awards: { notCalled: true, note: 今年度は公募しません }');
    await run(['call-notes', 'web']);
    const [after] = await loadEditions(project.paths, ['r4'], { text: 'none' });
    const kyoso = after!.edition.calls.find((c) => c.id === 'kyoso')!;
    expect(callStatusOf(after!.edition, kyoso, kyoso.types[0]!)).toEqual({ called: false, note: '今年度は公募しません' });
    const html = await page();
    expect(html.match(/公募なし/g)).toHaveLength(1);
    expect(html.match(/公募あり/g)).toHaveLength(1);
  });

  it('has reproducible bytes', async () => {
    const before = (await manifest()).units['r4/web']!.files;
    const forced = await build({ paths: project.paths, editions: ['r4'], formats: ['call-notes', 'web'], date: DATE, force: true });
    expect(forced.rebuilt).toContain('r4/web');
    expect((await manifest()).units['r4/web']!.files).toEqual(before);
  });

  it('is linked from the dev preview page', async () => {
    const index = await renderIndex({ gen: 3, status: { kind: 'idle', text: '' }, editions: ['r4'], errors: new Map(), outDir: project.paths.outDir });
    expect(index).toContain(`href="/r4/${WEB_PAGE}?v=3"`);
  });

  it('is released as one zip of the page and what it links, in which every link works', async () => {
    const released = await releasedFiles(project.paths, 'r4');
    const zip = released.find((f) => f.name === 'r4-web.zip');
    expect(zip && 'archive' in zip ? zip.archive.map((f) => f.path) : []).toEqual([
      'notes/kyoso.txt',
      'notes/seisaku.txt',
      'web/fonts/biz-udpgothic-400.woff',
      'web/fonts/biz-udpgothic-700.woff',
      'web/index.html',
    ]);
    const bytes = await releasedBytes(zip!, DATE);
    expect(Buffer.from(await releasedBytes(zip!, DATE)).equals(Buffer.from(bytes))).toBe(true);
    const unzipped = await JSZip.loadAsync(bytes);
    const html = await unzipped.file('web/index.html')!.async('string');
    expect(html).toBe(await page());
    const refs = [...fileLinks(html).map((l) => l.href), ...[...html.matchAll(/url\('([^']+)'\)/g)].map((m) => m[1]!)];
    expect(refs.length).toBeGreaterThan(2);
    for (const ref of refs) expect(unzipped.file(path.posix.join('web', ref)), ref).not.toBeNull();
    // The files the page links, byte for byte.
    expect(Buffer.from(await unzipped.file('notes/kyoso.txt')!.async('uint8array')).equals(await readFile(path.join(project.paths.outDir, 'r4/notes/kyoso.txt')))).toBe(true);
  });
});

/** A throw-away output of several files per call keyed apart from the call (as the 様式 are: `kyoso/cover`), which names its call for the page. */
const forms: Output = {
  kind: 'call-forms',
  group: 'call-forms',
  label: { ja: '様式', en: 'forms' },
  browser: false,
  unitPath: (key) => `call-forms/${key}`,
  release: (file, edition) => `${edition}-${file.split('/').join('-')}`,
  preview: () => false,
  download: (file, edition) => {
    const [, call, name] = file.split('/') as [string, string, string];
    return { list: { ja: '様式', en: 'forms' }, text: `${edition.calls.find((c) => c.id === call)?.name}の${name}`, call };
  },
  async plan(edition) {
    return edition.calls.flatMap((call) => ['a', 'b'].map((form) => ({ key: `${call.id}/${form}`, data: [edition.sources[`call:${call.id}`]!], templates: [] })));
  },
  async build(job) {
    return new Map([[`call-forms/${job.key}.docx`, `${job.key}\n`]]);
  },
};

describe('the web page with several files of a call in one list', () => {
  let project: TempProject;
  let unregister: () => void;
  beforeAll(async () => {
    project = await tempProject([]);
    await cp(FIXTURE_R4, path.join(project.root, 'data', 'r4'), { recursive: true });
    unregister = registerOutput(forms);
  });
  afterAll(async () => {
    unregister();
    await project.dispose();
  });

  it("groups them by call, in the calls' order, each under its call's name", async () => {
    await build({ paths: project.paths, editions: ['r4'], formats: ['call-forms', 'web'], date: DATE });
    const html = await readFile(path.join(project.paths.outDir, 'r4', WEB_PAGE), 'utf8');
    const [valid] = await loadEditions(project.paths, ['r4'], { text: 'none' });
    const names = valid!.edition.calls.map((c) => c.name);
    const section = html.slice(html.indexOf('<h3>様式</h3>'));
    const headings = [...section.matchAll(/<h4>([^<]+)<\/h4>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(headings).toEqual(names);
    expect(fileLinks(section).map((l) => l.href)).toEqual(valid!.edition.calls.flatMap((c) => [`../call-forms/${c.id}/a.docx`, `../call-forms/${c.id}/b.docx`]));
    expect(fileLinks(section)[0]!.text).toBe(`${names[0]}のa.docx（Word：1KB）`);
  });
});
