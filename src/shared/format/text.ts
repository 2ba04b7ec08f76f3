/**
 * Width conversion, counts and support periods.
 *
 * The seed mixes half-width and full-width digits (令和3年度 / 令和３年度); the data
 * never stores the width, the template picks one policy per call via `digits`.
 */
import type { Approx, Period } from '../values.ts';

/** Digit width policy: ASCII `0-9` or full-width `０-９`. */
export type Digits = 'half' | 'full';

const FULL_ZERO = 0xff10; // '０'
const FULL_OFFSET = 0xfee0; // distance between a full-width ASCII form and its ASCII twin

/** Replaces ASCII digits with full-width digits (`'10'` → `'１０'`); everything else is kept. */
export function toFullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (c) => String.fromCharCode(FULL_ZERO + (c.charCodeAt(0) - 0x30)));
}

/**
 * Replaces full-width ASCII letters and digits (`Ａ-Ｚ ａ-ｚ ０-９`) with ASCII.
 * Only alphanumerics: full-width punctuation such as （）／ is typographically
 * intentional in Japanese text, and kana are left alone (no half-width kana).
 */
export function toHalfWidth(s: string): string {
  return s.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_OFFSET));
}

/** Applies a digit-width policy to a string produced with ASCII digits. */
export function applyDigits(s: string, digits: Digits = 'half'): string {
  if (digits === 'half') return s;
  if (digits === 'full') return toFullWidthDigits(s);
  throw new Error(`digits must be 'half' or 'full' (got ${JSON.stringify(digits)})`);
}

/**
 * Brackets in Japanese print: a pair of ASCII parentheses around or beside Japanese text is
 * printed full-width (課題(拠点)数 → 課題（拠点）数, 5月10日(火) → 5月10日（火）), so a page
 * never sets both kinds side by side. A parenthesis among Latin text alone stays ASCII
 * (PoC (Proof of Concept)); so does an unpaired one.
 */
export function japaneseBrackets(s: string): string {
  return s.replace(/\(([^()]*)\)/gu, (whole, inner: string, at: number) => {
    const before = s[at - 1] ?? '';
    const after = s[at + whole.length] ?? '';
    const japanese = /[^\p{ASCII}]/u;
    return japanese.test(inner) || japanese.test(before) || japanese.test(after) ? `（${inner}）` : whole;
  });
}

/** Wraps a formatted amount with 約 (before) or 程度 (after); throws on any other qualifier. */
export function withApprox(body: string, approx: Approx | undefined): string {
  if (approx === undefined) return body;
  if (approx === '約') return `約${body}`;
  if (approx === '程度') return `${body}程度`;
  throw new Error(`approx must be '約' or '程度' (got ${JSON.stringify(approx)})`);
}

/** Throws unless `n` is a non-negative safe integer; `what` names the value in the message. */
export function assertCount(n: number, what: string, min = 0): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) {
    throw new Error(`${what} must be an integer ≥ ${min} (got ${JSON.stringify(n)})`);
  }
}

/** Options for {@link count}. */
export interface CountOptions {
  /** Counter word printed after the number, e.g. `件`, `拠点`. Default: none. */
  unit?: string;
  /** `程度` after (4件程度) or `約` before (約4件). */
  approx?: Approx;
  digits?: Digits;
}

/** Formats a count: `count(4, {unit: '件', approx: '程度'})` → `4件程度`, `count(12)` → `12`. */
export function count(n: number, opts: CountOptions = {}): string {
  assertCount(n, 'count');
  return applyDigits(withApprox(`${n}${opts.unit ?? ''}`, opts.approx), opts.digits);
}

/** Options for {@link formatPeriod}. */
export interface PeriodOptions {
  /**
   * Word printed for `upTo`. The seed uses 最大10年度 in one table and 最長10年度 in
   * another for the same value, so it is the template's choice. Default `最大`.
   */
  upToWord?: '最大' | '最長';
  digits?: Digits;
}

/** Formats a support period in fiscal years: `2年度`, `最大10年度`, `最長10年度`. Wrappers like （…支援） are the template's job. */
export function formatPeriod(p: Period, opts: PeriodOptions = {}): string {
  assertCount(p.years, 'Period.years', 1);
  const word = opts.upToWord ?? '最大';
  if (word !== '最大' && word !== '最長') {
    throw new Error(`upToWord must be '最大' or '最長' (got ${JSON.stringify(word)})`);
  }
  return applyDigits(`${p.upTo ? word : ''}${p.years}年度`, opts.digits);
}
