/**
 * The one character rule: which characters may reach a document or a terminal. Used by the
 * loader (located at the very character) and by the data schema's `Text` (so a value built
 * in memory is held to the same rule).
 *
 * Refused: Kangxi/CJK radicals that PDF copy-and-paste yields for kanji (⾧ for 長), half-width
 * katakana, control characters and everything invisible (every Default_Ignorable_Code_Point —
 * soft hyphen, zero-width joiners, bidi controls, Hangul fillers — but variation selectors,
 * which the font rule judges), anything the documents' font cannot draw (unassigned, private
 * use, outside the font's cmap), and more than MAX_STACKED_MARKS combining marks on one base
 * (they pile up over the line above). Not refused by block: a CJK compatibility ideograph the
 * font draws (﨑 U+FA11, a unified ideograph living in that block, needed in names) is fine; one
 * it cannot draw is refused with its canonical form as the replacement, when it has one.
 */
import { fontCovers } from './font-package.ts';
import type { Message } from './values.ts';

export type CharProblem = 'radical' | 'compat' | 'halfwidth-kana' | 'control' | 'undrawable' | 'stacked';

/** Most combining marks one base may carry (Vietnamese needs two; ten draw over the line above). */
export const MAX_STACKED_MARKS = 3;

/** Code points already found fine: every value is checked by the loader and by the schema, mostly the same few hundred characters. */
const fine = new Set<number>();

/** Why a character may not appear in the data, or undefined when it may. A newline is fine (block scalars). */
export function charProblem(ch: string): CharProblem | undefined {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0x0a || (cp >= 0x20 && cp < 0x7f) || fine.has(cp)) return undefined;
  const problem = classify(ch, cp);
  if (problem === undefined) fine.add(cp);
  return problem;
}

function classify(ch: string, cp: number): CharProblem | undefined {
  if ((cp >= 0x2f00 && cp <= 0x2fdf) || (cp >= 0x2e80 && cp <= 0x2eff)) return 'radical';
  // Half-width katakana (ﾌﾟﾗｯﾄ) is a legacy form: fonts and line breaking treat ﾟ as a combining mark
  // and Chromium falls back to another font for the cluster. The NFKC form is the proper one.
  if (cp >= 0xff61 && cp <= 0xff9f) return 'halfwidth-kana';
  if (isControl(cp) || isInvisible(ch, cp)) return 'control';
  // A character the embedded font cannot draw would validate and then silently vanish from the PDF.
  if (/[\p{Cn}\p{Co}\p{Cs}]/u.test(ch) || !fontCovers(cp)) {
    // A compatibility ideograph with a canonical form (欄 U+F91D → 欄 U+6B04): that form is the fix.
    const compat = (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
    return compat && ch.normalize('NFC') !== ch ? 'compat' : 'undrawable';
  }
  return undefined;
}

/** Variation selectors: not invisible by themselves (they choose a glyph); the font rule judges them. */
const isVariationSelector = (cp: number): boolean => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0x180b && cp <= 0x180f);

/** Invisible: a default-ignorable code point (soft hyphen U+00AD, ZWJ, word joiner, Hangul fillers, tags …). */
function isInvisible(ch: string, cp: number): boolean {
  return /\p{Default_Ignorable_Code_Point}/u.test(ch) && !isVariationSelector(cp);
}

/** Control and invisible format characters: C0/C1 controls, zero-width space, direction marks and overrides, BOM. */
function isControl(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x200b ||
    cp === 0x200e ||
    cp === 0x200f ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0xfeff ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  );
}

/**
 * Text for a terminal (or the preview page's error box): every character the rule above calls
 * a control character — an ANSI escape in a file name, a direction override in a value — is
 * shown as `<U+001B>` instead of acting on the screen. Newlines stay; the result is unchanged
 * by a second pass.
 */
export function terminalSafe(text: string): string {
  let out = '';
  let plain = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (cp === 0x0a || !isControl(cp)) continue;
    out += `${text.slice(plain, i)}<${hex(text[i]!)}>`;
    plain = i + 1;
  }
  return plain === 0 ? text : out + text.slice(plain);
}

/**
 * A name from outside (a data file's, a path in a record) for one line of a report: like
 * terminalSafe, and a newline or carriage return is shown as `<U+000A>` too, so a name can
 * never start a line of its own (a fake "✓ …" line inside an error report).
 */
