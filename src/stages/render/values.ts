/**
 * How a call's values are written — ONE place for both documents. The slides
 * and the guidelines print a budget, a period, an award count or a milestone
 * through these functions, so the two can never disagree (a test compares them).
 */
import * as fmt from '../../shared/format/index.ts';
import type { MoneyStyle } from '../../shared/format/index.ts';
import type { Call, CallType, Edition, FieldOverview, Milestone, Roster } from '../../schema/index.ts';
import type { FuzzyDate, Money } from '../../shared/values.ts';

/** The seed's habit: 億 from 1億円 upwards, 千万 below (2.5千万円, 3.2億円). */
export function defaultStyle(m: Money): MoneyStyle {
  const top = m.max ?? m.yen ?? 0;
  return top >= 100_000_000 ? 'oku' : top >= 10_000_000 ? 'senman' : 'man';
}

export function yenText(m: Money, opts: { style?: MoneyStyle | undefined; unitSuffix?: string } = {}): string {
  return fmt.formatMoney(m, { style: opts.style ?? defaultStyle(m), ...(opts.unitSuffix ? { unitSuffix: opts.unitSuffix } : {}) });
}

/** 2.5千万円/年度程度, 最大3.2億円/年度程度 — the call table's 委託費 cell. */
export function callBudgetText(call: Call, type: CallType): string {
  return yenText(type.budget, { unitSuffix: `/${call.table.budgetPer}` });
}

/** 2年度, 最長10年度 — the call table's 支援期間 cell. */
export function callPeriodText(edition: Edition, type: CallType): string {
  return fmt.formatPeriod(type.period, { upToWord: edition.meta.labels.periodUpToCall as '最大' | '最長' });
}

/** 4件程度, or the "not called this year" note. */
export function awardsText(type: CallType): string {
  const a = type.awards;
  if ('notCalled' in a) return `※${a.note}`;
  return fmt.count(a.count, { unit: '件', ...(a.approx ? { approx: a.approx } : {}) });
}

/** 4件程度, or the note itself (公募要領 tables print it without the slide's ※). */
export function awardsPlainText(type: CallType): string {
  return 'notCalled' in type.awards ? type.awards.note : awardsText(type);
}

/**
 * 令和３年度公募について — the slides print the digits of their headings, titles and the
 * programme table's short notes full-width, as the seed deck does; the data keeps one width (half, checked by lint:text's
 * edition-width) and the 公募要領 prints it as written.
 */
export function slideTitleText(text: string): string {
  return fmt.applyDigits(text, 'full');
}

/** 令和３年５月下旬以降 — schedules keep the seed's full-width digits. */
export function milestoneText(m: Milestone): string {
  return fmt.formatFuzzyDate(m.date, { calendar: 'wareki', digits: 'full' });
}

/** 2020.10.16 — the roster's as-of date, printed as ※2020.10.16時点. */
export function rosterAsOfText(roster: Roster): string {
  return fmt.formatFuzzyDate(roster.asOf, { calendar: 'dotted' });
}

/** 640百万円 — a field's budget, in the unit the data chose for it. */
export function fieldBudgetText(overview: FieldOverview): string {
  return yenText(overview.budget.money, { style: overview.budget.amountStyle });
}

/** 令和2年10月, 平成28年11月30日 — dates of documents (the deck, a cited guideline, an issue date). */
export function documentDateText(d: FuzzyDate): string {
  return fmt.formatFuzzyDate(d, { calendar: 'wareki' });
}

/** 令和3年度 */
export function fiscalYearText(edition: Edition): string {
  return fmt.fiscalYear(edition.meta.fiscalYear);
}

/** 3機関以上 — the minimum size of the proposing team. */
export function minInstitutionsText(call: Call): string {
  return fmt.count(call.table.composition.minInstitutions, { unit: '機関以上' });
}
