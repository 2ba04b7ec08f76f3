/** Rules of roster*.yaml: each names a call, one per call, dated no later than the edition. */
import { issue } from '../../shared/data-issues/index.ts';
import { fuzzySpan } from '../../shared/dates.ts';
import { at, type CrossRule } from './rule.ts';

export const rosterCall: CrossRule = {
  id: 'roster-call',
  description: { ja: '名簿の call が公募を指す', en: 'a roster’s call names a call' },
  reads: ['roster', 'call'],
  reports: ['danglingRef'],
  skipWhenFailed: ['call'],
  check: ({ rosters, calls, callById }) =>
    calls.length === 0
      ? []
      : rosters.flatMap((r) => (callById.has(r.data.call) ? [] : [at(r.rel, ['call'], issue('danglingRef', { what: '公募', key: r.data.call, known: callById.keys() }))])),
};

export const rosterPerCall: CrossRule = {
  id: 'roster-per-call',
  description: { ja: '1つの公募に名簿は1つ', en: 'a call has one roster at most' },
  reads: ['roster'],
  reports: ['secondForCall'],
  check({ rosters }) {
    const seen = new Map<string, string>();
    return rosters.flatMap((r) => {
      const first = seen.get(r.data.call);
      if (first) return [at(r.rel, ['call'], issue('secondForCall', { document: 'roster', call: r.data.call, first }))];
      seen.set(r.data.call, r.rel);
      return [];
    });
  },
};

export const rosterDate: CrossRule = {
  id: 'roster-date',
  description: { ja: '名簿の時点（asOf）が資料の日付より後でない', en: 'a roster’s date (asOf) is not after the edition date' },
  reads: ['roster', 'edition'],
  reports: ['rosterAfterEdition'],
  check: ({ rosters, edition }) =>
    edition
      ? rosters.flatMap((r) =>
          fuzzySpan(r.data.asOf)[0] > fuzzySpan(edition.data.date)[1] ? [at(r.rel, ['asOf'], issue('rosterAfterEdition', { asOf: r.data.asOf, date: edition.data.date }))] : [],
        )
      : [],
};
