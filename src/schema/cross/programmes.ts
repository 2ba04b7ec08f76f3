/** Rules of programmes.yaml: its own references, and its table's agreement with the calls (one source of truth). */
import { issue } from '../../shared/data-issues/index.ts';
import { isUnknown, type Maybe, type Money, type Period } from '../../shared/values.ts';
import type { CrossIssue } from '../contract.ts';
import { at, type CrossContext, type CrossRule, type Path } from './rule.ts';

type CallFile = CrossContext['calls'][number];

/** Comparable amount of a Money: the single value or the top of the range. */
export const moneyTop = (v: Money): number => v.yen ?? v.max ?? 0;
/** Equal as printed: two amounts alike, or both not known yet (要確認). */
const moneyEq = (a: Maybe<Money>, b: Maybe<Money>) =>
  isUnknown(a) || isUnknown(b) ? a === b : a.yen === b.yen && a.min === b.min && a.max === b.max && !!a.upTo === !!b.upTo && a.approx === b.approx;
const periodEq = (a: Maybe<Period>, b: Maybe<Period>) => (isUnknown(a) || isUnknown(b) ? a === b : a.years === b.years && !!a.upTo === !!b.upTo);

export const programmeRefs: CrossRule = {
  id: 'programme-refs',
  description: {
    ja: '既採択数と予算の行が、そのプログラムの実施タイプと分野の領域を指す',
    en: 'adopted counts and budget rows name a type of their programme and an area of their field',
  },
  reads: ['programmes'],
  reports: ['danglingRef'],
  check({ programmesFile, programmes }) {
    if (!programmesFile) return [];
    const out: CrossIssue[] = [];
    const dangling = (path: Path, what: string, key: string | undefined, known: ReadonlySet<string>) => {
      if (key !== undefined && !known.has(key)) out.push(at(programmesFile.rel, path, issue('danglingRef', { what, key, known })));
    };
    programmes.forEach((p, pi) => {
      const base: Path = ['programmes', pi];
      const typeIds = new Set((p.types ?? []).map((t) => t.id));
      p.fields?.forEach((f, fi) => {
        const fb: Path = [...base, 'fields', fi];
        const areaIds = new Set((f.areas ?? []).map((a) => a.id));
        f.adopted?.forEach((a, ai) => {
          dangling([...fb, 'adopted', ai, 'type'], '実施タイプ', a.type, typeIds);
          dangling([...fb, 'adopted', ai, 'area'], '領域', a.area, areaIds);
        });
        f.budget.items.forEach((it, ii) => dangling([...fb, 'budget', 'items', ii, 'type'], '実施タイプ', it.type, typeIds));
      });
      p.budget?.items.forEach((it, ii) => dangling([...base, 'budget', 'items', ii, 'type'], '実施タイプ', it.type, typeIds));
    });
    return out;
  },
};

export const lineageRefs: CrossRule = {
  id: 'lineage-refs',
  description: { ja: '大括り化（lineage）が programmes.yaml のプログラムを指す', en: 'the lineage names programmes of programmes.yaml' },
  reads: ['programmes'],
  reports: ['danglingRef'],
  check({ programmesFile, progById }) {
    if (!programmesFile) return [];
    const lin = programmesFile.data.lineage;
    const refs: [Path, string | undefined][] = [
      [['lineage', 'successor'], lin.successor],
      ...lin.predecessors.map((pr, i): [Path, string | undefined] => [['lineage', 'predecessors', i, 'programme'], pr.programme]),
    ];
    return refs.flatMap(([path, key]) =>
      key === undefined || progById.has(key) ? [] : [at(programmesFile.rel, path, issue('danglingRef', { what: 'プログラム', key, known: progById.keys() }))],
    );
  },
};

export const tableBudgetRefs: CrossRule = {
  id: 'table-budget-refs',
  description: {
    ja: '概要表の予算の行（ref）が公募の実施タイプを指し、書き写した金額・期間がそれと一致する',
    en: 'a budget row of the table (ref) names a call type, and any amount or period it repeats equals the call’s',
  },
  reads: ['programmes', 'call'],
  reports: ['budgetRefDangling', 'tableMoneyDiffers', 'tablePeriodDiffers'],
  check({ programmesFile, programmes, callById, failed }) {
    if (!programmesFile) return [];
    const rel = programmesFile.rel;
    const out: CrossIssue[] = [];
    programmes.forEach((p, pi) =>
      p.fields?.forEach((f, fi) =>
        f.budget.items.forEach((it, ii) => {
          if (!it.ref) return;
          const path: Path = ['programmes', pi, 'fields', fi, 'budget', 'items', ii];
          const call = callById.get(it.ref.call);
          if (!call && failed.has('call')) return;
          // Only a target whose amount is this row's: a type of the same kind (育成型 for 育成型) in this field.
          // Anything else would validate and print another type's budget.
          const fits = (c: CallFile, x: CallFile['data']['types'][number]) => (it.type === undefined || x.kind === it.type) && (x.target.field ?? c.data.field) === f.id;
          if (!call) {
            const calls = [...callById.values()].filter((c) => c.data.types.some((x) => fits(c, x))).map((c) => c.data.id);
            return out.push(at(rel, [...path, 'ref', 'call'], issue('budgetRefDangling', { what: 'call', key: it.ref.call, known: calls })));
          }
          const t = call.data.types.find((x) => x.id === it.ref!.type);
          if (!t) {
            const known = call.data.types.filter((x) => fits(call, x)).map((x) => x.id);
            return out.push(at(rel, [...path, 'ref', 'type'], issue('budgetRefDangling', { what: 'type', key: it.ref.type, call: call.data.id, known })));
          }
          const type = { name: t.name, id: t.id };
          if (it.money && !moneyEq(it.money, t.budget)) out.push(at(rel, [...path, 'money'], issue('tableMoneyDiffers', { call: call.data.id, type })));
          if (it.period && !periodEq(it.period, t.period)) out.push(at(rel, [...path, 'period'], issue('tablePeriodDiffers', { call: call.data.id, type })));
        }),
      ),
    );
    return out;
  },
};
