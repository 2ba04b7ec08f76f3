/**
 * 「前年度からの主な変更点」 of a 公募要領 (stages/render/guideline-changes.ts): the 新旧対照表's rows
 * between the previous edition and this one, picked for one call and said in words with the
 * printed values. Built on the fixture r3 → r4 (the real differences of a later year), then on a
 * copy where one value of r4 is edited: exactly that line moves. The PDF page is read back in
 * test/browser/guideline-changes.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachPreviousChanges } from '../../src/app/previous-changes.ts';
import { editionsAfter, loadEditions, type ValidEdition } from '../../src/app/editions.ts';
import type { Block } from '../../src/stages/render/guideline-view.ts';
import { guidelineView } from '../../src/stages/render/guideline-view.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

/** Every line the page prints: its paragraphs, headings and list items. */
function lines(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => {
    if (b.kind === 'p' || b.kind === 'h3') return [b.text];
    if (b.kind === 'list') return b.items;
    if (b.kind === 'table') return b.rows.map((r) => r.map((c) => c.text).join(' | '));
    return [];
  });
}

async function editions(p: TempProject): Promise<ValidEdition[]> {
  const valid = await loadEditions(p.paths, ['r3', 'r4'], { text: 'none' });
  await attachPreviousChanges(p.paths, valid);
  return valid;
}

function pageOf(valid: readonly ValidEdition[], id: string, call: string): string[] | undefined {
  const v = valid.find((x) => x.edition.id === id)!;
  const c = v.edition.calls.find((x) => x.id === call)!;
  const g = v.edition.guidelines.find((x) => x.call === call)!;
  const view = guidelineView(v.edition, c, g, v.previous);
  return view.changes && lines(view.changes.blocks);
}

let project: TempProject;
let valid: ValidEdition[];
beforeAll(async () => {
  project = await tempProject(['r3', 'r4']);
  valid = await editions(project);
});
afterAll(() => project.dispose());

