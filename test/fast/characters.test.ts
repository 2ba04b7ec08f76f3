/**
 * The character rule refuses by what the documents' font cannot draw and by what is invisible,
 * not by Unicode block (issue 32, class 6): checked here against the font's own cmap read with
 * fontkit, over the whole of both CJK compatibility blocks.
 */
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/shared/report.ts';
import { FONT_WEIGHTS, fontFile } from '../../src/shared/font-package.ts';
import { charProblem, charProblemReport, firstCharProblem, MAX_STACKED_MARKS, oneLine } from '../../src/shared/unicode.ts';

const fonts = FONT_WEIGHTS.map((w) => fontkit.create(readFileSync(fontFile(w))));
const drawn = (cp: number): boolean => fonts.every((f) => f.hasGlyphForCodePoint(cp));
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase()}`;

describe('CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F), every one against the cmap', () => {
  const all: number[] = [];
  for (const [lo, hi] of [
    [0xf900, 0xfaff],
    [0x2f800, 0x2fa1f],
  ] as const)
    for (let cp = lo; cp <= hi; cp++) all.push(cp);

  it('accepted exactly when the font draws it (﨑 U+FA11 among them)', () => {
    const wrong = all.filter((cp) => (charProblem(String.fromCodePoint(cp)) === undefined) !== drawn(cp)).map(hex);
    expect(wrong).toEqual([]);
    expect(charProblem('\uFA11')).toBeUndefined();
    // The block is not empty of either kind, so the comparison above can fail both ways.
    expect(all.filter(drawn).length).toBeGreaterThan(10);
    expect(all.filter((cp) => !drawn(cp)).length).toBeGreaterThan(10);
  });

  it('when refused, the hint never names the character itself as its replacement', () => {
    const selfHint = all.flatMap((cp) => {
      const ch = String.fromCodePoint(cp);
      const problem = charProblem(ch);
      if (!problem) return [];
      const r = charProblemReport(ch, problem);
      return r.hint.ja.includes(`「${ch}」`) || r.hint.en.includes(`"${ch}"`) ? [hex(cp)] : [];
    });
    expect(selfHint).toEqual([]);
  });

  it('a refused one with a canonical form names that form (豈 U+F900 → U+8C48)', () => {
    const problem = charProblem('\uF900');
    expect(drawn(0xf900)).toBe(false);
    expect(problem).toBe('compat');
    expect(charProblemReport('\uF900', problem!).hint.en).toContain('U+8C48');
  });
});

describe('invisible characters are refused, whatever their block', () => {
  it.each([
    [0xad, 'soft hyphen'],
    [0x200b, 'zero width space'],
    [0x200c, 'zero width non-joiner'],
    [0x200d, 'zero width joiner'],
    [0x2060, 'word joiner'],
    [0x2064, 'invisible plus'],
    [0x034f, 'combining grapheme joiner'],
    [0x061c, 'arabic letter mark (bidi)'],
    [0x202e, 'right-to-left override (bidi)'],
    [0x2067, 'right-to-left isolate (bidi)'],
    [0x3164, 'hangul filler'],
    [0xffa0, 'halfwidth hangul filler'],
    [0xe0041, 'tag latin capital a'],
  ])('%s (%s)', (cp) => {
    expect(charProblem(String.fromCodePoint(cp))).toBe('control');
  });

  it('every default-ignorable code point of the BMP but the variation selectors is refused', () => {
    const passed: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      const ch = String.fromCodePoint(cp);
      if (!/\p{Default_Ignorable_Code_Point}/u.test(ch) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x180b && cp <= 0x180f)) continue;
      if (charProblem(ch) === undefined) passed.push(hex(cp));
    }
    expect(passed).toEqual([]);
  });
});

describe('stacked combining marks', () => {
  it(`more than ${MAX_STACKED_MARKS} on one base are refused at the first one too many`, () => {
    const text = `題${'\u0301'.repeat(MAX_STACKED_MARKS + 5)}`;
    const found = firstCharProblem(text);
    expect(found?.problem).toBe('stacked');
    expect(found?.index).toBe(1 + MAX_STACKED_MARKS);
    expect(charProblemReport(found!.ch, 'stacked').code).toBe('CONTROL_CHAR');
  });

  it('a few marks pass (two acute accents on e; が with a combining voiced mark)', () => {
    expect(firstCharProblem('e\u0301\u0301')).toBeUndefined();
    expect(firstCharProblem('か\u3099')).toBeUndefined();
  });
});

describe("a data file's name in a report is one line", () => {
  it('a newline in the name is shown as <U+000A>, never as a line of its own', () => {
    const file = 'data/r3/x\n✓ r3: 問題はありません.yaml';
    const text = formatIssue({ code: 'CONTROL_CHAR', file, line: 1, col: 1, path: '', message: { ja: 'm', en: 'm' } }, 'en');
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toContain('x<U+000A>✓ r3');
    expect(oneLine('a\rb\u001bc')).toBe('a<U+000D>b<U+001B>c');
  });

  it('the loader refuses a newline in a file name (a value may hold one)', () => {
    expect(firstCharProblem('a\nb.yaml', { newline: false })?.problem).toBe('control');
    expect(firstCharProblem('a\nb')).toBeUndefined();
  });
});
