/**
 * One 様式 as a Word document, from its view-model (stages/render/form-view.ts): the page header
 * with the call and the form number, the title, the limit and what to write, the instructions,
 * then each field — one small function per kind of field.
 */
import { AlignmentType, Paragraph, TextRun, type FileChild } from 'docx';
import type { FormFieldView, FormLine, FormView, GridCell } from '../../stages/render/form-view.ts';
import { FORM_TERMS } from '../../stages/render/form-view.ts';
import { ControlIds, checkBox, textBox, textControl } from '../word/controls.ts';
import { STYLE, TEXT_WIDTH, pageFooter, pageHeader, packWord, section, wordDocument } from '../word/document.ts';
import { table, type CellSpec } from '../word/table.ts';
import { JA_RUN, jaRun, runsOf } from '../word/text.ts';

interface FormCtx {
  ids: ControlIds;
  width: number;
  view: FormView;
}

const plain = (line: FormLine | undefined): string => (line ?? []).map((r) => r.text).join('');

function label(text: string, extra?: string): Paragraph {
  return new Paragraph({ style: STYLE.fieldLabel, children: [jaRun(text), ...(extra ? [jaRun(extra, { bold: false })] : [])] });
}

const hintOf = (hint: FormLine | undefined): Paragraph[] => (hint ? [new Paragraph({ style: STYLE.hint, children: runsOf(hint) })] : []);

function textField(ctx: FormCtx, f: Extract<FormFieldView, { kind: 'text' }>): FileChild[] {
  return [
    label(f.label, f.limit ? `（${f.limit}）` : undefined),
    ...hintOf(f.hint),
    textBox(ctx.ids, { alias: f.label, tag: f.id, placeholder: plain(f.hint) || FORM_TERMS.input, lines: f.lines, style: STYLE.answer }),
  ];
}

function entriesField(ctx: FormCtx, f: Extract<FormFieldView, { kind: 'entries' }>): FileChild[] {
  const rows: CellSpec[][] = f.items.map((item) => [
    { fixed: true, children: [new Paragraph({ style: STYLE.tableText, children: [jaRun(item.label, { bold: true })] })] },
    {
      children: [
        new Paragraph({
          style: STYLE.tableText,
          children: [textControl(ctx.ids, { alias: item.label, tag: `${f.id}.${item.id}`, placeholder: plain(item.hint) || FORM_TERMS.input })],
        }),
      ],
    },
  ]);
  return [...(f.label ? [label(f.label)] : []), ...hintOf(f.hint), table({ widths: [30, 70], width: ctx.width, rows, rowHeight: 420 })];
}

function checksField(ctx: FormCtx, f: Extract<FormFieldView, { kind: 'checks' }>): FileChild[] {
  return [
    label(f.label),
    ...hintOf(f.hint),
    ...f.items.map(
      (item) =>
        new Paragraph({
          indent: { left: 200 },
          spacing: { after: 60 },
          children: [checkBox(ctx.ids, { alias: plain(item.label), tag: `${f.id}.${item.id}` }), new TextRun({ ...JA_RUN, text: ' ' }), ...runsOf(item.label)],
        }),
    ),
  ];
}

/** A cell of a form's table; a table of many columns (ten fiscal years) is set at 8 pt. */
const gridCell = (c: GridCell, head: boolean, small: boolean): CellSpec => ({
  ...(c.fixed ? { fixed: true } : {}),
  children: [new Paragraph({ style: head ? STYLE.tableHead : STYLE.tableText, children: c.text ? runsOf([{ text: c.text, value: c.value }], small ? { size: 16 } : {}) : [] })],
});

function gridField(ctx: FormCtx, f: Extract<FormFieldView, { kind: 'grid' }>): FileChild[] {
  const small = f.head.length > 8;
  return [
    label(f.label),
    ...hintOf(f.hint),
    ...(f.unit ? [new Paragraph({ style: STYLE.hint, alignment: AlignmentType.RIGHT, children: [jaRun(`（${FORM_TERMS.unit}：${f.unit}）`)] })] : []),
    table({
      widths: f.widths,
      width: ctx.width,
      head: [f.head.map((c) => gridCell(c, true, small))],
      rows: f.rows.map((r) => r.map((c) => gridCell(c, false, small))),
      rowHeight: 400,
    }),
  ];
}

function field(ctx: FormCtx, f: FormFieldView): FileChild[] {
  switch (f.kind) {
    case 'text':
      return textField(ctx, f);
    case 'entries':
      return entriesField(ctx, f);
    case 'checks':
      return checksField(ctx, f);
    case 'grid':
      return gridField(ctx, f);
    default:
      return f satisfies never;
  }
}

/** Title, limit and purpose, instructions. */
function front(view: FormView, width: number): FileChild[] {
  const facts: CellSpec[][] = [
    [
      { fixed: true, children: [new Paragraph({ style: STYLE.tableText, children: [jaRun(FORM_TERMS.limit, { bold: true })] })] },
      { children: [new Paragraph({ style: STYLE.tableText, children: runsOf(view.limit) })] },
    ],
    ...(view.purpose
      ? [
          [
            { fixed: true, children: [new Paragraph({ style: STYLE.tableText, children: [jaRun(FORM_TERMS.purpose, { bold: true })] })] },
            { children: [new Paragraph({ style: STYLE.tableText, children: runsOf(view.purpose) })] },
          ],
        ]
      : []),
  ];
  return [
    new Paragraph({ style: STYLE.title, children: [jaRun(`${view.number}　${view.title}`)] }),
    table({ widths: [20, 80], width, rows: facts }),
    ...(view.instructions.length
      ? [
          new Paragraph({ style: STYLE.caption, children: [jaRun(`■${FORM_TERMS.instructions}`)] }),
          ...view.instructions.map((line) => new Paragraph({ style: STYLE.list, children: runsOf(line) })),
        ]
      : []),
  ];
}

/** The form's Word file. */
export async function writeForm(view: FormView, date: Date): Promise<Uint8Array> {
  const width = view.landscape ? TEXT_WIDTH.landscape : TEXT_WIDTH.portrait;
  const ctx: FormCtx = { ids: new ControlIds(), width, view };
  const header = await pageHeader(view.heading, view.number, view.isDraft ? view.draftMark : undefined, width);
  const doc = wordDocument({ title: `${view.number} ${view.title}`, subject: view.subject, keywords: view.keywords, author: view.author }, [
    section({
      landscape: view.landscape,
      header,
      footer: pageFooter(),
      pageNumbers: { start: 1 },
      children: [...front(view, width), ...view.fields.flatMap((f) => field(ctx, f))],
    }),
  ]);
  return packWord(doc, date, view.author);
}
