/**
 * The fixture r4's 公募要領 (kyoso) built against r3, with two figures added to its 第6章, read back:
 * the 「前年度からの主な変更点」 page after 主なスケジュール (PDF and DOCX) lists the differences the
 * view-model found (test/fast/guideline-changes.test.ts), the first edition has no such page, and
 * each figure is a PDF Figure whose /Alt is its alt text, captioned 図1/図2, and a DOCX picture whose
 * description is the same text; footnotes print as 注N marks and at their chapter's end, linked.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { testBrowser } from '../helpers/browser.ts';
import { docxText, readDocx } from '../helpers/docx.ts';
import { addFigures, addNotes, BAND_ALT, FLOW_ALT, NOTE_TEXTS } from '../helpers/figures.ts';
import { pdfInfo, pdfText, tempProject, type TempProject } from '../helpers/project.ts';
import { figureAlts } from '../helpers/pdf-figures.ts';

const resolved = await testBrowser('guideline-front-figures.test.ts');

describe.skipIf(!resolved)('r4 公募要領: 前年度からの主な変更点 and figures', () => {
  let project: TempProject;
  let out: (rel: string) => string;
  beforeAll(async () => {
    project = await tempProject(['r3', 'r4']);
    await addFigures(project);
    await addNotes(project);
    await build({ paths: project.paths, editions: ['r3', 'r4'], formats: ['guideline', 'guideline-docx'], date: new Date('2022-04-01T00:00:00Z') });
    out = (rel) => path.join(project.paths.outDir, rel);
  }, 600_000);
  afterAll(() => project?.dispose());

  it('prints the changes since r3 on the page after 主なスケジュール, before the contents', () => {
    const pdf = out('r4/guidelines/kyoso.pdf');
    expect(pdfText(pdf, { page: 2 })).toContain('主なスケジュール');
    const page = pdfText(pdf, { page: 3 });
    expect(page).toContain('前年度からの主な変更点');
    expect(page).toContain('育成型の採択予定件数を4件程度から5件程度に変更');
    expect(page).toContain('「地域共創分野」は今年度は公募しない');
    expect(page).toContain('研究開発開始を令和3年10月頃から令和4年10月頃に変更');
    expect(pdfText(pdf, { page: 4 })).toMatch(/目.{0,4}次/u);
  });

  it('has no such page in the first edition (r3: nothing before it under data/)', () => {
    const pdf = out('r3/guidelines/kyoso.pdf');
    expect(pdfText(pdf)).not.toContain('前年度からの主な変更点');
    expect(pdfText(pdf, { page: 3 })).toMatch(/目.{0,4}次/u);
  });

  it('writes the same page into the DOCX, after the cover', async () => {
    const doc = await readDocx(out('r4/guidelines/kyoso.docx'));
    const text = docxText(doc.parts.get('word/document.xml')!);
    const at = text.indexOf('前年度からの主な変更点');
    expect(at).toBeGreaterThan(0);
    expect(text.indexOf('育成型の採択予定件数を4件程度から5件程度に変更')).toBeGreaterThan(at);
    expect(text.indexOf('目次')).toBeGreaterThan(at);
  });

  it('tags each figure as a Figure whose /Alt is its alt text, captioned 図1 and 図2', async () => {
    const pdf = out('r4/guidelines/kyoso.pdf');
    expect(await figureAlts(pdf)).toEqual([FLOW_ALT, BAND_ALT]);
    const text = pdfText(pdf);
    expect(text).toContain('図1提案から審査までの流れ');
    expect(text).toContain('図2帯の例');
    expect(Number(pdfInfo(pdf).Pages)).toBeGreaterThan(5);
  });

  it('prints each footnote at the end of its chapter, after its mark, with links both ways', async () => {
    const pdf = out('r4/guidelines/kyoso.pdf');
    const text = pdfText(pdf);
    const mark = text.indexOf('一本化しています注1');
    const note = text.indexOf(`注1${NOTE_TEXTS[0]}（本文へ）`);
    expect(mark).toBeGreaterThan(0);
    expect(note).toBeGreaterThan(mark);
    expect(text.indexOf('第2章', note)).toBeGreaterThan(note);
    expect(text).toContain(`注2${NOTE_TEXTS[1]}（本文へ）`);
    // Four internal links: each mark to its note, each note back to its mark (named destinations of the ids).
    const doc = await PDFDocument.load(await readFile(pdf));
    const names = new Set<string>();
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      const dest = obj.get(PDFName.of('Dest'));
      if (dest instanceof PDFString || dest instanceof PDFHexString) names.add(dest.decodeText());
      else if (dest instanceof PDFName) names.add(dest.decodeText());
    }
    expect([...names].filter((n) => /^fn(ref)?-\d$/u.test(n)).sort()).toEqual(['fn-1', 'fn-2', 'fnref-1', 'fnref-2']);
  });

  it('puts each figure into the DOCX as a picture described by its alt text', async () => {
    const doc = await readDocx(out('r4/guidelines/kyoso.docx'));
    const xml = doc.parts.get('word/document.xml')!;
    const pictures = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"[^>]*title="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    expect(pictures).toEqual([
      [FLOW_ALT, '図1 提案から審査までの流れ'],
      [BAND_ALT, '図2 帯の例'],
    ]);
    expect(docxText(xml)).toContain('図1　提案から審査までの流れ');
  });
});
