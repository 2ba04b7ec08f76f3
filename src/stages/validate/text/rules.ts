/**
 * The project's own textlint rules, for what no npm rule checks the way 公用文 and this
 * programme need: one width of digits and Latin letters per edition, 句読点, and dates
 * whose weekday is wrong. Plain textlint rule modules (`context → { Str(node) }`), run
 * in the same kernel as the npm rules so Markdown is parsed once and code/URLs are skipped.
 * Each reports a catalogue entry's words (shared/data-issues/) through textlint's message (see `encodeWords`).
 */
import type { TextlintRuleContext, TextlintRuleModule, TextlintRuleReportHandler } from '@textlint/types';
import { issue } from '../../../shared/data-issues/index.ts';
import type { Message } from '../../../shared/values.ts';

/** What a finding says and what to do, in both languages. */
export interface Words {
  message: Message;
  hint?: Message;
}

const PREFIX = 'kyoso:';

/** A rule's words travel through textlint's (string) message. */
export function encodeWords(words: Words): string {
  return PREFIX + JSON.stringify(words);
}

export function decodeWords(message: string): Words | undefined {
  if (!message.startsWith(PREFIX)) return undefined;
  return JSON.parse(message.slice(PREFIX.length)) as Words;
}

type Width = 'half' | 'full';

const toHalf = (s: string): string => s.replace(/[０-９Ａ-Ｚａ-ｚ]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const toFull = (s: string): string => s.replace(/[0-9A-Za-z]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** A rule that looks at each run of text (Markdown: outside code and link targets). */
function strRule<O extends object>(check: (text: string, options: O, report: (from: number, to: number, words: Words) => void) => void): TextlintRuleModule<O> {
  return (context: TextlintRuleContext, options?: O): TextlintRuleReportHandler => {
    const { Syntax, RuleError, report, getSource, locator } = context;
    return {
      [Syntax.Str](node) {
        check(getSource(node), (options ?? {}) as O, (from, to, words) => {
          report(node, new RuleError(encodeWords(words), { padding: locator.range([from, to]) }));
        });
      },
    };
  };
}

/* ------------------------------------------------------------------ edition-width */

export interface WidthCounts {
  digits: { half: number; full: number };
  latin: { half: number; full: number };
}

export interface WidthOptions {
  digits: Width;
  latin: Width;
  counts: WidthCounts;
}

/** Runs of digits and of Latin letters of each width over the edition's texts. */
export function widthCounts(values: Iterable<string>): WidthCounts {
  const c: WidthCounts = { digits: { half: 0, full: 0 }, latin: { half: 0, full: 0 } };
  const n = (v: string, re: RegExp): number => v.match(re)?.length ?? 0;
  for (const v of values) {
    c.digits.half += n(v, /[0-9]+/gu);
    c.digits.full += n(v, /[０-９]+/gu);
    c.latin.half += n(v, /[A-Za-z]+/gu);
    c.latin.full += n(v, /[Ａ-Ｚａ-ｚ]+/gu);
  }
  return c;
}

/** The edition's width: its majority, half-width on a tie (公用文の算用数字・ローマ字は半角が通例). */
export const majority = (x: { half: number; full: number }): Width => (x.full > x.half ? 'full' : 'half');

export const editionWidth = strRule<WidthOptions>((text, o, report) => {
  const kinds = [
    { kind: 'digits' as const, prefer: o.digits, re: o.digits === 'half' ? /[０-９]+/gu : /[0-9]+/gu },
    { kind: 'latin' as const, prefer: o.latin, re: o.latin === 'half' ? /[Ａ-Ｚａ-ｚ]+/gu : /[A-Za-z]+/gu },
  ];
  for (const k of kinds) {
    const c = o.counts[k.kind];
    for (const m of text.matchAll(k.re)) {
      const fixed = k.prefer === 'half' ? toHalf(m[0]) : toFull(m[0]);
      report(m.index, m.index + m[0].length, issue('widthMismatch', { kind: k.kind, text: m[0], prefer: k.prefer, fixed, half: c.half, full: c.full }));
    }
  }
});

/* ------------------------------------------------------------------ punctuation */

export interface PunctuationOptions {
  /** The edition's 読点: 「、」, or 「，」 (公用文作成の考え方: 横書きでは「，」も可, but one of them). */
  comma: '、' | '，';
}

const JA = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー';
const PERIOD_AFTER_JA = new RegExp(`(?<=[${JA}）」』])[．.](?=$|\\s|[${JA}「（])`, 'gu');
const ASCII_TILDE_RANGE = new RegExp(`(?<=[${JA}0-9０-９）)])~(?=[${JA}0-9０-９（(])`, 'gu');

export const punctuation = strRule<PunctuationOptions>((text, o, report) => {
  for (const m of text.matchAll(PERIOD_AFTER_JA)) {
    report(m.index, m.index + 1, issue('periodAsFullStop', { mark: m[0] }));
  }
  for (const m of text.matchAll(ASCII_TILDE_RANGE)) {
    report(m.index, m.index + 1, issue('asciiTilde', {}));
  }
  const other = o.comma === '、' ? '，' : '、';
  for (const m of text.matchAll(new RegExp(other, 'gu'))) {
    report(m.index, m.index + 1, issue('mixedComma', { other, comma: o.comma }));
  }
});

/* ------------------------------------------------------------------ date-weekday */

export interface DateWeekdayOptions {
  /** The edition's fiscal year (西暦): a date without a year is in FY N (April–December N, January–March N+1). */
  fiscalYear?: number;
}

const ERA_START: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925 };
const WEEKDAYS = '日月火水木金土';
const N = '[0-9０-９]';
// 「令和3年5月10日(月)」「2021年5月10日（月）」「5月10日(火)」「10日(金)」 — a day only, after a date, keeps its month.
const DATE_RE = new RegExp(`(?:(令和|平成|昭和)(${N}{1,2}|元)年|(${N}{4})年)?(?:(${N}{1,2})月)?(${N}{1,2})日\\s*[（(]([日月火水木金土])(?:曜日?)?[)）]`, 'gu');
const num = (s: string): number => Number(toHalf(s));

export const dateWeekday = strRule<DateWeekdayOptions>((text, o, report) => {
  let year: number | undefined;
  let month: number | undefined;
  for (const m of text.matchAll(DATE_RE)) {
    const [, era, eraYear, western, mo, d = '', wd = ''] = m;
    if (era && eraYear) year = (ERA_START[era] ?? 0) + (eraYear === '元' ? 1 : num(eraYear));
    else if (western) year = num(western);
    if (mo) month = num(mo);
    if (month === undefined) continue;
    let y = year;
    if (y === undefined) {
      if (o.fiscalYear === undefined) continue;
      y = month >= 4 ? o.fiscalYear : o.fiscalYear + 1;
    }
    const day = num(d);
    const date = new Date(Date.UTC(y, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || day === 0) {
      const at = m.index + m[0].indexOf(`${d}日`);
      report(at, at + d.length + 1, issue('noSuchDate', { year: y, month, day }));
      continue;
    }
    const actual = WEEKDAYS[date.getUTCDay()] ?? '';
    if (actual !== wd) {
      const at = m.index + m[0].lastIndexOf(wd);
      const facts = { year: y, month, day, weekday: date.getUTCDay(), written: wd, assumedFiscalYear: year === undefined ? o.fiscalYear : undefined };
      report(at, at + 1, issue('wrongWeekday', facts));
    }
  }
});
