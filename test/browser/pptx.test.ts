/**
 * The native PowerPoint file: built from a copy of the data next to the PDF, then read back as
 * XML — slides, titles, text against the PDF's pages, tables and their merged cells, Japanese on
 * every run — edited data showing up as editable text, text that does not fit failing the build.
 * LibreOffice opening it: test/e2e/pptx-libreoffice.test.ts.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { loadEditions } from '../../src/app/editions.ts';
import type { Edition } from '../../src/schema/index.ts';
import { isKyosoError } from '../../src/shared/errors.ts';
import { deckView } from '../../src/stages/render/deck-view.ts';
import { callFacts } from '../../src/stages/render/facts.ts';
import { FACTS, LABELS } from '../fixtures/seed-facts.ts';
import { pdfInfo, pdfText, squash, tempProject, withFixture, type TempProject } from '../helpers/project.ts';
import { parseStrict, partText, type PptxFile, readPptx, titleShapes } from '../helpers/pptx.ts';

/** Per table row, the span of each cell that starts there (cells covered by a merge left out). */
function tableSpans(xml: string): number[][] {
  return [...xml.matchAll(/<a:tr\b[\s\S]*?<\/a:tr>/g)].map((row) =>
    [...row[0].matchAll(/<a:tc\b([^>]*)>/g)].filter((c) => !/hMerge|vMerge/.test(c[1]!)).map((c) => Number(/gridSpan="(\d+)"/.exec(c[1]!)?.[1] ?? 1)),
  );
}

/** The notes page of each slide, in slide order (through the slides' relationships). */
function notesOf(file: PptxFile): string[] {
  const names = [...file.parts.keys()].filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  const bySlide = new Map(
    names.map((n) => {
      const rels = file.parts.get(n.replace(/slides\/(slide\d+\.xml)$/, 'slides/_rels/$1.rels')) ?? '';
      const notes = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)?.[1];
      return [file.parts.get(n), notes ? (file.parts.get(`ppt/notesSlides/${notes}`) ?? '') : ''] as const;
    }),
  );
  return file.slides.map((xml) => partText((bySlide.get(xml) ?? '').replace(/<a:fld\b[\s\S]*?<\/a:fld>/g, '')));
}

async function loadR3(project: TempProject): Promise<Edition> {
  const [valid] = await loadEditions(project.paths, ['r3']);
  if (!valid) throw new Error('r3 did not load');
  return valid.edition;
}

/** Every text the seed deck's facts say a slide shows: the fact values, the loose labels, each call's formatted values. */
function needles(edition: Edition): string[] {
  const values = FACTS.flatMap(([, , , v]) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));
  const formatted = edition.calls.flatMap((c) => callFacts(edition, c).map((f) => f.text));
  return [...new Set([...values, ...LABELS, ...formatted])].filter((s) => squash(s).length > 1);
}

