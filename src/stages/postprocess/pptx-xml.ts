/**
 * Post-processing of the XML pptxgenjs writes, for Japanese in PowerPoint:
 *
 * - every run (`a:rPr`, `a:endParaRPr`, `a:defRPr`, fields and notes included) `lang="ja-JP"`
 *   with explicit `a:latin` + `a:ea` + `a:cs` of the bundled face and the Japanese charset
 *   (pptxgenjs writes `en-US` where no `lang` is passed, and the Chinese charsets −122/−120
 *   on `a:ea`/`a:cs`, so a PowerPoint without the font would substitute a Chinese face);
 *   `lang` is also what turns on kinsoku in LibreOffice;
 * - East Asian line breaking on every paragraph and list level (`eaLnBrk`, no Latin mid-word
 *   break, hanging punctuation) and PowerPoint's Japanese kinsoku table (`p:kinsoku`);
 * - the theme's major and minor fonts with both `a:latin` and `a:ea` (and the Jpan script font);
 * - unique shape ids per part, placeholders without pptxgenjs' custom-prompt flag, header rows
 *   (`firstRow`), one `a:pPr` per paragraph (pptxgenjs repeats it before every run of a
 *   multi-run paragraph, which PowerPoint rejects as corrupt), notes as one paragraph per line;
 * - slide names and the document's "Slide Titles"/"Fonts Used" from the real titles and font.
 *
 * Tag-level regular expressions rather than a DOM: pptxgenjs writes a small fixed vocabulary,
 * entity-encodes all text and names, never nests `a:rPr` and never puts `>` in an attribute
 * value, and a DOM round trip would re-serialise every byte. The tests parse every patched part
 * and check these invariants.
 */

export const PPTX_FONT = 'BIZ UDPGothic';
const LANG = 'ja-JP';
const ALT_LANG = 'en-US';
/** SHIFTJIS_CHARSET (128) as DrawingML writes it (a signed byte). */
const CHARSET_JA = '-128';
/** OS/2 panose of BIZ UDPGothic (2 11 4 0 0 0 0 0 0 0). */
const PANOSE = '020B0400000000000000';

const ATTR = /([\w:]+)="([^"]*)"/g;
function parseAttrs(s: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const [, k, v] of s.matchAll(ATTR)) m.set(k!, v!);
  return m;
}
const formatAttrs = (m: Map<string, string>): string => [...m].map(([k, v]) => ` ${k}="${v}"`).join('');
export const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const fontElements = (face: string): string =>
  `<a:latin typeface="${face}" panose="${PANOSE}" pitchFamily="50" charset="${CHARSET_JA}"/>` +
  `<a:ea typeface="${face}" panose="${PANOSE}" pitchFamily="50" charset="${CHARSET_JA}"/>` +
  `<a:cs typeface="${face}"/>`;

/** Every run property element: Japanese language and explicit Latin + East Asian fonts. */
export function patchRunProps(xml: string, face = PPTX_FONT): string {
  // The self-closing form first, so a body is only ever taken from a non-empty element.
  const re = /<a:(rPr|endParaRPr|defRPr)\b([^>]*?)\/>|<a:(rPr|endParaRPr|defRPr)\b([^>]*)>([\s\S]*?)<\/a:\3>/g;
  return xml.replace(re, (_w, t1: string | undefined, a1: string | undefined, t2: string | undefined, a2: string | undefined, body: string | undefined) => {
    const tag = t1 ?? t2!;
    const attrs = parseAttrs((t1 ? a1 : a2) ?? '');
    const ordered = new Map([['lang', LANG], ['altLang', ALT_LANG], ...[...attrs].filter(([k]) => k !== 'lang' && k !== 'altLang')]);
    let inner = body ?? '';
    // Masters refer to the theme fonts (+mj-lt / +mn-ea): kept, the theme itself is patched.
    if (/<a:latin typeface="\+m[jn]-lt"/.test(inner) && /<a:ea typeface="\+m[jn]-ea"/.test(inner)) return `<a:${tag}${formatAttrs(ordered)}>${inner}</a:${tag}>`;
    inner = inner.replace(/<a:(latin|ea|cs)\b[^>]*\/>/g, '');
    // CT_TextCharacterProperties order: ln, fill, effect, highlight, uLn…, uFill…, latin, ea, cs, sym, hlinkClick, hlinkMouseOver, rtl, extLst.
    const at = inner.search(/<a:(sym|hlinkClick|hlinkMouseOver|rtl|extLst)\b/);
    inner = at < 0 ? inner + fontElements(face) : inner.slice(0, at) + fontElements(face) + inner.slice(at);
    return `<a:${tag}${formatAttrs(ordered)}>${inner}</a:${tag}>`;
  });
}

