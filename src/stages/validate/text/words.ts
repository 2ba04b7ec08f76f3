/**
 * Our words for each rule's findings, in Japanese and English. The npm rules speak the
 * language their authors chose (sentence-length English with "Line N", no-doubled-joshi a
 * Japanese paragraph, prh `A => B` and a reason): the facts are taken from their message
 * and said the way the rest of the tool says things — what is wrong, then what to do.
 */
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
      const why = reason.join(' ').trim();
      return {
        message: { ja: `「${actual}」は「${expected}」と書きます`, en: `write "${expected}", not "${actual}"` },
        ...(why ? { hint: { ja: why, en: why } } : {}),
      };
    }
    case 'no-doubled-joshi': {
      const particle = /"(.+?)"/u.exec(message)?.[1] ?? excerpt;
      return {
        message: { ja: `一文に助詞「${particle}」が二回以上あります`, en: `the particle 「${particle}」 appears twice in one sentence` },
        hint: { ja: '語順を入れ替えるか、文を分けてください', en: 'reorder the phrase or split the sentence' },
      };
    }
    case 'sentence-length': {
      const m = /length\((\d+)\) exceeds the maximum sentence length of (\d+)/u.exec(message);
      const [length, max] = [m?.[1] ?? '?', m?.[2] ?? '?'];
      return {
        message: { ja: `一文が長すぎます（${length}字、目安は${max}字まで）`, en: `sentence too long (${length} characters, aim for at most ${max})` },
        hint: { ja: '二つ以上の文に分けてください', en: 'split it into two or more sentences' },
      };
    }
    case 'ja-unnatural-alphabet': {
      const found = /: (.+)$/u.exec(firstLine(message))?.[1] ?? excerpt;
      return {
        message: { ja: `かな漢字の中に不自然な英字「${found}」があります`, en: `stray Latin letter "${found}" inside Japanese text` },
        hint: { ja: '入力の誤りでないか確かめてください（変換し損ねた文字など）', en: 'check for a typing slip (a character the IME did not convert)' },
      };
    }
    case 'ja-no-mixed-period':
      return {
        message: { ja: '文末に「。」がありません', en: 'the sentence does not end with 「。」' },
        hint: { ja: '公募要領の本文の文は「。」で終えます', en: 'sentences of the guideline prose end with 「。」' },
      };
    case 'no-nfd':
      return {
        message: { ja: `濁点・半濁点が分かれた文字（NFD）があります「${excerpt}」`, en: `a voiced-sound mark stored as a separate character (NFD) in "${excerpt}"` },
        hint: {
          ja: '文字を打ち直してください（Mac のファイル名や PDF からの貼り付けで起こります）',
          en: 'retype the character (happens when pasting from macOS file names or PDFs)',
        },
      };
    default:
      return { message: { ja: firstLine(message), en: firstLine(message) } };
  }
}
