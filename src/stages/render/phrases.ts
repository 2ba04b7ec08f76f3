/**
 * Japanese line breaking by phrase, and links, for every document the tool prints.
 *
 * Chromium breaks Japanese between any two characters, so a narrow cell prints 東京工/業大学.
 * The documents are set with `word-break: keep-all` (no break inside a run of letters) and a
 * `<wbr>` between the phrases BudouX (Google's Japanese phrase segmenter) finds, so lines break
 * only between phrases; `overflow-wrap: break-word` is the fallback for a phrase longer than its
 * box. `<wbr>` rather than U+200B: it leaves no character in the PDF's text layer (copy, search).
 *
 * Values go through Handlebars' escaper, which does not know whether a value lands in text, an
 * attribute or the `<title>`. So the escaper writes private-use MARKERS (a phrase boundary, a link
 * start and end) and `resolveMarkers`, run on a template's whole output, turns them into
 * `<wbr>` / `<a href>` in text and drops them everywhere else (attributes, `<title>`, `<style>`,
 * comments, Markdown front matter). Data cannot contain these characters (the schema rejects
 * private use, and `escapeText` writes them as references), so every marker is the escaper's.
 *
 * `keep-all` still lets a line break inside a phrase at punctuation, a space or a change to
 * digits or Latin letters (（ビジョン）|を, ウィズ・|コロナ, 平成28|年). A phrase that holds such a
 * place is therefore also wrapped in `<span class="ph">`, which the themes set `inline-block`
 * with `max-width: 100%`: it moves to the next line whole and wraps inside only when it is
 * wider than its box. A phrase of kana and kanji alone needs no span.
 *
 * Inside `<span class="value">` (a formatted amount, date, period or count) and
 * `<span class="name">` (a person or an institution) no boundary is written: the themes set
 * those spans as one unit in the same way.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type MarkdownIt from 'markdown-it';
import { japaneseBrackets } from '../../shared/format/text.ts';
import { escapeText } from './escape.ts';
import { TBD_ATOMS, TBD_CLOSE, TBD_OPEN, tbdWords } from './tbd.ts';

/** A phrase boundary (→ `<wbr>`). */
export const PHRASE = '\uE000';
/** Start and end of a URL or e-mail address (→ `<a href>` … `</a>`). */
export const LINK_OPEN = '\uE001';
export const LINK_CLOSE = '\uE002';
/** Start and end of a phrase that needs to be held together (→ `<span class="ph">` … `</span>`). */
export const PHRASE_OPEN = '\uE003';
export const PHRASE_CLOSE = '\uE004';
const ANY_MARKER = /[\uE000-\uE006]/g;

interface Phraser {
  parse(text: string): string[];
}
let phraser: Phraser | undefined;

/**
 * BudouX's parser with its Japanese model, loaded once, on first render. Pinned to 0.7: the
 * same `Parser` and model as 0.9, without the 40-odd packages 0.8+ depends on. Its two ES
 * modules are imported by file: the package's only entry point also loads its HTML processor
 * and linkedom (0.8 s on a busy machine, against 0.05 s), which only string segmentation
 * never needs.
 */
export async function loadPhraser(): Promise<void> {
  if (phraser) return;
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('budoux')), '..', 'module');
  const file = (...parts: string[]) => pathToFileURL(path.join(dir, ...parts)).href;
  const [{ Parser }, { model }] = (await Promise.all([import(file('parser.js')), import(file('data', 'models', 'ja.js'))])) as [
    { Parser: new (model: unknown) => Phraser },
    { model: unknown },
  ];
  phraser = new Parser(model);
}

function parser(): Phraser {
  if (!phraser) throw new Error('phrases: loadPhraser() must run before a template (compileFile does it)');
  return phraser;
}

// ---------------------------------------------------------------- kinsoku

/**
 * Characters a line may not start with / end with (JIS X 4051, the `line-break: strict` set).
 * A `<wbr>` is an explicit break opportunity that CSS line-break rules do not veto, so a
 * phrase boundary before 、 or after （ is dropped here instead.
 */
const NO_LINE_START = new Set(
  '、。，．,.：；:;！？!?‼⁇⁈⁉・･）〕］｝〉》」』】〙〗〟’”｠»)]}゠‐–〜～ーヽヾゝゞ々〻ァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ％%‰℃°′″',
);
/** Opening brackets, and the marks that lead what follows (※ note, ■ heading, ▲ marker). */
const NO_LINE_END = new Set('（〔［｛〈《「『【〘〖〝‘“｟«([{※■□▲△●○◆◇★☆＊');

