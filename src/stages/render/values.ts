/**
 * How a call's values are written — ONE place for both documents. The slides
 * and the guidelines print a budget, a period, an award count or a milestone
 * through these functions, so the two can never disagree (a test compares them).
 * Every year-dependent word (最大, 最長, 未定 …) comes from the edition's labels.
 */
import * as fmt from '../../shared/format/index.ts';
import type { MoneyStyle } from '../../shared/format/index.ts';
import type { Call, CallType, Edition, FieldOverview, Milestone, Roster } from '../../schema/index.ts';
import { UNKNOWN_TEXT, isUnknown, type FuzzyDate, type Maybe, type Money, type Period } from '../../shared/values.ts';

export { UNKNOWN_TEXT };

/** The seed's habit: 億 from 1億円 upwards, 千万 below (2.5千万円, 3.2億円). */
export function defaultStyle(m: Money): MoneyStyle {
  const top = m.max ?? m.yen ?? 0;
  return top >= 100_000_000 ? 'oku' : top >= 10_000_000 ? 'senman' : 'man';
}

/** An amount in the unit the place chose (or the seed's default), with the edition's 最大. */
export function yenText(edition: Edition, m: Maybe<Money>, opts: { style?: MoneyStyle | undefined; unitSuffix?: string } = {}): string {
  if (isUnknown(m)) return UNKNOWN_TEXT;
  return fmt.formatMoney(m, {
    style: opts.style ?? defaultStyle(m),
    upToWord: edition.meta.labels.budgetUpTo,
    ...(opts.unitSuffix ? { unitSuffix: opts.unitSuffix } : {}),
  });
}

/** 2.5千万円／年度程度, 最大3.2億円／年度程度 — the call table's 委託費 cell. */
export function callBudgetText(edition: Edition, call: Call, type: CallType): string {
  return yenText(edition, type.budget, { unitSuffix: `${fmt.MARKS.per}${call.table.budgetPer}` });
}

/** 2年度, 最長10年度 — the call table's 支援期間 cell. */
export function callPeriodText(edition: Edition, type: CallType): string {
  return periodText(type.period, edition.meta.labels.periodUpToCall as '最大' | '最長');
}

/** 最長10年度, 5年度, or （要確認） for a period not known yet. */
export function periodText(p: Maybe<Period>, upToWord: '最大' | '最長'): string {
  return isUnknown(p) ? UNKNOWN_TEXT : fmt.formatPeriod(p, { upToWord });
}

/** A count or number as printed (3機関以上, 18), or （要確認） when not known yet. */
export function countText(n: Maybe<number>, opts: Parameters<typeof fmt.count>[1] = {}): string {
  return isUnknown(n) ? UNKNOWN_TEXT : fmt.count(n, opts);
}

/** 4件程度, 未定, （要確認）, or the "not called this year" note (with the slide's ※). */
export function awardsText(edition: Edition, call: Call, type: CallType): string {
  const status = callStatusOf(edition, call, type);
  if (!status.called) return `※${status.note}`;
  const a = type.awards;
  // Whether the type is called at all is not known yet: its count is not either.
  if (status.toConfirm || a === undefined || isUnknown(a)) return UNKNOWN_TEXT;
  if ('notCalled' in a) return `※${a.note}`;
  if ('undecided' in a) return edition.meta.labels.undecided;
  return fmt.count(a.count, { unit: '件', ...(a.approx ? { approx: a.approx } : {}) });
}

/** Whether a type is called this year; when not, the words for it; when not known yet, toConfirm. */
export type CallStatus = { called: true; toConfirm: boolean } | { called: false; note: string };

/**
 * The one reading of a type's call status: the type's `status`, else its call's (`status:
 * called | not-called | to-confirm`, with `statusNote` for the words); data written before the
 * status existed says "not called" through its awards (`awards: { notCalled: true, note }`).
 */
export function callStatusOf(edition: Edition, call: Call, type: CallType): CallStatus {
  const a = type.awards;
  if (a !== undefined && !isUnknown(a) && 'notCalled' in a) return { called: false, note: a.note };
  const status = type.status ?? call.status ?? 'called';
  if (status === 'not-called') return { called: false, note: type.statusNote ?? call.statusNote ?? `${fiscalYearText(edition)}の公募は行いません` };
  return { called: true, toConfirm: status === 'to-confirm' };
}

