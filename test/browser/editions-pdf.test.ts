/**
 * The fixture edition (test/fixtures/editions/r4, a typical later year) built with no code
 * change, its PDFs read back for each thing the year changed: a call with a single type, a call
 * field removed, a 公募期間 period with weekdays and a 12:00（正午） deadline, a fuzzy 審査期間
 * overlapping the deadline's month, two more milestones than r3, renamed funding and period
 * terms, a free slide added and one removed, a Q&A chapter added and one removed, an appendix.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/app/build.ts';
import { run } from '../../src/cli/run.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { readOutline } from '../../src/stages/convert/pdf-read.ts';
import { pdfInfo, pdfText, withFixture, type TempProject } from '../helpers/project.ts';

const session = new BrowserSession();
let project: TempProject;
let result: BuildResult;
const out = (rel: string) => path.join(project.paths.outDir, 'r4', rel);
const SLIDES = 'slides/r4-slides.pdf';
const GUIDE = 'guidelines/kyoso.pdf';
/** The text of a page, whitespace removed; `pages(file)` all of them. */
const page = (rel: string, n: number) => pdfText(out(rel), { page: n });
const pages = (rel: string) => Array.from({ length: Number(pdfInfo(out(rel)).Pages) }, (_, i) => page(rel, i + 1));
const layout = (rel: string, n: number) => execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), out(rel), '-'], { encoding: 'utf8' });

beforeAll(async () => {
  project = await withFixture();
  result = await build({ paths: project.paths, editions: ['r4'], formats: ['pdf', 'guideline'], session, date: new Date('2022-04-01T00:00:00Z') });
}, 300_000);
afterAll(async () => {
  await session.close();
  await project.dispose();
});

