/**
 * Post-processing of the XML docx writes, for Japanese in Word and for reproducible bytes:
 *
 * - every run (`w:r`: text, fields, the TOC's entries, a check box's symbol, the watermark) names
 *   the face for every script (`w:rFonts` with `w:eastAsia`) and the Japanese language
 *   (`w:lang w:eastAsia="ja-JP"`); docx writes runs without them where it makes the run itself;
 * - the document defaults: the face and language, 10.5 pt, and East Asian line breaking on every
 *   paragraph — 禁則 (`w:kinsoku`), hanging punctuation (`w:overflowPunct`), spacing between
 *   Japanese and Latin text and digits (`w:autoSpaceDE`/`DN`), Latin words not broken
 *   (`w:wordWrap`). docx cannot write these paragraph defaults (and writes some in the wrong
 *   schema order where it can), so they are written here;
 * - settings: Japanese as the theme font language, punctuation kept full-width
 *   (`w:characterSpacingControl` doNotCompress: 、。「」 keep their full em);
 * - the font table: BIZ UDPGothic with its Japanese name, charset and panose, so Word on a
 *   machine without it substitutes a Japanese Gothic, not a Chinese face;
 * - ids docx draws from process-wide counters or random numbers (bookmarks, relationships of
 *   links, the watermark shape) renumbered in document order, so a file is the same whether it
 *   is built alone or after others.
 *
 * Tag-level regular expressions rather than a DOM, as pptx-xml.ts: docx writes a small fixed
 * vocabulary, entity-encodes all text and never puts `>` in an attribute value; a DOM round trip
 * would re-serialise every byte. The tests parse every part and check these invariants.
 */
import { escapeXml } from './pptx-xml.ts';

export const DOCX_FONT = 'BIZ UDPGothic';
export const DOCX_FONT_JA = 'BIZ UDPゴシック';
/** OS/2 panose of BIZ UDPGothic (2 11 4 0 0 0 0 0 0 0). */
const PANOSE = '020B0400000000000000';

const fontsElement = (face: string) => `<w:rFonts w:ascii="${face}" w:hAnsi="${face}" w:eastAsia="${face}" w:cs="${face}"/>`;
const LANG = '<w:lang w:val="en-US" w:eastAsia="ja-JP"/>';

/** Run property elements that come after `w:lang` in CT_RPr (it goes before the first of them). */
const AFTER_LANG = /<w:(eastAsianLayout|specVanish|oMath)\b/;

/** One run's properties with the font and language made explicit (rFonts first after rStyle, lang late, as CT_RPr orders them). */
export function ensureRunProps(inner: string, face = DOCX_FONT): string {
  let body = inner;
  if (/<w:rFonts\b/.test(body)) {
    body = body.replace(/<w:rFonts\b([^>]*?)\/>/, (whole, attrs: string) => (/\bw:eastAsia=/.test(attrs) ? whole : `<w:rFonts${attrs} w:eastAsia="${face}"/>`));
  } else {
    const style = /^<w:rStyle\b[^>]*\/>/.exec(body);
    body = style ? style[0] + fontsElement(face) + body.slice(style[0].length) : fontsElement(face) + body;
  }
  if (/<w:lang\b/.test(body)) {
    body = body.replace(/<w:lang\b([^>]*?)\/>/, (whole, attrs: string) => (/\bw:eastAsia=/.test(attrs) ? whole : `<w:lang${attrs} w:eastAsia="ja-JP"/>`));
  } else {
    const at = body.search(AFTER_LANG);
    body = at < 0 ? body + LANG : body.slice(0, at) + LANG + body.slice(at);
  }
  return body;
}

/** Every `w:r` of a part with explicit East Asian font and language. */
export function patchRuns(xml: string, face = DOCX_FONT): string {
  // A run's start tag, then its properties if it has any (never nested: docx writes no rPrChange).
  return xml.replace(/<w:r(\s[^>]*)?>(?:<w:rPr>([\s\S]*?)<\/w:rPr>|<w:rPr\/>)?/g, (_w, attrs: string | undefined, props: string | undefined) => {
    return `<w:r${attrs ?? ''}><w:rPr>${ensureRunProps(props ?? '', face)}</w:rPr>`;
  });
}

/** The document defaults: face, language and size of every run; East Asian line breaking of every paragraph. */
export function docDefaults(face = DOCX_FONT): string {
  return (
    '<w:docDefaults>' +
    `<w:rPrDefault><w:rPr>${fontsElement(face)}<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="21"/>${LANG.replace('/>', ' w:bidi="ar-SA"/>')}</w:rPr></w:rPrDefault>` +
    // CT_PPrBase order: kinsoku, wordWrap, overflowPunct, topLinePunct, autoSpaceDE, autoSpaceDN, …, spacing.
    '<w:pPrDefault><w:pPr><w:kinsoku w:val="1"/><w:wordWrap w:val="1"/><w:overflowPunct w:val="1"/><w:topLinePunct w:val="0"/><w:autoSpaceDE w:val="1"/><w:autoSpaceDN w:val="1"/><w:spacing w:after="80" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault>' +
    '</w:docDefaults>'
  );
}

export function patchStyles(xml: string, face = DOCX_FONT): string {
  const next = xml.replace(/<w:docDefaults>[\s\S]*?<\/w:docDefaults>|<w:docDefaults\/>/, docDefaults(face));
  // Styles' own run properties name fonts too when they name any (they do not: the defaults hold).
  return next;
}