const HAN_TAIL = /\p{Script=Han}+$/u;
const HAN_HEAD = /^\p{Script=Han}+/u;

/**
 * A boundary BudouX puts inside a run of kanji that leaves one kanji alone on a side
 * (感|染症, 政策方|針, 公益財団法|人) cuts a word, not between two: such boundaries are dropped.
 * Boundaries between longer kanji words (地方|自治体, 全体|進捗管理) stay.
 */
function cutsKanjiWord(prev: string, next: string): boolean {
  const tail = HAN_TAIL.exec(prev)?.[0].length ?? 0;
  const head = HAN_HEAD.exec(next)?.[0].length ?? 0;
  return tail > 0 && head > 0 && (tail === 1 || head === 1);
}

/** Phrases with the boundaries kinsoku forbids (and those that cut a kanji word) merged away. */
function kinsoku(phrases: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of phrases) {
    const prev = out[out.length - 1];
    if (prev !== undefined && (NO_LINE_START.has(p[0] ?? '') || NO_LINE_END.has(prev[prev.length - 1] ?? '') || cutsKanjiWord(prev, p))) {
      out[out.length - 1] = prev + p;
    } else out.push(p);
  }
  return out;
}

/** A phrase this long is split further where kanji meet katakana (執行役員|エグゼクティブフェロー). */
const LONG_PHRASE = 10;
const KANJI_KATAKANA = /(?<=\p{Script=Han})(?=\p{Script=Katakana})|(?<=\p{Script=Katakana})(?=\p{Script=Han})/u;

/**
 * Long phrases (BudouX keeps compounds such as トップマネジメント経験者による whole) split at
 * the change between kanji and katakana, a word boundary, so a narrow cell breaks there rather
 * than at an arbitrary character.
 */
function splitLong(phrases: readonly string[]): string[] {
  return phrases.flatMap((p) => ([...p].length > LONG_PHRASE ? p.split(KANJI_KATAKANA) : [p]));
}

/** BudouX phrases of one line of text, kinsoku applied; `atoms` are never split. */
function budouxPhrases(text: string, atoms: readonly string[]): string[] {
  if (text === '') return [];
  for (const atom of atoms) {
    const at = atom ? text.indexOf(atom) : -1;
    if (at >= 0) return kinsoku([...budouxPhrases(text.slice(0, at), atoms), atom, ...budouxPhrases(text.slice(at + atom.length), atoms)]);
  }
  return kinsoku(splitLong(parser().parse(text)));
}

// ---------------------------------------------------------------- the keep-together list

/**
 * The words no line may break inside (keep-together.ts: names from the data and the staff's
 * list), as one pattern, longest first so the longest word at a place wins. Set while one
 * document renders (`withKeepTogether`): templates and Markdown run synchronously, so the
 * list of one edition never reaches another's text.
 */
let keepPattern: RegExp | undefined;

