import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareEditions, summaryText, type DiffRow } from '../../src/app/diff/compare.ts';
import { diff, MAX_SIDE_NAME, resolveSide, sideFileName } from '../../src/app/diff/index.ts';
import { markChanges } from '../../src/app/diff/marks.ts';
import { mdText, renderMarkdown } from '../../src/app/diff/report.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { isWarning, KyosoError } from '../../src/shared/errors.ts';
import { byKind, makeFixture } from '../helpers/diff-fixture.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

let project: TempProject;
let result: { rows: DiffRow[]; summary: string };

beforeAll(async () => {
  project = await tempProject(['r3']);
  await makeFixture(project);
  const [a, b] = await loadEditions(project.paths, ['r3', 'r3x']);
  const rows = compareEditions(a!.edition, b!.edition);
  result = { rows, summary: summaryText(rows) };
});

afterAll(async () => {
  await project?.dispose();
});

describe('compare: r3 → r3x', () => {
  it('lists exactly the three changed values, the added and the removed member, as printed', () => {
    expect(byKind(result.rows)).toEqual([
      ['changed', '本格型（共創分野） 委託費', '最大3.2億円／年度程度', '最大3.5億円／年度程度'],
      // 地域共創分野 shares 共創分野's schedule (sameAs): the changed date is a row of each call.
      ['changed', '共創分野 公募締切 日付', '令和3年5月下旬以降', '令和3年6月上旬以降'],
      ['changed', '地域共創分野 公募締切 日付', '令和3年5月下旬以降', '令和3年6月上旬以降'],
      ['added', 'アドバイザー（AD）', '', '山田 花子（京都大学 大学院工学研究科 教授）'],
      ['removed', 'アドバイザー（AD）', '財満 鎭明（名城大学 大学院理工学研究科 教授）', ''],
      ['changed', '電子メールアドレス', 'platform@jst.go.jp', 'kyoso@jst.go.jp'],
    ]);
    expect(result.summary).toBe('変更 4 件、追加 1 件、削除 1 件');
  });

  it('places each row on its slide and guideline chapter, and names the data file', () => {
    const [budget, milestone, shared, added, , email] = result.rows;
    // The programme table (slide 3) prints the call's budget through its reference.
    expect(budget!.place).toBe(
      'スライド3「「共創の場形成支援」を構成するプログラムの概要」／スライド6「「共創分野」の令和3年度公募について」／公募要領（共創分野）第4章「委託費・支援期間」',
    );
    expect(budget!.where).toBe('calls/kyoso.yaml types[honkaku].budget');
    // Each call's row is placed on that call's slide and 公募要領 only.
    // The 公募締切 is also the cover's 募集締切 (issue 27).
    expect(milestone!.place).toBe('スライド6「「共創分野」の令和3年度公募について」／公募要領（共創分野）表紙・目次／公募要領（共創分野）第6章「公募スケジュール」');
    expect(shared!.place).toBe('スライド9「「地域共創分野」令和3年度公募について」／公募要領（地域共創分野）表紙・目次／公募要領（地域共創分野）第6章「公募スケジュール」');
    expect(shared!.where).toBe('calls/chiiki.yaml schedule（共創分野と同じ）');
    expect(added!.place).toMatch(/^スライド7「.*のPO・AD」／公募要領（共創分野）第7章/u);
    expect(email!.place).toMatch(/^スライド11「.*問い合わせ先」／公募要領（共創分野・地域共創分野）第9章/u);
  });

  it('labels every row in words: no schema help, ids, YAML or Markdown (r3 → r4)', async () => {
    const p = await tempProject(['r3', 'r4']);
    try {
      const [a, b] = await loadEditions(p.paths, ['r3', 'r4']);
      const rows = compareEditions(a!.edition, b!.edition);
      expect(rows.length).toBeGreaterThan(40);
      for (const r of rows) {
        // Latin letters only as the programmes' and JST's own names.
        expect(r.label.replace(/COI-NEXT|COI|OPERA|JST|PoC|PO|AD|Q&A/gu, ''), r.label).not.toMatch(/[A-Za-z=:{}[\]#*_`]|例|（.*。/u);
        expect(r.label, r.label).not.toMatch(/\{\{/u);
      }
    } finally {
      await p.dispose();
    }
  });

  it('finds nothing between an edition and itself', async () => {
    const [a] = await loadEditions(project.paths, ['r3']);
    expect(compareEditions(a!.edition, structuredClone(a!.edition))).toEqual([]);
  });

  it('aligns lists of texts, so an inserted line is one 追加 and not a cascade of 変更', async () => {
    const [a] = await loadEditions(project.paths, ['r3']);
    const b = structuredClone(a!.edition);
    b.overview.first.background.points.splice(1, 0, '新しい背景');
    expect(byKind(compareEditions(a!.edition, b))).toEqual([['added', '箇条書き（2）', '', '新しい背景']]);
  });
});

describe('marks and escaping', () => {
  it('marks only the changed characters', () => {
    expect(markChanges('最大3.2億円／年度程度', '最大3.5億円／年度程度')).toEqual({
      old: [
        { text: '最大3.', changed: false },
        { text: '2', changed: true },
        { text: '億円／年度程度', changed: false },
      ],
      new: [
        { text: '最大3.', changed: false },
        { text: '5', changed: true },
        { text: '億円／年度程度', changed: false },
      ],
    });
  });

  it('keeps data inert in Markdown table cells', () => {
    expect(mdText('a|b *c* <d> [e]\nf')).toBe('a\\|b \\*c\\* &lt;d&gt; \\[e\\]<br>f');
    const md = renderMarkdown({
      old: { spec: 'r3', title: 'T' },
      new: { spec: 'r3x', title: 'T' },
      rows: [{ kind: 'changed', place: 'P', label: 'L', where: 'w', old: 'x「あ」', new: 'x（い）', path: [] }],
    });
    // Next to Japanese brackets `**` would not emphasise; <b> is used there.
    expect(md).toContain('| x<b>（い）</b> | x<b>「あ」</b> | 変更：L | `w` |');
  });
});

describe('sides', () => {
  it('reports an unknown edition and invalid data like build does', async () => {
    await expect(resolveSide(project.paths, 'r9')).rejects.toMatchObject({ code: 'EDITION_NOT_FOUND' });
    await expect(resolveSide(project.paths, ':r3')).rejects.toMatchObject({ code: 'USAGE' });
    const p = await tempProject(['r3']);
    try {
      await p.edit('r3/contact.yaml', 'email: platform@jst.go.jp', 'email: not-an-address');
      const err = await diff({ paths: p.paths, old: 'r3', new: 'r3' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KyosoError);
      expect((err as KyosoError).code).toBe('DATA_INVALID');
      expect((err as KyosoError).issues.map((i) => i.file)).toContain('data/r3/contact.yaml');
      // The count is of errors: the notes beside them (checks skipped for a failed file) are not problems.
      const { issues } = err as KyosoError;
      const errors = issues.filter((i) => !isWarning(i)).length;
      expect(errors).toBeLessThan(issues.length);
      expect((err as KyosoError).detail.en).toContain(`${errors} problem(s)`);
    } finally {
      await p.dispose();
    }
  });

  it('makes side names safe as file names', () => {
    expect(sideFileName('v1.0:r3')).toBe('v1.0-r3');
    expect(sideFileName('origin/main~2:r3')).toBe('origin-main~2-r3');
  });

  it('keeps a side named by a very long git branch within a file name, and distinct (issue 32, class 9)', () => {
    const long = (tail: string) => `feature/${'x'.repeat(200)}/${'y'.repeat(200)}${tail}:r3`;
    const a = sideFileName(long('a'));
    const b = sideFileName(long('b'));
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(MAX_SIDE_NAME);
    expect(a).toMatch(/^feature-x+-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    // Two sides, the separator, an extension and a temporary name's prefix fit in 255 bytes.
    expect(Buffer.byteLength(`.kyoso-tmp-4194304-0123abcd-${a}__${b}.pdf`)).toBeLessThan(255);
  });
});
