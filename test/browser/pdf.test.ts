import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, decodePDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession, printPdf, type ResolvedBrowser } from '../../src/stages/convert/browser.ts';
import { FONT_FAMILY, fontFaceCss, watermarkFontBytes } from '../../src/stages/convert/fonts.ts';
import { readNamedDestinations, readOutline, readPageLabels } from '../../src/stages/convert/pdf-read.ts';
import { postprocessPdf, recompressCounts, type PostprocessOptions } from '../../src/stages/postprocess/pdf.ts';
import { testBrowser } from '../helpers/browser.ts';

const resolved: ResolvedBrowser | undefined = await testBrowser('pdf.test');

const dir = mkdtempSync(join(tmpdir(), 'kd-test-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function poppler(tool: string, bytes: Uint8Array, ...args: string[]): string {
  const file = join(dir, `${tool}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}

/** Count of non-white pixels on page 1, rendered at 20 dpi in gray. */
function ink(bytes: Uint8Array): number {
  const file = join(dir, `ink-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '20', '-gray', '-singlefile', file, file]);
  const pgm = readFileSync(`${file}.pgm`);
  // P5 header: "P5\n<w> <h>\n<max>\n"
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const pixels = pgm.subarray(header[0].length);
  return pixels.filter((v) => v < 240).length;
}

/** A plain 5-page input made by pdf-lib (input bytes are fixed once for the whole file). */
let plain: Uint8Array;
beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date('2001-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2001-01-01T00:00:00Z'));
  for (let i = 0; i < 5; i++) doc.addPage([595.92, 841.92]).drawText(`page ${i + 1}`, { x: 50, y: 780, size: 12 });
  plain = await doc.save();
});

const DATE = new Date('2025-04-01T09:00:00Z');
const BASE: PostprocessOptions = {
  version: '0.1.0',
  title: '令和7年度 共創の場形成支援プログラム 公募要領',
  author: '国立研究開発法人科学技術振興機構',
  subject: 'COI-NEXT 公募説明会',
  keywords: ['COI-NEXT', '共創の場', '公募'],
  date: DATE,
  deterministic: true,
};