describe('the native PPTX of r3', () => {
  let project: TempProject;
  let pptx: PptxFile;
  let edition: Edition;
  let dir: string;

  beforeAll(async () => {
    project = await tempProject();
    await build({ paths: project.paths, editions: ['r3'], only: 'slides', formats: ['pdf', 'pptx'] });
    dir = path.join(project.paths.outDir, 'r3', 'slides');
    pptx = await readPptx(path.join(dir, 'r3-slides.pptx'));
    edition = await loadR3(project);
  });
  afterAll(() => project.dispose());

  it('has one slide per slide of the deck, 16:9', () => {
    const view = deckView(edition);
    expect(pptx.slides).toHaveLength(view.slides.length);
    expect(pptx.slides).toHaveLength(Number(pdfInfo(path.join(dir, 'r3-slides.pdf')).Pages));
    expect(pptx.parts.get('ppt/presentation.xml')).toMatch(/<p:sldSz cx="12192000" cy="6858000"/);
  });

  it('puts each slide’s heading in its title placeholder, once', () => {
    const view = deckView(edition);
    pptx.slides.forEach((xml, i) => {
      const shapes = titleShapes(xml);
      expect(shapes, `slide ${i + 1}`).toHaveLength(1);
      expect(partText(shapes[0]!), `slide ${i + 1}`).toBe(view.slides[i]!.title);
    });
  });

  it('shows on every slide each fact its PDF page shows', () => {
    const all = needles(edition);
    let inPdf = 0;
    let inPptx = 0;
    pptx.slides.forEach((xml, i) => {
      const page = pdfText(path.join(dir, 'r3-slides.pdf'), { page: i + 1 });
      // What the slide shows: its own shapes and its layout's (the footer with the edition's name).
      const text = squash(partText(xml) + partText(pptx.layouts[i]!));
      const fromPdf = all.filter((n) => page.includes(squash(n)));
      const missing = fromPdf.filter((n) => !text.includes(squash(n)));
      expect(missing, `slide ${i + 1}`).toEqual([]);
      inPdf += fromPdf.length;
      inPptx += all.filter((n) => text.includes(squash(n))).length;
    });
    expect(inPdf).toBeGreaterThan(150);
    expect(inPptx).toBeGreaterThanOrEqual(inPdf);
  });

  it('makes tables PowerPoint tables with the PDF’s merged cells and a header row', () => {
    const view = deckView(edition);
    const count = (xml: string, attr: string, n: number) => (xml.match(new RegExp(`<a:tc ${attr}="${n}"`, 'g')) ?? []).length;

    const p = view.slides.findIndex((s) => s.kind === 'programmes');
    const prog = view.slides[p]!.ctx;
    if (prog.kind !== 'programmes') throw new Error('no programmes slide');
    const rows = prog.rows;
    const progXml = pptx.slides[p]!;
    expect(progXml.match(/<a:tbl>/g)).toHaveLength(1);
    expect(progXml).toContain('<a:tblPr firstRow="1"');
    for (const span of new Set(rows.filter((r) => r.first && r.span > 1).map((r) => r.span))) {
      // A programme with fields spans its rows twice: its name and its purpose.
      expect(count(progXml, 'rowSpan', span)).toBe(2 * rows.filter((r) => r.first && r.span === span).length);
    }
    // The header's programme name, and each programme without fields over the name and field columns.
    expect(count(progXml, 'gridSpan', 2)).toBe(1 + rows.filter((r) => r.first && !r.hasField).length);

    let calls = 0;
    view.slides.forEach((s, i) => {
      if (s.ctx.kind !== 'call') return;
      calls++;
      const xml = pptx.slides[i]!;
      expect(xml).toContain('<a:tblPr firstRow="1"');
      // Row by row, the cells and their spans of the view-model (what the HTML template prints): the types, then its rows.
      expect(tableSpans(xml), `slide ${i + 1}`).toEqual([[1, ...s.ctx.types.map(() => 1)], ...s.ctx.rows.map((r) => [1, ...r.cells.map((c) => c.span)])]);
    });
    expect(calls).toBe(2);
    // r3's calls merge cells: 地域共創's two types share their target, every call's composition spans its types.
    expect(view.slides.some((s) => s.ctx.kind === 'call' && s.ctx.rows.some((r) => r.cells.some((c) => c.span > 1)))).toBe(true);
  });

  it('draws the diagrams as shapes with text', () => {
    const view = deckView(edition);
    const at = (k: string) => pptx.slides[view.slides.findIndex((s) => s.kind === k)]!;
    expect(at('lineage')).toMatch(/<a:prstGeom prst="triangle">/);
    expect((at('lineage').match(/<a:prstGeom prst="roundRect">/g) ?? []).length).toBeGreaterThanOrEqual(5);
    // One marker per site, its shape by the programme's place in the legend (colour is not the only cue).
    const count = (shape: string) => (at('sites').match(new RegExp(`<a:prstGeom prst="${shape}">`, 'g')) ?? []).length;
    const sitesOf = (i: number) => edition.sites.sites.filter((s) => s.programme === edition.sites.legend[i]).length;
    expect(count('ellipse')).toBe(sitesOf(0));
    expect(count('triangle')).toBe(sitesOf(2));
    expect(count('rect')).toBeGreaterThanOrEqual(sitesOf(1));
    expect(pptx.slides.join('')).toContain('<a:t>▲</a:t>');
    const roles = at('field-overview');
    for (const sector of ['学', '官', '産']) expect(roles).toMatch(new RegExp(`<a:prstGeom prst="ellipse">[\\s\\S]*?<a:t>${sector}</a:t>`));
  });

  it('writes Japanese the way PowerPoint needs it, in every part', () => {
    let runs = 0;
    for (const [name, xml] of pptx.parts) {
      if (!name.endsWith('.xml')) continue;
      parseStrict(xml, name);
      if (!/^ppt\/(slides|slideLayouts|slideMasters|notesSlides|notesMasters)\//.test(name)) continue;
      for (const m of xml.matchAll(/<a:(rPr|endParaRPr|defRPr)\b([^>]*?)(\/>|>([\s\S]*?)<\/a:\1>)/g)) {
        runs++;
        expect(m[2], `${name}: ${m[0].slice(0, 80)}`).toContain('lang="ja-JP"');
        const body = m[4] ?? '';
        if (body.includes('+mn-') || body.includes('+mj-')) continue;
        expect(body, `${name}: ${m[0].slice(0, 80)}`).toMatch(/<a:latin typeface="BIZ UDPGothic"[^>]*charset="-128"\/><a:ea typeface="BIZ UDPGothic"/);
      }
      for (const m of xml.matchAll(/<a:pPr\b[^>]*>/g)) expect(m[0], name).toContain('eaLnBrk="1"');
      // One a:pPr per paragraph, and first.
      for (const p of xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)) expect((p[1]!.match(/<a:pPr\b/g) ?? []).length, name).toBeLessThanOrEqual(1);
      expect(xml, name).not.toMatch(/<\/a:r><a:pPr/);
      const ids = [...xml.matchAll(/<p:cNvPr id="(\d+)"/g)].map((x) => x[1]);
      expect(new Set(ids).size, `${name}: shape ids`).toBe(ids.length);
    }
    expect(runs).toBeGreaterThan(500);
    const theme = pptx.parts.get('ppt/theme/theme1.xml')!;
    for (const font of ['majorFont', 'minorFont']) {
      const body = new RegExp(`<a:${font}>([\\s\\S]*?)</a:${font}>`).exec(theme)?.[1] ?? '';
      expect(body).toMatch(/<a:latin typeface="BIZ UDPGothic"/);
      expect(body).toMatch(/<a:ea typeface="BIZ UDPGothic"\/>/);
    }
    expect(pptx.parts.get('ppt/presentation.xml')).toMatch(/<p:kinsoku lang="ja-JP"[^>]*\/><p:defaultTextStyle>/);
  });

  it('shows the edition in the footer, page numbers and the 「案」 stamp while a draft', () => {
    const layouts = [...pptx.parts].filter(([n]) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(n)).map(([, x]) => x);
    const used = layouts.filter((x) => /KYOSO_/.test(x));
    expect(used.length).toBeGreaterThanOrEqual(2);
    const view = deckView(edition);
    for (const x of used) {
      expect(partText(x)).toContain(view.footer);
      expect(partText(x)).toContain(view.draftMark);
    }
    // Content slides number themselves; the title slide does not (as in the PDF).
    expect(pptx.slides[0]).not.toContain('type="slidenum"');
    for (const x of pptx.slides.slice(1)) expect(x).toContain('type="slidenum"');
  });

  it('has no speaker notes (the data has none): each notes page holds only its slide number', () => {
    const notes = [...pptx.parts].filter(([n]) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n));
    expect(notes).toHaveLength(pptx.slides.length);
    for (const [name, xml] of notes) expect(partText(xml.replace(/<a:fld\b[\s\S]*?<\/a:fld>/g, '')), name).toBe('');
  });
});