/**
 * Lists linked to heading styles are outline lists: `multilevel`, as Word writes its own heading
 * numbering (docx writes every list as `hybridMultilevel`, Word's type for a simple list).
 */
export function patchNumbering(xml: string): string {
  return xml.replace(/<w:abstractNum\b[\s\S]*?<\/w:abstractNum>/g, (list) =>
    /<w:pStyle\b/.test(list) ? list.replace('<w:multiLevelType w:val="hybridMultilevel"/>', '<w:multiLevelType w:val="multilevel"/>') : list,
  );
}

/** Settings: punctuation kept full-width, Japanese as the East Asian theme-font language. */
export function patchSettings(xml: string): string {
  let out = xml;
  if (!out.includes('<w:characterSpacingControl')) out = out.replace(/<w:compat[\s>/]/, (m) => `<w:characterSpacingControl w:val="doNotCompress"/>${m}`);
  if (!out.includes('<w:themeFontLang')) out = out.replace(/(<\/w:compat>|<w:compat\/>)/, '$1<w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/>');
  return out;
}

/** The font table: the one face, with its Japanese name as the alternative Word also matches. */
export function patchFontTable(xml: string, face = DOCX_FONT, alt = DOCX_FONT_JA): string {
  const entry = `<w:font w:name="${escapeXml(face)}"><w:altName w:val="${escapeXml(alt)}"/><w:panose1 w:val="${PANOSE}"/><w:charset w:val="80"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>`;
  if (xml.includes(`w:name="${escapeXml(face)}"`)) return xml;
  if (/<w:fonts\b[^>]*\/>/.test(xml)) return xml.replace(/<w:fonts\b([^>]*?)\/>/, `<w:fonts$1>${entry}</w:fonts>`);
  return xml.replace('</w:fonts>', `${entry}</w:fonts>`);
}

/** docProps/core.xml: the author as the last to modify it (docx writes "Un-named"). */
export function patchCore(xml: string, author: string): string {
  return xml.replace(/<cp:lastModifiedBy>[^<]*<\/cp:lastModifiedBy>/, `<cp:lastModifiedBy>${escapeXml(author)}</cp:lastModifiedBy>`);
}

/** Document-wide counters for the ids renumbered in document order. */
export class IdRenumbering {
  #bookmarks = new Map<string, number>();
  #watermarks = 0;
  #drawings = 0;
  /** Relationship ids docx drew at random, per .rels part (`word/_rels/document.xml.rels` → old → new). */
  readonly relIds = new Map<string, Map<string, string>>();

  /** Learn a .rels part's random ids (call for every .rels part before patching parts). */
  learnRels(name: string, xml: string): void {
    const map = new Map<string, string>();
    for (const m of xml.matchAll(/\bId="([^"]+)"/g)) if (!/^rId\d+$/.test(m[1]!)) map.set(m[1]!, `rIdL${map.size + 1}`);
    if (map.size) this.relIds.set(name, map);
  }

  /** The part that owns a .rels part: `word/_rels/document.xml.rels` → `word/document.xml`. */
  static ownerOf(rels: string): string {
    return rels.replace(/(^|\/)_rels\/([^/]+)\.rels$/, '$1$2');
  }

  #bookmark(id: string): number {
    let n = this.#bookmarks.get(id);
    if (n === undefined) this.#bookmarks.set(id, (n = this.#bookmarks.size + 1));
    return n;
  }

  patch(name: string, xml: string): string {
    let out = xml;
    const rels = name.endsWith('.rels') ? this.relIds.get(name) : this.relIds.get(name.replace(/([^/]+)$/, '_rels/$1.rels'));
    if (rels) {
      const attr = name.endsWith('.rels') ? 'Id' : 'r:id';
      out = out.replace(new RegExp(`\\b${attr}="([^"]+)"`, 'g'), (whole, id: string) => (rels.has(id) ? `${attr}="${rels.get(id)}"` : whole));
    }
    // A bookmark's id and its TOC name (`_Toc12`, the TOC's links and PAGEREF fields) share docx's counter: one
    // renumbering, in the order they first appear (the TOC's links, then the headings' bookmarks).
    const toc = (n: string) => `_Toc${this.#bookmark(n)}`;
    out = out.replace(/<w:bookmark(?:Start|End)\b[^>]*>|\b_Toc(\d+)\b/g, (whole, n: string | undefined) =>
      n !== undefined ? toc(n) : whole.replace(/\b_Toc(\d+)\b/g, (_m, k: string) => toc(k)).replace(/\bw:id="(\d+)"/, (_m, k: string) => `w:id="${this.#bookmark(k)}"`),
    );
    out = out.replace(/PowerPlusWaterMarkObject[A-Za-z0-9_-]+/g, () => `PowerPlusWaterMarkObject${++this.#watermarks}`);
    // A drawing's id comes from a counter docx shares across every document of the process: the
    // same figure got another id in the second document written (unique per document is enough).
    out = out.replace(/(<wp:docPr\b[^>]*?\bid=")(\d+)"/g, (_m, head: string) => `${head}${++this.#drawings}"`);
    return out;
  }
}

/** Parts whose runs are patched. */
export const TEXT_PART = /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/;