function patternOf(words: readonly string[]): RegExp | undefined {
  const sorted = [...new Set(words.filter((w) => w.length > 1))].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return undefined;
  return new RegExp(sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu');
}

const patterns = new Map<string, RegExp | undefined>();

/** Runs `fn` (synchronous: a template, a Markdown render) with `words` kept together. */
export function withKeepTogether<T>(words: readonly string[] | undefined, fn: () => T): T {
  const key = (words ?? []).join('\n');
  let re = patterns.get(key);
  if (!patterns.has(key)) {
    re = patternOf(words ?? []);
    // A dev session renders the same few lists again and again.
    if (patterns.size > 64) patterns.clear();
    patterns.set(key, re);
  }
  const before = keepPattern;
  keepPattern = re;
  try {
    return fn();
  } finally {
    keepPattern = before;
  }
}

/** Where the keep-together words lie in a text: [start, end) in UTF-16 units. */
export function keptSpans(text: string): Array<[number, number]> {
  if (!keepPattern) return [];
  keepPattern.lastIndex = 0;
  return [...text.matchAll(keepPattern)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
}

const KATAKANA_RUN = /\p{Script=Katakana}|ー/u;
const HAN = /\p{Script=Han}/u;

/**
 * Word boundaries inside a phrase, where a phrase wider than its box may wrap (its line
 * breaks go between phrases first): the edges of the keep-together words in it, and a
 * change between kanji and katakana with at least two characters on each side
 * (環境|エネルギー|分野, not バックキャスト|型). Never inside a kept word, never where
 * kinsoku forbids a break.
 */
function innerBreaks(phrase: string, offset: number, kept: ReadonlyArray<[number, number]>): number[] {
  const chars = [...phrase];
  if (chars.length < 4) return [];
  const at = new Set<number>();
  for (const [s, e] of kept) {
    for (const edge of [s, e]) if (edge > offset && edge < offset + phrase.length) at.add(edge - offset);
  }
  let pos = 0;
  const kind = (c: string): string => (HAN.test(c) ? 'han' : KATAKANA_RUN.test(c) ? 'kata' : 'other');
  const runs: Array<{ kind: string; start: number; len: number }> = [];
  for (const c of chars) {
    const k = kind(c);
    const last = runs[runs.length - 1];
    if (last && last.kind === k) last.len++;
    else runs.push({ kind: k, start: pos, len: 1 });
    pos += c.length;
  }
  for (let i = 1; i < runs.length; i++) {
    const a = runs[i - 1]!;
    const b = runs[i]!;
    if (a.kind !== 'other' && b.kind !== 'other' && a.len >= 2 && b.len >= 2) at.add(b.start);
  }
  return [...at]
    .filter((b) => !kept.some(([s, e]) => s < offset + b && offset + b < e))
    .filter((b) => !NO_LINE_START.has(phrase[b] ?? '') && !NO_LINE_END.has(phrase[b - 1] ?? ''))
    .sort((x, y) => x - y);
}

/**
 * A line of text as phrases, each a list of words: BudouX's phrases with kinsoku applied, no
 * boundary inside a keep-together word, and inside a phrase the word boundaries it may wrap
 * at when it alone is wider than its box. `atoms` are never split.
 */
export function phraseWordsOf(text: string, atoms: readonly string[] = []): string[][] {
  const phrases = budouxPhrases(text, atoms);
  const kept = keptSpans(text);
  // Phrases joined across every boundary that falls inside a kept word.
  const merged: Array<{ text: string; at: number }> = [];
  let at = 0;
  for (const p of phrases) {
    const prev = merged[merged.length - 1];
    if (prev && kept.some(([s, e]) => s < at && at < e)) prev.text += p;
    else merged.push({ text: p, at });
    at += p.length;
  }
  return merged.map(({ text: p, at: offset }) => {
    const cuts = innerBreaks(p, offset, kept);
    const words: string[] = [];
    let from = 0;
    for (const c of cuts) {
      words.push(p.slice(from, c));
      from = c;
    }
    words.push(p.slice(from));
    return words;
  });
}

/** The phrases of a line (phraseWordsOf without the words). */
export function phrasesOf(text: string, atoms: readonly string[] = []): string[] {
  return phraseWordsOf(text, atoms).map((w) => w.join(''));
}

// ---------------------------------------------------------------- links

/**
 * http(s) URLs and e-mail addresses in data. Only these two forms are ever linked, so only
 * `https:`, `http:` and `mailto:` reach an href. A URL ends before whitespace, Japanese
 * punctuation or brackets; trailing ASCII punctuation is left out (a sentence's full stop).
 */
const LINKABLE = /https?:\/\/[!#$%&*+,\-./0-9:;=?@A-Z_a-z~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export function hrefOf(linkText: string): string {
  return /^https?:\/\//i.test(linkText) ? linkText : `mailto:${linkText}`;
}

/** A line in pieces, the URLs and e-mail addresses marked (the PPTX links the same ones). */
export function linkSpans(line: string): Array<{ text: string; link: boolean }> {
  const out: Array<{ text: string; link: boolean }> = [];
  let last = 0;
  for (const m of line.matchAll(LINKABLE)) {
    let url = m[0];
    // A sentence's punctuation after a URL is not part of it.
    while (/[.,;:!?)]$/.test(url)) url = url.slice(0, -1);
    const at = m.index ?? 0;
    if (at > last) out.push({ text: line.slice(last, at), link: false });
    out.push({ text: url, link: true });
    last = at + url.length;
  }
  if (last < line.length) out.push({ text: line.slice(last), link: false });
  return out;
}

// ---------------------------------------------------------------- the escaper's text

/**
 * A phrase with no break opportunity inside under `keep-all` (which joins kana, kanji, digits
 * and Latin letters): such letters only, opening brackets at its start, closing punctuation at
 * its end.
 */
const SAFE_PHRASE = /^[「『（【〈《〔［｛“‘]*[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆〻A-Za-z0-9０-９Ａ-Ｚａ-ｚ]+[、。，．」』）】〉》〕］｝”’！？]*$/u;

/** Escaped phrase, held together when it must be; its outer spaces stay outside the hold. */
function heldPhrase(phrase: string, open: string, close: string, esc: (s: string) => string): string {
  if (SAFE_PHRASE.test(phrase)) return esc(phrase);
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(phrase)!;
  return m[2] ? `${esc(m[1]!)}${open}${esc(m[2])}${close}${esc(m[3]!)}` : esc(phrase);
}

/**
 * A phrase of several words: held together (it moves to the next line whole), with a break
 * opportunity between its words for when it alone is wider than its box.
 */
function heldWords(words: readonly string[], open: string, close: string, sep: string, esc: (s: string) => string): string {
  if (words.length === 1) return heldPhrase(words[0]!, open, close, esc);
  const whole = words.join('');
  const lead = /^\s*/.exec(whole)![0];
  const trail = /\s*$/.exec(whole)![0];
  const inner = words.map((w, i) => esc(i === 0 ? w.slice(lead.length) : i === words.length - 1 ? w.slice(0, w.length - trail.length) : w));
  return `${esc(lead)}${open}${inner.join(sep)}${close}${esc(trail)}`;
}

/**
 * A data value as escaped text with markers: phrase boundaries, links. What every
 * `{{value}}` of a template prints (Handlebars' escapeExpression). A URL is one text node,
 * no `<wbr>` or held pieces: Chromium writes a link annotation per text box, so a URL of
 * pieces became one annotation per piece (up to 31 for one URL).
 */
export function markedText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/\r/g, '')
    .split('\n')
    .map((line) =>
      linkSpans(line)
        .map((span) => (span.link ? span : { ...span, text: japaneseBrackets(span.text) }))
        .map((span) =>
          span.link
            ? `${LINK_OPEN}${escapeText(span.text)}${LINK_CLOSE}`
            : phraseWordsOf(span.text, TBD_ATOMS)
                .map((words) => tbdWords(words, PHRASE, escapeText) ?? heldWords(words, PHRASE_OPEN, PHRASE_CLOSE, PHRASE, escapeText))
                .join(PHRASE),
        )
        .join(PHRASE),
    )
    .join('<br>');
}

