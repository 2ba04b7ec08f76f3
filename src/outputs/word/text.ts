/**
 * Runs of Japanese text for Word: every run names the font for every script and the Japanese
 * language, whatever its formatting. A value (a formatted figure of the data) prints bold, as in
 * the PDF; a placeholder of an undecided fact (（要確認）) is highlighted; URLs and e-mail
 * addresses become links (the same ones the PDF links, phrases.ts `linkSpans`); a newline in the
 * data is a line break.
 *
 * The font is BIZ UDPGothic, the face the PDF embeds: Windows 10 and later ship it as
 * 「BIZ UDPゴシック」, whose English family name is this one, and LibreOffice finds the bundled
 * TrueType file by it (the npm package's file has no Japanese name). Word matches either name;
 * the font table gives the Japanese one as its alternative. Gothic throughout (no Mincho body):
 * it is the one face the project ships, so a reviewer's Word and the PDF set the same letters.
 */
import { ExternalHyperlink, HighlightColor, TextRun, type IRunOptions, type ParagraphChild } from 'docx';
import { PLACEHOLDERS } from '../../schema/index.ts';
import { japaneseBrackets } from '../../shared/format/text.ts';
import { hrefOf, linkSpans } from '../../stages/render/phrases.ts';

export const WORD_FONT = 'BIZ UDPGothic';
/** The name Japanese Windows lists the same face under. */
export const WORD_FONT_JA = 'BIZ UDPゴシック';

/** Every run: the face for Latin, East Asian and complex script text, and the languages. */
export const JA_RUN = {
  font: { ascii: WORD_FONT, hAnsi: WORD_FONT, eastAsia: WORD_FONT, cs: WORD_FONT },
  language: { value: 'en-US', eastAsia: 'ja-JP' },
} as const satisfies Pick<IRunOptions, 'font' | 'language'>;

/** How a piece of text is set. */
export interface RunLook {
  bold?: boolean;
  /** Half-points (21 = 10.5 pt). */
  size?: number;
  color?: string;
  /** A character style id (PlaceholderText, Hyperlink). */
  style?: string;
  /** 傍点 (Markdown's emphasis: Japanese has no italics). */
  emphasis?: boolean;
  /** URLs and e-mail addresses in the text become links (off inside a link already made). */
  noLinks?: boolean;
}

/** One run of Japanese text (one line: runsOf breaks lines). */
export function jaRun(text: string, look: RunLook = {}): TextRun {
  return new TextRun({
    ...JA_RUN,
    ...(look.bold ? { bold: true } : {}),
    ...(look.size ? { size: look.size } : {}),
    ...(look.color ? { color: look.color } : {}),
    ...(look.style ? { style: look.style } : {}),
    ...(look.emphasis ? { emphasisMark: { type: 'dot' as const } } : {}),
    text,
  });
}

/** A piece of a line: plain text, or a value (bold, like the PDF's `.value`). */
export interface Piece {
  text: string;
  value?: boolean | undefined;
}

/** Placeholders of undecided facts in a text, highlighted as the PDF's `.tbd` shades them. */
function withPlaceholders(text: string, look: RunLook): TextRun[] {
  const out: TextRun[] = [];
  let rest = text;
  while (rest) {
    const hits = PLACEHOLDERS.map((p) => ({ p, at: rest.indexOf(p) })).filter((h) => h.at >= 0);
    if (hits.length === 0) {
      out.push(jaRun(rest, look));
      break;
    }
    const { p, at } = hits.reduce((a, b) => (b.at < a.at ? b : a));
    if (at > 0) out.push(jaRun(rest.slice(0, at), look));
    out.push(new TextRun({ ...JA_RUN, ...(look.bold ? { bold: true } : {}), ...(look.size ? { size: look.size } : {}), highlight: HighlightColor.YELLOW, text: p }));
    rest = rest.slice(at + p.length);
  }
  return out;
}

/** The runs of pieces of text: values bold, placeholders highlighted, URLs and e-mail addresses linked. */
export function runsOf(pieces: readonly Piece[] | string, look: RunLook = {}): ParagraphChild[] {
  const list: readonly Piece[] = typeof pieces === 'string' ? [{ text: pieces }] : pieces;
  return list.flatMap((piece) => {
    const pieceLook = piece.value ? { ...look, bold: true } : look;
    return piece.text.split(/(\n)/).flatMap((chunk): ParagraphChild[] => {
      if (chunk === '\n') return [new TextRun({ ...JA_RUN, break: 1 })];
      // Brackets set as the PDF sets them (one width per document: 5月10日（火）); a link's text is kept.
      if (look.noLinks) return withPlaceholders(look.style === 'Hyperlink' ? chunk : japaneseBrackets(chunk), pieceLook);
      return linkSpans(chunk).flatMap((span): ParagraphChild[] =>
        span.link
          ? [new ExternalHyperlink({ link: hrefOf(span.text), children: [jaRun(span.text, { ...pieceLook, style: 'Hyperlink' })] })]
          : withPlaceholders(japaneseBrackets(span.text), pieceLook),
      );
    });
  });
}
