/**
 * Prose of the 公募要領 (Markdown from the data) as Word paragraphs: markdown-it's tokens walked
 * — the same parse the PDF's HTML comes from — not its HTML. Paragraphs, ### / #### headings
 * (unnumbered, as in the PDF), bulleted and numbered lists (nested), block quotes, code, rules,
 * tables; inline bold, emphasis (傍点: Japanese has no italics), links (bare URLs and e-mail
 * addresses are linked by the parse, as in the PDF) and line breaks; values bold.
 */
import { BorderStyle, ExternalHyperlink, Paragraph, TextRun, type FileChild, type ParagraphChild } from 'docx';
import type Token from 'markdown-it/lib/token.mjs';
import { markdownTokens, valuePieces } from '../../stages/render/markdown.ts';
import { STYLE } from '../word/document.ts';
import { table, type CellSpec } from '../word/table.ts';
import { JA_RUN, jaRun, runsOf } from '../word/text.ts';

export interface ProseCtx {
  /** The text width of the section (tables span it). */
  width: number;
  /** A new instance of the ordered list numbering, so each numbered list counts from 1. */
  nextListInstance(): number;
}

/** The runs of an inline token: bold, 傍点, links; value tokens printed bold. */
export function inlineRuns(inline: Token | undefined, values: readonly string[] | undefined): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  let bold = 0;
  let em = 0;
  let link: { href: string; children: ParagraphChild[] } | undefined;
  const push = (...runs: ParagraphChild[]) => (link ? link.children : out).push(...runs);
  const text = (s: string) =>
    push(...runsOf(valuePieces(s, values), { noLinks: true, ...(bold ? { bold: true } : {}), ...(em ? { emphasis: true } : {}), ...(link ? { style: 'Hyperlink' } : {}) }));
  for (const c of inline?.children ?? []) {
    switch (c.type) {
      case 'text':
      case 'code_inline':
        text(c.content);
        break;
      case 'image':
        // Validation lets only data: images through; the Word file says what it shows.
        text(c.content);
        break;
      case 'softbreak':
        push(jaRun(' '));
        break;
      case 'hardbreak':
        push(new TextRun({ ...JA_RUN, break: 1 }));
        break;
      case 'strong_open':
      case 'strong_close':
        bold += c.type === 'strong_open' ? 1 : -1;
        break;
      case 'em_open':
      case 'em_close':
        em += c.type === 'em_open' ? 1 : -1;
        break;
      case 'link_open':
        link = { href: c.attrGet('href') ?? '', children: [] };
        break;
      case 'link_close':
        // A cross-reference inside the document (#sec-3-2) prints as its text: Word numbers its own headings.
        if (link) out.push(...(link.href.startsWith('#') ? link.children : [new ExternalHyperlink({ link: link.href, children: link.children as TextRun[] })]));
        link = undefined;
        break;
      default:
        break;
    }
  }
  return out;
}

interface ListState {
  ordered: boolean;
  instance: number;
  /** The item's first paragraph carries the number; later ones are indented under it. */
  fresh: boolean;
}

/** A GFM table: its rows of cells (header cells from `thead`). */
function tableOf(tokens: Token[], from: number, values: readonly string[] | undefined, width: number): { end: number; table: FileChild } {
  const head: CellSpec[][] = [];
  const rows: CellSpec[][] = [];
  let inHead = false;
  let row: CellSpec[] | undefined;
  let i = from;
  for (; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
    const t = tokens[i]!;
    if (t.type === 'thead_open' || t.type === 'thead_close') inHead = t.type === 'thead_open';
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close' && row) (inHead ? head : rows).push(row);
    else if ((t.type === 'th_open' || t.type === 'td_open') && row)
      row.push({
        ...(t.type === 'th_open' ? { fixed: true } : {}),
        children: [new Paragraph({ style: t.type === 'th_open' ? STYLE.tableHead : STYLE.tableText, children: inlineRuns(tokens[i + 1], values) })],
      });
  }
  const columns = Math.max(1, ...[...head, ...rows].map((r) => r.length));
  return { end: i, table: table({ widths: Array.from({ length: columns }, () => 1), width, head, rows }) };
}

/** The Word blocks of one prose block. */
export async function proseBlocks(ctx: ProseCtx, md: string, values: readonly string[] | undefined): Promise<FileChild[]> {
  const tokens = await markdownTokens(md);
  const out: FileChild[] = [];
  const lists: ListState[] = [];
  let quote = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case 'heading_open':
        out.push(new Paragraph({ style: t.tag === 'h3' ? STYLE.subheading : STYLE.minorHeading, children: inlineRuns(tokens[i + 1], values) }));
        i += 2;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: t.type === 'ordered_list_open', instance: t.type === 'ordered_list_open' ? ctx.nextListInstance() : 0, fresh: false });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open':
        if (lists.length) lists[lists.length - 1]!.fresh = true;
        break;
      case 'paragraph_open': {
        const list = lists[lists.length - 1];
        const level = Math.min(lists.length, 3) - 1;
        const children = inlineRuns(tokens[i + 1], values);
        if (list?.fresh) {
          out.push(
            new Paragraph({
              numbering: { reference: list.ordered ? 'ordered' : 'bullets', level, ...(list.ordered ? { instance: list.instance } : {}) },
              spacing: { after: 40 },
              children,
            }),
          );
          list.fresh = false;
        } else if (list) out.push(new Paragraph({ indent: { left: 420 * (level + 1) }, spacing: { after: 40 }, children }));
        else out.push(new Paragraph({ indent: quote ? { left: 420 * quote } : { firstLine: 210 }, children }));
        i += 2;
        break;
      }
      case 'blockquote_open':
      case 'blockquote_close':
        quote += t.type === 'blockquote_open' ? 1 : -1;
        break;
      case 'fence':
      case 'code_block':
        for (const line of t.content.replace(/\n$/, '').split('\n')) out.push(new Paragraph({ indent: { left: 420 }, spacing: { after: 0 }, children: [jaRun(line)] }));
        break;
      case 'hr':
        out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999', space: 1 } }, children: [] }));
        break;
      case 'table_open': {
        const { end, table: tbl } = tableOf(tokens, i, values, ctx.width);
        out.push(tbl);
        i = end;
        break;
      }
      default:
        break;
    }
  }
  return out;
}
