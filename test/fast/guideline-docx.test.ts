/**
 * The 公募要領 as a Word file, on the r4 fixture (chapters down to items ア, an appendix 別紙1,
 * values in prose): read back as XML — the built-in heading styles with the numbering linked to
 * them, the TOC field filled in with the PDF's entries, the blocks' text (the same as the PDF's
 * HTML), merged cells and header rows, Japanese on every run, A4 and page numbers, the draft
 * watermark — and reproducible bytes.
 */
import { japaneseBrackets } from '../../src/shared/format/text.ts';
import { decodeHTML } from 'entities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEditions } from '../../src/app/editions.ts';
import { writeGuideline } from '../../src/outputs/guideline-docx/write.ts';
import type { Edition } from '../../src/schema/index.ts';
import { guidelineView, tocEntries, type Block, type Cell, type GuidelineView, type Section } from '../../src/stages/render/guideline-view.ts';
import { renderMarkdown } from '../../src/stages/render/markdown.ts';
import { docxText, readDocx, runsOf, type DocxFile } from '../helpers/docx.ts';
import { parseStrict } from '../helpers/pptx.ts';
import { squash, withFixture, type TempProject } from '../helpers/project.ts';

const DATE = new Date('2023-11-14T22:13:20Z');

/** Paragraphs of a part with their style and text. */
function paragraphs(xml: string): { style: string; numId: string | undefined; text: string }[] {
  return [...xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[1] ?? '')?.[1] ?? '',
    numId: /<w:pPr>[\s\S]*?<w:numId w:val="(\d+)"/.exec(m[1] ?? '')?.[1],
    text: docxText(m[0]),
  }));
}

/** What the PDF prints of a block, as text: the HTML of the prose without its markup, the strings of the others. */
async function blockTexts(b: Block): Promise<string[]> {
  switch (b.kind) {
    case 'html': {
      const html = String(await renderMarkdown(b.md, b.values ? { values: b.values } : {}));
      return html
        .replace(/<wbr>/g, '')
        .split(/<[^>]+>/)
        .map((t) => decodeHTML(t).trim())
        .filter(Boolean);
    }
    case 'p':
    case 'h3':
      return [b.text];
    case 'list':
    case 'notes':
      return b.items;
    case 'dl':
      return b.items.flatMap((i) => [i.term, ...i.desc.split('\n')]);
    case 'table':
      return [...(b.caption ? [b.caption] : []), ...b.head, ...b.rows.flat().flatMap((c) => (c.skip ? [] : [c.text, ...(c.note ? [c.note] : [])]))];
    case 'figure':
      return [`${b.number}${b.caption}`];
    default:
      return b satisfies never;
  }
}

const allSections = (list: Section[]): Section[] => list.flatMap((s) => [s, ...allSections(s.sections)]);