/** `&#58;` → `:` (the references escapeText writes), to read a link's URL back from its text. */
function unescapeRefs(s: string): string {
  return s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
}

const UNBROKEN_SPAN = /^<span\b[^>]*\bclass="(?:[^"]*\s)?(?:value|name)(?:\s[^"]*)?"/;

/**
 * Markers → markup, in text only. Tags (and so their attribute values), comments, `<title>`,
 * `<style>`, `<script>` and a Markdown front matter keep the plain text. Inside an element
 * that is already a link no second link is made; inside a value or name span no `<wbr>`.
 */
export function resolveMarkers(out: string): string {
  if (!/[\uE000-\uE006]/.test(out)) return out;
  let head = '';
  let body = out;
  // Marp's front matter: directives (footer, header) are YAML strings, not markup.
  const fm = /^---\n[\s\S]*?\n---\n/.exec(out);
  if (fm) {
    head = fm[0].replace(ANY_MARKER, '');
    body = out.slice(fm[0].length);
  }
  const parts = body.split(/(<!--[\s\S]*?-->|<\/?[A-Za-z][^>]*>|[\uE000-\uE006])/);
  let result = head;
  let rawText: string | undefined; // inside <title>, <style>, <script>: the closing tag name
  let spanDepth = 0;
  let unbrokenAt = -1; // span depth at which a value/name span opened
  let anchorDepth = 0;
  let linkOpen = false;
  let heldOpen = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 0) {
      result += part;
      continue;
    }
    if (part.startsWith('<')) {
      const tag = part.replace(ANY_MARKER, '');
      const name = /^<\/?([A-Za-z][A-Za-z0-9]*)/.exec(tag)?.[1]?.toLowerCase() ?? '';
      const closing = tag.startsWith('</');
      if (rawText) {
        if (closing && name === rawText) rawText = undefined;
      } else if (!closing && (name === 'title' || name === 'style' || name === 'script' || name === 'textarea')) {
        rawText = name;
      } else if (name === 'span') {
        if (closing) {
          if (spanDepth === unbrokenAt) unbrokenAt = -1;
          spanDepth = Math.max(0, spanDepth - 1);
        } else {
          spanDepth++;
          if (unbrokenAt < 0 && UNBROKEN_SPAN.test(tag)) unbrokenAt = spanDepth;
        }
      } else if (name === 'a') {
        anchorDepth += closing ? -1 : 1;
      }
      result += tag;
      continue;
    }
    if (rawText) continue;
    if (part === PHRASE) {
      if (unbrokenAt < 0) result += '<wbr>';
    } else if (part === LINK_OPEN) {
      if (anchorDepth > 0) continue;
      // The link's text runs to the next LINK_CLOSE (the escaper writes them in pairs).
      let text = '';
      for (let j = i + 1; j < parts.length && parts[j] !== LINK_CLOSE; j++) if (j % 2 === 0) text += parts[j];
      // class="url": the themes let a printed URL break between any two characters (one text
      // node, so one link annotation per line: Chromium writes one per text box).
      result += `<a class="url" href="${escapeText(hrefOf(unescapeRefs(text)))}">`;
      linkOpen = true;
    } else if (part === LINK_CLOSE) {
      if (linkOpen) result += '</a>';
      linkOpen = false;
    } else if (part === PHRASE_OPEN) {
      if (unbrokenAt < 0) result += '<span class="ph">';
      heldOpen = unbrokenAt < 0;
    } else if (part === PHRASE_CLOSE) {
      if (heldOpen) result += '</span>';
      heldOpen = false;
    } else result += part === TBD_OPEN ? '<span class="tbd">' : part === TBD_CLOSE ? '</span>' : ''; // a fact not known yet (tbd.ts)
  }
  return result;
}

