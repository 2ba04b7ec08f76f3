/**
 * Next year from data alone, without a browser: the fixture edition test/fixtures/editions/r4
 * (a typical later year) validates beside r3 with no code change, its structure and values
 * come out of the view-models as the data says, the 新旧対照表 places rows on the slides and
 * chapters of the new structure, and the rules that guard staff's edits (old words of a
 * changed label, unknown terms, slides and blocks naming missing data) are located.
 * test/browser/editions-pdf.test.ts builds its PDFs and reads them back.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareEditions } from '../../src/app/diff/compare.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { run } from '../../src/cli/run.ts';
import { filesRead } from '../../src/schema/edition-paths.ts';
import { SLIDE_KIND_NAMES, type Edition } from '../../src/schema/index.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { SLIDE_VIEWS, partialOf } from '../../src/stages/render/slides/index.ts';
import { deckReads, deckView } from '../../src/stages/render/deck-view.ts';
import { guidelineView } from '../../src/stages/render/guideline-view.ts';
import { withFixture, type TempProject } from '../helpers/project.ts';

async function cli(project: TempProject, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const exit = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, { root: project.root });
  return { exit, out: out.join('\n'), err: err.join('\n') };
}

let project: TempProject;
let r3: Edition;
let r4: Edition;

beforeAll(async () => {
  project = await withFixture();
  const [a, b] = await loadEditions(project.paths, ['r3', 'r4']);
  r3 = a!.edition;
  r4 = b!.edition;
  // A clean fixture: no problem, and no warning about last year's words.
  expect(a!.warnings).toEqual([]);
  expect(b!.warnings).toEqual([]);
});
afterAll(() => project.dispose());

describe('the fixture edition (a later year) as data', () => {
  it('composes its deck from deck.yaml: lineage gone, the policy field and a free slide added', () => {
    const view = deckView(r4);
    expect(view.slides.map((s) => s.id)).toEqual([
      'title',
      'programmes',
      'overview-first',
      'overview-second',
      'call-kyoso',
      'roster-kyoso',
      'call-seisaku',
      'briefing',
      'sites',
      'contact',
    ]);
    const briefing = view.slides[7]!;
    expect(briefing.kind).toBe('content');
    expect(briefing.speakerNotes).toBe('申込の締切は各回の前日正午です。');
    expect(view.slides[4]!.speakerNotes).toContain('育成型のみ');
    if (briefing.ctx.kind !== 'content') throw new Error('not a content slide');
    expect(briefing.ctx.blocks.map((b) => b.kind)).toEqual(['text', 'table', 'columns', 'callout', 'notes']);
  });

  it('prints a single-type call, its five milestones and this year’s words', () => {
    const call = deckView(r4).slides.find((s) => s.id === 'call-kyoso')!.ctx;
    if (call.kind !== 'call') throw new Error('not a call slide');
    expect(call.types.map((t) => t.name)).toEqual(['育成型']);
    expect(call.rows.map((r) => r.head)).toEqual(['対象分野', '目標', '提案機関の構成要件', '委託研究費', '実施期間', '採択予定件数']);
    // The 対象分野 note of the call is gone from the data, so from the row.
    expect(call.rows[0]!.note).toBe('');
    expect(call.milestones.map((m) => m.text)).toEqual([
      '令和4年5月10日(火)～7月5日(火)12:00（正午）',
      '令和4年7月～9月頃',
      '令和4年8月下旬',
      '令和4年9月下旬以降',
      '令和4年10月頃',
    ]);
    expect(call.milestones[0]!.parts).toEqual(['令和4年5月10日(火)～', '7月5日(火)12:00（正午）']);
  });

  it('prints the policy field as a call of its own: its areas, its composition, 未定, the shared schedule, 上限', () => {
    const call = deckView(r4).slides.find((s) => s.id === 'call-seisaku')!.ctx;
    if (call.kind !== 'call') throw new Error('not a call slide');
    const cell = (id: string) => call.rows.find((r) => r.id === id)!.cells.map((c) => c.lines.map((l) => l.text).join(' '));
    expect(cell('target')).toEqual(['国の政策方針に基づき文部科学省が設定 （バイオ分野・環境エネルギー分野）']);
    expect(cell('composition')).toEqual(['大学等を代表機関とする4機関以上（うち、少なくとも2機関は民間企業であること）']);
    expect(cell('awards')).toEqual(['未定']);
    expect(cell('budget')).toEqual(['プロジェクトの規模に応じて 上限4億円／年度程度']);
    expect(call.schedule).toEqual({ title: '令和4年度 共創の場形成支援プログラム 公募スケジュール', note: '共創分野と同様' });
    expect(call.milestones).toHaveLength(5);
  });

  it('numbers its 公募要領 tree: a Q&A chapter added, one removed, subsections, items and an appendix', () => {
    const call = r4.calls.find((c) => c.id === 'kyoso')!;
    const view = guidelineView(r4, call, r4.guidelines[0]!);
    expect(view.chapters.map((c) => `${c.label} ${c.title}`)).toEqual([
      '第1章 プログラムの趣旨・背景',
      '第2章 公募の対象（実施タイプ・対象分野）',
      '第3章 応募要件・提案体制',
      '第4章 委託研究費・実施期間',
      '第5章 採択予定件数',
      '第6章 公募スケジュール',
      '第7章 選考・プログラム運営',
      '第8章 よくある質問（Q&A）',
      '第9章 問い合わせ先',
      '第10章 留意事項',
      '別紙1 提案書の様式一覧',
    ]);
    const review = view.chapters[6]!.sections[2]!;
    expect([review.number, review.title]).toEqual(['7.3', '選考の方法と観点']);
    expect(review.sections.map((s) => `${s.number} ${s.title}`)).toEqual(['(1) 書類選考', '(2) 面接選考']);
    expect(review.sections[0]!.sections.map((s) => `${s.number} ${s.title}`)).toEqual(['ア ビジョンの妥当性', 'イ 体制の実現性']);
    expect(view.chapters[10]!.sections.map((s) => s.number)).toEqual(['1.', '2.']);
    // A value in prose prints exactly as the table does.
    const prose = view.chapters[5]!.blocks[0]!;
    expect(prose.kind === 'html' && prose.values).toEqual(['令和4年5月10日(火)～7月5日(火)12:00（正午）']);
  });

  it('derives what each output reads from the composition', () => {
    const deckFiles = filesRead(r4.sources, deckReads(deckView(r4)));
    expect(deckFiles).toContain('deck.yaml');
    expect(deckFiles).toContain('calls/seisaku.yaml');
    expect(deckFiles).not.toContain('guidelines/kyoso.yaml');
    const view = guidelineView(r4, r4.calls.find((c) => c.id === 'kyoso')!, r4.guidelines[0]!);
    expect(view.sources).toEqual(['calls/kyoso.yaml', 'contact.yaml', 'edition.yaml', 'guidelines/kyoso.yaml', 'overview.yaml', 'programmes.yaml', 'roster.yaml']);
    // A shared schedule is read where it is written: the policy field's slide reads calls/kyoso.yaml too.
    const seisaku = deckView(r4).slides.find((s) => s.id === 'call-seisaku')!;
    expect(filesRead(r4.sources, seisaku.reads)).toEqual(['calls/kyoso.yaml', 'calls/seisaku.yaml', 'deck.yaml', 'edition.yaml', 'programmes.yaml']);
  });

  it('places the 新旧対照表 rows r3 → r4 on the slides and chapters of the new structure', () => {
    const rows = compareEditions(r3, r4);
    const place = (kind: string, where: RegExp) => rows.find((r) => r.kind === kind && where.test(r.where))?.place;
    expect(place('added', /^deck\.yaml slides\[briefing\]$/u)).toBe('スライド8「公募説明会のご案内」');
    expect(place('removed', /^deck\.yaml slides\[lineage\]$/u)).toBe('スライド2「拠点形成型プログラムの大括り化」');
    // The chapter is listed in the table of contents too.
    expect(place('added', /guidelines\/kyoso\.yaml chapters\[qa\]$/u)).toBe('公募要領（共創分野）表紙・目次／公募要領（共創分野）第8章「よくある質問（Q&A）」');
    expect(place('removed', /guidelines\/kyoso\.yaml chapters\[after-project\]$/u)).toBe('公募要領（共創分野）表紙・目次／公募要領（共創分野）第8章「プロジェクト終了後の取組」');
    // The renamed word is labelled with this year's word.
    const funding = rows.find((r) => r.where === 'edition.yaml labels.fundingTerm')!;
    expect([funding.old, funding.new]).toEqual(['委託費', '委託研究費']);
    expect(funding.place).toContain('スライド5「「共創分野」の令和4年度公募について」');
  });
});

describe('the slide-kind registry', () => {
  it('has, for every kind the schema accepts, a view and a template (a new kind is those three)', () => {
    expect(Object.keys(SLIDE_VIEWS).sort()).toEqual([...SLIDE_KIND_NAMES].sort());
    for (const kind of SLIDE_KIND_NAMES) expect(existsSync(path.join(TOOL_ROOT, 'templates', `${partialOf(kind)}.hbs`)), kind).toBe(true);
  });
});

describe('rules that guard staff’s edits, located', () => {
  let p: TempProject;
  beforeAll(async () => {
    p = await withFixture();
  });
  afterAll(() => p.dispose());
  const edit = async (rel: string, from: string, to: string) => {
    const file = path.join(p.root, 'data', rel);
    const text = await readFile(file, 'utf8');
    if (!text.includes(from)) throw new Error(`fixture edit did not apply: ${from}`);
    await writeFile(file, text.replace(from, to));
    return async () => writeFile(file, text);
  };

  it('warns (exit 0) about a text that still writes last year’s word, with file:line:col', async () => {
    const undo = await edit('r4/overview.yaml', 'プロジェクト内でのJST{{term:funding}}の配分は', 'プロジェクト内でのJST委託費の配分は');
    const { exit, err } = await cli(p, ['validate', 'r4']);
    await undo();
    expect(exit).toBe(0);
    expect(err).toMatch(
      /data\/r4\/overview\.yaml:59:25 {2}second\.mechanisms\.items\[0\]\.bullets\[2\] — 「委託費」は前年度（r3）の語です。今年度の labels\.fundingTerm は「委託研究費」.*\[OLD_TERM\] 警告/u,
    );
    expect(err).toContain('{{term:funding}}');
  });

  it('counts an old word only as a word of its own, not inside a longer compound', async () => {
    const undo = await edit('r4/overview.yaml', 'プロジェクト内でのJST{{term:funding}}の配分は', 'プロジェクト内での再委託費用の配分は');
    const { exit, err } = await cli(p, ['validate', 'r4']);
    await undo();
    expect(exit).toBe(0);
    expect(err).not.toContain('OLD_TERM');
  });

  it('lets a textlint-allow comment silence OLD_TERM, beside another rule on the same comment', async () => {
    const undo = await edit(
      'r4/overview.yaml',
      'プロジェクト内でのJST{{term:funding}}の配分は、外部リソース獲得状況等に応じ、新たな研究開発課題の実施や既存研究開発課題の加速等に柔軟に充当可能',
      'プロジェクト内でのJST委託費の配分は、外部リソース獲得状況等に応じ、新たな研究開発課題の実施や既存研究開発課題の加速等に柔軟に充当可能  # textlint-allow: OLD_TERM, sentence-length — 前年度の資料の引用',
    );
    const { exit, err } = await cli(p, ['validate', 'r4']);
    await undo();
    expect(exit).toBe(0);
    expect(err).not.toContain('OLD_TERM');
    // The comment is read as a whole: its other rule is judged by the text checks alone (here it silences nothing).
    expect(err).toContain('消える指摘がありません（sentence-length）');
    expect(err).not.toContain('はありません');
  });

  it('refuses an unknown term name, naming the known ones', async () => {
    const undo = await edit('r4/guidelines/kyoso.yaml', "title: '{{term:awards}}'", "title: '{{term:award}}'");
    const { exit, err } = await cli(p, ['validate', 'r4']);
    await undo();
    expect(exit).toBe(1);
    expect(err).toMatch(
      /data\/r4\/guidelines\/kyoso\.yaml:\d+:\d+ {2}chapters\[4\]\.title — 用語「award」は edition\.yaml の labels にありません（使える名前: funding, period, type, .*awards/u,
    );
    expect(err).toContain('[UNKNOWN_TERM]');
  });

  it('locates a slide that names missing data in deck.yaml', async () => {
    const undo = await edit('r4/deck.yaml', 'call: seisaku', 'call: chiiki');
    const { exit, err } = await cli(p, ['validate', 'r4']);
    await undo();
    expect(exit).toBe(1);
    expect(err).toMatch(/data\/r4\/deck\.yaml:14:11 {2}slides\[6\]\.call — 公募「chiiki」が見つかりません（既知の値: kyoso, seisaku）.*\[DANGLING_REF\]/u);
  });

  it('locates a block or a value the call does not have', async () => {
    const undoBlock = await edit('r4/guidelines/kyoso.yaml', '      - block: contact', '      - block: proposer');
    const undoValue = await edit('r4/guidelines/kyoso.yaml', '{{value:budget.ikusei}}、', '{{value:budget.honkaku}}、');
    const { exit, err } = await cli(p, ['validate', 'r4']);
    await undoValue();
    await undoBlock();
    expect(exit).toBe(1);
    expect(err).toMatch(/chapters\[8\]\.body\[0\]\.block — ブロック「proposer」には公募「kyoso」の分野の概要（overview）が必要です/u);
    expect(err).toMatch(/chapters\[3\]\.body\[0\]\.text — 値「budget\.honkaku」はこの公募にありません/u);
  });

  it('refuses a schedule that refers to a call without one, and a period that ends before it starts', async () => {
    const undoRef = await edit('r4/calls/seisaku.yaml', 'sameAs: kyoso', 'sameAs: seisaku');
    const ref = await cli(p, ['validate', 'r4']);
    await undoRef();
    const undoPeriod = await edit('r4/calls/kyoso.yaml', "to: { date: '2022-09', suffix: 頃 }", "to: { date: '2022-06', suffix: 頃 }");
    const { exit, err } = await cli(p, ['validate', 'r4']);
    await undoPeriod();
    expect(ref.exit).toBe(1);
    expect(exit).toBe(1);
    expect(ref.err).toMatch(/data\/r4\/calls\/seisaku\.yaml:\d+:\d+ {2}schedule\.sameAs — スケジュールを持つ公募「seisaku」が見つかりません/u);
    expect(err).toMatch(/data\/r4\/calls\/kyoso\.yaml:\d+:\d+ {2}schedule\.milestones\[1\]\.period\.to — 期間の終わりが始まりより前/u);
  });

  it('accepts the real schedule of a later year: a review period overlapping the deadline’s month', async () => {
    const { exit, err } = await cli(p, ['validate', 'r4']);
    expect(err).not.toContain('SCHEDULE_ORDER');
    expect(exit).toBe(0);
  });
});
