/**
 * The one character rule: which characters may reach a document or a terminal. Used by the
 * loader (located at the very character) and by the data schema's `Text` (so a value built
 * in memory is held to the same rule).
 *
 * Refused: Kangxi/CJK radicals that PDF copy-and-paste yields for kanji (⾧ for 長), CJK
 * compatibility ideographs, half-width katakana, control and invisible format characters,
 * and anything the documents' font cannot draw (unassigned, private use, outside the font).
 */
import { fontCovers } from './font-package.ts';
import type { Message } from './values.ts';

export type CharProblem = 'radical' | 'compat' | 'halfwidth-kana' | 'control' | 'undrawable';

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
  if ((cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f)) return 'compat';
  // Half-width katakana (ﾌﾟﾗｯﾄ) is a legacy form: fonts and line breaking treat ﾟ as a combining mark
  // and Chromium falls back to another font for the cluster. The NFKC form is the proper one.
  if (cp >= 0xff61 && cp <= 0xff9f) return 'halfwidth-kana';
  if (isControl(cp)) return 'control';
  // A character the embedded font cannot draw would validate and then silently vanish from the PDF.
  if (/[\p{Cn}\p{Co}\p{Cs}]/u.test(ch) || !fontCovers(cp)) return 'undrawable';
  return undefined;
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

/** The first refused character of `text` and why. */
export function firstCharProblem(text: string): { ch: string; index: number; problem: CharProblem } | undefined {
  let index = 0;
  for (const ch of text) {
    const problem = charProblem(ch);
    if (problem) return { ch, index, problem };
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
  const kanji: Message = { ja: replace.ja, en: `Replace it with the proper kanji "${proper}" (${hex(proper)}).` };
  switch (problem) {
    case 'radical':
      return { code: 'KANGXI_RADICAL', message: { ja: `部首用の文字「${ch}」（${h}）が使われています`, en: `Kangxi radical "${ch}" (${h}) used as a kanji` }, hint: kanji };
    case 'compat':
      return { code: 'COMPAT_IDEOGRAPH', message: { ja: `CJK 互換漢字「${ch}」（${h}）が使われています`, en: `CJK compatibility ideograph "${ch}" (${h})` }, hint: kanji };
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