describe('a later year built from data alone (fixture r4)', () => {
  it('writes the deck and the one 公募要領 its data asks for: no 地域共創分野 call this year', () => {
    expect(result.written.sort()).toEqual(['r4/guidelines/kyoso.pdf', 'r4/slides/r4-slides.pdf']);
    expect(existsSync(out('guidelines/chiiki.pdf'))).toBe(false);
    const all = pages(SLIDES).join('');
    expect(all).not.toMatch(/「地域共創分野」令和[4４]年度公募について/);
    // The field is still in the programme table; only its call is gone.
    expect(page(SLIDES, 2)).toContain('地域共創分野');
  });

  it('has the slides deck.yaml lists: the lineage slide removed, the free slide added', () => {
    const texts = pages(SLIDES);
    expect(texts).toHaveLength(10);
    expect(texts.join('')).not.toContain('拠点形成型プログラムの大括り化');
    const briefing = texts[7]!;
    for (const part of [
      '公募説明会のご案内',
      '説明会の日程',
      '第1回',
      '5月17日（火）14:00～15:30',
      '申込方法',
      '資料',
      '提案にはe-Radへの登録が必要です。',
      '※日程は変更となる場合があります。',
    ])
      expect(briefing, part).toContain(part);
    // Speaker notes stay off the slide.
    expect(texts.join('')).not.toContain('申込の締切は各回の前日正午です');
  });

  it('prints a call with a single type: one type column, one row per table in the 公募要領', () => {
    const head = layout(SLIDES, 5)
      .split('\n')
      .find((l) => /^\s*実施タイプ\s/u.test(l))!;
    expect(head.trim().split(/\s+/u)).toEqual(['実施タイプ', '育成型']);
    const guide = pages(GUIDE).join('');
    expect(guide).toContain('実施タイプ育成型委託研究費2.5千万円／年度程度実施期間2年度');
    // The awards table, row by row as laid out (raw extraction order within a table is the browser's).
    const rows = pages(GUIDE)
      .map((_, i) => layout(GUIDE, i + 1))
      .join('\n')
      .split('\n')
      .map((l) => l.trim().split(/\s+/u));
    expect(rows).toContainEqual(['実施タイプ', '対象分野', '採択予定件数']);
    expect(rows).toContainEqual(['育成型', '共創分野', '5件程度']);
    // No second type anywhere in the 公募要領's tables (本格型 only in prose: 「本格型へのステップアップ」, the mechanisms);
    // the 前年度からの主な変更点 page names last year's 本格型（共創分野）, which is no longer called.
    expect(
      pages(GUIDE)
        .filter((p) => !p.includes('前年度からの主な変更点'))
        .join(''),
    ).not.toMatch(/本格型（/u);
    expect(guide).toContain('今年度は公募しない実施タイプ：本格型（共創分野）');
  });

  it('prints the 公募期間 with weekdays and the 12:00（正午） deadline, and the fuzzy 審査期間, on the slide and in the 公募要領', () => {
    const slide = page(SLIDES, 5);
    const guide = pages(GUIDE).join('');
    for (const text of [slide, guide]) {
      expect(text).toContain('公募期間令和4年5月10日（火）～7月5日（火）12:00（正午）');
      expect(text).toContain('書類選考期間令和4年7月～9月頃');
    }
    // The value placed in the prose prints as the table does.
    expect(guide).toContain('公募期間は令和4年5月10日（火）～7月5日（火）12:00（正午）です。');
  });

  it('prints five milestones (two more than r3), in order, on both call slides (one schedule, shared)', () => {
    const labels = ['公募期間', '書類選考期間', '面接選考', '審査結果通知', '研究開発開始'];
    for (const n of [5, 7]) {
      // Layout order: the strip wraps onto a second row, read left to right, top to bottom.
      const text = layout(SLIDES, n).replace(/\s+/gu, '');
      const at = labels.map((l) => text.indexOf(l));
      expect(
        at.every((i) => i >= 0),
        `slide ${n}`,
      ).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
    expect(page(SLIDES, 7)).toContain('（※共創分野と同様）');
  });

  it('prints this year’s words everywhere: 委託研究費, 実施期間, 提案機関の構成要件, 上限 — and never last year’s', () => {
    const deck = pages(SLIDES).join('');
    const guide = pages(GUIDE).join('');
    for (const text of [deck, guide]) {
      expect(text).toContain('委託研究費');
      expect(text).toContain('実施期間');
      expect(text).toContain('提案機関の構成要件');
      expect(text).not.toContain('委託費');
      expect(text).not.toContain('支援期間');
      expect(text).not.toContain('実施機関の構成要件');
    }
    // labels.budgetUpTo takes effect: the policy field's cap reads 上限.
    expect(page(SLIDES, 7)).toContain('上限4億円／年度程度');
    expect(deck).not.toContain('最大4億円');
  });

  it('prints the policy field as a call of its own, with its areas, its own composition and 未定', () => {
    const text = page(SLIDES, 7);
    expect(text).toContain('「政策重点分野」の令和4年度公募について');
    expect(text).toContain('（バイオ分野・環境エネルギー分野）');
    expect(text).toContain('4機関以上（うち、少なくとも2機関は民間企業であること）');
    expect(text).toMatch(/採択予定件数未定/u);
  });

  it('follows the 公募要領 tree in bookmarks and TOC: Q&A added, one chapter removed, an appendix', async () => {
    const outline = await readOutline(readFileSync(out(GUIDE)));
    const titles = outline.map((o) => o.title);
    expect(titles).toContain('第8章 よくある質問（Q&A）');
    expect(titles).toContain('第4章 委託研究費・実施期間');
    expect(titles[titles.length - 1]).toBe('別紙1 提案書の様式一覧');
    expect(titles.join('')).not.toContain('プロジェクト終了後の取組');
    expect(outline.find((o) => o.title.startsWith('第8章'))!.children.map((c) => c.title)).toEqual(['8.1 応募について', '8.2 委託研究費について']);
    // The TOC lists them with the pages the bookmarks point at (footer numbers: body pages count from 1).
    // The contents follow the cover and the 主なスケジュール page (issue 27): the front pages before the body.
    const toc = pages(GUIDE).slice(1, outline[0]!.pageIndex!).join('');
    const bodyStart = outline[0]!.pageIndex!;
    const qa = outline.find((o) => o.title.startsWith('第8章'))!;
    for (const part of [
      '第8章',
      '別紙1',
      `よくある質問（Q&A）${qa.pageIndex! - bodyStart + 1}`,
      `8.1応募について${qa.children[0]!.pageIndex! - bodyStart + 1}`,
      '提案書の様式一覧',
    ])
      expect(toc, part).toContain(part);
    const body = pages(GUIDE).join('');
    expect(body).toContain('(1)複数の提案に参画できますか。');
    expect(body).toContain('(2)前年度に不採択となった提案を再提案できますか。');
    expect(body).toContain('アビジョンの妥当性');
    expect(body).toContain('イ体制の実現性');
    // The appendix starts a page of its own.
    const appendix = outline[outline.length - 1]!;
    expect(page(GUIDE, appendix.pageIndex! + 1).startsWith('令和4年度')).toBe(true);
    expect(page(GUIDE, appendix.pageIndex! + 1)).toContain('別紙1提案書の様式一覧');
  });

  it('refuses a final build while a placeholder is left, naming its file:line:col', async () => {
    const err: string[] = [];
    const code = await run(['build', 'r4', '--final', '--only', 'guidelines'], { out: () => {}, err: (l) => err.push(l) }, { root: project.root });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/data\/r4\/guidelines\/kyoso\.yaml:\d+:\d+ {2}appendices\[0\]\.sections\[1\]\.body\[0\]\.text — 未確定の「（要確認）」が残っています/u);
  });
});