describe('postprocessPdf', () => {
  it('sets metadata, /Lang and fixed dates', async () => {
    const out = await postprocessPdf(plain, BASE);
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    expect(doc.getTitle()).toBe(BASE.title);
    expect(doc.getAuthor()).toBe(BASE.author);
    expect(doc.getSubject()).toBe(BASE.subject);
    expect(doc.getKeywords()).toBe('COI-NEXT 共創の場 公募');
    expect(doc.getCreator()).toBe('kyoso-docs 0.1.0');
    expect(doc.getProducer()).toBe('kyoso-docs 0.1.0');
    expect(doc.getCreationDate()?.toISOString()).toBe(DATE.toISOString());
    expect(doc.getModificationDate()?.toISOString()).toBe(DATE.toISOString());
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('ja-JP');
    const info = poppler('pdfinfo', out);
    expect(info).toMatch(/Title:\s+令和7年度/);
    expect(info).toMatch(/Producer:\s+kyoso-docs 0\.1\.0/);
    expect(info).toMatch(/Pages:\s+5/);
  });

  it('writes outline with UTF-16 titles, nesting and /UseOutlines', async () => {
    const out = await postprocessPdf(plain, {
      ...BASE,
      outline: [
        { title: '表紙', pageIndex: 0 },
        {
          title: '第1章 概要',
          pageIndex: 1,
          children: [
            { title: '1.1 趣旨', pageIndex: 1 },
            { title: '1.2 予算 2.5千万円', pageIndex: 2 },
          ],
        },
        { title: '第2章 応募', pageIndex: 4, children: [{ title: '2.1 様式', pageIndex: 4 }], open: false },
      ],
    });
    expect(await readOutline(out)).toEqual([
      { title: '表紙', pageIndex: 0, children: [] },
      {
        title: '第1章 概要',
        pageIndex: 1,
        children: [
          { title: '1.1 趣旨', pageIndex: 1, children: [] },
          { title: '1.2 予算 2.5千万円', pageIndex: 2, children: [] },
        ],
      },
      { title: '第2章 応募', pageIndex: 4, children: [{ title: '2.1 様式', pageIndex: 4, children: [] }] },
    ]);
    const doc = await PDFDocument.load(out);
    expect(doc.catalog.lookup(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'));
    const root = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    expect(root.get(PDFName.of('Count'))?.toString()).toBe('5'); // 3 top + 2 open children
    const title = root.lookup(PDFName.of('First'), PDFDict).lookup(PDFName.of('Title'));
    expect(title).toBeInstanceOf(PDFHexString);
    await expect(postprocessPdf(plain, { ...BASE, outline: [{ title: 'x', pageIndex: 9 }] })).rejects.toThrow(RangeError);
  });

  it('writes page labels', async () => {
    const pageLabels = [
      { startIndex: 0, style: null, prefix: '表紙' },
      { startIndex: 1, style: 'r' as const },
      { startIndex: 3, style: 'D' as const, start: 1 },
      { startIndex: 4, style: 'A' as const, prefix: '付録-', start: 2 },
    ];
    const out = await postprocessPdf(plain, { ...BASE, pageLabels });
    expect(await readPageLabels(out)).toEqual([
      { startIndex: 0, style: null, prefix: '表紙' },
      { startIndex: 1, style: 'r' },
      { startIndex: 3, style: 'D' },
      { startIndex: 4, style: 'A', prefix: '付録-', start: 2 },
    ]);
  });

  it('embeds attachments with the given date', async () => {
    const yaml = new TextEncoder().encode('edition: r7\nbudget: 2.5e7\n');
    const out = await postprocessPdf(plain, {
      ...BASE,
      attachments: [{ name: 'edition.yaml', bytes: yaml, mimeType: 'application/yaml', description: '元データ' }],
    });
    const doc = await PDFDocument.load(out);
    const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
    expect((names.lookup(0) as PDFString | PDFHexString).decodeText()).toBe('edition.yaml');
    const spec = names.lookup(1, PDFDict);
    const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'));
    expect(stream).toBeInstanceOf(PDFRawStream);
    const content = decodePDFRawStream(stream as PDFRawStream).decode();
    expect(Buffer.from(content).equals(Buffer.from(yaml))).toBe(true);
    const params = (stream as PDFRawStream).dict.lookup(PDFName.of('Params'), PDFDict);
    expect(params.lookup(PDFName.of('ModDate'), PDFString).decodeDate().toISOString()).toBe(DATE.toISOString());
    expect((spec.lookup(PDFName.of('Desc')) as PDFHexString).decodeText()).toBe('元データ');
  });

  it('draws the watermark only when asked', async () => {
    const plainOut = await postprocessPdf(plain, BASE);
    expect(poppler('pdftotext', plainOut)).not.toMatch(/案|DRAFT/);
    const text = '案 DRAFT';
    // One subset holding every glyph, or the glyphs split over two fonts (each character drawn with the first that has it).
    const variants = { single: await watermarkFontBytes(text), split: [await watermarkFontBytes('DRAFT'), await watermarkFontBytes('案')] };
    for (const [kind, fontBytes] of Object.entries(variants)) {
      const t0 = performance.now();
      const out = await postprocessPdf(plain, { ...BASE, watermark: { text, fontBytes, opacity: 0.2 } });
      console.log(`[pdf.test] watermark (${kind} font): ${Math.round(performance.now() - t0)} ms, ${out.length} bytes`);
      const extracted = poppler('pdftotext', out, '-raw');
      expect(extracted.match(/案/g)?.length, kind).toBe(5);
      expect(extracted.replace(/\s/g, '')).toContain('DRAFT');
      // the watermark font is named as the family it is, so pdffonts of a real document lists only BIZ UDPGothic
      // (the base PDF of this test is pdf-lib's own Helvetica page)
      const fontNames = poppler('pdffonts', out)
        .split('\n')
        .slice(2)
        .filter((l) => l.trim())
        .map((l) => l.split(/\s+/)[0] ?? '');
      expect(fontNames.filter((n) => n !== 'Helvetica').length).toBeGreaterThan(0);
      for (const n of fontNames.filter((x) => x !== 'Helvetica')) expect(n).toMatch(/BIZUDPGothic-Bold$/);
      // subset-embedded: far smaller than the font files it came from
      expect(out.length).toBeLessThan(60_000);
      // glyphs actually render (a broken subset would extract as text but draw nothing)
      expect(ink(out), kind).toBeGreaterThan(ink(plainOut) + 200);
    }
  });

  it('is byte-identical across runs with the same inputs (/ID derived from content)', async () => {
    const text = '確定';
    const opts: PostprocessOptions = {
      ...BASE,
      outline: [{ title: '表紙', pageIndex: 0 }],
      pageLabels: [{ startIndex: 0, style: 'D' }],
      watermark: { text, fontBytes: await watermarkFontBytes(text) },
      attachments: [{ name: 'a.json', bytes: new TextEncoder().encode('{}'), mimeType: 'application/json' }],
    };
    const a = await postprocessPdf(plain, opts);
    const b = await postprocessPdf(plain, opts);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const doc = await PDFDocument.load(a);
    const id = doc.context.trailerInfo.ID;
    expect(id).toBeInstanceOf(PDFArray);
    const first = (id as PDFArray).get(0).toString();
    expect(first).toMatch(/^<[0-9A-F]{32}>$/);
    expect(first).not.toBe(`<${'0'.repeat(32)}>`);
    const c = await postprocessPdf(plain, { ...opts, title: 'other' });
    expect((await PDFDocument.load(c)).context.trailerInfo.ID?.toString()).not.toBe(id?.toString());
  });
});

describe('postprocessPdf: streams deflated again', () => {
  it('recompresses a loosely deflated stream once, and reuses the result for the same bytes', async () => {
    const data = Buffer.from('BT /F1 12 Tf 72 712 Td (共創の場) Tj ET\n'.repeat(400));
    const loose = deflateSync(data, { level: 1 });
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    const ref = doc.context.register(PDFRawStream.of(doc.context.obj({ Filter: 'FlateDecode', Length: loose.length }), new Uint8Array(loose)));
    doc.catalog.set(PDFName.of('KyosoTest'), ref);
    const input = await doc.save({ useObjectStreams: false });

    const before = { ...recompressCounts };
    const first = await postprocessPdf(input, BASE);
    const deflated = recompressCounts.deflated - before.deflated;
    expect(deflated).toBeGreaterThanOrEqual(1);
    const second = await postprocessPdf(input, BASE);
    // Nothing deflated again: every stream's earlier result was reused.
    expect(recompressCounts.deflated - before.deflated).toBe(deflated);
    expect(recompressCounts.reused - before.reused).toBeGreaterThanOrEqual(deflated);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);

    const out = await PDFDocument.load(first);
    const stream = out.context.lookup(out.catalog.get(PDFName.of('KyosoTest'))) as PDFRawStream;
    expect(stream.contents.length).toBeLessThan(loose.length);
    expect(Buffer.from(inflateSync(stream.contents)).equals(data)).toBe(true);
  });
});

describe('readNamedDestinations', () => {
  it('reads the /Names /Dests name tree (with kids)', async () => {
    const doc = await PDFDocument.load(plain);
    const ctx = doc.context;
    const pages = doc.getPages();
    const dest = (i: number) => ctx.obj([pages[i]!.ref, PDFName.of('XYZ'), 0, 800, null]);
    const leaf1 = ctx.obj({ Names: [PDFString.of('alpha'), dest(1), PDFHexString.fromText('章2'), ctx.obj({ D: dest(3) })] });
    const leaf2 = ctx.obj({ Names: [PDFString.of('zeta'), ctx.register(dest(4))] });
    doc.catalog.set(PDFName.of('Names'), ctx.obj({ Dests: ctx.obj({ Kids: [ctx.register(leaf1), ctx.register(leaf2)] }) }));
    const named = await readNamedDestinations(await doc.save());
    expect(Object.fromEntries(named)).toEqual({ alpha: 1, 章2: 3, zeta: 4 });
  });
});

describe.skipIf(!resolved)('with a Chromium-printed input', () => {
  let chromiumPdf: Uint8Array;
  beforeAll(async () => {
    const text = '目次 概要 予算 第2章 付録 共創の場形成支援';
    const css = await fontFaceCss(text);
    const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>${css}
      body { font-family: '${FONT_FAMILY}'; } section { break-after: page; }</style></head><body>
      <section><h1>目次</h1><a href="#overview">概要</a> <a href="#budget">予算</a> <a href="#sec-2">第2章</a></section>
      <section><h2 id="overview">概要</h2><p>共創の場形成支援</p></section>
      <section><h2 id="budget">予算</h2></section>
      <section><h2 id="sec-2">第2章</h2></section>
      <section><h2 id="unlinked">付録</h2></section></body></html>`;
    const session = new BrowserSession({ resolved: resolved! });
    try {
      chromiumPdf = await session.withPage(async (page) => {
        await page.setContent(html, { waitUntil: 'load' });
        return printPdf(page, { format: 'A4', outline: true });
      });
    } finally {
      await session.close();
    }
  });

  it('finds the named destinations Chromium writes for link targets', async () => {
    const named = await readNamedDestinations(chromiumPdf);
    expect(named.get('overview')).toBe(1);
    expect(named.get('budget')).toBe(2);
    expect(named.get('sec-2')).toBe(3);
  });

  it('keeps the tagged structure, replaces Chromium outline and metadata, reproducibly', async () => {
    expect(poppler('pdfinfo', chromiumPdf)).toMatch(/Tagged:\s+yes/);
    const opts: PostprocessOptions = {
      ...BASE,
      outline: [
        { title: '目次', pageIndex: 0 },
        { title: '概要', pageIndex: 1 },
      ],
      pageLabels: [
        { startIndex: 0, style: 'r' },
        { startIndex: 1, style: 'D' },
      ],
      watermark: { text: '案', fontBytes: await watermarkFontBytes('案') },
    };
    const a = await postprocessPdf(chromiumPdf, opts);
    const b = await postprocessPdf(chromiumPdf, opts);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const info = poppler('pdfinfo', a);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Creator:\s+kyoso-docs 0\.1\.0/);
    expect(info).not.toMatch(/Chromium|Skia/);
    expect((await readOutline(a)).map((o) => [o.title, o.pageIndex])).toEqual([
      ['目次', 0],
      ['概要', 1],
    ]);
    expect((await readNamedDestinations(a)).get('budget')).toBe(2);
    expect(poppler('pdftotext', a)).toContain('共創の場形成支援');
  });
});
