/**
 * Reproducible output: two clean builds with the same SOURCE_DATE_EPOCH must give
 * byte-identical files — every PDF, PNG, the HTML, the Markdown, the PPTX and the Word files. Comparing the
 * two builds' bytes to each other is the point here; nothing is compared against stored bytes.
 *
 * The first build launches its own browser, as a CLI run does. The second reuses a browser
 * that has already printed other documents: Chromium numbers the tagged-PDF structure per
 * print, so a PDF that depended on the browser's history would show up here. It also builds a
 * second edition first (the r4 fixture) in the same run and browser, so r3's files must not
 * depend on what else the run laid out before them. A third build runs the kyoso-docs command
 * itself, whose bundle (scripts/bundle.js) must write the same bytes as the sources.
 */
import { spawnSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/app/build.ts';
import { BrowserSession, printPdf } from '../../src/stages/convert/browser.ts';
import { fiscalYear, formatDate } from '../../src/shared/format/index.ts';
import { normalizePptx } from '../../src/stages/postprocess/pptx.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { pdfInfo, pdfText, tempProject, withFixture, type TempProject } from '../helpers/project.ts';

/** 2021-01-15T03:04:05Z: far from any clock a test machine could have. */
const EPOCH = 1_610_679_845;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return (
    entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      // output/.cache (font subsets, the kept plan) is not an output: safe to delete, filled as a run needs it.
      .filter((f) => !f.startsWith('.cache/'))
      .sort()
  );
}

describe('two builds with the same SOURCE_DATE_EPOCH', () => {
  const projects: TempProject[] = [];
  let cliRun: { status: number | null; stderr: string } | undefined;

  beforeAll(async () => {
    // Through the environment, the way a release or a packager sets it; build() reads it itself.
    vi.stubEnv('SOURCE_DATE_EPOCH', String(EPOCH));
    const first = await tempProject();
    projects.push(first);
    await build({ paths: first.paths, editions: ['r3'], force: true });

    const session = new BrowserSession();
    try {
      // Print history for the shared browser: a tagged print before any of ours.
      await session.withPage(async (page) => {
        await page.setContent('<!DOCTYPE html><html lang="ja"><body><h1>前の印刷</h1><p>history</p></body></html>');
        await printPdf(page);
      });
      const second = await withFixture();
      projects.push(second);
      // r4 first: r3's pages come after another edition's deck and 公募要領 in this browser.
      await build({ paths: second.paths, editions: ['r4', 'r3'], force: true, session });
    } finally {
      await session.close();
    }
    // Third: the kyoso-docs command as `npm run build` runs it — the bundle of the compiled code.
    const third = await tempProject();
    projects.push(third);
    const cli = spawnSync(process.execPath, [path.join(TOOL_ROOT, 'scripts', 'kyoso-docs.js'), 'build', 'r3'], {
      encoding: 'utf8',
      env: { ...process.env, KYOSO_ROOT: third.root, KYOSO_DEBUG: 'cli' },
    });
    cliRun = { status: cli.status, stderr: cli.stderr };
    // Two full builds on a shared 2-core runner can take minutes; the default hook budget is for one.
  }, 600_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await Promise.all(projects.map((p) => p.dispose()));
  });

  const out = (i: number) => projects[i]!.paths.outDir;

  it('are what the kyoso-docs command writes too, running its bundle', async () => {
    expect(cliRun?.status, cliRun?.stderr).toBe(0);
    expect(cliRun?.stderr).toMatch(/kyoso:cli .* code dist\/bundle\/main\.js/);
    const r3 = (f: string): boolean => f.startsWith('r3/');
    const [a, c] = [(await filesUnder(out(0))).filter(r3), (await filesUnder(out(2))).filter(r3)];
    expect(c).toEqual(a);
    const differing: string[] = [];
    for (const f of a) {
      const [x, y] = await Promise.all([readFile(path.join(out(0), f)), readFile(path.join(out(2), f))]);
      if (!x.equals(y)) differing.push(f);
    }
    expect(differing).toEqual([]);
  });

  it('are byte-identical, file by file (also when the run built another edition too)', async () => {
    const r3 = (f: string): boolean => f.startsWith('r3/');
    const [a, b] = [(await filesUnder(out(0))).filter(r3), (await filesUnder(out(1))).filter(r3)];
    expect(
      (await filesUnder(out(1))).some((f) => f.startsWith('r4/')),
      'the second edition was built',
    ).toBe(true);
    expect(b).toEqual(a);
    // Every kind of output is covered, so a new format cannot slip past unchecked.
    for (const ext of ['.pdf', '.png', '.html', '.md', '.pptx', '.docx'])
      expect(
        a.some((f) => f.endsWith(ext)),
        ext,
      ).toBe(true);
    const differing: string[] = [];
    for (const f of a) {
      const [x, y] = await Promise.all([readFile(path.join(out(0), f)), readFile(path.join(out(1), f))]);
      if (!x.equals(y)) differing.push(f);
    }
    expect(differing).toEqual([]);
  });

  it('date every PDF from SOURCE_DATE_EPOCH, with an /ID, an XMP packet of the same dates, title and language, and the tagged structure kept', async () => {
    const pdfs = (await filesUnder(out(0))).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(3);
    for (const f of pdfs) {
      const file = path.join(out(0), f);
      const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
      expect(doc.getCreationDate()?.getTime(), f).toBe(EPOCH * 1000);
      expect(doc.getModificationDate()?.getTime(), f).toBe(EPOCH * 1000);
      expect(doc.context.trailerInfo.ID, f).toBeDefined();
      const xmp = doc.context.lookup(doc.catalog.get(PDFName.of('Metadata')));
      expect(xmp, f).toBeInstanceOf(PDFRawStream);
      const packet = new TextDecoder().decode((xmp as PDFRawStream).getContents());
      const iso = new Date(EPOCH * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      for (const tag of ['xmp:CreateDate', 'xmp:ModifyDate']) expect(packet, f).toContain(`<${tag}>${iso}</${tag}>`);
      expect(packet, f).toContain(`<rdf:li xml:lang="x-default">${doc.getTitle()}</rdf:li>`);
      expect(packet, f).toMatch(/<dc:language><rdf:Bag><rdf:li>ja(-JP)?<\/rdf:li>/u);
      expect(doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict), f).toBeDefined();
      expect(doc.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict)?.get(PDFName.of('Marked'))?.toString(), f).toBe('true');
      expect(pdfInfo(file).Tagged, f).toBe('yes');
    }
  });

  it('date the PPTX (zip entries and core properties) from SOURCE_DATE_EPOCH', async () => {
    const zip = await JSZip.loadAsync(await readFile(path.join(out(0), 'r3', 'slides', 'r3-slides.pptx')));
    const names = Object.keys(zip.files);
    expect(names[0]).toBe('[Content_Types].xml');
    expect(names.filter((n) => zip.files[n]!.dir)).toEqual([]);
    // DOS time has 2-second steps: 05 s is written as 04 s.
    for (const n of names) expect(zip.files[n]!.date.getTime(), n).toBe((EPOCH - 1) * 1000);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2021-01-15T03:04:05Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2021-01-15T03:04:05Z</dcterms:modified>');
    // Still a deck: one slide part per slide.
    expect(names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(11);
  });

  it('print no build-clock date in any text (as-of dates come from the data)', async () => {
    const now = new Date();
    const [y, m, d] = [now.getFullYear(), now.getMonth() + 1, now.getDate()];
    const pad = (n: number) => String(n).padStart(2, '0');
    const needles = [
      `${y}-${pad(m)}-${pad(d)}`,
      `${y}/${pad(m)}/${pad(d)}`,
      `${y}.${pad(m)}.${pad(d)}`,
      `${y}.${m}.${d}`,
      formatDate(y, m, d).replace(/\s+/g, ''),
      formatDate(y, m, d, { digits: 'full' }).replace(/\s+/g, ''),
    ];
    // A year-only label could legitimately be in the data; only check it when it is not the edition's.
    if (y !== 2021) needles.push(fiscalYear(y));
    const files = await filesUnder(out(0));
    for (const f of files) {
      const file = path.join(out(0), f);
      let text: string;
      if (f.endsWith('.pdf')) text = pdfText(file);
      else if (f.endsWith('.html') || f.endsWith('.md')) text = (await readFile(file, 'utf8')).replace(/\s+/g, '');
      else continue;
      for (const n of needles) expect(text.includes(n), `${f} contains ${n}`).toBe(false);
    }
  });
});

