/** The 新旧対照表's fixture: an edition r3x, copied from r3 with five known changes. */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import type { DiffRow } from '../../src/app/diff/compare.ts';
import type { TempProject } from './project.ts';

/** r3 → r3x: the budget of 本格型, the 公募締切 date, the e-mail; 財満 out, 山田 in. */
export async function makeFixture(p: TempProject): Promise<void> {
  await cp(path.join(p.paths.dataDir, 'r3'), path.join(p.paths.dataDir, 'r3x'), { recursive: true });
  await p.edit('r3x/edition.yaml', /^id: r3$/m, 'id: r3x');
  await p.edit('r3x/calls/kyoso.yaml', 'budget: { yen: 320000000, upTo: true, approx: 程度 }', 'budget: { yen: 350000000, upTo: true, approx: 程度 }');
  await p.edit('r3x/calls/kyoso.yaml', "date: { date: '2021-05', part: 下旬, suffix: 以降 }", "date: { date: '2021-06', part: 上旬, suffix: 以降 }");
  await p.edit('r3x/contact.yaml', 'email: platform@jst.go.jp', 'email: kyoso@jst.go.jp');
  await p.edit('r3x/roster.yaml', /  - id: zaima\n(?: {4}.*\n)+/, '');
  await p.edit(
    'r3x/roster.yaml',
    /  - id: tsujimura\n/,
    '  - id: yamada\n    role: ad\n    name: 山田 花子\n    affiliation: 京都大学 大学院工学研究科\n    position: 教授\n  - id: tsujimura\n',
  );
}

/** The rows as [kind, label, old, new]: what a reader compares. */
export const byKind = (rows: DiffRow[]) => rows.map((r) => [r.kind, r.label, r.old, r.new]);
