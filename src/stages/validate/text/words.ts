/**
 * Our words for each rule's findings, in Japanese and English. The npm rules speak the
 * language their authors chose (sentence-length English with "Line N", no-doubled-joshi a
 * Japanese paragraph, prh `A => B` and a reason): the facts are taken from their message
 * here and said by the catalogue (shared/data-issues/) the way the rest of the tool says
 * things — what is wrong, then what to do.
 */
import { issue } from '../../../shared/data-issues/index.ts';
import type { Words } from './rules.ts';
import { decodeWords } from './rules.ts';

const firstLine = (s: string): string => s.split('\n')[0] ?? s;

/** The finding's words: our own for the project's rules, reworded for the npm rules. */
export function wordsFor(ruleId: string, message: string, excerpt: string): Words {
  const own = decodeWords(message);
  if (own) return own;
  switch (ruleId) {
    case 'prh': {
      const [head = '', ...reason] = message.split('\n');
      const m = /^(.*) => (.*)$/u.exec(head);
      const actual = m?.[1] ?? excerpt;
      const expected = m?.[2] ?? '';
      return issue('preferredWord', { actual, expected, reason: reason.join(' ').trim() });
    }
    case 'no-doubled-joshi': {
      const particle = /"(.+?)"/u.exec(message)?.[1] ?? excerpt;
      return issue('doubledParticle', { particle });
    }
    case 'sentence-length': {
      const m = /length\((\d+)\) exceeds the maximum sentence length of (\d+)/u.exec(message);
      const [length, max] = [m?.[1] ?? '?', m?.[2] ?? '?'];
      return issue('longSentence', { length, max });
    }
    case 'ja-unnatural-alphabet': {
      const found = /: (.+)$/u.exec(firstLine(message))?.[1] ?? excerpt;
      return issue('strayLatin', { found });
    }
    case 'ja-no-mixed-period':
      return issue('noFinalPeriod', {});
    case 'no-nfd':
      return issue('decomposedKana', { excerpt });
    default:
      return issue('textRule', { rule: ruleId, text: firstLine(message) });
  }
}
