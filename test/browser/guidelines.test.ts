/**
 * The A4 call guidelines (公募要領), built through build() and read back from the
 * PDFs (pdf-lib, pdftotext, pdfinfo, pdffonts, pdfdetach) — never byte snapshots.
 *
 * Two builds share one browser: the fixture r3 (draft, test/fixtures/editions), and a temporary
 * copy of it marked `final` whose roster is the long-table fixture (60+ people).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allText, readDocx } from '../helpers/docx.ts';
import { build, type BuildResult } from '../../src/app/build.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { projectPaths, TOOL_ROOT, TOOL_VERSION } from '../../src/shared/paths.ts';
import { readOutline, readPageLabels } from '../../src/stages/convert/pdf-read.ts';
import { callFacts } from '../../src/stages/render/facts.ts';
import { guidelineView } from '../../src/stages/render/guideline-view.ts';
import type { Edition } from '../../src/schema/index.ts';
import { FIXTURE_DATA } from '../helpers/project.ts';

const DATE = new Date('2021-03-01T00:00:00Z');
const tmp = mkdtempSync(join(tmpdir(), 'kd-test-guidelines-'));
const session = new BrowserSession();
let draft: BuildResult;
let final: BuildResult;
let edition: Edition;
const draftOut = join(tmp, 'out-draft');
const finalRoot = join(tmp, 'final');

beforeAll(async () => {
  const paths = projectPaths({ dataDir: FIXTURE_DATA, outDir: draftOut });
  edition = (await loadEditions(paths, ['r3']))[0]!.edition;
  draft = await build({ paths, editions: ['r3'], only: 'guidelines', session, date: DATE });

  // A final edition with a roster longer than a page.
  const data = join(finalRoot, 'data', 'r3');
  mkdirSync(join(finalRoot, 'data'), { recursive: true });
  cpSync(join(FIXTURE_DATA, 'r3'), data, { recursive: true });
  const ed = join(data, 'edition.yaml');
  writeFileSync(ed, readFileSync(ed, 'utf8').replace(/^status: draft$/m, 'status: final'));
  cpSync(join(TOOL_ROOT, 'test', 'fixtures', 'long-table', 'roster.yaml'), join(data, 'roster.yaml'));
  final = await build({ paths: projectPaths({ root: finalRoot }), editions: [], only: 'guidelines', session, date: DATE });
});

afterAll(async () => {
  await session.close();
  rmSync(tmp, { recursive: true, force: true });
});

const draftPdf = (call: string) => join(draftOut, 'r3', 'guidelines', `${call}.pdf`);
const finalPdf = (call: string) => join(finalRoot, 'output', 'r3', 'guidelines', `${call}.pdf`);
const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const pageText = (file: string, page: number) => run('pdftotext', '-f', String(page), '-l', String(page), '-layout', file, '-');
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', file))?.[1]);
/** Text without any whitespace: pdftotext breaks lines inside table cells. */
const squash = (s: string) => s.replace(/\s+/gu, '');
const fontNames = (file: string) =>
  run('pdffonts', file)
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));

/** Embedded files: name → bytes, read from the catalog's /EmbeddedFiles name tree. */
async function attachments(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out = new Map<string, Uint8Array>();
  const tree = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const names = tree?.lookupMaybe(PDFName.of('Names'), PDFArray);
  for (let i = 0; names && i + 1 < names.size(); i += 2) {
    const key = names.lookup(i);
    const spec = names.lookup(i + 1, PDFDict);
    const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'));
    if (!(stream instanceof PDFRawStream)) throw new Error('embedded file is not a stream');
    const filter = stream.dict.lookupMaybe(PDFName.of('Filter'), PDFName);
    const raw = stream.getContents();
    const name = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : String(key);
    out.set(name, filter === PDFName.of('FlateDecode') ? inflateSync(raw) : raw);
  }
  return out;
}

