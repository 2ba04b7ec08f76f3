/**
 * The frame every Word file of the project shares: A4 pages, the styles (Word's built-in
 * heading styles, whose outline levels drive the navigation pane and the TOC field, with the
 * 公募要領's numbering linked to them: 第1章 / 1.1 / (1) / ア, and 別紙1 for appendices), the
 * running head, the page number in the footer, the 案 watermark while the edition is a draft,
 * and packing: docx writes the package, stages/postprocess/docx.ts makes it reproducible and
 * Japanese throughout (every run's language and font, East Asian line breaking, the font table).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  LevelFormat,
  LevelSuffix,
  PageNumber,
  PageOrientation,
  Packer,
  Paragraph,
  TextRun,
  type FileChild,
  type INumberingOptions,
  type IParagraphStyleOptions,
  type ICharacterStyleOptions,
  type ISectionOptions,
  type PageNumberEstimator,
} from 'docx';
import { readFile } from 'node:fs/promises';
import { fontFile } from '../../shared/font-package.ts';
import { JA_RUN, WORD_FONT, jaRun } from './text.ts';

/** A4 in twips (1/1440 inch), and the margins (20 mm). */
export const A4 = { width: 11906, height: 16838 } as const;
const MARGIN = 1134;
/** The width text runs in, per orientation. */
export const TEXT_WIDTH = { portrait: A4.width - 2 * MARGIN, landscape: A4.height - 2 * MARGIN } as const;

export const COLORS = { text: '111111', muted: '555555', rule: '555555', fixedCell: 'EEF1F6', accent: '1F3A68', draft: 'B00020' } as const;

/** Paragraph styles by id: Word's built-in ones under their built-in names, the project's own beside them. */
export const STYLE = {
  title: 'Title',
  heading: ['Heading1', 'Heading2', 'Heading3', 'Heading4'],
  subheading: 'Subheading',
  minorHeading: 'MinorHeading',
  caption: 'Caption',
  note: 'Note',
  list: 'ListBullet',
  tableText: 'TableText',
  tableHead: 'TableHead',
  fieldLabel: 'FieldLabel',
  hint: 'Hint',
  answer: 'Answer',
  header: 'Header',
  footer: 'Footer',
  tocHeading: 'TOCHeading',
  cover: 'Cover',
} as const;

const para = (id: string, name: string, o: Omit<IParagraphStyleOptions, 'id' | 'name'>): IParagraphStyleOptions => ({
  id,
  name,
  basedOn: 'Normal',
  next: 'Normal',
  quickFormat: true,
  ...o,
});

/** The built-in heading styles (their names make them Word's own), level i numbered by list `headings`, level i. */
function headingStyles(): IParagraphStyleOptions[] {
  const sizes = [28, 24, 22, 21];
  const before = [360, 240, 180, 120];
  return sizes.map((size, i) =>
    para(STYLE.heading[i]!, `heading ${i + 1}`, {
      paragraph: {
        numbering: { reference: 'headings', level: i },
        outlineLevel: i,
        keepNext: true,
        keepLines: true,
        spacing: { before: before[i]!, after: 120 },
        ...(i === 0 ? { border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: COLORS.accent, space: 2 } } } : {}),
      },
      run: { bold: true, size, color: i === 0 ? COLORS.accent : COLORS.text },
    }),
  );
}

