/** Rules of calls/*.yaml: ids, what each names in programmes.yaml, amounts, and the schedule. */
import { issue } from '../../shared/data-issues/index.ts';
import { scheduleOutOfOrder, spanOfEntry, type DateOrRange } from '../../shared/dates.ts';
import { isUnknown } from '../../shared/values.ts';
import type { CrossIssue } from '../contract.ts';
import { moneyTop } from './programmes.ts';
import { at, type CrossContext, type CrossRule, type Path } from './rule.ts';

type CallFile = CrossContext['calls'][number];
type CallType = CallFile['data']['types'][number];
type Milestone = Extract<CallFile['data']['schedule'], { milestones: unknown }>['milestones'][number];

/** How a reader tells a type apart: 本格型（政策重点分野） when two types of the call share a name. */
function typeFacts(ctx: CrossContext, call: CallFile, t: CallType): { name: string; id: string } {
  const d = call.data;
  const field = t.target.field ?? d.field;
  const name = d.types.filter((x) => x.name === t.name).length > 1 ? `${t.name}（${ctx.fieldById.get(field)?.field.name ?? field}）` : t.name;
  return { name, id: t.id };
}

/** Each milestone of a call's own schedule with its date or period and where that is written. */
function milestonesOf(call: CallFile): { x: Milestone; i: number; path: Path }[] {
  const s = call.data.schedule;
  if (!('milestones' in s)) return [];
  return s.milestones.map((x, i) => ({ x, i, path: ['schedule', 'milestones', i, x.period ? 'period' : 'date'] }));
}

const facts = (x: Milestone, when: DateOrRange) => ({ id: x.id, label: x.label, when });

/**
 * What is known of a milestone's time: its date or period; of a period with one end not known yet
 * (要確認), the known end; nothing when unknown. Order and range rules judge only what is known.
 */
function knownWhen(x: Milestone): DateOrRange | undefined {
  if (x.period) {
    const { from, to } = x.period;
    if (!isUnknown(from) && !isUnknown(to)) return { from, to };
    if (!isUnknown(from)) return from;
    if (!isUnknown(to)) return to;
    return undefined;
  }
  return x.date === undefined || isUnknown(x.date) ? undefined : x.date;
}

export const uniqueCallIds: CrossRule = {
  id: 'unique-call-ids',
  description: { ja: '公募IDがファイル間で重複しない', en: 'call ids are unique across files' },
  reads: ['call'],
  reports: ['duplicateCallId'],
  check({ calls }) {
    const seen = new Map<string, string>();
    return calls.flatMap((c) => {
      const first = seen.get(c.data.id);
      if (first) return [at(c.rel, ['id'], issue('duplicateCallId', { id: c.data.id, first }))];
      seen.set(c.data.id, c.rel);
      return [];
    });
  },
};

export const scheduleSameAs: CrossRule = {
  id: 'schedule-same-as',
  description: {
    ja: 'schedule.sameAs が、自分のスケジュールを持つ公募を指す（参照の連鎖は不可）',
    en: 'schedule.sameAs names a call that holds its own schedule (no chains)',
  },
  reads: ['call'],
  reports: ['danglingRef'],
  skipWhenFailed: ['call'],
  check({ calls }) {
    const withOwn = calls.filter((x) => 'milestones' in x.data.schedule).map((x) => x.data.id);
    return calls.flatMap((c) => {
      const s = c.data.schedule;
      if ('milestones' in s || !('sameAs' in s)) return [];
      const target = calls.find((x) => x.data.id === s.sameAs);
      if (target && 'milestones' in target.data.schedule) return [];
      return [at(c.rel, ['schedule', 'sameAs'], issue('danglingRef', { what: 'スケジュールを持つ公募', key: s.sameAs, known: withOwn }))];
    });
  },
};

export const callProgrammeRefs: CrossRule = {
  id: 'call-programme-refs',
  description: {
    ja: '公募の分野と、各実施タイプの種類・対象分野・領域が programmes.yaml にある',
    en: 'a call’s field, and each type’s kind, target field and areas, exist in programmes.yaml',
  },
  reads: ['call', 'programmes'],
  reports: ['danglingRef'],
  check({ calls, programmesFile, fieldById }) {
    if (!programmesFile) return [];
    const out: CrossIssue[] = [];
    for (const { rel, data: d } of calls) {
      const dangling = (path: Path, what: string, key: string, known: Iterable<string>) => out.push(at(rel, path, issue('danglingRef', { what, key, known })));
      const owner = fieldById.get(d.field);
      if (!owner) dangling(['field'], '分野', d.field, fieldById.keys());
      const kinds = new Set((owner?.programme.types ?? []).map((t) => t.id));
      const fieldsOfProg = new Set((owner?.programme.fields ?? []).map((f) => f.id));
      d.types.forEach((t, ti) => {
        if (owner && !kinds.has(t.kind)) dangling(['types', ti, 'kind'], '実施タイプ', t.kind, kinds);
        if (owner && t.target.field !== undefined && !fieldsOfProg.has(t.target.field)) dangling(['types', ti, 'target', 'field'], '分野', t.target.field, fieldsOfProg);
        const areaField = fieldById.get(t.target.field ?? d.field)?.field;
        const areaIds = (areaField?.areas ?? []).map((a) => a.id);
        t.target.areas?.forEach((a, ai) => {
          if (!areaIds.includes(a)) dangling(['types', ti, 'target', 'areas', ai], `${areaField?.name ?? t.target.field ?? d.field}の領域`, a, areaIds);
        });
      });
    }
    return out;
  },
};

