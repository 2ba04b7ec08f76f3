/**
 * Cost linear in one long value (issue 32, class 7). Timings live in `npm run bench` (row v: a
 * 1 MB value); here the structure that makes it linear is checked, not a clock.
 */
import { describe, expect, it } from 'vitest';
import { fromRowConfig } from 'prh';
import '../../src/stages/validate/text/index.ts';
import { prhLinear, withFinalBlankLine } from '../../src/stages/validate/text/prh-linear.ts';
import { TextlintKernel } from '@textlint/kernel';
import { moduleInterop } from '@textlint/module-interop';
import markdownPlugin from '@textlint/textlint-plugin-markdown';
import textPlugin from '@textlint/textlint-plugin-text';
import type { TextlintRuleModule } from '@textlint/types';
import sentenceLength from 'textlint-rule-sentence-length';
import { sentencesWithin, shortcutSentenceLength } from '../../src/stages/validate/text/sentence-length.ts';
import fc from 'fast-check';
import { SentenceSplitterSyntax, splitAST } from 'sentence-splitter';

describe("prh's paragraph split", () => {
  it('is given every text ending with a blank line, so its last search stops there instead of restarting at every position', () => {
    expect(prhLinear()).toBe(true);
    const engine = fromRowConfig('terms.yaml', { version: 1, rules: [{ expected: '委託費', pattern: '委託研究費' }] as never });
    const text = `${'長い本文。'.repeat(1000)}委託研究費`;
    const set = engine.makeChangeSet('x.txt', text);
    // What prh searched: the text with a final blank line (its ChangeSet keeps the content it was given).
    expect(set.content).toBe(`${text}\n\n`);
    // The same change as without the blank line, at the same place.
    expect(set.diffs.map((d) => [d.index, d.expected])).toEqual([[text.length - 5, '委託費']]);
  });

  it('a text that already ends with a blank line is left as it is', () => {
    expect(withFinalBlankLine('a\n\n')).toBe('a\n\n');
    expect(withFinalBlankLine('a')).toBe('a\n\n');
  });
});

describe('sentence-length: paragraphs the rule would pass are skipped after one split', () => {
  const kernel = new TextlintKernel();
  const plugins = [
    { pluginId: 'markdown', plugin: moduleInterop(markdownPlugin as never) },
    { pluginId: 'text', plugin: moduleInterop(textPlugin as never) },
  ];
  const original = moduleInterop(sentenceLength as never) as TextlintRuleModule;
  const lint = async (text: string, rule: TextlintRuleModule, ext: string) =>
    (await kernel.lintText(text, { ext, plugins, rules: [{ ruleId: 'sentence-length', rule, options: { max: 100 } }] })).messages.map((m) => [m.range, m.message]);
  const long = 'これは百文字を超える長い文で、'.repeat(8);
  const texts = [
    '短い文です。短い文です。',
    `${long}終わり。次の文。`,
    `前置き。「${'引用の中の文です。'.repeat(12)}」と書いた。`,
    `リンク https://www.jst.go.jp/pf/platform/${'a'.repeat(90)} を含む文です。`,
    `[https://example.com/${'b'.repeat(95)}](https://example.com/${'b'.repeat(95)}) だけの段落でない文。`,
    `> ${long}引用。`,
    `- ${long}項目。\n- 短い項目。`,
    `**${'強調された長い文'.repeat(12)}**。`,
    `&amp;${'実体参照を含む'.repeat(14)}。`,
    `${'ちょうど百文字。'.repeat(12)}\n\n${'あ'.repeat(99)}。`,
    'これは長い本文です。'.repeat(500),
  ];

  it.each(texts.map((t, i) => [i, t] as const))('text %i: the same messages as the rule itself, in Markdown and plain text', async (_i, text) => {
    for (const ext of ['.md', '.txt']) {
      expect(await lint(text, shortcutSentenceLength(original), ext)).toEqual(await lint(text, original, ext));
    }
  });

  it('still reports what the rule reports (the comparison above is not between two silences)', async () => {
    expect(await lint(texts[1]!, shortcutSentenceLength(original), '.md')).toHaveLength(1);
    expect(await lint(texts[2]!, shortcutSentenceLength(original), '.txt')).toHaveLength(1);
  });

  it('never passes a paragraph the split would not pass, and decides plain Japanese prose alone exactly (property)', () => {
    const para = (raw: string) => ({
      type: 'Paragraph',
      raw,
      range: [0, raw.length] as const,
      loc: { start: { line: 1, column: 0 }, end: { line: 1, column: raw.length } },
      children: [{ type: 'Str', raw, value: raw, range: [0, raw.length] as const, loc: { start: { line: 1, column: 0 }, end: { line: 1, column: raw.length } } }],
    });
    const truth = (raw: string, max: number) => splitAST(para(raw) as never).children.every((s) => s.type !== SentenceSplitterSyntax.Sentence || s.range[1] - s.range[0] <= max);
    const chars = ['あ', '漢', '字', '。', '．', '？', '！', '、', ' ', '　', '\n', '「', '」', '（', '）', 'a', '.', '!', '?', '1', '𠮷'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (list, max) => {
        const raw = list.join('');
        if (sentencesWithin(para(raw), max)) expect(truth(raw, max), JSON.stringify(raw)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // A decided start, then anything (pair marks, abbreviations, ASCII separators): the start is
    // bounded alone and the rest split as a paragraph of its own.
    const tokens = [...chars, 'Mr.', 'U.S.A.', 'Yahoo!', 'e.g. ', '1.5', '. ', '」。', '（注）'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('あ', '漢', '。', '．', '？', '！', '、', ' ', '\n', '1'), { maxLength: 40 }),
        fc.array(fc.constantFrom(...tokens), { maxLength: 30 }),
        fc.integer({ min: 1, max: 12 }),
        (head, tail, max) => {
          const raw = head.join('') + tail.join('');
          // Passing a paragraph the split would not pass is the one mistake that would change a
          // report; the other way only sends it to the rule, which splits it itself.
          if (sentencesWithin(para(raw), max)) expect(truth(raw, max), JSON.stringify(raw)).toBe(true);
        },
      ),
      { numRuns: 10000 },
    );
    // Only characters the shortcut decides alone, so it is taken in every run that is long enough.
    const plain = ['あ', '漢', '。', '．', '？', '！', '、', ' ', '　', '\n', '1', '𠮷'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...plain), { maxLength: 80 }), fc.integer({ min: 1, max: 12 }), (list, max) => {
        const raw = list.join('');
        expect(sentencesWithin(para(raw), max), JSON.stringify(raw)).toBe(truth(raw, max));
      }),
      { numRuns: 3000 },
    );
  });

  it('does not split a paragraph no longer than max, and passes one whose sentences are all short', () => {
    const p = (raw: string) => ({
      type: 'Paragraph',
      raw,
      range: [0, raw.length] as const,
      loc: { start: { line: 1, column: 0 }, end: { line: 1, column: raw.length } },
      children: [{ type: 'Str', raw, value: raw, range: [0, raw.length] as const, loc: { start: { line: 1, column: 0 }, end: { line: 1, column: raw.length } } }],
    });
    expect(sentencesWithin(p('短い。'), 100)).toBe(true);
    expect(sentencesWithin(p('短い文です。'.repeat(100)), 100)).toBe(true);
    expect(sentencesWithin(p(`${'長'.repeat(120)}。`), 100)).toBe(false);
  });
});
