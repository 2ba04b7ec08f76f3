/**
 * textlint-rule-sentence-length, with a shortcut that cannot change what it reports. The rule
 * splits each paragraph into sentences and, for every sentence, copies the node property by
 * property and rebuilds its plain text — about 20 µs a sentence, most of the validation of one
 * long value (issue 32: a 1 MB value of 35,000 sentences cost 2.1 s, 1.2 s of it in this rule).
 *
 * A sentence's plain text is never longer than the source it covers (Markdown syntax, escapes
 * and entities only shorten it; a plain text is its source), and the rule reports a sentence
 * only when its plain text is longer than `max`. So a paragraph whose sentences all cover at most
 * `max` characters of source is one the rule would pass: it is skipped after one split, and
 * every other paragraph goes to the rule itself, untouched. A paragraph no longer than `max` is
 * not even split.
 */
import type { TextlintRuleContext, TextlintRuleModule, TextlintRuleReportHandler } from '@textlint/types';
import { SentenceSplitterSyntax, splitAST } from 'sentence-splitter';

interface Options {
  max?: number;
}

/** The rule's default `max` (textlint-rule-sentence-length 5: 100). */
const DEFAULT_MAX = 100;

type Ranged = { type: string; range: readonly [number, number]; raw?: string; children?: readonly { type: string; range?: readonly number[] }[] };

/**
 * Where sentence-splitter leaves nothing to decide: no bracket or quote (its pair marks keep a
 * sentence open), no ASCII letter, `.`, `!` or `?` (abbreviations, `1.5`), and plain text only
 * (a separator inside emphasis or a link splits nothing).
 */
const UNDECIDED = /[\p{Ps}\p{Pe}\p{Pi}\p{Pf}"'`A-Za-z.!?]/u;
/** sentence-splitter's full-width separators: outside a pair mark each one ends a sentence. */
const SEPARATORS = new Set(['。', '．', '？', '！']);

/**
 * The longest stretch of `raw` that can be one sentence when every separator ends one: from
 * after a run of separators to the end of the next run. An upper bound of every sentence's
 * length there (a sentence may start later, after white space, never earlier).
 */
function longestStretch(raw: string): number {
  let longest = 0;
  let length = 0;
  let inRun = false;
  for (const ch of raw) {
    const sep = SEPARATORS.has(ch);
    if (inRun && !sep) {
      longest = Math.max(longest, length);
      length = 0;
    }
    inRun = sep;
    length += ch.length;
  }
  return Math.max(longest, length);
}

/**
 * Where the decided start of `raw` ends: after its last run of separators that comes before the
 * first undecided character (and is not followed by `.`, `!` or `?`, which would join the run).
 * There sentence-splitter has just closed a sentence with nothing open (no pair mark, no
 * abbreviation), so what follows splits as a paragraph of its own would. `raw.length` when
 * nothing in `raw` is undecided; 0 when there is no such place.
 */
function decidedPrefix(raw: string): number {
  let cut = 0;
  let inRun = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    const sep = SEPARATORS.has(ch);
    if (inRun && !sep && !/[.!?]/u.test(ch)) cut = i;
    if (UNDECIDED.test(ch)) return cut;
    inRun = sep;
  }
  return raw.length;
}

const allShort = (paragraph: Ranged, max: number): boolean =>
  splitAST(paragraph as unknown as Parameters<typeof splitAST>[0]).children.every((s) => s.type !== SentenceSplitterSyntax.Sentence || s.range[1] - s.range[0] <= max);

/** A paragraph of one plain text, `raw`, as textlint's Markdown and text plugins make it. */
function plainParagraph(raw: string): Ranged {
  const lines = raw.split('\n');
  const loc = { start: { line: 1, column: 0 }, end: { line: lines.length, column: lines.at(-1)!.length } };
  const range = [0, raw.length] as const;
  return { type: 'Paragraph', raw, range, loc, children: [{ type: 'Str', raw, value: raw, range, loc }] } as unknown as Ranged;
}

/** True when no sentence of the paragraph covers more than `max` characters of source. */
export function sentencesWithin(paragraph: Ranged, max: number): boolean {
  if (paragraph.range[1] - paragraph.range[0] <= max) return true;
  // Plain Japanese prose (what a long value is made of) is bounded without the split, whose cost
  // is ~4 µs a character: all of it, or its decided start, the rest split as a paragraph alone.
  const raw = paragraph.raw;
  const children = paragraph.children;
  if (
    raw !== undefined &&
    children?.length === 1 &&
    children[0]?.type === 'Str' &&
    children[0].range?.[0] === paragraph.range[0] &&
    raw.length === paragraph.range[1] - paragraph.range[0]
  ) {
    const cut = decidedPrefix(raw);
    if (cut > 0 && longestStretch(raw.slice(0, cut)) <= max) return cut === raw.length || allShort(plainParagraph(raw.slice(cut)), max);
  }
  return allShort(paragraph, max);
}

/** `rule` (textlint-rule-sentence-length) with paragraphs it would pass skipped. */
export function shortcutSentenceLength(rule: TextlintRuleModule<Options>): TextlintRuleModule<Options> {
  const reporter = typeof rule === 'function' ? rule : rule.linter;
  return (context: TextlintRuleContext, options?: Options): TextlintRuleReportHandler => {
    const handlers = reporter(context, options);
    const paragraph = handlers[context.Syntax.Paragraph];
    if (!paragraph) return handlers;
    const max = options?.max ?? DEFAULT_MAX;
    return {
      ...handlers,
      [context.Syntax.Paragraph](node) {
        if (sentencesWithin(node as Ranged, max)) return;
        return paragraph(node);
      },
    };
  };
}