describe('前年度からの主な変更点', () => {
  it('is not printed for the first edition (no previous one to compare with)', () => {
    expect(valid.find((v) => v.edition.id === 'r3')!.previous).toBeUndefined();
    expect(pageOf(valid, 'r3', 'kyoso')).toBeUndefined();
  });

  it('lists what an applicant of r4 共創分野 meets that differs from r3, values as printed', () => {
    const page = pageOf(valid, 'r4', 'kyoso')!;
    expect(page[0]).toBe('令和3年度の公募から変わった主な点は次のとおりです。詳しくは本文の各章を参照してください。');
    // Types and fields called: the 本格型 rows of r3's call are gone, 政策重点分野 is a call of its own, 地域共創分野 is not called.
    expect(page).toContain('今年度は公募しない実施タイプ：本格型（共創分野）：最大3.2億円／年度程度、最長10年度、2件程度');
    expect(page).toContain('「政策重点分野」を公募（前年度は公募なし）');
    expect(page).toContain('「地域共創分野」は今年度は公募しない');
    // The money and counts, in this year's words (r4 says 委託研究費 and 実施期間).
    expect(page).toContain('委託研究費・実施期間・採択予定件数');
    expect(page).toContain('育成型の採択予定件数を4件程度から5件程度に変更');
    // The schedule: every milestone either year has, old and new as the schedule prints them.
    expect(page).toContain('研究開発開始を令和3年10月頃から令和4年10月頃に変更');
    expect(page).toContain('公募期間（令和4年5月10日(火)～7月5日(火)12:00（正午））を新たに設定');
    expect(page).toContain('公募締切（前年度：令和3年5月下旬以降）は今年度は設けない');
    // Nothing another call or the edition's wording changed (the 新旧対照表 has those).
    expect(page.join('\n')).not.toMatch(/副題|見出し|表題|PO・AD|時点/u);
  });

  it('moves exactly the line of a value edited in the data', async () => {
    const before = pageOf(valid, 'r4', 'kyoso')!;
    const p = await tempProject(['r3', 'r4']);
    try {
      await p.edit('r4/calls/kyoso.yaml', 'budget: { yen: 25000000, approx: 程度 }', 'budget: { yen: 30000000, approx: 程度 }');
      const after = pageOf(await editions(p), 'r4', 'kyoso')!;
      const added = after.filter((l) => !before.includes(l));
      const gone = before.filter((l) => !after.includes(l));
      expect(gone).toEqual([]);
      expect(added).toEqual(['育成型の委託研究費を2.5千万円／年度程度から3千万円／年度程度に変更']);
      // In its place: with the money and counts, before the schedule.
      expect(after.indexOf(added[0]!)).toBeLessThan(after.indexOf('スケジュール'));
    } finally {
      await p.dispose();
    }
  });

  it('says nothing when a status is written where none was (no status means called)', async () => {
    const before = pageOf(valid, 'r4', 'kyoso')!;
    const p = await tempProject(['r3', 'r4']);
    try {
      await p.edit('r4/calls/kyoso.yaml', 'field: kyoso\n', 'field: kyoso\nstatus: called\n');
      expect(pageOf(await editions(p), 'r4', 'kyoso')).toEqual(before);
      await p.edit('r4/calls/kyoso.yaml', 'status: called\n', 'status: to-confirm\n');
      const after = pageOf(await editions(p), 'r4', 'kyoso')!;
      // In words (not the data word); a call to confirm also prints its counts as （要確認）.
      expect(after.filter((l) => !before.includes(l))).toContain('「共創分野」を公募するかは（要確認）');
      expect(after.join('\n')).not.toMatch(/called|to-confirm/u);
    } finally {
      await p.dispose();
    }
  });

  it('says a field not called this year and a requirement changed once (r5 against r4)', async () => {
    const p = await tempProject(['r4', 'r5']);
    try {
      const both = await loadEditions(p.paths, ['r4', 'r5'], { text: 'none' });
      await attachPreviousChanges(p.paths, both);
      const page = pageOf(both, 'r5', 'kyoso')!;
      // calls/seisaku.yaml status: not-called, in words (not the data word).
      expect(page).toContain('「政策重点分野」は今年度は公募しない');
      expect(page.join('\n')).not.toMatch(/not-called|called/u);
      // The 構成要件 whose text and minimum both changed: one line, with the whole requirement as printed.
      expect(page.filter((l) => l.startsWith('提案機関の構成要件'))).toEqual([
        '提案機関の構成要件を大学等を代表機関とする3機関以上（うち、少なくとも1機関は民間企業であること）から大学等を代表機関とする（要確認）機関以上（うち、少なくとも1機関は民間企業であること）に変更',
      ]);
      expect(page).toContain('育成型の委託研究費を2.5千万円／年度程度から（要確認）に変更');
    } finally {
      await p.dispose();
    }
  });

  it('says there is no change when the call is as last year', () => {
    const r4 = valid.find((v) => v.edition.id === 'r4')!;
    const c = r4.edition.calls.find((x) => x.id === 'kyoso')!;
    const g = r4.edition.guidelines.find((x) => x.call === 'kyoso')!;
    const view = guidelineView(r4.edition, c, g, { id: 'r4', edition: r4.edition, rows: [] });
    expect(lines(view.changes!.blocks)).toEqual(['令和4年度の公募からの主な変更はありません。']);
  });

  it('tells the build when the previous edition does not validate, and prints no page', async () => {
    const p = await tempProject(['r3', 'r4']);
    try {
      await p.edit('r3/contact.yaml', 'email: platform@jst.go.jp', 'email: not-an-address');
      const [r4] = await loadEditions(p.paths, ['r4'], { text: 'none' });
      const told: string[] = [];
      await attachPreviousChanges(p.paths, [r4!], (id) => told.push(id));
      expect(told).toEqual(['r3']);
      expect(r4!.previous).toBeUndefined();
    } finally {
      await p.dispose();
    }
  });
});

describe('editions whose changes page reads another', () => {
  it('are the next fiscal year only (dev rebuilds them when the other is edited)', async () => {
    const p = await tempProject(['r3', 'r4', 'r5']);
    try {
      const all = ['r3', 'r4', 'r5'];
      expect(await editionsAfter(p.paths, 'r3', all)).toEqual(['r4']);
      expect(await editionsAfter(p.paths, 'r4', all)).toEqual(['r5']);
      expect(await editionsAfter(p.paths, 'r5', all)).toEqual([]);
    } finally {
      await p.dispose();
    }
  });
});