export const typeComposition: CrossRule = {
  id: 'type-composition',
  description: {
    ja: '各実施タイプに実施機関の構成要件がある（タイプごと、または table.composition で共通）',
    en: 'every type has a composition requirement (its own, or table.composition for all)',
  },
  reads: ['call', 'programmes'],
  reports: ['noComposition'],
  check: (ctx) =>
    ctx.calls.flatMap((c) =>
      c.data.types.flatMap((t, ti) => (t.composition || c.data.table.composition ? [] : [at(c.rel, ['types', ti], issue('noComposition', { type: typeFacts(ctx, c, t) }))])),
    ),
};

export const ikuseiBelowHonkaku: CrossRule = {
  id: 'ikusei-below-honkaku',
  description: { ja: '育成型の金額が同じ分野の本格型の上限を超えない', en: 'a 育成型 budget does not exceed the 本格型 maximum of the same field' },
  reads: ['call', 'programmes'],
  reports: ['budgetAboveUpper'],
  check(ctx) {
    const out: CrossIssue[] = [];
    for (const c of ctx.calls) {
      const d = c.data;
      d.types.forEach((a, ai) => {
        if (a.kind !== 'ikusei') return;
        const fa = a.target.field ?? d.field;
        for (const b of d.types) {
          // An amount not known yet (要確認) is judged once it is written.
          if (isUnknown(a.budget) || isUnknown(b.budget)) continue;
          if (b.kind !== 'honkaku' || (b.target.field ?? d.field) !== fa || !(moneyTop(a.budget) > moneyTop(b.budget))) continue;
          const facts = { type: typeFacts(ctx, c, a), yen: moneyTop(a.budget), upper: typeFacts(ctx, c, b), upperYen: moneyTop(b.budget) };
          out.push(at(c.rel, ['types', ai, 'budget'], issue('budgetAboveUpper', facts)));
        }
      });
    }
    return out;
  },
};

export const scheduleOrder: CrossRule = {
  id: 'schedule-order',
  description: {
    ja: 'スケジュールの節目が時系列順（期間は始まりの順。重なるのはよい）',
    en: 'milestones are in chronological order (periods by their start; overlapping is fine)',
  },
  reads: ['call'],
  reports: ['scheduleOrder'],
  check({ calls }) {
    const out: CrossIssue[] = [];
    for (const c of calls) {
      const ms = milestonesOf(c);
      for (let i = 1; i < ms.length; i++) {
        const [prev, cur] = [ms[i - 1]!, ms[i]!];
        const a = knownWhen(prev.x);
        const b = knownWhen(cur.x);
        if (a && b && scheduleOutOfOrder(a, b)) out.push(at(c.rel, cur.path, issue('scheduleOrder', { milestone: facts(cur.x, b), previous: facts(prev.x, a) })));
      }
    }
    return out;
  },
};

export const scheduleFiscalYear: CrossRule = {
  id: 'schedule-fiscal-year',
  description: { ja: '節目の日付が版の年度から1年以上離れていない', en: 'no milestone is more than a year away from the edition’s fiscal year' },
  reads: ['call', 'edition'],
  reports: ['farFromFiscalYear'],
  check({ calls, edition }) {
    const fiscalYear = edition?.data.fiscalYear;
    if (fiscalYear === undefined) return [];
    const lo = Date.UTC(fiscalYear - 1, 3, 1) / 86_400_000; // one year before FY start
    const hi = Date.UTC(fiscalYear + 2, 2, 31) / 86_400_000; // one year after FY end
    return calls.flatMap((c) =>
      milestonesOf(c).flatMap(({ x, path }) => {
        const w = knownWhen(x);
        if (!w) return [];
        const [s, e] = spanOfEntry(w);
        return e < lo || s > hi ? [at(c.rel, path, issue('farFromFiscalYear', { milestone: facts(x, w), fiscalYear }))] : [];
      }),
    );
  },
};
