/**
 * Line breaks as printed, read back from a PDF with `pdftotext -bbox-layout`: each block's
 * lines joined into its paragraph, and each line end judged against the phrases of that
 * paragraph (BudouX with kinsoku and the keep-together list, phrases.ts) — where a reader
 * would have broken the line, or not.
 *
 * A break is *mid-phrase* when it is not at a phrase boundary, and *inside a word* when it
 * also cuts a word: a keep-together word (a name from the data, the staff's list), a run of
 * katakana, kana or Latin letters and digits (not at a URL's / . _ - ?), a run of kanji with
 * a single kanji on one side (分|野, 内|容), or a line that starts with a character kinsoku
 * keeps off a line's start or ends with one it keeps off a line's end.
 */
import { execFileSync } from 'node:child_process';
import { loadPhraser, phraseWordsOf, withKeepTogether } from '../../src/stages/render/phrases.ts';

export interface PrintedBlock {
  page: number;
  lines: string[];
  /** Left and right edge of each line (pt). */
  left: number[];
  right: number[];
  fontSize: number;
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The blocks of every page (or of `first`..`last`), each as its lines of text. */
export function printedBlocks(pdf: string, first?: number, last?: number): PrintedBlock[] {
  const args = ['-bbox-layout', ...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : []), pdf, '-'];
  const xml = execFileSync('pdftotext', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out: PrintedBlock[] = [];
  let page = (first ?? 1) - 1;
  for (const part of xml.split(/<page /).slice(1)) {
    page++;
    for (const block of part.split(/<block /).slice(1)) {
      const lines: string[] = [];
      const left: number[] = [];
      const right: number[] = [];
      let height = 0;
      for (const line of block.split(/<line /).slice(1)) {
        const box = /xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/.exec(line);
        const words = [...line.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((m) => decode(m[1]!));
        if (words.length === 0) continue;
        lines.push(words.join(' '));
        left.push(Number(box?.[1] ?? 0));
        right.push(Number(box?.[3] ?? 0));
        height = Math.max(height, Number(box?.[4] ?? 0) - Number(box?.[2] ?? 0));
      }
      if (lines.length > 0) out.push({ page, lines, left, right, fontSize: height });
    }
  }
  return out;
}

export interface JudgedBreak {
  page: number;
  /** The paragraph with `|` where the line broke. */
  at: string;
  midPhrase: boolean;
  insideWord: boolean;
  why: string;
}

const NO_START = new Set([...'、。，．,.：；:;！？!?）〕］｝〉》」』】)]}ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ％%']);
const NO_END = new Set([...'（〔［｛〈《「『【([{※']);
const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Katakana}ー]/u;
const HIRA = /\p{Script=Hiragana}/u;
const LATIN = /[A-Za-z0-9]/;
const URL_EDGE = /[/.?#&=_\-:@~%]/;

function hanRun(text: string, from: number, step: 1 | -1): number {
  let n = 0;
  for (let i = from; i >= 0 && i < text.length && HAN.test(text[i]!); i += step) n++;
  return n;
}

/** Why a break at `pos` in `text` cuts a word, or '' when it does not. */
function cutsWord(text: string, pos: number, keep: readonly string[], midPhrase: boolean): string {
  const a = text[pos - 1] ?? '';
  const b = text[pos] ?? '';
  for (const w of keep) {
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) if (i < pos && pos < i + w.length) return `inside 「${w}」`;
  }
  if (NO_START.has(b)) return `line starts with ${b}`;
  if (NO_END.has(a)) return `line ends with ${a}`;
  // Between two phrases, kana meet kana at a particle (イノベーションに|よる): only inside one is it a word.
  if (!midPhrase) return '';
  if (KANA.test(a) && KANA.test(b)) return 'inside katakana';
  if (HIRA.test(a) && HIRA.test(b)) return 'inside kana';
  if (LATIN.test(a) && LATIN.test(b) && !URL_EDGE.test(text[pos - 2] ?? '')) return 'inside a Latin word';
  if (HAN.test(a) && HAN.test(b) && (hanRun(text, pos - 1, -1) === 1 || hanRun(text, pos, 1) === 1)) return 'one kanji cut off';
  return '';
}

/**
 * The text of each block element of an HTML document, one per line, without the phrase
 * markup (`<wbr>`, inline spans): what a paragraph printed is made of.
 */
export function htmlParagraphs(html: string): string {
  return decode(
    html
      .replace(/<(style|script|title)\b[\s\S]*?<\/\1>/gi, '\n')
      .replace(/<\/?(?:wbr|span|a|strong|em|b|i|small|sup|sub|mark|abbr|code)\b[^>]*>/gi, '')
      .replace(/<[^>]*>/g, '\n'),
  )
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&nbsp;/g, ' ')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ''))
    .filter(Boolean)
    .join('\n');
}

/**
 * A block's paragraphs: pdftotext puts neighbouring cells, list items and diagram labels into
 * one block; two lines belong to one paragraph when the end of one and the start of the next
 * are one stretch of the document's text (`source`, htmlParagraphs).
 */
function paragraphsOf(block: PrintedBlock, source: string): PrintedBlock[] {
  const out: PrintedBlock[] = [];
  let cur: PrintedBlock | undefined;
  block.lines.forEach((line, i) => {
    const prev = block.lines[i - 1];
    const joined = prev !== undefined && source.includes(`${prev.replace(/\s+/g, '').slice(-6)}${line.replace(/\s+/g, '').slice(0, 6)}`);
    if (!cur || !joined) out.push((cur = { page: block.page, lines: [], left: [], right: [], fontSize: block.fontSize }));
    cur.lines.push(line);
    cur.left.push(block.left[i]!);
    cur.right.push(block.right[i]!);
  });
  return out;
}

/**
 * Every line end of every multi-line block, judged. `keep` is the keep-together list
 * (keep-together.ts); `source` the document's text by paragraph (htmlParagraphs).
 */
export async function judgeBreaks(blocks: readonly PrintedBlock[], keep: readonly string[], source: string): Promise<JudgedBreak[]> {
  await loadPhraser();
  const out: JudgedBreak[] = [];
  for (const block of blocks.flatMap((b) => paragraphsOf(b, source))) {
    if (block.lines.length < 2) continue;
    let text = '';
    const breaks: number[] = [];
    block.lines.forEach((line, i) => {
      if (i > 0) {
        // A Latin line break falls at a space pdftotext does not print.
        if (/[A-Za-z0-9,.]$/.test(text) && /^[A-Za-z0-9]/.test(line) && !URL_EDGE.test(text.slice(-1))) text += ' ';
        breaks.push(text.length);
      }
      text += line;
    });
    const phrases = withKeepTogether(keep, () => phraseWordsOf(text));
    const bounds = new Set<number>();
    let at = 0;
    for (const words of phrases) {
      at += words.join('').length;
      bounds.add(at);
    }
    for (const pos of breaks) {
      const edge = text[pos] === ' ' || text[pos - 1] === ' ';
      const midPhrase = !edge && !bounds.has(pos);
      const why = edge ? '' : cutsWord(text, pos, keep, midPhrase);
      if (!midPhrase && !why) continue;
      out.push({ page: block.page, at: `${text.slice(Math.max(0, pos - 12), pos)}|${text.slice(pos, pos + 12)}`, midPhrase, insideWord: why !== '', why });
    }
  }
  return out;
}
