/**
 * How a call's values are written — ONE place for both documents. The slides
 * and the guidelines print a budget, a period, an award count or a milestone
 * through these functions, so the two can never disagree (a test compares them).
 */
import * as fmt from '../format/index.ts';
import type { MoneyStyle } from '../format/index.ts';
import type { Call, CallType, Edition, Milestone } from '../schema/index.ts';
import type { Money } from '../schema/values.ts';

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

/** 令和３年５月下旬以降 — schedules keep the seed's full-width digits. */
export function milestoneText(m: Milestone): string {
  return fmt.formatFuzzyDate(m.date, { calendar: 'wareki', digits: 'full' });
}
