/**
 * Money: integer yen in the data, printed in the unit a slide chooses.
 *
 * The same 320,000,000 prints as 最大3.2億円 on one slide and 32000万円 on another,
 * so the unit is a formatting option chosen by the template, never data. A value
 * that cannot be shown exactly in the chosen unit throws instead of printing a
 * rounded number, unless the template opts in with `round: true`.
 */
import type { Money } from '../values.ts';
import { MARKS } from './marks.ts';
import { applyDigits, withApprox, type Digits } from './text.ts';

/** Units the documents use. `auto` picks one from the amount (see {@link formatMoney}). */
export type MoneyStyle = 'oku' | 'senman' | 'hyakuman' | 'man' | 'yen' | 'auto';

type FixedStyle = Exclude<MoneyStyle, 'auto'>;

/** Yen per unit and the unit's printed name. */
export const MONEY_UNITS: Readonly<Record<FixedStyle, { yen: number; label: string }>> = {
  oku: { yen: 100_000_000, label: '億円' },
  senman: { yen: 10_000_000, label: '千万円' },
  hyakuman: { yen: 1_000_000, label: '百万円' },
  man: { yen: 10_000, label: '万円' },
  yen: { yen: 1, label: '円' },
};

/** Options for {@link formatMoney}. */
export interface MoneyOptions {
  /** Unit; default `auto`. */
  style?: MoneyStyle;
  /** Between the two ends of a range; default MARKS.range (1～10億円). */
  rangeSeparator?: string;
  /** Comma thousands separators in the number. Default: true for `yen` (25,000,000円), false otherwise (2500万円). */
  thousands?: boolean;
  /** Inserted after the unit and before 程度, e.g. `／年度` → 最大3.2億円／年度程度. */
  unitSuffix?: string;
  /** Most decimals printed; default 2. */
  maxDecimals?: number;
  /** Round half-up to `maxDecimals` instead of throwing when the value is not exact. Default false. */
  round?: boolean;
  /** The word printed before an `upTo` amount; the documents take it from the edition's labels (budgetUpTo). Default 最大. */
  upToWord?: string;
  digits?: Digits;
}

function checkYen(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new Error(`Money.${what} must be a non-negative integer number of yen (got ${JSON.stringify(v)})`);
  }
  return v;
}

/** The amounts of a Money value: one for `yen`, two for a range. Throws on a malformed value. */
export function moneyAmounts(m: Money): [number] | [number, number] {
  if (m === null || typeof m !== 'object') throw new Error(`Money must be an object (got ${JSON.stringify(m)})`);
  const hasYen = m.yen !== undefined;
  const hasMin = m.min !== undefined;
  const hasMax = m.max !== undefined;
  if (hasYen && (hasMin || hasMax)) throw new Error('Money has both yen and min/max; give either a single amount or a range');
  if (hasYen) return [checkYen(m.yen, 'yen')];
  // Open ranges (only min or only max) are rejected: the documents never print them,
  // and "at most" is expressed with upTo.
  if (!hasMin || !hasMax) throw new Error('Money needs yen, or both min and max (open ranges are not supported)');
  const min = checkYen(m.min, 'min');
  const max = checkYen(m.max, 'max');
  if (min > max) throw new Error(`Money range min (${min}) is greater than max (${max})`);
  return [min, max];
}

/**
 * Prints `yen` in units of `unitYen` with at most `maxDecimals` decimals, minimal digits
 * (3.2 not 3.20, 1 not 1.0). BigInt keeps the exactness test free of float error.
 * Returns undefined when not exact and `round` is false.
 */
function scale(yen: number, unitYen: number, maxDecimals: number, round: boolean, thousands: boolean): string | undefined {
  const p = 10n ** BigInt(maxDecimals);
  const num = BigInt(yen) * p;
  const den = BigInt(unitYen);
  let q = num / den;
  const r = num % den;
  if (r !== 0n) {
    if (!round) return undefined;
    if (r * 2n >= den) q += 1n; // half-up: amounts are non-negative
  }
  let intPart = (q / p).toString();
  const frac = maxDecimals > 0 ? (q % p).toString().padStart(maxDecimals, '0').replace(/0+$/, '') : '';
  if (thousands) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${intPart}.${frac}` : intPart;
}

/**
 * `auto`: ≥ 1億 → oku, ≥ 1000万 → man, else yen, by the largest amount (a range
 * shares one unit). If the amount is not exact there (1.234億), falls back to the next
 * finer unit (man, then yen) rather than throwing, since no unit was asked for;
 * with `round: true` it rounds in the first unit instead.
 */
function autoStyles(largest: number, round: boolean): FixedStyle[] {
  const chain: FixedStyle[] = largest >= 100_000_000 ? ['oku', 'man', 'yen'] : largest >= 10_000_000 ? ['man', 'yen'] : ['yen'];
  return round ? chain.slice(0, 1) : chain;
}

/**
 * Formats money: `{yen: 320000000, upTo: true}` (oku) → `最大3.2億円`;
 * `{min: 1e8, max: 1e9}` → `1～10億円`; `{yen: 25000000, approx: '程度'}` (senman) →
 * `2.5千万円程度`; order is 最大, 約, amount, unit, unitSuffix, 程度.
 * Throws when the amount is not exactly representable (unless `round`).
 */
export function formatMoney(m: Money, opts: MoneyOptions = {}): string {
  const amounts = moneyAmounts(m);
  const style = opts.style ?? 'auto';
  const maxDecimals = opts.maxDecimals ?? 2;
  if (!Number.isInteger(maxDecimals) || maxDecimals < 0 || maxDecimals > 6) {
    throw new Error(`maxDecimals must be an integer 0–6 (got ${JSON.stringify(maxDecimals)})`);
  }
  const round = opts.round ?? false;
  let styles: FixedStyle[];
  if (style === 'auto') styles = autoStyles(Math.max(...amounts), round);
  else if (Object.hasOwn(MONEY_UNITS, style)) styles = [style];
  else throw new Error(`Unknown money style ${JSON.stringify(style)}; use oku, senman, hyakuman, man, yen or auto`);

  for (const s of styles) {
    const unit = MONEY_UNITS[s];
    const thousands = opts.thousands ?? s === 'yen';
    const parts = amounts.map((a) => scale(a, unit.yen, maxDecimals, round, thousands));
    if (parts.some((x) => x === undefined)) continue;
    const number = parts.join(opts.rangeSeparator ?? MARKS.range);
    const body = withApprox(`${number}${unit.label}${opts.unitSuffix ?? ''}`, m.approx);
    return applyDigits(`${m.upTo ? (opts.upToWord ?? '最大') : ''}${body}`, opts.digits);
  }
  const shown = amounts.map((a) => a.toLocaleString('en-US')).join('~');
  const unitName = styles.length === 1 ? MONEY_UNITS[styles[0]!].label : 'any auto unit';
  throw new Error(`Money ${shown} yen cannot be shown exactly in ${unitName} with ≤ ${maxDecimals} decimals; ` + `fix the data, choose another style, or pass round: true`);
}