describe('the 公募要領 of the r4 fixture as a Word file', () => {
  let project: TempProject;
  let edition: Edition;
  let view: GuidelineView;
  let file: DocxFile;
  let doc: string;
  let bytes: Uint8Array;
  beforeAll(async () => {
    project = await withFixture();
    const [valid] = await loadEditions(project.paths, ['r4'], { text: 'none' });
    edition = valid!.edition;
    const call = edition.calls.find((c) => c.id === 'kyoso')!;
    view = guidelineView(edition, call, edition.guidelines.find((g) => g.call === 'kyoso')!);
    bytes = await writeGuideline(view, DATE, edition.meta.labels.draftMark);
    file = await readDocx(bytes);
    doc = file.parts.get('word/document.xml')!;
    // Laying the pages out for the TOC takes seconds on a loaded machine.
  }, 60_000);
  afterAll(() => project.dispose());

  it('is well-formed XML throughout', () => {
    for (const [name, xml] of file.parts) parseStrict(xml, name);
  });

  it('uses Word’s heading styles for the tree, numbered by the lists linked to them', () => {
    const styles = file.parts.get('word/styles.xml')!;
    const numbering = file.parts.get('word/numbering.xml')!;
    for (const [i, text] of ['第%1章', '%1.%2', '(%3)', '%4'].entries()) {
      const style = new RegExp(`<w:style w:type="paragraph" w:styleId="Heading${i + 1}"><w:name w:val="heading ${i + 1}"/>[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
      expect(style, `Heading${i + 1}`).toContain(`<w:outlineLvl w:val="${i}"/>`);
      const numId = /<w:numId w:val="(\d+)"/.exec(style)?.[1];
      const abstract = new RegExp(`<w:num w:numId="${numId}"><w:abstractNumId w:val="(\\d+)"/>`).exec(numbering)?.[1];
      const list = new RegExp(`<w:abstractNum w:abstractNumId="${abstract}"[\\s\\S]*?</w:abstractNum>`).exec(numbering)?.[0] ?? '';
      expect(list).toContain('<w:multiLevelType w:val="multilevel"/>');
      const level = new RegExp(`<w:lvl w:ilvl="${i}"[^>]*>[\\s\\S]*?</w:lvl>`).exec(list)?.[0] ?? '';
      expect(level).toContain(`<w:pStyle w:val="Heading${i + 1}"/>`);
      expect(level).toContain(`<w:lvlText w:val="${text}"/>`);
      expect(level).toContain(i === 3 ? '<w:numFmt w:val="aiueoFullWidth"/>' : '<w:numFmt w:val="decimal"/>');
    }
    expect(numbering).toContain('<w:lvlText w:val="別紙%1"/>');
  });

  it('has one heading per node of the tree, in order, with the PDF’s titles; appendices on their own list', () => {
    const heads = paragraphs(doc).filter((p) => /^Heading[1-4]$/.test(p.style));
    const expected = view.chapters.flatMap((c) => [
      { style: 'Heading1', text: c.title, appendix: c.appendix },
      ...allSections(c.sections).map((s) => ({ style: `Heading${s.level}`, text: s.title, appendix: c.appendix })),
    ]);
    expect(heads.map((h) => [h.style, h.text])).toEqual(expected.map((e) => [e.style, e.text]));
    expect(expected.some((e) => e.style === 'Heading4')).toBe(true);
    // Chapters take their style's list; an appendix's headings name the appendices' list.
    const appendixIds = new Set(heads.filter((_, i) => expected[i]!.appendix).map((h) => h.numId));
    expect(heads.filter((_, i) => !expected[i]!.appendix).every((h) => h.numId === undefined)).toBe(true);
    expect(appendixIds.size).toBe(1);
    expect([...appendixIds][0]).toBeDefined();
    // An appendix starts on a page of its own, as in the PDF.
    const appendixHead = new RegExp(`<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:pageBreakBefore/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${[...appendixIds][0]}"/>`);
    expect(doc).toMatch(appendixHead);
  });

  it('has a TOC field over levels 1–2, filled in with the PDF’s entries and pages, linked to bookmarked headings', () => {
    const sdt = /<w:sdt><w:sdtPr><w:alias w:val="目次"\/><w:docPartObj><w:docPartGallery w:val="Table of Contents"\/>[\s\S]*?<\/w:sdt>/.exec(doc)?.[0] ?? '';
    expect(sdt).toContain('<w:instrText xml:space="preserve">TOC \\h \\o &quot;1-2&quot;</w:instrText>');
    expect(sdt).not.toContain('w:dirty="true"');
    const entries = paragraphs(sdt).filter((p) => /^TOC[12]$/.test(p.style));
    const toc = tocEntries(view, undefined).flatMap((c) => [`${c.label} ${c.title}`, ...c.sections.map((s) => `${s.label} ${s.title}`)]);
    expect(entries.map((e) => e.text.replace(/\t\d*$/, ''))).toEqual(toc);
    const pages = entries.map((e) => Number(/\t(\d+)$/.exec(e.text)?.[1]));
    expect(pages.every((p) => p >= 1)).toBe(true);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    for (const anchor of sdt.matchAll(/w:anchor="([^"]+)"/g)) expect(doc).toContain(`<w:bookmarkStart w:name="${anchor[1]}"`);
  });

  it('prints every block’s text as the PDF does', async () => {
    const text = squash(docxText(doc));
    const blocks = view.chapters.flatMap((c) => [...c.blocks, ...allSections(c.sections).flatMap((s) => s.blocks)]);
    const kinds = new Set(blocks.map((b) => b.kind));
    expect([...kinds].sort()).toEqual(['dl', 'h3', 'html', 'list', 'notes', 'p', 'table']);
    for (const b of blocks) for (const t of await blockTexts(b)) expect(text, `${b.kind}: ${t}`).toContain(squash(japaneseBrackets(t)));
    // The cover.
    for (const t of [view.cover.fiscalYear, view.cover.callName, view.cover.docTitle, view.cover.issued, view.cover.status]) expect(text).toContain(squash(t));
  });

  it('keeps merged cells and repeats header rows', async () => {
    // r4's 共創分野 has one type, so nothing merges: a chapter of r3's shape (two types sharing cells) is added.
    const cell = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, ...extra });
    const merged: Block = {
      kind: 'table',
      caption: '結合のある表',
      head: ['実施タイプ', '対象分野', '支援期間'],
      widths: ['30%', '40%', '30%'],
      rows: [
        [cell('本格型', { th: true }), cell('全般', { rowspan: 3 }), cell('最長10年度', { rowspan: 2, value: true })],
        [cell('本格型（政策）', { th: true }), cell('全般', { skip: true }), cell('最長10年度', { skip: true })],
        [cell('育成型', { th: true }), cell('全般', { skip: true }), cell('2年度', { value: true })],
      ],
    };
    const extra = { ...view.chapters[0]!, key: 'merged', id: 'ch-99', title: '結合', blocks: [merged], sections: [] };
    const withMerge = await readDocx(await writeGuideline({ ...view, chapters: [...view.chapters, extra] }, DATE, '案'));
    const xml = withMerge.parts.get('word/document.xml')!;
    const table = (xml.split('<w:tbl>').find((t) => t.includes('本格型（政策）')) ?? '').split('</w:tbl>')[0]!;
    const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => /<w:vMerge w:val="(\w+)"\/>/.exec(c[1]!)?.[1] ?? docxText(c[1]!)),
    );
    expect(rows).toEqual([
      ['実施タイプ', '対象分野', '支援期間'],
      ['本格型', 'restart', 'restart'],
      ['本格型（政策）', 'continue', 'continue'],
      ['育成型', 'continue', '2年度'],
    ]);
    expect(table).toMatch(/<w:tr><w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>/);
    // Every table of the view with a head repeats it.
    const tables = view.chapters.flatMap((c) => [...c.blocks, ...allSections(c.sections).flatMap((s) => s.blocks)]).filter((b) => b.kind === 'table' && b.head.length > 0);
    expect(doc.match(/<w:tblHeader\/>/g)).toHaveLength(tables.length);
  });

  it('sets every run in Japanese with the East Asian font', () => {
    for (const [name, xml] of file.parts) {
      if (!/^word\/(document|header\d+|footer\d+|footnotes)\.xml$/.test(name)) continue;
      for (const r of runsOf(xml)) {
        expect(r.props, `${name}: ${r.body.slice(0, 80)}`).toMatch(/<w:rFonts\b[^>]*w:eastAsia="BIZ UDPGothic"/);
        expect(r.props, `${name}: ${r.body.slice(0, 80)}`).toMatch(/<w:lang\b[^>]*w:eastAsia="ja-JP"/);
      }
    }
  });

  it('is A4 with page numbers (roman before 第1章), a running head, and the 案 watermark while a draft', () => {
    const sections = [...doc.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    for (const s of sections) expect(s).toMatch(/<w:pgSz w:w="11906" w:h="16838"( w:orient="portrait")?\/>/);
    expect(sections[0]).toContain('<w:pgNumType w:start="1" w:fmt="lowerRoman"/>');
    expect(sections[1]).toContain('<w:pgNumType w:start="1" w:fmt="decimal"/>');
    const footers = [...file.parts].filter(([n]) => /^word\/footer\d+\.xml$/.test(n)).map(([, x]) => x);
    expect(footers.some((f) => /<w:instrText[^>]*>PAGE<\/w:instrText>|<w:fldSimple w:instr="PAGE/.test(f))).toBe(true);
    const headers = [...file.parts].filter(([n]) => /^word\/header\d+\.xml$/.test(n)).map(([, x]) => x);
    expect(headers.some((h) => docxText(h).includes(view.runningHead))).toBe(true);
    expect(view.isDraft).toBe(true);
    expect(headers.every((h) => h.includes(`string="${edition.meta.labels.draftMark}"`))).toBe(true);
  });

  it('writes the same bytes on a second build, and dates the package by the build', async () => {
    expect(Buffer.compare(Buffer.from(await writeGuideline(view, DATE, edition.meta.labels.draftMark)), Buffer.from(bytes))).toBe(0);
    expect(file.parts.get('docProps/core.xml')).toContain('2023-11-14T22:13:20Z');
    expect(new Set(file.dates.map((d) => d.getTime())).size).toBe(1);
  });
});