describe('the native PPTX of a later year (fixture r4: a one-type call, a content slide, speaker notes)', () => {
  let project: TempProject;
  let pptx: PptxFile;
  let edition: Edition;
  const file = () => path.join(project.paths.outDir, 'r4', 'slides', 'r4-slides.pptx');

  beforeAll(async () => {
    project = await withFixture();
    // Built without a browser, and without an overflow: the build would fail naming the slide.
    const result = await build({ paths: project.paths, editions: ['r4'], only: 'slides', formats: ['pptx'], date: new Date('2022-04-01T00:00:00Z') });
    expect(result.launches).toBe(0);
    pptx = await readPptx(file());
    const [valid] = await loadEditions(project.paths, ['r4']);
    edition = valid!.edition;
  });
  afterAll(() => project.dispose());

  it('has the deck’s slides with their headings in the title placeholders', () => {
    const view = deckView(edition);
    expect(pptx.slides).toHaveLength(view.slides.length);
    pptx.slides.forEach((xml, i) => expect(partText(titleShapes(xml)[0] ?? ''), `slide ${i + 1}`).toBe(view.slides[i]!.title));
  });

  it('draws the content slide’s blocks: the table from the data’s rows, bullets, Markdown, callout, notes, the tag', () => {
    const view = deckView(edition);
    const i = view.slides.findIndex((s) => s.kind === 'content');
    const ctx = view.slides[i]!.ctx;
    if (ctx.kind !== 'content') throw new Error('no content slide');
    const xml = pptx.slides[i]!;
    const text = squash(partText(xml));
    const table = ctx.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table block');
    expect(xml.match(/<a:tbl>/g)).toHaveLength(1);
    expect(tableSpans(xml)).toEqual([table.head.map(() => 1), ...table.rows.map((r) => r.map(() => 1))]);
    for (const cell of [...table.head, ...table.rows.flat(), table.caption]) expect(text).toContain(squash(cell));
    const leaves = ctx.blocks.flatMap((b) => (b.kind === 'columns' ? b.columns.flat() : [b]));
    for (const b of leaves) {
      if (b.kind === 'bullets' || b.kind === 'notes') for (const item of b.items) expect(text).toContain(squash(item));
      if (b.kind === 'heading') expect(text).toContain(squash(b.text));
      if (b.kind === 'callout' || b.kind === 'text') expect(text).toContain(squash(b.md.replace(/\*\*/g, '')));
    }
    expect(text).toContain(ctx.tag);
    // **オンライン** is a bold run; the bullets are PowerPoint bullets.
    expect(xml).toMatch(/<a:rPr\b[^>]*\bb="1"[^>]*>(?:(?!<\/a:rPr>)[\s\S])*<\/a:rPr><a:t>オンライン<\/a:t>/);
    expect((xml.match(/<a:buChar\b/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });

  it('lays the one-type call table out with the view-model’s rows, and the schedule’s periods and times', () => {
    const view = deckView(edition);
    view.slides.forEach((s, i) => {
      if (s.ctx.kind !== 'call') return;
      const xml = pptx.slides[i]!;
      expect(tableSpans(xml)).toEqual([[1, ...s.ctx.types.map(() => 1)], ...s.ctx.rows.map((r) => [1, ...r.cells.map((c) => c.span)])]);
      const text = squash(partText(xml));
      for (const m of s.ctx.milestones) expect(text).toContain(squash(`${m.label}${m.text}`));
    });
    const one = view.slides.find((s) => s.ctx.kind === 'call' && s.ctx.types.length === 1);
    expect(one).toBeDefined();
    expect(squash(partText(pptx.slides[view.slides.indexOf(one!)]!))).toContain('公募期間令和4年5月10日(火)～7月5日(火)12:00（正午）');
  });

  it('writes the speaker notes of deck.yaml into the notes pages, and none where the data has none', () => {
    const view = deckView(edition);
    const notes = notesOf(pptx);
    expect(view.slides.filter((s) => s.speakerNotes).length).toBe(2);
    view.slides.forEach((s, i) => expect(notes[i], `slide ${i + 1}`).toBe(s.speakerNotes ?? ''));
  });

  it('fails naming the content slide and deck.yaml when its blocks do not fit', async () => {
    const view = deckView(edition);
    const slide = view.slides.findIndex((s) => s.kind === 'content') + 1;
    const many = Array.from({ length: 30 }, (_, i) => `説明会の項目その${i + 1}`).join(', ');
    await project.edit('r4/deck.yaml', '      - notes: [日程は変更となる場合があります。]', `      - bullets: [${many}]\n      - notes: [日程は変更となる場合があります。]`);
    const err = await build({ paths: project.paths, editions: ['r4'], only: 'slides', formats: ['pptx'], force: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isKyosoError(err) && err.code).toBe('OVERFLOW');
    const detail = isKyosoError(err) ? err.detail.en : '';
    expect(detail).toContain(`slide ${slide}`);
    expect(detail).toContain('data/r4/deck.yaml');
    await project.edit('r4/deck.yaml', /      - bullets: \[説明会の項目[^\n]*\n/, '');
  });
});

describe('the PPTX from edited data', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await tempProject();
  });
  afterAll(() => project.dispose());

  it('shows a budget edited in the YAML as editable text in its table cells, built without a browser', async () => {
    await project.edit('r3/calls/kyoso.yaml', 'budget: { yen: 25000000, approx: 程度 }', 'budget: { yen: 26000000, approx: 程度 }');
    const result = await build({ paths: project.paths, editions: ['r3'], only: 'slides', formats: ['pptx'] });
    expect(result.launches).toBe(0);
    const file = await readPptx(path.join(project.paths.outDir, 'r3', 'slides', 'r3-slides.pptx'));
    const edition = await loadR3(project);
    const call = edition.calls.find((c) => c.id === 'kyoso')!;
    const budget = callFacts(edition, call).find((f) => f.label.startsWith('育成型') && f.label.endsWith(edition.meta.labels.fundingTerm))!.text;
    expect(budget).toContain('2.6');
    const cells = (xml: string) => [...xml.matchAll(/<a:tc\b[^>]*>([\s\S]*?)<\/a:tc>/g)].map((m) => partText(m[1]!));
    const view = deckView(edition);
    const callSlide = view.slides.findIndex((s) => s.kind === 'call' && s.source.endsWith('kyoso.yaml'));
    expect(cells(file.slides[callSlide]!)).toContain(budget);
    expect(cells(file.slides[callSlide]!).join('')).not.toContain('2.5千万円');
    // The programme table refers to the same budget: its cell shows the new value too.
    const progSlide = view.slides.findIndex((s) => s.kind === 'programmes');
    expect(cells(file.slides[progSlide]!).some((c) => c.includes('2.6千万円'))).toBe(true);
  });

  it('fails, naming the slide and the data file, when text does not fit its box (a warning with --allow-overflow)', async () => {
    const long = '拠点形成型プログラムの大括り化についての非常に長い見出しで一行に収まらない例です';
    await project.edit('r3/programmes.yaml', 'heading: 拠点形成型プログラムの大括り化', `heading: ${long}`);
    const err = await build({ paths: project.paths, editions: ['r3'], only: 'slides', formats: ['pptx'], force: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isKyosoError(err) && err.code).toBe('OVERFLOW');
    const detail = isKyosoError(err) ? err.detail.en : '';
    expect(detail).toContain('slide 2');
    expect(detail).toContain('data/r3/programmes.yaml');
    const result = await build({ paths: project.paths, editions: ['r3'], only: 'slides', formats: ['pptx'], force: true, allowOverflow: true });
    expect(result.warnings.join('\n')).toContain('2');
    expect(result.written).toContain('r3/slides/r3-slides.pptx');
  });
});

describe('the picture PPTX (--formats pptx-pictures)', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await tempProject();
  });
  afterAll(() => project.dispose());

  it('is made only when asked for: one picture per slide, the title as its alt text', async () => {
    const plain = await build({ paths: project.paths, editions: ['r3'], only: 'slides', formats: ['pptx'] });
    expect(plain.written.some((f) => f.includes('pictures'))).toBe(false);
    const result = await build({ paths: project.paths, editions: ['r3'], only: 'slides', formats: ['pptx-pictures'] });
    expect(result.written).toContain('r3/slides/r3-slides-pictures.pptx');
    const file = await readPptx(path.join(project.paths.outDir, 'r3', 'slides', 'r3-slides-pictures.pptx'));
    const view = deckView(await loadR3(project));
    expect(file.slides).toHaveLength(view.slides.length);
    file.slides.forEach((xml, i) => {
      expect(xml.match(/<p:pic>/g), `slide ${i + 1}`).toHaveLength(1);
      expect(xml).toContain(`descr="${view.slides[i]!.title.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
    });
  });
});