// ---------------------------------------------------------------- Markdown prose (markdown-it)

const LINK_PROTOCOLS = /^(?:https?:|mailto:|#(?:ch|sec|app|fn|fnref)-\d+(?:-\d+)*$)/i; // #sec-3-2: a 公募要領's {{ref:…}}; #fn-1: its {{note:…}}

/**
 * markdown-it plugin for prose from the data: text is set by phrase (`<wbr>`; `atoms` such as
 * the placeholder stay whole), bare URLs and e-mail addresses become links (linkify), and a
 * link to anything but https:, http:, mailto: or a heading here (#sec-3-2) is printed as its text.
 * Brackets as values set them (5月10日（火）); a link's text stays as written, one run.
 */
export function phrasePlugin(md: MarkdownIt, opts: { atoms?: readonly string[] } = {}): void {
  md.set({ linkify: true });
  md.linkify.set({ fuzzyLink: false, fuzzyIP: false, fuzzyEmail: true });
  const atoms = opts.atoms ?? [];
  md.renderer.rules.text = (tokens, idx) => {
    let depth = 0;
    for (let i = 0; i < idx; i++) depth += tokens[i]!.type === 'link_open' ? 1 : tokens[i]!.type === 'link_close' ? -1 : 0;
    const phrases = phraseWordsOf(depth > 0 ? tokens[idx]!.content : japaneseBrackets(tokens[idx]!.content), atoms);
    if (depth > 0) return phrases.map((words) => words.map(md.utils.escapeHtml).join('<wbr>')).join('<wbr>');
    return phrases
      .map((words) =>
        words.length === 1 && atoms.includes(words[0]!) ? md.utils.escapeHtml(words[0]!) : heldWords(words, '<span class="ph">', '</span>', '<wbr>', md.utils.escapeHtml),
      )
      .join('<wbr>');
  };
  md.core.ruler.push('kyoso_link_protocols', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const kept: typeof block.children = [];
      const dropped: boolean[] = [];
      for (const t of block.children) {
        if (t.type === 'link_open') {
          const ok = LINK_PROTOCOLS.test(t.attrGet('href') ?? '');
          dropped.push(!ok);
          if (ok) kept.push(t);
        } else if (t.type === 'link_close') {
          if (!dropped.pop()) kept.push(t);
        } else kept.push(t);
      }
      block.children = kept;
    }
  });
}