/** East Asian line breaking on every paragraph and list level. */
export function patchParaProps(xml: string): string {
  return xml.replace(/<a:(pPr|lvl[1-9]pPr)\b([^>]*?)(\/?)>/g, (_w, tag: string, attrs: string, selfClose: string) => {
    const a = parseAttrs(attrs);
    a.set('eaLnBrk', '1');
    a.set('latinLnBrk', '0');
    a.set('hangingPunct', '1');
    return `<a:${tag}${formatAttrs(a)}${selfClose}>`;
  });
}

/** pptxgenjs writes an `a:pPr` before every run of a paragraph; only the first one is allowed. */
export function dropRepeatedParaProps(xml: string): string {
  return xml.replace(/(<\/a:r>|<a:br>[\s\S]*?<\/a:br>|<a:br\/>)(?:<a:pPr\b[^>]*\/>|<a:pPr\b[^>]*>[\s\S]*?<\/a:pPr>)/g, '$1');
}

/** Theme: major and minor fonts with Latin AND East Asian faces (and the Jpan script font). */
export function patchTheme(xml: string, face = PPTX_FONT): string {
  return xml.replace(/<a:(majorFont|minorFont)>([\s\S]*?)<\/a:\1>/g, (_w, tag: string, body: string) => {
    const next = body
      .replace(/<a:latin\b[^>]*\/>/, `<a:latin typeface="${face}" panose="${PANOSE}"/>`)
      .replace(/<a:ea\b[^>]*\/>/, `<a:ea typeface="${face}"/>`)
      .replace(/<a:font script="Jpan" typeface="[^"]*"\/>/, `<a:font script="Jpan" typeface="${face}"/>`);
    return `<a:${tag}>${next}</a:${tag}>`;
  });
}

/** Unique `p:cNvPr` ids in a part (pptxgenjs numbers a table `tableNo × slideNo + 1`, colliding with shapes). */
export function renumberShapeIds(xml: string): string {
  let n = 1;
  return xml.replace(/<p:cNvPr id="\d+"/g, () => `<p:cNvPr id="${n++}"`);
}

/** Placeholders on one line and without `hasCustomPrompt` (no prompt text is ever shown). */
export function tidyPlaceholders(xml: string): string {
  return xml.replace(/<p:ph\b([^>]*?)\/>/g, (_w, attrs: string) => {
    const a = parseAttrs(attrs);
    a.delete('hasCustomPrompt');
    return `<p:ph${formatAttrs(a)}/>`;
  });
}

/** Tables: the first row is the header row (accessibility; PowerPoint's table tools show it). */
export function markHeaderRows(xml: string): string {
  return xml.replace(/<a:tblPr\/>/g, '<a:tblPr firstRow="1" bandRow="0"/>');
}

/** Notes: pptxgenjs writes all notes in one run with raw newlines; one paragraph per line instead. */
export function splitNotes(xml: string): string {
  return xml.replace(
    /(<p:ph type="body" idx="1"\/><\/p:nvPr><\/p:nvSpPr><p:spPr\/><p:txBody><a:bodyPr\/><a:lstStyle\/>)<a:p><a:r>(<a:rPr[^>]*\/>)<a:t>([\s\S]*?)<\/a:t><\/a:r>(<a:endParaRPr[^>]*\/>)<\/a:p>/,
    (_w, head: string, rPr: string, text: string, end: string) =>
      head +
      text
        .split(/\r?\n/)
        .map((line) => (line ? `<a:p><a:r>${rPr}<a:t>${line}</a:t></a:r></a:p>` : `<a:p>${end}</a:p>`))
        .join(''),
  );
}

/** Characters that may not start / end a line, for PowerPoint's Japanese kinsoku (the strict set). */
export const KINSOKU_START =
  '!%),.:;?]}¢°’”‰′″℃、。々〉》」』】〕〙〗〟ゝゞ・ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ゠–〜？！‼⁇⁈⁉）］｝｠，．：；｡｣､･ﾞﾟ％';
export const KINSOKU_END = '$([{£¥‘“〈《「『【〔〘〖〝＄（［｛｟｢￡￥＃';

/** `p:kinsoku` goes after `p:notesSz` (and before `p:defaultTextStyle`) in CT_Presentation. */
export function addKinsoku(xml: string): string {
  if (xml.includes('<p:kinsoku')) return xml;
  return xml.replace(
    '<p:defaultTextStyle>',
    `<p:kinsoku lang="${LANG}" invalStChars="${escapeXml(KINSOKU_START)}" invalEndChars="${escapeXml(KINSOKU_END)}"/><p:defaultTextStyle>`,
  );
}

