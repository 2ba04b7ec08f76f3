/**
 * Slides, end to end with the real browser: build the deck from a copy of the
 * data and read every output back (pdfinfo, pdffonts, pdftotext, pdf-lib).
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { isKyosoError } from '../../src/shared/errors.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { readOutline } from '../../src/stages/convert/pdf-read.ts';
import { deckView } from '../../src/stages/render/deck-view.ts';
import { callFacts } from '../../src/stages/render/facts.ts';
import type { Edition } from '../../src/schema/index.ts';
import { pdfFonts, pdfInfo, pdfText, squash, tempProject, type TempProject } from '../helpers/project.ts';

async function loadR3(project: TempProject): Promise<Edition> {
  const [valid] = await loadEditions(project.paths, ['r3']);
  if (!valid) throw new Error('r3 did not load');
  return valid.edition;
}

describe('slides of r3', () => {
  let project: TempProject;
  let dir: string;
  let pdf: string;

  beforeAll(async () => {
    project = await tempProject();
    await build({ paths: project.paths, editions: ['r3'], only: 'slides' });
    dir = path.join(project.paths.outDir, 'r3', 'slides');
    pdf = path.join(dir, 'r3-slides.pdf');
  });
  afterAll(() => project.dispose());

  it('writes PDF, HTML, PPTX, Markdown and one PNG per slide', async () => {
    const files = await readdir(dir);
    // The Markdown comes as a Marp project: its theme with the fonts, marp-cli's and VS Code's settings.
    expect(files.sort()).toEqual(['.marprc.yml', '.vscode', 'kyoso.css', 'png', 'r3-slides.html', 'r3-slides.md', 'r3-slides.pdf', 'r3-slides.pptx']);
    const pngs = await readdir(path.join(dir, 'png'));
    expect(pngs).toHaveLength(11);
    const png = await readFile(path.join(dir, 'png', pngs[0] ?? ''));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // 1920×1080: width and height live at bytes 16–23 of the IHDR chunk.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1920, 1080]);
    const pptx = await readFile(path.join(dir, 'r3-slides.pptx'));
    expect(pptx.subarray(0, 2).toString()).toBe('PK');
    expect((pptx.toString('latin1').match(/ppt\/slides\/slide\d+\.xml/g) ?? []).length).toBeGreaterThanOrEqual(11);
  });

  it('has 11 slides of 16:9 (1280×720 CSS px = 960×540 pt)', () => {
    const info = pdfInfo(pdf);
    expect(info.Pages).toBe('11');
    expect(info['Page size']).toMatch(/^960 x 540 pts/);
  });

  it('embeds only the bundled BIZ UDPGothic family', () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+BIZUDPGothic(-Regular|-Bold)?$/);
  });

  it('is under 300 kB with one font object per weight (issue 14: one subset per weight and document)', async () => {
    expect((await stat(pdf)).size).toBeLessThan(300_000);
    expect(pdfFonts(pdf).length).toBe(2);
  });

  it('sets metadata, language and one bookmark per slide', async () => {
    const bytes = await readFile(pdf);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe('「共創の場形成支援」の概要 令和3年度予算（案）資料');
    expect(doc.getAuthor()).toBe('国立研究開発法人科学技術振興機構');
    expect(doc.getSubject()).toBe('令和3年度予算（案）資料');
    expect(doc.getProducer()).toMatch(/^kyoso-docs /);
    expect(String(doc.catalog.lookup(PDFName.of('Lang')))).toContain('ja');
    const edition = await loadR3(project);
    const titles = deckView(edition).slides.map((s, i) => `${i + 1}. ${s.title}`);
    const outline = await readOutline(bytes);
    expect(outline.map((o) => o.title)).toEqual(titles);
    expect(outline.map((o) => o.pageIndex)).toEqual(titles.map((_, i) => i));
  });

  it('shows each slide heading and its key facts on its own page', () => {
    const expectOnPage = (page: number, needles: string[]) => {
      const text = pdfText(pdf, { page });
      for (const n of needles) expect(text, `page ${page}`).toContain(squash(n));
    };
    expectOnPage(1, ['「共創の場形成支援」の概要', '令和3年度予算（案）資料', '令和3年度の事業実施内容の詳細は検討中です。']);
    expectOnPage(2, ['拠点形成型プログラムの大括り化', 'リサーチコンプレックス', 'イノベーションハブ', '共創の場形成支援プログラム（COI-NEXT）', '▲2019年度で公募終了']);
    expectOnPage(3, [
      '育成型:12',
      '本格型:1',
      'バイオ:2',
      '量子:2',
      '環境エネルギー:1',
      '2.5千万円程度',
      '最大3.2億円程度',
      '最大2億円程度',
      '1～10億円',
      '約1.7億円',
      '約0.3億円',
      '約1億円',
      '最大9年度支援',
      '18',
      '19',
    ]);
    expectOnPage(4, ['「人が変わる」', '「社会が変わる」', '「大学が変わる」', '背景・課題']);
    expectOnPage(5, [
      'ゴール①',
      'ゴール②',
      '研究開発マネジメント',
      '拠点の自立化を促す仕組み',
      'https://www.mext.go.jp/content/20200630-mxt_sanchi01-000008194_01.pdf',
      '平成28年11月30日',
    ]);
    expectOnPage(6, ['「共創分野」の令和3年度公募について', '4件程度', '2件程度', '最長10年度', '令和3年5月下旬以降', '令和3年10月頃', '令和3年度の公募は予定しておりません']);
    expectOnPage(7, ['久世 和資', '松田 譲', '特別アドバイザー', '長我部 信行', '美馬 のゆり', '2020.10.16時点']);
    expectOnPage(8, ['大学等×自治体×企業', '地方大学等', '地方自治体', '産業界', '640百万円', '「地域社会が変わる」']);
    expectOnPage(9, ['「地域共創分野」令和3年度公募について', '8件程度', '最大2億円／年度程度', '1機関の自治体']);
    expectOnPage(10, ['実施中拠点一覧', '琉球大学', '物質・材料研究機構', '国立循環器病研究センター', '川崎市産業振興財団', 'OI機構連携型']);
    expectOnPage(11, ['platform@jst.go.jp', 'https://www.jst.go.jp/pf/platform', 'イノベーション拠点推進部', 'ご清聴ありがとうございました']);
  });

  it('prints every budget, count and date of each call exactly as the shared formatter writes it', async () => {
    const edition = await loadR3(project);
    const text = pdfText(pdf);
    for (const call of edition.calls) {
      for (const fact of callFacts(edition, call)) expect(text, `${call.id}: ${fact.label}`).toContain(squash(fact.text));
    }
  });

  it('writes a self-contained HTML deck: fonts embedded, nothing fetched', async () => {
    const html = await readFile(path.join(dir, 'r3-slides.html'), 'utf8');
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain("font-family: 'BIZ UDPGothic'");
    expect(html).toMatch(/url\(data:font\/woff;base64,/);
    // No external resource: every src/url() is a data: URL; only links (<a>, followed when clicked) may point outside.
    expect(html).not.toMatch(/\bsrc="(?!data:)[a-z]+:/);
    expect(html).not.toMatch(/<(?!a\s)[a-z]+\b[^>]*\bhref="(?!data:|#)[a-z]+:/);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect((html.match(/<svg[^>]*data-marpit-svg/g) ?? []).length).toBe(11);
  });
});

describe('data stays text', () => {
  // Double braces are not here: they are template syntax, refused with file:line:col (issue 32,
  // rule template-syntax, test/fast/cross-rules.test.ts); single ones are text.
  const nasty = '<script>alert(1)</script> | *強調* # 見出し --- {x} $x$ :smile:';
  let project: TempProject;
  let dir: string;

  beforeAll(async () => {
    project = await tempProject();
    // Double-quoted YAML so the newline escape becomes a real newline in the value.
    await project.edit('r3/roster.yaml', 'position: 名誉理事', `position: "${nasty.replace(/"/g, '\\"')}\\n---\\n2行目"`);
    await build({ paths: project.paths, editions: ['r3'], only: 'slides', formats: ['md', 'pdf', 'html'] });
    dir = path.join(project.paths.outDir, 'r3', 'slides');
  });
  afterAll(() => project.dispose());

  it('prints markup characters literally in the PDF and keeps the slide count', () => {
    expect(pdfInfo(path.join(dir, 'r3-slides.pdf')).Pages).toBe('11');
    const text = pdfText(path.join(dir, 'r3-slides.pdf'), { page: 7 });
    expect(text).toContain(squash(nasty));
    expect(text).toContain('2行目');
  });

  it('never emits the data as HTML', async () => {
    const html = await readFile(path.join(dir, 'r3-slides.html'), 'utf8');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toMatch(/<em>強調<\/em>/);
    expect((html.match(/<svg[^>]*data-marpit-svg/g) ?? []).length).toBe(11);
  });
});

describe('overflow check', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await tempProject();
    const many = Array.from({ length: 30 }, (_, i) => `  - 追加の説明文${i + 1}。公募の要点をとても長く書き連ねた結果、スライドに収まらなくなる例です。`).join('\n');
    await project.edit('r3/calls/kyoso.yaml', /^bullets:\n/m, `bullets:\n${many}\n`);
  });
  afterAll(() => project.dispose());

  it('fails naming the slide number and the data file, and writes nothing', async () => {
    const err = await build({ paths: project.paths, editions: ['r3'], only: 'slides', formats: ['pdf'] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isKyosoError(err) && err.code).toBe('OVERFLOW');
    const detail = isKyosoError(err) ? err.detail.en : '';
    expect(detail).toContain('slide 6');
    expect(detail).toContain('data/r3/calls/kyoso.yaml');
    // Nothing but the cache (font subsets), which is not an output.
    expect((await readdir(project.paths.outDir).catch(() => [] as string[])).filter((n) => n !== '.cache')).toEqual([]);
  });

  it('is a warning with --allow-overflow', async () => {
    const result = await build({ paths: project.paths, editions: ['r3'], only: 'slides', formats: ['pdf'], allowOverflow: true });
    expect(result.warnings.join('\n')).toContain('6');
    expect(result.written).toContain('r3/slides/r3-slides.pdf');
  });
});