function paragraphStyles(): IParagraphStyleOptions[] {
  return [
    para(STYLE.title, 'Title', { paragraph: { spacing: { before: 0, after: 240 }, keepNext: true }, run: { bold: true, size: 32 } }),
    ...headingStyles(),
    para(STYLE.subheading, 'Subheading', { paragraph: { keepNext: true, spacing: { before: 180, after: 80 } }, run: { bold: true, size: 22 } }),
    para(STYLE.minorHeading, 'Minor Heading', { paragraph: { keepNext: true, spacing: { before: 120, after: 60 } }, run: { bold: true } }),
    para(STYLE.caption, 'caption', { paragraph: { keepNext: true, spacing: { before: 160, after: 60 } }, run: { bold: true, size: 20 } }),
    para(STYLE.note, 'Note', { paragraph: { indent: { left: 200, hanging: 200 }, spacing: { after: 40 } }, run: { size: 18, color: COLORS.muted } }),
    para(STYLE.list, 'List Bullet', { paragraph: { numbering: { reference: 'bullets', level: 0 }, spacing: { after: 40 } } }),
    para(STYLE.tableText, 'Table Text', { paragraph: { spacing: { before: 0, after: 0 } }, run: { size: 19 } }),
    para(STYLE.tableHead, 'Table Head', { paragraph: { spacing: { before: 0, after: 0 }, alignment: AlignmentType.CENTER }, run: { size: 19, bold: true } }),
    para(STYLE.fieldLabel, 'Field Label', {
      paragraph: { keepNext: true, spacing: { before: 240, after: 60 }, border: { left: { style: BorderStyle.SINGLE, size: 24, color: COLORS.accent, space: 4 } } },
      run: { bold: true, size: 22 },
    }),
    para(STYLE.hint, 'Hint', { paragraph: { keepNext: true, spacing: { after: 60 } }, run: { size: 18, color: COLORS.muted } }),
    // The text box an applicant writes in: one box around all its paragraphs, typed ones included.
    para(STYLE.answer, 'Answer', {
      paragraph: {
        spacing: { before: 0, after: 0 },
        border: {
          top: { style: BorderStyle.SINGLE, size: 4, color: COLORS.rule, space: 4 },
          bottom: { style: BorderStyle.SINGLE, size: 4, color: COLORS.rule, space: 4 },
          left: { style: BorderStyle.SINGLE, size: 4, color: COLORS.rule, space: 4 },
          right: { style: BorderStyle.SINGLE, size: 4, color: COLORS.rule, space: 4 },
        },
      },
    }),
    para(STYLE.header, 'header', { paragraph: { spacing: { after: 0 } }, run: { size: 16, color: COLORS.muted } }),
    para(STYLE.footer, 'footer', { paragraph: { spacing: { after: 0 }, alignment: AlignmentType.CENTER }, run: { size: 18 } }),
    para(STYLE.tocHeading, 'TOC Heading', { paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } }, run: { bold: true, size: 28 } }),
    para('TOC1', 'toc 1', { paragraph: { spacing: { before: 120, after: 40 } }, run: { bold: true } }),
    para('TOC2', 'toc 2', { paragraph: { indent: { left: 420 }, spacing: { after: 20 } } }),
    para(STYLE.cover, 'Cover', { paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } } }),
  ];
}

function characterStyles(): ICharacterStyleOptions[] {
  return [
    { id: 'PlaceholderText', name: 'Placeholder Text', basedOn: 'DefaultParagraphFont', run: { color: '808080' } },
    { id: 'Hyperlink', name: 'Hyperlink', basedOn: 'DefaultParagraphFont', run: { color: '0B4A8B', underline: {} } },
  ];
}

/** One outline list for the chapters' tree and one for the appendices' (別紙1 → 1. → (1) → ア), bullets, ordered lists. */
function numbering(): INumberingOptions {
  const levels = (top: string, second: string) =>
    [top, second, '(%3)', '%4'].map((text, i) => ({
      level: i,
      format: i === 3 ? LevelFormat.AIUEO_FULL_WIDTH : LevelFormat.DECIMAL,
      text,
      suffix: LevelSuffix.SPACE,
      style: { style: STYLE.heading[i]!, paragraph: { indent: { left: 0, hanging: 0 } } },
    }));
  const bullet = (i: number) => ({ level: i, format: LevelFormat.BULLET, text: '・', style: { paragraph: { indent: { left: 420 * (i + 1), hanging: 300 } } } });
  return {
    config: [
      { reference: 'headings', levels: levels('第%1章', '%1.%2') },
      { reference: 'appendices', levels: levels('別紙%1', '%2.') },
      { reference: 'bullets', levels: [0, 1, 2].map(bullet) },
      {
        reference: 'ordered',
        levels: [0, 1, 2].map((i) => ({ level: i, format: LevelFormat.DECIMAL, text: `%${i + 1}.`, style: { paragraph: { indent: { left: 420 * (i + 1), hanging: 360 } } } })),
      },
    ],
  };
}

/** The page header: the document's name on the left, the form number (or nothing) on the right; the 案 watermark while a draft. */
export async function pageHeader(left: string, right: string | undefined, draftMark: string | undefined, width: number): Promise<Header> {
  const children: Paragraph[] = [
    new Paragraph({
      style: STYLE.header,
      tabStops: [{ type: 'right', position: width }],
      children: [...(left ? [jaRun(left)] : []), ...(right ? [new TextRun({ ...JA_RUN, children: ['\t', right] })] : [])],
    }),
  ];
  if (draftMark) {
    // Word's own Design > Watermark shape, so a reviewer can remove it there; loaded only for drafts.
    const { TextWatermark } = await import('docx/watermarks');
    children.push(new Paragraph({ style: STYLE.header, children: [new TextWatermark({ text: draftMark, font: WORD_FONT, color: 'E6E6E6', opacity: 0.5, layout: 'diagonal' })] }));
  }
  return new Header({ children });
}

