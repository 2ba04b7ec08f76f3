/**
 * PDF/UA-minded output (issue 31): every mark on a page is either tagged content or an Artifact.
 * Read back from r3's printed slide PDF and 公募要領: no painting operator outside marked
 * content, and the running head, folio and slide number — text Chromium leaves untagged — are
 * inside an Artifact, while the tagged body keeps its structure.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { operatorsOf } from '../helpers/content-stream.ts';
import { testBrowser } from '../helpers/browser.ts';
import { pdfInfo, tempProject, type TempProject } from '../helpers/project.ts';
import { figureAlts } from '../helpers/pdf-figures.ts';

const resolved = await testBrowser('pdf-artifacts.test.ts');

const PAINT = new Set(['Tj', 'TJ', "'", '"', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'Do', 'sh']);

interface PageMarks {
  bare: number;
  artifactText: number;
  taggedText: number;
}

/** Per page: painting operators outside any marked content, and text shown in Artifacts and in tags. */
async function marksOf(file: string): Promise<PageMarks[]> {
  const doc = await PDFDocument.load(await readFile(file));
  return doc.getPages().map((page) => {
    const marks: PageMarks = { bare: 0, artifactText: 0, taggedText: 0 };
    const contents = page.node.get(PDFName.of('Contents'));
    for (const ref of contents instanceof PDFArray ? contents.asArray() : [contents]) {
      const stream = doc.context.lookup(ref) as PDFRawStream;
      const bytes = stream.dict.get(PDFName.of('Filter')) ? inflateSync(stream.contents) : stream.contents;
      const text = Buffer.from(bytes).toString('latin1');
      const ops = operatorsOf(text);
      expect(ops, 'a content stream the reader can read').not.toBeNull();
      const stack: string[] = [];
      for (const op of ops!) {
        if (op.name === 'BDC' || op.name === 'BMC') stack.push(text.slice(op.start, op.end).split(/[\s<]/u)[0]!);
        else if (op.name === 'EMC') stack.pop();
        else if (PAINT.has(op.name)) {
          if (stack.length === 0) marks.bare++;
          else if (op.name === 'Tj' || op.name === 'TJ') stack[0] === '/Artifact' ? marks.artifactText++ : marks.taggedText++;
        }
      }
    }
    return marks;
  });
}

/** How many structure elements of each type (/S) the PDF's structure tree has. */
async function structureTypes(file: string): Promise<Map<string, number>> {
  const doc = await PDFDocument.load(await readFile(file));
  const out = new Map<string, number>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const s = obj instanceof PDFDict ? obj.get(PDFName.of('S')) : undefined;
    if (!(s instanceof PDFName) || !(obj as PDFDict).get(PDFName.of('P'))) continue;
    out.set(s.decodeText(), (out.get(s.decodeText()) ?? 0) + 1);
  }
  return out;
}

describe.skipIf(!resolved)('Artifacts and Figures in r3’s PDFs', () => {
  let project: TempProject;
  let out: (rel: string) => string;
  beforeAll(async () => {
    project = await tempProject(['r3']);
    await build({ paths: project.paths, editions: ['r3'], formats: ['pdf', 'guideline'] });
    out = (rel) => path.join(project.paths.outDir, 'r3', rel);
  }, 300_000);
  afterAll(() => project?.dispose());

  it.each(['slides/r3-slides.pdf', 'guidelines/kyoso.pdf', 'guidelines/chiiki.pdf'])('%s: nothing painted outside tags or Artifacts', async (rel) => {
    const pages = await marksOf(out(rel));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((p) => p.bare)).toEqual(pages.map(() => 0));
    // The body is still tagged on every page.
    for (const p of pages) expect(p.taggedText).toBeGreaterThan(0);
    expect(pdfInfo(out(rel)).Tagged).toBe('yes');
  });

  it('tags the lineage diagram, the proposers’ diagram and the map as Figures whose /Alt says what they show, from the data', async () => {
    const alts = await figureAlts(out('slides/r3-slides.pdf'));
    expect(alts).toHaveLength(3);
    const lineage = alts.find((a) => a.includes('リサーチコンプレックス'));
    expect(lineage).toMatch(/リサーチコンプレックス、イノベーションハブ、COI、OPERA → 共創の場形成支援プログラム（COI-NEXT）/u);
    expect(alts.find((a) => a.includes('地方自治体'))).toMatch(/大学等×自治体×企業：学 地方大学等（.+）、官 地方自治体（.+予算措置/u);
    // The map: the legend with counts, then each prefecture that has a site.
    expect(alts.find((a) => a.includes('凡例'))).toMatch(/凡例：COI（18）、OPERA（19）、COI-NEXT（18）。北海道：COI 1／.*東京都：COI-NEXT 4、COI 5、OPERA 5/u);
  });

  it('tags the slides’ lines as paragraphs (P), the templates writing them as <p>', async () => {
    // 6 P before the templates' one-line <div>s became <p> (2026-12-07): titles, notes, captions,
    // the points' captions and lines, the roster's entries, the legend, the contact lines.
    const types = await structureTypes(out('slides/r3-slides.pdf'));
    expect(types.get('P') ?? 0).toBeGreaterThanOrEqual(80);
  });

  it('puts the slide number of every slide but the title, and each guideline page’s head and folio, in Artifacts', async () => {
    const slides = await marksOf(out('slides/r3-slides.pdf'));
    expect(slides.slice(1).every((p) => p.artifactText > 0)).toBe(true);
    const guide = await marksOf(out('guidelines/kyoso.pdf'));
    expect(guide.slice(1).every((p) => p.artifactText > 0)).toBe(true);
  });
});