/** `<p:cSld name="Slide 3">` → the slide's title (PowerPoint's outline, LibreOffice's page names). */
export function nameSlide(xml: string, title: string): string {
  return xml.replace(/<p:cSld name="[^"]*"/, `<p:cSld name="${escapeXml(title)}"`);
}

/** docProps/app.xml: the font used and the slide titles instead of "Arial, Calibri" and "Slide N". */
export function patchAppProps(xml: string, titles: readonly string[], face = PPTX_FONT): string {
  const pairs = [
    ['Fonts Used', 1],
    ['Theme', 1],
    ['Slide Titles', titles.length],
  ] as const;
  const heading = `<HeadingPairs><vt:vector size="${pairs.length * 2}" baseType="variant">${pairs.map(([n, c]) => `<vt:variant><vt:lpstr>${n}</vt:lpstr></vt:variant><vt:variant><vt:i4>${c}</vt:i4></vt:variant>`).join('')}</vt:vector></HeadingPairs>`;
  const parts = [face, 'Office Theme', ...titles];
  const titlesXml = `<TitlesOfParts><vt:vector size="${parts.length}" baseType="lpstr">${parts.map((p) => `<vt:lpstr>${escapeXml(p)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>`;
  return xml.replace(/<HeadingPairs>[\s\S]*?<\/HeadingPairs>/, heading).replace(/<TitlesOfParts>[\s\S]*?<\/TitlesOfParts>/, titlesXml);
}

/** The extension that marks a shape decorative (Office 2019+: screen readers skip it). */
const DECORATIVE =
  '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>';
const DESCR_LIMIT = 500;

/**
 * Every shape, picture and table of a slide gets alternative text: `descr` from its own text
 * (what a screen reader reads for a shape), or, with no text, the decorative mark (a frame, a
 * dot, an arrow). A `descr` already written (a picture's) is kept.
 */
export function describeShapes(xml: string): string {
  return xml.replace(/<p:(sp|graphicFrame|pic|cxnSp)>([\s\S]*?)<\/p:\1>/g, (whole, tag: string, body: string) => {
    const m = /<p:cNvPr\b([^>]*?)(\/>|>([\s\S]*?)<\/p:cNvPr>)/.exec(body);
    if (!m) return whole;
    const attrs = parseAttrs(m[1]!);
    if (attrs.has('descr')) return whole;
    const text = [...body.matchAll(/<a:t>([^<]*)<\/a:t>/g)]
      .map((t) => t[1]!)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    const inner = m[3] ?? '';
    let cNvPr: string;
    if (text) {
      attrs.set('descr', text.length > DESCR_LIMIT ? `${text.slice(0, DESCR_LIMIT)}…` : text);
      cNvPr = inner ? `<p:cNvPr${formatAttrs(attrs)}>${inner}</p:cNvPr>` : `<p:cNvPr${formatAttrs(attrs)}/>`;
    } else {
      if (inner.includes('decorative')) return whole;
      cNvPr = `<p:cNvPr${formatAttrs(attrs)}>${inner}${DECORATIVE}</p:cNvPr>`;
    }
    return `<p:${tag}>${body.slice(0, m.index)}${cNvPr}${body.slice(m.index + m[0].length)}</p:${tag}>`;
  });
}

const SLIDE_PART = /^ppt\/slides\/slide(\d+)\.xml$/;
const TEXT_PARTS = /^ppt\/(slides|slideLayouts|slideMasters|notesSlides|notesMasters)\/[^/]+\.xml$/;

/** Every patch for one part of the package, by its name; other parts are returned unchanged. */
export function patchPart(name: string, xml: string, slideTitles: readonly string[] = []): string {
  let out = xml;
  if (TEXT_PARTS.test(name) || name === 'ppt/presentation.xml') {
    if (name.startsWith('ppt/notesSlides/')) out = splitNotes(out);
    out = patchParaProps(patchRunProps(dropRepeatedParaProps(out)));
    if (name !== 'ppt/presentation.xml') out = tidyPlaceholders(renumberShapeIds(out));
    out = markHeaderRows(out);
  }
  if (name === 'ppt/presentation.xml') out = addKinsoku(out);
  if (/^ppt\/theme\/theme\d+\.xml$/.test(name)) out = patchTheme(out);
  const slide = SLIDE_PART.exec(name);
  const title = slide ? slideTitles[Number(slide[1]) - 1] : undefined;
  if (title !== undefined) out = nameSlide(out, title);
  if (slide) out = describeShapes(out);
  if (name === 'docProps/app.xml' && slideTitles.length > 0) out = patchAppProps(out, slideTitles);
  return out;
}