/** The footer: - 1 - (the PDF's page numbers). */
export function pageFooter(): Footer {
  return new Footer({ children: [new Paragraph({ style: STYLE.footer, children: [new TextRun({ ...JA_RUN, children: ['- ', PageNumber.CURRENT, ' -'] })] })] });
}

export interface SectionSpec {
  children: readonly FileChild[];
  landscape?: boolean;
  header?: Header;
  footer?: Footer;
  /** Page numbers: the style (`decimal`, `lowerRoman`) and where they start. */
  pageNumbers?: { start?: number; format?: 'decimal' | 'lowerRoman' };
  /** The section's first page shows no footer and only this header (a cover: the watermark alone, or nothing). */
  titlePage?: boolean;
  firstHeader?: Header;
}

/** A4 section with the margins, header, footer and page numbering asked for. */
export function section(spec: SectionSpec): ISectionOptions {
  // docx swaps width and height itself for a landscape page.
  const size = { width: A4.width, height: A4.height, ...(spec.landscape ? { orientation: PageOrientation.LANDSCAPE } : {}) };
  const empty = () => new Header({ children: [new Paragraph({ style: STYLE.header, children: [] })] });
  return {
    properties: {
      page: {
        size,
        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 },
        ...(spec.pageNumbers ? { pageNumbers: { ...(spec.pageNumbers.start ? { start: spec.pageNumbers.start } : {}), formatType: spec.pageNumbers.format ?? 'decimal' } } : {}),
      },
      ...(spec.titlePage ? { titlePage: true } : {}),
    },
    ...(spec.header ? { headers: { default: spec.header, ...(spec.titlePage ? { first: spec.firstHeader ?? empty() } : {}) } } : {}),
    ...(spec.footer
      ? { footers: { default: spec.footer, ...(spec.titlePage ? { first: new Footer({ children: [new Paragraph({ style: STYLE.footer, children: [] })] }) } : {}) } }
      : {}),
    children: spec.children,
  };
}

export interface WordMeta {
  title: string;
  subject: string;
  keywords: readonly string[];
  author: string;
  description?: string;
}

let estimator: Promise<PageNumberEstimator> | undefined;

/**
 * Page numbers for a TOC field (and the numbers of its numbered headings), laid out as Word lays
 * the document out — docx's layout (`docx/layout`), measuring text in the bundled BIZ UDPGothic
 * files. The TOC is then written with its page numbers, clean, so Word shows it without asking
 * to update fields; where the layout cannot follow Word, it leaves the numbers after that point
 * blank (never a guess). Made once per process: the two font files are 9 MB.
 */
export function pageNumberEstimator(): Promise<PageNumberEstimator> {
  estimator ??= (async () => {
    const [{ estimatePageNumbersWith }, regular, bold] = await Promise.all([import('docx/layout'), readFile(fontFile(400)), readFile(fontFile(700))]);
    return estimatePageNumbersWith({ fonts: [{ data: regular }, { data: bold }] });
  })();
  return estimator;
}

export interface WordOptions {
  footnotes?: Record<number, { children: Paragraph[] }>;
  /** Works out the pages of the TOC's entries (pageNumberEstimator). */
  pageNumbers?: PageNumberEstimator;
}

/** A Word document of the project's styles and lists. */
export function wordDocument(meta: WordMeta, sections: ISectionOptions[], opts: WordOptions = {}): Document {
  return new Document({
    ...(opts.pageNumbers ? { pageNumbers: opts.pageNumbers } : {}),
    title: meta.title,
    subject: meta.subject,
    keywords: meta.keywords.join(', '),
    creator: meta.author,
    lastModifiedBy: meta.author,
    ...(meta.description ? { description: meta.description } : {}),
    // Text set in a theme font (a style Word adds later) is BIZ UDPGothic too.
    theme: {
      fonts: { headings: { latin: WORD_FONT, eastAsia: WORD_FONT, scripts: { Jpan: WORD_FONT } }, body: { latin: WORD_FONT, eastAsia: WORD_FONT, scripts: { Jpan: WORD_FONT } } },
    },
    // The document defaults (face, language, size, East Asian line breaking) are written by the post-process.
    styles: {
      paragraphStyles: paragraphStyles(),
      characterStyles: characterStyles(),
    },
    numbering: numbering(),
    ...(opts.footnotes ? { footnotes: opts.footnotes } : {}),
    sections,
  });
}

/** The document's bytes, reproducible and Japanese throughout (stages/postprocess/docx.ts). */
export async function packWord(doc: Document, date: Date, author: string): Promise<Uint8Array> {
  const { normalizeDocx } = await import('../../stages/postprocess/docx.ts');
  return normalizeDocx(new Uint8Array(await Packer.toBuffer(doc)), { date, author });
}