/** 4件程度, 未定, or the note itself (公募要領 tables print it without the slide's ※). */
export function awardsPlainText(edition: Edition, call: Call, type: CallType): string {
  const status = callStatusOf(edition, call, type);
  return status.called ? awardsText(edition, call, type) : status.note;
}

/**
 * A slide heading or a table note as printed: digits of the one width every document uses
 * (half, the data's own: a slide never sets 令和３年度 beside 令和3年度).
 */
export function slideTitleText(text: string): string {
  return fmt.applyDigits(text, 'half');
}

/** The schedule a call prints: its own, or the one it shares (`sameAs`), with its own note. */
export interface EffectiveSchedule {
  /** The call whose file holds the milestones. */
  owner: string;
  title: string;
  note: string | undefined;
  milestones: Milestone[];
}

export function scheduleOf(edition: Edition, call: Call): EffectiveSchedule {
  const s = call.schedule;
  if ('milestones' in s) return { owner: call.id, title: s.title, note: s.note, milestones: s.milestones };
  const owner = edition.calls.find((c) => c.id === s.sameAs);
  if (!owner || !('milestones' in owner.schedule)) throw new Error(`call ${call.id}: schedule sameAs ${s.sameAs} has no schedule of its own (crossCheck should have caught this)`);
  return { owner: owner.id, title: owner.schedule.title, note: s.note, milestones: owner.schedule.milestones };
}

function scheduleDateOptions(edition: Edition): fmt.DateOptions {
  const f = edition.meta.scheduleFormat;
  return { calendar: 'wareki', digits: f.digits, weekday: f.weekday };
}

/**
 * A milestone as it prints, in unbreakable pieces: one for a point (令和３年５月下旬以降),
 * two for a period (令和4年5月10日(火)～ | 7月5日(火)12:00（正午）). Digits and weekdays
 * as the edition's scheduleFormat asks.
 */
export function milestoneParts(edition: Edition, m: Milestone): string[] {
  const opts = scheduleDateOptions(edition);
  if (m.period) {
    const { from, to } = m.period;
    if (!isUnknown(from) && !isUnknown(to)) return fmt.formatDateRangeParts({ from, to }, opts);
    if (isUnknown(from) && isUnknown(to)) return [UNKNOWN_TEXT];
    return [`${isUnknown(from) ? UNKNOWN_TEXT : fmt.formatFuzzyDate(from, opts)}${fmt.RANGE_SEPARATOR}`, isUnknown(to) ? UNKNOWN_TEXT : fmt.formatFuzzyDate(to, opts)];
  }
  if (m.date) return [isUnknown(m.date) ? UNKNOWN_TEXT : fmt.formatFuzzyDate(m.date, opts)];
  throw new Error(`milestone ${m.id} has neither date nor period (the schema should have caught this)`);
}

/** The milestone as one string. */
export function milestoneText(edition: Edition, m: Milestone): string {
  return milestoneParts(edition, m).join('');
}

/** The composition requirement of a type: its own, else the call's. */
export function compositionOf(call: Call, type: CallType): { text: string; minInstitutions: Maybe<number> } {
  const c = type.composition ?? call.table.composition;
  if (!c) throw new Error(`call ${call.id}, type ${type.id}: no composition (crossCheck should have caught this)`);
  return c;
}

/** 2020.10.16 — the roster's as-of date, printed as ※2020.10.16時点. */
export function rosterAsOfText(roster: Roster): string {
  return fmt.formatFuzzyDate(roster.asOf, { calendar: 'dotted' });
}

/** 640百万円 — a field's budget, in the unit the data chose for it. */
export function fieldBudgetText(edition: Edition, overview: FieldOverview): string {
  // yenText prints （要確認） for an amount not known yet.
  return yenText(edition, overview.budget.money, { style: overview.budget.amountStyle });
}

/** 令和2年10月, 平成28年11月30日 — dates of documents (the deck, a cited guideline, an issue date). */
export function documentDateText(d: FuzzyDate): string {
  return fmt.formatFuzzyDate(d, { calendar: 'wareki' });
}

/** 令和3年度 */
export function fiscalYearText(edition: Edition): string {
  return fmt.fiscalYear(edition.meta.fiscalYear);
}

/** 3機関以上 — the minimum size of the proposing team (of a type, or the call's common one). */
export function minInstitutionsText(call: Call, type?: CallType): string {
  const n = type ? compositionOf(call, type).minInstitutions : (call.table.composition?.minInstitutions ?? compositionOf(call, call.types[0]!).minInstitutions);
  return countText(n, { unit: '機関以上' });
}
