/**
 * The native PPTX's parts without building a deck: line breaking with the bundled font's
 * metrics, the XML patches for Japanese, the theme values read from the CSS, the template
 * geometry the PPTX mirrors, and that every slide kind the deck has has a builder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEditions } from '../../src/app/editions.ts';
import { builderOf, PPTX_BUILDERS } from '../../src/outputs/pptx/kinds/index.ts';
import { SLIDE_KIND_NAMES } from '../../src/schema/index.ts';
import { loadTemplateGeometry, parseTemplateGeometry } from '../../src/outputs/pptx/template-geometry.ts';
import { type TextStyle, ThemeTokens } from '../../src/outputs/pptx/theme.ts';
import { para, type Para } from '../../src/outputs/pptx/canvas.ts';
import { breakByPhrase, breaking } from '../../src/outputs/pptx/line-breaks.ts';
import { loadPhraser, withKeepTogether } from '../../src/stages/render/phrases.ts';
import { isKyosoError } from '../../src/shared/errors.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { fixturePaths } from '../helpers/project.ts';
import { type FontMetrics, lineCount, loadFontMetrics, NO_START, widthOf, wrap } from '../../src/stages/convert/textfit.ts';
import {
  addKinsoku,
  dropRepeatedParaProps,
  markHeaderRows,
  patchParaProps,
  patchPart,
  patchRunProps,
  patchTheme,
  renumberShapeIds,
} from '../../src/stages/postprocess/pptx-xml.ts';
import { deckView } from '../../src/stages/render/deck-view.ts';

let metrics: FontMetrics;
beforeAll(async () => {
  metrics = await loadFontMetrics();
});

describe('text measuring with the bundled font', () => {
  it('reads advance widths from the font (proportional kana, narrow punctuation, bold wider)', () => {
    expect(metrics.advance('漢'.codePointAt(0)!, false)).toBeCloseTo(1, 2);
    expect(metrics.advance('、'.codePointAt(0)!, false)).toBeLessThan(0.7);
    expect(metrics.advance('i'.codePointAt(0)!, false)).toBeLessThan(0.4);
    expect(metrics.advance('A'.codePointAt(0)!, true)).toBeGreaterThan(metrics.advance('A'.codePointAt(0)!, false));
    // ※ and ① are outside the `japanese` subset: found in the numbered ones, not a 1-em guess of .notdef.
    expect(widthOf(metrics, '※①', 10)).toBeGreaterThan(0);
  });

  it('breaks between CJK characters but never starts a line with 、。 or a small kana', () => {
    const text = '大学等を中心とし、産学官の多様なステークホルダーが参画する「共創の場」を形成します。ビジョンの実現に向けて研究開発を進めます。';
    for (const width of [90, 120, 150, 200, 260]) {
      const lines = wrap(metrics, [{ text, size: 16 }], width);
      expect(lines.map((l) => l.text).join('')).toBe(text);
      for (const l of lines.slice(1)) expect(NO_START.has(l.text[0]!), `${width}: ${l.text}`).toBe(false);
      for (const l of lines) expect(l.text.endsWith('「'), `${width}: ${l.text}`).toBe(false);
      // Only hanging 、。 may pass the edge.
      for (const l of lines) if (!/[、。]$/.test(l.text)) expect(l.width).toBeLessThanOrEqual(width + 1e-6);
    }
  });

  it('keeps a Latin word whole, and breaks a word longer than the line', () => {
    const lines = wrap(metrics, [{ text: '公募の詳細は https://www.jst.go.jp/pf/platform を参照', size: 16 }], 320);
    expect(lines.some((l) => l.text.includes('https://www.jst.go.jp/pf/platform'))).toBe(true);
    const narrow = wrap(metrics, [{ text: 'https://www.jst.go.jp/pf/platform', size: 16 }], 80);
    expect(narrow.length).toBeGreaterThan(2);
    for (const l of narrow) expect(l.width).toBeLessThanOrEqual(80 + 1e-6);
  });

  it('counts a newline as a line of its own and takes the worse of PowerPoint and LibreOffice', () => {
    expect(wrap(metrics, [{ text: '一行目\n二行目', size: 16 }], 500)).toHaveLength(2);
    // LibreOffice's space between Japanese and digits can push a just-fitting line over.
    const text = '令和3年度予算額(案)640百万円';
    const exact = widthOf(metrics, text, 17);
    expect(wrap(metrics, [{ text, size: 17 }], exact)).toHaveLength(1);
    expect(lineCount(metrics, [{ text, size: 17 }], exact)).toBe(2);
  });
});

describe('line breaks the PPTX carries (line-breaks.ts)', () => {
  const style: TextStyle = { size: 16, lineHeight: 1.4, color: '000000', bold: false };
  const linesOf = (p: Para): string[] =>
    p.runs
      .map((r) => r.text)
      .join('')
      .split('\n');
  const names = '琉球大学、東京大学、東京工業大学、名古屋大学、大阪大学、量子科学技術研究開発機構';
  const keep = ['琉球大学', '東京大学', '東京工業大学', '名古屋大学', '大阪大学', '量子科学技術研究開発機構'];
  beforeAll(loadPhraser);

  it('breaks a list of names after a name only, each line fitting as LibreOffice sets it', () => {
    withKeepTogether(keep, () => {
      const how = breaking('phrase');
      const lines = linesOf(breakByPhrase(metrics, para(names, style), 220, how));
      expect(lines.length).toBeGreaterThan(2);
      expect(lines.join('')).toBe(names);
      for (const l of lines) expect(l, l).toMatch(/^(?:(?:琉球|東京|東京工業|名古屋|大阪)大学、?|量子科学技術研究開発機構)+$/u);
      for (const l of lines) expect(lineCount(metrics, [{ text: l, size: 16 }], 220)).toBe(1);
      expect(how.overfull).toBe(0);
      // A name wider than its line is left to the renderer and counted, so the slide can shrink its type.
      const narrow = breaking('phrase');
      breakByPhrase(metrics, para(names, style), 150, narrow);
      expect(narrow.overfull).toBe(1);
    });
  });

  it('takes no more lines than wrapping in the lines mode, still never inside a word', () => {
    const text = '知識集約型社会を牽引する大学等の強みを活かし、社会ビジョン達成を目指す、自立的・持続的な産学官共創拠点の形成を推進';
    withKeepTogether([], () => {
      const phrase = linesOf(breakByPhrase(metrics, para(text, style), 205, breaking('phrase')));
      const fewest = linesOf(breakByPhrase(metrics, para(text, style), 205, breaking('lines')));
      expect(fewest.length).toBeLessThanOrEqual(phrase.length);
      expect(fewest.join('')).toBe(text);
      for (let i = 1; i < fewest.length; i++) {
        const [a, b] = [fewest[i - 1]!.slice(-1), fewest[i]![0]!];
        expect(`${a}|${b}`).not.toMatch(/^[\p{Script=Hiragana}]\|[\p{Script=Hiragana}]$|^[\p{Script=Katakana}ー]\|[\p{Script=Katakana}ー]$/u);
        expect(NO_START.has(b), `${a}|${b}`).toBe(false);
      }
    });
  });
});

describe('XML patches for Japanese', () => {
  it('gives every run ja-JP and explicit Latin + East Asian faces with the Japanese charset', () => {
    const xml =
      '<a:r><a:rPr lang="en-US" sz="1200" b="1" dirty="0"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="X" charset="0"/><a:ea typeface="X" charset="-122"/><a:cs typeface="X" charset="-120"/></a:rPr><a:t>x</a:t></a:r><a:fld id="{F}" type="slidenum"><a:rPr b="0" lang="en-US"/><a:t>1</a:t></a:fld><a:endParaRPr lang="en-US" sz="1200" dirty="0"/>';
    const out = patchRunProps(xml);
    expect(out.match(/<a:(rPr|endParaRPr)\b/g)).toHaveLength(3);
    expect(out.match(/lang="ja-JP" altLang="en-US"/g)).toHaveLength(3);
    expect(out.match(/<a:latin typeface="BIZ UDPGothic"[^>]*charset="-128"\/><a:ea typeface="BIZ UDPGothic"[^>]*charset="-128"\/>/g)).toHaveLength(3);
    expect(out).not.toContain('-122');
    // The fill stays before the fonts (CT_TextCharacterProperties order).
    expect(out.indexOf('<a:solidFill>')).toBeLessThan(out.indexOf('<a:latin'));
  });

  it('leaves the masters’ theme-font references alone and patches the theme itself', () => {
    const ref = '<a:defRPr sz="1800"><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr>';
    expect(patchRunProps(ref)).toContain('<a:latin typeface="+mn-lt"/>');
    const theme =
      '<a:majorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Jpan" typeface="游ゴシック Light"/></a:majorFont><a:minorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Jpan" typeface="游ゴシック"/></a:minorFont>';
    const out = patchTheme(theme);
    expect(out.match(/<a:ea typeface="BIZ UDPGothic"\/>/g)).toHaveLength(2);
    expect(out.match(/<a:latin typeface="BIZ UDPGothic"/g)).toHaveLength(2);
    expect(out.match(/script="Jpan" typeface="BIZ UDPGothic"/g)).toHaveLength(2);
  });

  it('turns East Asian line breaking on and adds the kinsoku table in schema order', () => {
    expect(patchParaProps('<a:pPr algn="l"/><a:lvl1pPr marL="0">')).toBe(
      '<a:pPr algn="l" eaLnBrk="1" latinLnBrk="0" hangingPunct="1"/><a:lvl1pPr marL="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">',
    );
    const pres = addKinsoku('<p:notesSz cx="1" cy="2"/><p:defaultTextStyle>');
    expect(pres).toMatch(/<p:notesSz[^>]*\/><p:kinsoku lang="ja-JP" invalStChars="[^"]*、。[^"]*" invalEndChars="[^"]*「[^"]*"\/><p:defaultTextStyle>/);
    expect(addKinsoku(pres)).toBe(pres);
  });

  it('keeps one a:pPr per paragraph, numbers shapes uniquely, marks header rows', () => {
    const para =
      '<a:p><a:pPr algn="l"><a:buNone/></a:pPr><a:r><a:t>a</a:t></a:r><a:pPr indent="0"><a:buNone/></a:pPr><a:r><a:t>b</a:t></a:r><a:br/><a:pPr/><a:r><a:t>c</a:t></a:r></a:p>';
    expect(dropRepeatedParaProps(para)).toBe('<a:p><a:pPr algn="l"><a:buNone/></a:pPr><a:r><a:t>a</a:t></a:r><a:r><a:t>b</a:t></a:r><a:br/><a:r><a:t>c</a:t></a:r></a:p>');
    expect(renumberShapeIds('<p:cNvPr id="2" name="a"/><p:cNvPr id="2" name="b"/><p:cNvPr id="25" name="c"/>')).toBe(
      '<p:cNvPr id="1" name="a"/><p:cNvPr id="2" name="b"/><p:cNvPr id="3" name="c"/>',
    );
    expect(markHeaderRows('<a:tbl><a:tblPr/>')).toBe('<a:tbl><a:tblPr firstRow="1" bandRow="0"/>');
  });

  it('names slides and lists the real titles and font in the document properties', () => {
    const slide = patchPart('ppt/slides/slide2.xml', '<p:sld><p:cSld name="Slide 2"></p:cSld></p:sld>', ['一', '二＆<三>']);
    expect(slide).toContain('<p:cSld name="二＆&lt;三&gt;"');
    const app =
      '<Properties><HeadingPairs><vt:vector size="6" baseType="variant"><vt:variant><vt:lpstr>Fonts Used</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="4" baseType="lpstr"><vt:lpstr>Arial</vt:lpstr><vt:lpstr>Calibri</vt:lpstr><vt:lpstr>Office Theme</vt:lpstr><vt:lpstr>Slide 1</vt:lpstr></vt:vector></TitlesOfParts></Properties>';
    const out = patchPart('docProps/app.xml', app, ['一', '二']);
    expect(out).toContain('<vt:lpstr>BIZ UDPGothic</vt:lpstr><vt:lpstr>Office Theme</vt:lpstr><vt:lpstr>一</vt:lpstr><vt:lpstr>二</vt:lpstr>');
    expect(out).toContain('<vt:lpstr>Slide Titles</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4>');
    expect(out).not.toContain('Calibri');
  });
});

describe('theme values for the PPTX', () => {
  const css = readFileSync(path.join(TOOL_ROOT, 'templates', 'themes', 'kyoso.css'), 'utf8');
  const theme = new ThemeTokens(css, 'templates/themes/kyoso.css');

  it('reads colours through custom properties, lengths, shorthands and the cascade of text styles', () => {
    expect(theme.color('section', '--blue')).toBe('0B4A8B');
    expect(theme.color('th', 'background')).toBe('0B4A8B');
    expect(theme.color('th', 'border')).toBe('9FBCDC');
    expect(theme.box('th', 'padding')).toEqual([4, 7, 4, 7]);
    expect(theme.px('li', 'margin-bottom')).toBe(3);
    expect(theme.px('ul', 'padding-left', 20)).toBe(24);
    const base = { size: 20, lineHeight: 1.45, color: '1B2430', bold: false };
    expect(theme.style('.point .cap', base)).toEqual({ size: 21, lineHeight: 1.45, color: 'FFFFFF', bold: true });
    expect(theme.style('.actor .sector', base).lineHeight).toBeCloseTo(1.5);
  });

  it('reads a two-value gap as row then column, calc() sizes at the fitted --k, shorthands holding calc()', () => {
    const t = new ThemeTokens(
      'section { --body: 15px; --k: 1; } .s { gap: 4px 26px; font-size: calc(var(--body) + 4px * var(--k)); padding: calc(2px * var(--k)) 8px; } .g { gap: 12px; } .c { column-gap: 16px; }',
      'templates/themes/kyoso.css',
    );
    expect(t.gap('.s')).toEqual({ row: 4, column: 26 });
    expect(t.px('.s', 'row-gap')).toBe(4);
    expect(t.gap('.g')).toEqual({ row: 12, column: 12 });
    expect(t.gap('.c')).toEqual({ row: 0, column: 16 });
    expect(t.px('.s', 'font-size')).toBe(19);
    expect(t.at({ '--k': '0.5' }).px('.s', 'font-size')).toBe(17);
    expect(t.at({ '--k': '0.5' }).box('.s', 'padding')).toEqual([1, 8, 1, 8]);
    expect(() => t.gap('section')).toThrow();
    // The real theme: every gap the PPTX reads is readable (the schedule's is two-valued).
    expect(theme.gap('.schedule').column).toBeGreaterThan(theme.gap('.schedule').row);
  });

  it('stops the build naming the selector when the theme lacks a value', () => {
    const bare = new ThemeTokens('section { --blue: #000; }', 'templates/themes/kyoso.css');
    let err: unknown;
    try {
      bare.px('.point .cap', 'font-size');
    } catch (e) {
      err = e;
    }
    expect(isKyosoError(err) && err.code).toBe('THEME_MISSING');
    expect(isKyosoError(err) ? err.detail.en : '').toContain('.point .cap { font-size }');
  });
});

describe('what the PPTX reads from the slide templates', () => {
  const partial = (name: string) => readFileSync(path.join(TOOL_ROOT, 'templates', 'slides', 'partials', `${name}.hbs`), 'utf8');

  it('reads the programme table’s column widths and the inline grid and margins', async () => {
    const g = await loadTemplateGeometry(path.join(TOOL_ROOT, 'templates'));
    const widths = [...partial('programmes').matchAll(/width:(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));
    expect(g.programmeColumns).toEqual(widths);
    expect(g.programmeColumns.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 5);
    expect(g.fieldOverviewColumns).toHaveLength(2);
    for (const n of [g.fieldOverviewGap, g.fieldOverviewBoxGap, g.fieldOverviewBudgetGap, g.fieldOverviewPointsGap, g.overviewBoxGap, g.overviewConceptGap, g.rosterNotesGap]) {
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(40);
    }
  });

  it('follows a template change, and stops naming the template when a value is gone', () => {
    const texts = { programmes: partial('programmes'), 'field-overview': partial('field-overview'), 'overview-first': partial('overview-first'), roster: partial('roster') };
    const wider = parseTemplateGeometry({
      ...texts,
      'field-overview': texts['field-overview'].replace(
        /class="two-col" style="[^"]*"/,
        'class="two-col" style="grid-template-columns: minmax(0, 1fr) minmax(0, 1.1fr); gap: 12px;"',
      ),
    });
    expect(wider.fieldOverviewColumns).toEqual([1, 1.1]);
    expect(wider.fieldOverviewGap).toBe(12);
    let err: unknown;
    try {
      parseTemplateGeometry({ ...texts, roster: texts.roster.replace(/style="margin-top:\d+px"/, '') });
    } catch (e) {
      err = e;
    }
    expect(isKyosoError(err) && err.code).toBe('THEME_MISSING');
    expect(isKyosoError(err) ? err.detail.en : '').toContain('templates/slides/partials/roster.hbs');
  });

  it('has a builder for every kind of slide, keyed by the view-model’s kind', async () => {
    // The compiler demands them (satisfies over SlideKind); this holds the registry to the schema's list at run time too.
    expect(Object.keys(PPTX_BUILDERS).sort()).toEqual([...SLIDE_KIND_NAMES].sort());
    const [valid] = await loadEditions(fixturePaths(), ['r3']);
    const slides = deckView(valid!.edition).slides;
    expect(slides.length).toBeGreaterThan(5);
    for (const s of slides) {
      expect(s.ctx.kind).toBe(s.kind);
      expect(typeof builderOf(s.kind).draw, s.kind).toBe('function');
    }
  });
});