/** Pages (1-based) carrying the big diagonal 案: a word 案 more than 100 pt tall. */
function watermarkedPages(file: string): number[] {
  const out: number[] = [];
  const pages = run('pdftotext', '-bbox', file, '-').split('<page ').slice(1);
  pages.forEach((p, i) => {
    for (const m of p.matchAll(/<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">案<\/word>/g)) {
      if (Number(m[4]) - Number(m[2]) > 100) {
        out.push(i + 1);
        break;
      }
    }
  });
  return out;
}

const CALLS = ['kyoso', 'chiiki'] as const;

describe('build:guidelines on the fixture r3', () => {
  it('writes one PDF per call field, and its Word file beside it', () => {
    expect(draft.written.sort()).toEqual(['r3/guidelines/chiiki.docx', 'r3/guidelines/chiiki.pdf', 'r3/guidelines/kyoso.docx', 'r3/guidelines/kyoso.pdf']);
    // One browser launch served both builds (and every print of them).
    expect(session.launches).toBe(1);
  });

  for (const call of CALLS) {
    describe(call, () => {
      it('is A4 portrait on every page, within the expected page count', async () => {
        const doc = await PDFDocument.load(readFileSync(draftPdf(call)), { updateMetadata: false });
        for (const page of doc.getPages()) {
          const { width, height } = page.getSize();
          expect(Math.abs(width - 595.28)).toBeLessThan(1.5);
          expect(Math.abs(height - 841.89)).toBeLessThan(1.5);
        }
        // Cover + TOC + 10 chapters that flow on (the fixture r3 fills 6 body pages).
        // Under 6 pages something was dropped; 12+ means chapters no longer flow
        // (each on its own page would already give 2 + 10) or the layout ran away.
        expect(doc.getPageCount()).toBeGreaterThanOrEqual(6);
        expect(doc.getPageCount()).toBeLessThanOrEqual(11);
      });

      it('has bookmarks that mirror the chapters, each pointing at its page', async () => {
        const bytes = readFileSync(draftPdf(call));
        const guide = edition.guidelines.find((g) => g.call === call)!;
        const outline = await readOutline(bytes);
        // The chapters of the data's tree, numbered in order, with their terms expanded.
        expect(outline.map((o) => o.title)).toEqual(guide.chapters.map((c, i) => `第${i + 1}章 ${c.title}`));
        // Sections below them: 3.1, 3.2 … as the tree has them.
        const view = guidelineView(edition, edition.calls.find((c) => c.id === call)!, guide);
        expect(outline.map((o) => (o.children ?? []).map((s) => s.title))).toEqual(view.chapters.map((c) => c.sections.map((s) => `${s.number} ${s.title}`)));
        let last = 0;
        for (const item of outline) {
          expect(item.pageIndex).not.toBeNull();
          expect(item.pageIndex!).toBeGreaterThanOrEqual(last);
          last = item.pageIndex!;
          const title = item.title.replace(/^第\d+章 /, '');
          expect(squash(pageText(draftPdf(call), item.pageIndex! + 1))).toContain(squash(title));
        }
      });

      it('has metadata, language, page labels and fixed dates', async () => {
        const bytes = readFileSync(draftPdf(call));
        const doc = await PDFDocument.load(bytes, { updateMetadata: false });
        const c = edition.calls.find((x) => x.id === call)!;
        expect(doc.getTitle()).toBe(`令和3年度 共創の場形成支援プログラム「${c.name}」公募要領（案）`);
        expect(doc.getAuthor()).toBe(edition.meta.publisher);
        expect(doc.getSubject()).toContain(c.name);
        expect(doc.getKeywords()).toContain('COI-NEXT');
        expect(doc.getCreator()).toBe(`kyoso-docs ${TOOL_VERSION}`);
        expect(doc.getProducer()).toBe(`kyoso-docs ${TOOL_VERSION}`);
        expect(doc.getCreationDate()?.toISOString()).toBe(DATE.toISOString());
        expect(doc.getModificationDate()?.toISOString()).toBe(DATE.toISOString());
        const lang = doc.catalog.get(PDFName.of('Lang'));
        expect(lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined).toBe('ja-JP');
        const labels = await readPageLabels(bytes);
        const bodyStart = (await readOutline(bytes))[0]!.pageIndex!;
        expect(labels).toEqual([
          { startIndex: 0, style: null, prefix: '表紙' },
          { startIndex: 1, style: 'r' },
          { startIndex: bodyStart, style: 'D' },
        ]);
        // The printed footer agrees with the label: the first chapter's page says 1.
        expect(pageText(draftPdf(call), bodyStart + 1)).toMatch(/-\s*1\s*-/);
      });

      it('embeds only BIZ UDPGothic for its text', () => {
        // The draft mark is drawn by pdf-lib from the same font, under its own name.
        const names = fontNames(draftPdf(call)).filter((n) => n !== 'KyosoWatermark');
        expect(names.length).toBeGreaterThan(0);
        for (const n of names) expect(n).toMatch(/^BIZUDPGothic-(Regular|Bold)$/);
        for (const n of fontNames(finalPdf(call))) expect(n).toMatch(/^BIZUDPGothic-(Regular|Bold)$/);
      });

      it('carries the data files it was built from, byte for byte', async () => {
        const attached = await attachments(readFileSync(draftPdf(call)));
        const expected = ['edition.yaml', 'programmes.yaml', 'overview.yaml', `calls/${call}.yaml`, 'contact.yaml', `guidelines/${call}.yaml`];
        if (call === 'kyoso') expected.push('roster.yaml');
        // 地域共創分野 prints the schedule it shares with 共創分野, which lives in calls/kyoso.yaml.
        if (call === 'chiiki') expected.push('calls/kyoso.yaml');
        expect([...attached.keys()].sort()).toEqual(expected.map((rel) => `r3/${rel}`).sort());
        for (const rel of expected) {
          expect(Buffer.from(attached.get(`r3/${rel}`)!).equals(readFileSync(join(FIXTURE_DATA, 'r3', rel))), `${rel} attached unchanged`).toBe(true);
        }
        // pdfdetach (poppler) sees them too.
        expect(run('pdfdetach', '-list', draftPdf(call))).toContain(`r3/calls/${call}.yaml`);
      });

      it('prints every budget, count and date of the call as the shared facts format them', () => {
        // -raw: content-stream order, so the watermark (drawn last) cannot land inside a value.
        const text = squash(run('pdftotext', '-raw', draftPdf(call), '-'));
        const c = edition.calls.find((x) => x.id === call)!;
        const facts = callFacts(edition, c);
        expect(facts.length).toBeGreaterThan(8);
        for (const f of facts) expect(text, `${f.label}: ${f.text}`).toContain(squash(f.text));
      });

      it('never leaves a heading at the foot of a page', () => {
        const file = draftPdf(call);
        const guide = edition.guidelines.find((g) => g.call === call)!;
        const headings = guide.chapters.map((c) => c.title ?? '').filter((t) => t !== '');
        for (let p = 3; p <= pageCount(file); p++) {
          const lines = pageText(file, p)
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l && !/^-\s*\d+\s*-$/.test(l));
          const lastLine = lines[lines.length - 1] ?? '';
          expect(/^(第\d+章|\d+\.\d+)\s/.test(lastLine) || headings.some((h) => lastLine.endsWith(h)), `page ${p} ends with "${lastLine}"`).toBe(false);
        }
      });
    });
  }

  it('stamps 案 diagonally on every page of a draft edition', () => {
    for (const call of CALLS) {
      const n = pageCount(draftPdf(call));
      expect(watermarkedPages(draftPdf(call))).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
  });
});

describe('a final edition with a roster longer than a page (fixture)', () => {
  it('builds both guidelines', () => {
    expect(final.written.sort()).toEqual(['r3/guidelines/chiiki.docx', 'r3/guidelines/chiiki.pdf', 'r3/guidelines/kyoso.docx', 'r3/guidelines/kyoso.pdf']);
  });

  it('leaves the 案 watermark out of the final Word files too', async () => {
    for (const call of CALLS) {
      const file = await readDocx(join(finalRoot, 'output', 'r3', 'guidelines', `${call}.docx`));
      for (const [name, xml] of file.parts) expect(xml, name).not.toContain('PowerPlusWaterMarkObject');
      expect(allText(file)).toContain('確定版');
    }
  });

  it('has no watermark and no （案） in the title', async () => {
    for (const call of CALLS) {
      expect(watermarkedPages(finalPdf(call))).toEqual([]);
      const doc = await PDFDocument.load(readFileSync(finalPdf(call)), { updateMetadata: false });
      expect(doc.getTitle()).not.toContain('（案）');
    }
  });

  it('splits the long table across pages with the header row repeated on each', () => {
    const file = finalPdf('kyoso');
    const pages: number[] = [];
    for (let p = 1; p <= pageCount(file); p++) if (pageText(file, p).includes('架空大学')) pages.push(p);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) {
      const text = pageText(file, p);
      // The header row of the roster table: 区分 氏名 所属 役職 on one line.
      expect(text, `page ${p}`).toMatch(/区分\s+氏名\s+所属\s+役職/);
    }
    // Every fixture person is printed once.
    const all = squash(run('pdftotext', file, '-'));
    for (let n = 1; n <= 60; n++) expect(all).toContain(`第${n}研究科`);
  });
});