export function oneLine(name: string): string {
  return terminalSafe(name).replace(/[\n\r]/g, (c) => `<${hex(c)}>`);
}

/** The first refused character of `text` and why (a mark past MAX_STACKED_MARKS on one base is `stacked`). */
export function firstCharProblem(text: string, opts: { newline?: boolean } = {}): { ch: string; index: number; problem: CharProblem } | undefined {
  let index = 0;
  let marks = 0;
  // One scan for any combining mark at all: most texts have none, and then no character needs the per-character test.
  const anyMark = /\p{M}/u.test(text);
  for (const ch of text) {
    // A name (of a file) is one line: there a newline is a control character like any other.
    const problem = ch === '\n' && opts.newline === false ? 'control' : charProblem(ch);
    if (problem) return { ch, index, problem };
    const cp = ch.codePointAt(0)!;
    // ASCII is never a mark; the test only runs for the rest.
    marks = anyMark && cp >= 0x300 && /\p{M}/u.test(ch) ? marks + 1 : 0;
    if (marks > MAX_STACKED_MARKS) return { ch, index, problem: 'stacked' };
    index += ch.length;
  }
  return undefined;
}

const hex = (ch: string): string => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Issue code, message and hint for a refused character — the same words wherever it is found. */
export function charProblemReport(ch: string, problem: CharProblem): { code: string; message: Message; hint: Message } {
  const h = hex(ch);
  const proper = ch.normalize('NFKC');
  const replace: Message = {
    ja: `正しい文字「${proper}」（${hex(proper)}）に置き換えてください。`,
    en: `Replace it with the proper character "${proper}" (${hex(proper)}).`,
  };
  const kanji: Message =
    proper === ch
      ? { ja: 'その部首が表す漢字に置き換えてください。', en: 'Replace it with the kanji the radical stands for.' }
      : { ja: replace.ja, en: `Replace it with the proper kanji "${proper}" (${hex(proper)}).` };
  const canonical = ch.normalize('NFC');
  switch (problem) {
    case 'radical':
      return { code: 'KANGXI_RADICAL', message: { ja: `部首用の文字「${ch}」（${h}）が使われています`, en: `Kangxi radical "${ch}" (${h}) used as a kanji` }, hint: kanji };
    case 'compat':
      // Only ever for a character with a canonical form other than itself (classify): never "replace X by X".
      return {
        code: 'COMPAT_IDEOGRAPH',
        message: {
          ja: `資料のフォントで表示できない CJK 互換漢字「${ch}」（${h}）が使われています`,
          en: `CJK compatibility ideograph "${ch}" (${h}) that the documents' font cannot show`,
        },
        hint: { ja: `正しい文字「${canonical}」（${hex(canonical)}）に置き換えてください。`, en: `Replace it with the proper kanji "${canonical}" (${hex(canonical)}).` },
      };
    case 'stacked':
      return {
        code: 'CONTROL_CHAR',
        message: {
          ja: `1つの文字に結合文字が ${MAX_STACKED_MARKS} 個より多く重なっています（${h}）`,
          en: `More than ${MAX_STACKED_MARKS} combining marks stacked on one character (${h})`,
        },
        hint: { ja: '重なった結合文字を削除してください（上の行に重なって表示されます）。', en: 'Delete the stacked combining marks (they draw over the line above).' },
      };
    case 'halfwidth-kana':
      return { code: 'COMPAT_IDEOGRAPH', message: { ja: `半角カタカナ「${ch}」（${h}）が使われています`, en: `Half-width katakana "${ch}" (${h})` }, hint: replace };
    case 'control':
      return {
        code: 'CONTROL_CHAR',
        message: { ja: `制御文字・不可視文字（${h}）が含まれています`, en: `Control or invisible character (${h})` },
        hint: { ja: 'その文字を削除してください（コピー＆ペーストで混入しやすい文字です）。', en: 'Delete the character (it often comes in with copy and paste).' },
      };
    case 'undrawable':
      return {
        code: 'UNDRAWABLE_CHAR',
        message: { ja: `資料のフォントで表示できない文字「${ch}」（${h}）が含まれています`, en: `Character "${ch}" (${h}) cannot be shown in the documents' font` },
        hint: { ja: 'その文字を削除するか、表示できる文字に置き換えてください。', en: 'Delete the character or replace it with one the font can show.' },
      };
  }
}