describe('normalizePptx', () => {
  async function zipAt(time: Date, created: string): Promise<Uint8Array> {
    const z = new JSZip();
    z.file('ppt/slides/slide1.xml', '<p:sld/>', { date: time });
    z.file('[Content_Types].xml', '<Types/>', { date: time });
    z.file(
      'docProps/core.xml',
      `<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
      { date: time },
    );
    z.file('ppt/media/image1.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), { date: time });
    return z.generateAsync({ type: 'uint8array', compression: 'STORE' });
  }

  it('gives equal bytes for zips written at different times, and keeps every part', async () => {
    const date = new Date(EPOCH * 1000);
    const a = await normalizePptx(await zipAt(new Date('2030-05-06T07:08:09Z'), '2030-05-06T07:08:09.123Z'), { date });
    const b = await normalizePptx(await zipAt(new Date('2031-01-02T03:04:06Z'), '2031-01-02T03:04:06.999Z'), { date });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const z = await JSZip.loadAsync(a);
    expect(Object.keys(z.files)).toEqual(['[Content_Types].xml', 'docProps/core.xml', 'ppt/media/image1.png', 'ppt/slides/slide1.xml']);
    expect([...(await z.file('ppt/media/image1.png')!.async('uint8array'))]).toEqual([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    expect(await z.file('docProps/core.xml')!.async('string')).not.toContain('2030');
  });

  it('clamps dates before 1980 to the DOS epoch instead of writing a garbage timestamp', async () => {
    const out = await normalizePptx(await zipAt(new Date(), 'x'), { date: new Date(0) });
    const z = await JSZip.loadAsync(out);
    expect(z.files['[Content_Types].xml']!.date.getTime()).toBe(Date.UTC(1980, 0, 1));
  });
});
