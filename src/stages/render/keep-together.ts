/**
 * The words a line may not break inside, taken from the data: names of institutions, people,
 * programmes, fields, areas and types, the organisation and its departments, and the staff's
 * own list (edition.yaml `keepTogether`: 文部科学省, 地方自治体 …). BudouX segments by
 * likelihood and cuts proper nouns it has not seen (文部|科学省, 公立はこだて|未来大学); the
 * data already knows these names, so phrases.ts never puts a break inside one.
 *
 * A long name is kept as its parts, not whole: a table cell can hold 加藤記念バイオサイエンス振興財団
 * but not the name with its legal form in front, so the legal form (公益財団法人 …) and the
 * parts between brackets, ・ and spaces are words of their own, and a line may break between them.
 */
import type { Edition } from '../../schema/index.ts';
import { fiscalYear } from '../../shared/format/era.ts';

/** Keys whose text is a name (every file kind names things with these). */
const NAME_KEYS = new Set(['name', 'institution', 'affiliation', 'position', 'organization', 'department', 'section', 'publisher', 'abbr', 'title']);
/** Keys under which `title` is a name (a roster entry's title 特別アドバイザー), not a heading. */
const TITLE_IS_NAME = new Set(['entries']);

/** Legal forms written in front of a name: a word of their own. */
const LEGAL_FORMS = [
  '国立研究開発法人',
  '独立行政法人',
  '国立大学法人',
  '公立大学法人',
  '学校法人',
  '公益財団法人',
  '一般財団法人',
  '公益社団法人',
  '一般社団法人',
  '株式会社',
  '有限会社',
];

/** A word this long or longer is split at kanji/katakana changes (共創の場形成支援|プログラム): a narrow cell then breaks there, not anywhere. */
const LONGEST_WORD = 10;
const SCRIPT_CHANGE = /(?<=\p{Script=Han})(?=\p{Script=Katakana})|(?<=\p{Script=Katakana}ー?)(?=\p{Script=Han})/u;

/** The words of one name: split at spaces, slashes, brackets, ・ and legal forms. */
export function wordsOfName(name: string): string[] {
  const out: string[] = [];
  for (let piece of name.split(/[\s\u3000／/、，,（）()「」『』【】［］・]+/u)) {
    for (const form of LEGAL_FORMS) {
      if (piece.startsWith(form) && piece.length > form.length) {
        out.push(form);
        piece = piece.slice(form.length);
      }
    }
    // Latin letters and digits are a word of their own (ライフ事業統括本部|CSO).
    for (const part of piece.split(/(?<=[\p{ASCII}])(?=[^\p{ASCII}])|(?<=[^\p{ASCII}])(?=[\p{ASCII}])/u)) {
      out.push(...([...part].length >= LONGEST_WORD ? part.split(SCRIPT_CHANGE) : [part]));
    }
  }
  // One character is no word to keep; a pure number or Latin word keep-all never splits anyway.
  return out.filter((w) => [...w].length >= 2 && !/^[\p{ASCII}]+$/u.test(w));
}

/** Every name text in a data tree. */
function namesIn(value: unknown, parentKey: string, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) namesIn(v, parentKey, out);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    const isName = NAME_KEYS.has(key) && (key !== 'title' || TITLE_IS_NAME.has(parentKey));
    if (typeof v === 'string') {
      if (isName) out.add(v);
    } else namesIn(v, key, out);
  }
}

/**
 * The keep-together list of some of an edition's data (field name → data, as in Edition: a
 * guideline passes the files it reads anyway) and the staff's list, longest first.
 */
export function keepTogetherIn(data: Readonly<Record<string, unknown>>, staff: readonly string[] = []): string[] {
  const names = new Set<string>();
  for (const [field, value] of Object.entries(data)) namesIn(value, field, names);
  const words = new Set<string>();
  for (const name of names) for (const w of wordsOfName(name)) words.add(w);
  for (const w of staff) words.add(w);
  return [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The formatted values a text may hold as plain text rather than as a value span: the fiscal
 * years around the edition's (令和3年度, in both digit widths), which notes and headings write.
 */
export function formattedWords(fy: number): string[] {
  return [fy - 1, fy, fy + 1].flatMap((y) => [fiscalYear(y), fiscalYear(y, { digits: 'full' })]);
}

/** The keep-together list of a whole edition (the deck prints from every file). */
export function keepTogetherOf(edition: Edition): string[] {
  const { meta, programmes, calls, rosters, sites, contact } = edition;
  return keepTogetherIn({ meta, programmes, calls, rosters, sites, contact }, [...(meta.keepTogether ?? []), ...formattedWords(meta.fiscalYear)]);
}
