/**
 * Year-dependent words in prose. Every text of an edition may name a label of edition.yaml
 * instead of writing the word: `JST{{term:funding}}の配分先` prints 「JST委託費の配分先」 while
 * labels.fundingTerm is 委託費 and 「JST委託研究費の配分先」 the year it becomes 委託研究費.
 * A name is a key of `labels`, with its `Term` ending optional (funding = fundingTerm).
 *
 * Terms are expanded once, when the edition is assembled, so every output (slides,
 * guidelines, PPTX, the 新旧対照表) prints the same words. An unknown name is a located
 * error; a text that still writes the previous edition's word for a label that changed is a
 * located warning (see termWarningsOf).
 */
import type { ParsedFile } from './contract.ts';

/** `{{term:funding}}` (spaces inside the braces allowed). */
export const TERM_RE = /\{\{\s*term\s*:\s*([^}\s]*)\s*\}\}/gu;

type Labels = Readonly<Record<string, string>>;

/** The label key a term name stands for, or undefined. */
export function termKey(labels: Labels, name: string): string | undefined {
  if (Object.hasOwn(labels, name)) return name;
  if (Object.hasOwn(labels, `${name}Term`)) return `${name}Term`;
  return undefined;
}

/** The names a text may use: `funding` for fundingTerm, and every key itself. */
export function termNames(labels: Labels): string[] {
  return Object.keys(labels).map((k) => (k.endsWith('Term') ? k.slice(0, -'Term'.length) : k));
}

/** A text with its terms replaced by the labels' words (unknown names are left as written). */
export function expandText(text: string, labels: Labels): string {
  return text.replace(TERM_RE, (whole, name: string) => {
    const key = termKey(labels, name);
    return key ? labels[key]! : whole;
  });
}

/** A deep copy of a file's data with every text's terms expanded. */
export function expandTerms<T>(value: T, labels: Labels): T {
  if (typeof value === 'string') return expandText(value, labels) as T;
  if (Array.isArray(value)) return value.map((v) => expandTerms(v, labels)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = expandTerms(v, labels);
    return out as T;
  }
  return value;
}

type Path = (string | number)[];

/** Every text of a data tree with its path (labels of edition.yaml excluded: they define the words). */
export function textsOf(file: ParsedFile | { kind: string; data: unknown }): Array<{ path: Path; text: string }> {
  const out: Array<{ path: Path; text: string }> = [];
  const walk = (v: unknown, path: Path) => {
    if (typeof v === 'string') out.push({ path, text: v });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (file.kind === 'edition' && path.length === 0 && k === 'labels') continue;
        walk(x, [...path, k]);
      }
  };
  walk(file.data, []);
  return out;
}

/** A text that still writes an old word, for the warning. */
export interface OldWord {
  file: string;
  path: Path;
  label: string;
  old: string;
  now: string;
  /** Where the old word first stands in the text (not inside an occurrence of the new word). */
  index: number;
}

/** Characters that continue a word of kanji or katakana: 委託費 in 再委託費 or 委託費用 is part of a longer word. */
const COMPOUND = /[\p{Script=Han}\p{Script=Katakana}ー々]/u;

/** Whether `word` at `i` stands as a word of its own: no kanji or katakana joins it on a side where it ends in one. */
function standsAlone(text: string, word: string, i: number): boolean {
  const before = text[i - 1] ?? '';
  const after = text[i + word.length] ?? '';
  return !(COMPOUND.test(word[0] ?? '') && COMPOUND.test(before)) && !(COMPOUND.test(word.at(-1) ?? '') && COMPOUND.test(after));
}

/** The first index of `word` in `text` that stands as a word (standsAlone) and is not inside an occurrence of `outer`; -1 if none. */
function firstOutside(text: string, word: string, outer: string): number {
  const covered = (i: number) => {
    for (let j = text.indexOf(outer); j !== -1; j = text.indexOf(outer, j + 1)) if (i >= j && i + word.length <= j + outer.length) return true;
    return false;
  };
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) if (!covered(i) && standsAlone(text, word, i)) return i;
  return -1;
}

/**
 * Texts that still write the previous edition's word for a label that changed (委託費 where
 * labels.fundingTerm is now 委託研究費). Occurrences inside the new word (支援期間 inside
 * 研究支援期間) and inside `{{term:…}}` do not count.
 */
export function oldWordsOf(files: ReadonlyArray<{ rel: string; kind: string; data: unknown }>, labels: Labels, previous: Labels): OldWord[] {
  const changed = Object.keys(labels).filter((k) => typeof previous[k] === 'string' && previous[k] !== labels[k] && previous[k] !== '');
  const out: OldWord[] = [];
  for (const f of files)
    for (const { path, text } of textsOf(f)) {
      // A {{term:…}} is the label itself, never an old word.
      const plain = text.replace(TERM_RE, (t) => '\u0000'.repeat(t.length));
      for (const key of changed) {
        const old = previous[key]!;
        const now = labels[key]!;
        // An old word counts as a word of its own (not inside a longer compound, not inside the new word).
        const index = firstOutside(plain, old, now);
        if (index >= 0) out.push({ file: f.rel, path, label: key, old, now, index });
      }
    }
  return out;
}
