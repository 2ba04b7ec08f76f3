/**
 * Cost linear in one long value (issue 32, class 7). Timings live in `npm run bench` (row v: a
 * 1 MB value); here the structure that makes it linear is checked, not a clock.
 */
import { describe, expect, it } from 'vitest';
import { fromRowConfig } from 'prh';
import '../../src/stages/validate/text/index.ts';
import { prhLinear, withFinalBlankLine } from '../../src/stages/validate/text/prh-linear.ts';

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
