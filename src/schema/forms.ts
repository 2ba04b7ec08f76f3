/**
 * forms.yaml — the 様式 of an edition's calls: the application forms applicants download and
 * fill in. Written once for every call of the edition; a form names the calls and the kinds of
 * type it applies to, and may take another title in one call. The 公募要領's 様式一覧 prints
 * from here, and each form becomes a Word file per call (outputs/forms): its instructions, then
 * its fields — text boxes, labelled entries, check boxes, tables to fill in, and tables with a
 * column per fiscal year of the support period, whose figures come from the call.
 */
import { z } from 'zod';
import { Id, Text, text } from './primitives.ts';

export const FormLimitSchema = z
  .strictObject({
    pages: z.number().int().positive().optional().describe('ページ数の上限。例: 2'),
    chars: z.number().int().positive().optional().describe('文字数の上限。例: 800'),
  })
  .describe('分量の上限（ページ数・文字数）');

const fieldId = Id.describe('欄のID（様式の中で一意。Word の入力欄のタグになる）。例: summary');
const hint = Text.optional().describe('欄の下に小さく出す記入の手引き。{{value:…}} が使える');

/** A text box: one rich-text content control applicants write their prose (and figures) into. */
export const TextFieldSchema = z
  .strictObject({
    kind: z.literal('text'),
    id: fieldId,
    label: text('欄の見出し。例: 提案の要約'),
    hint,
    limit: FormLimitSchema.optional().describe('この欄の分量の上限（見出しに「（800字以内）」のように出る）'),
    lines: z.number().int().min(1).max(40).optional().describe('空けておく行数（入力前の欄の高さ）。省略時は 6'),
  })
  .describe('文章を書く欄');

export const EntrySchema = z
  .strictObject({
    id: fieldId,
    label: text('項目名。例: 提案の名称'),
    hint,
  })
  .describe('1行で書く項目');

/** Labelled one-line entries (提案の名称, 代表機関 …): a two-column table, a plain-text control per entry. */
export const EntriesFieldSchema = z
  .strictObject({
    kind: z.literal('entries'),
    id: fieldId,
    label: Text.optional().describe('項目のまとまりの見出し。例: 代表機関'),
    hint,
    items: z.array(EntrySchema).min(1).describe('項目（上から順に）'),
  })
  .describe('項目名と1行の記入欄の表');

/** Check boxes: given in the data, or the call's types (応募する実施タイプ, with their budget and period). */
export const ChecksFieldSchema = z
  .strictObject({
    kind: z.literal('checks'),
    id: fieldId,
    label: text('見出し。例: 応募する実施タイプ'),
    hint,
    from: z.literal('types').optional().describe('types: 公募の実施タイプ（今年度公募するもの）をチェックボックスにする'),
    items: z.array(Text).min(1).optional().describe('チェックボックスの文言（from を使わないとき）'),
  })
  .refine((f) => (f.from === undefined) !== (f.items === undefined), {
    message: 'from（公募から）か items（文言）のどちらか一方を書く / give either from or items',
    path: ['items'],
  })
  .describe('チェックボックス');

export const ColumnSchema = z
  .strictObject({
    label: text('列見出し。例: 機関名'),
    width: z.number().int().min(1).max(100).optional().describe('列の幅（表の幅に対する％）。省略した列で残りを等分'),
  })
  .describe('表の列');

/** A table applicants fill in: fixed columns, blank rows (or rows named in the data). */
export const TableFieldSchema = z
  .strictObject({
    kind: z.literal('table'),
    id: fieldId,
    label: text('表の見出し。例: 参画機関の一覧'),
    hint,
    columns: z.array(ColumnSchema).min(1).describe('列（左から順に）'),
    rows: z.number().int().min(1).max(50).optional().describe('空欄の行数。省略時は 5'),
    rowLabels: z.array(Text).min(1).optional().describe('1列目に入れておく行の名前（rows の代わり）。例: [代表機関, 参画機関]'),
  })
  .refine((f) => f.rows === undefined || f.rowLabels === undefined, { message: 'rows と rowLabels はどちらか一方 / give rows or rowLabels', path: ['rowLabels'] })
  .describe('記入する表');

/** A table with one column per fiscal year of the type's support period (資金計画), one per type of the call. */
export const YearsFieldSchema = z
  .strictObject({
    kind: z.literal('years'),
    id: fieldId,
    label: text('表の見出し（実施タイプ名が後に付く）。例: 費目別の計画'),
    hint,
    rows: z.array(Text).min(1).describe('行（費目など）。例: [物品費, 旅費, 人件費・謝金, その他, 間接経費, 合計]'),
    unit: Text.optional().describe('金額の単位（表の右上に出る）。例: 千円'),
    cap: z.boolean().optional().describe('true: 各年度の列に公募の{{term:funding}}の上限を出す行を付ける'),
    total: z.boolean().optional().describe('true: 最後に「合計」の列を付ける'),
  })
  .describe('支援期間の年度ごとの列を持つ表（公募の実施タイプごとに1つ）');

export const FormFieldSchema = z
  .discriminatedUnion('kind', [TextFieldSchema, EntriesFieldSchema, ChecksFieldSchema, TableFieldSchema, YearsFieldSchema])
  .describe('様式の欄（kind: text / entries / checks / table / years）');

export const FORM_FIELD_KINDS = ['text', 'entries', 'checks', 'table', 'years'] as const;

export const FormSchema = z
  .strictObject({
    id: Id.describe('様式のID（ファイル名にも使う）。例: cover'),
    number: text('様式の番号。例: 様式1'),
    title: text('様式の名称。例: 提案書表紙'),
    titleByCall: z.record(Id, Text).optional().describe('公募ごとに名称を変えるとき: 公募ID → 名称。例: {chiiki: 地域拠点ビジョンとターゲット}'),
    calls: z.array(Id).min(1).optional().describe('この様式を使う公募（calls/*.yaml の id）。省略時はすべての公募'),
    typeKinds: z
      .array(z.enum(['ikusei', 'honkaku']))
      .min(1)
      .optional()
      .describe('この様式を提出する実施タイプの種類（ikusei=育成型, honkaku=本格型）。省略時はすべて'),
    limit: FormLimitSchema.optional().describe('分量の上限。省略時は「（要確認）」と表示'),
    purpose: text('様式に書く内容（様式一覧・様式の冒頭に表示）').optional(),
    instructions: z
      .array(Text)
      .optional()
      .describe('記入上の注意（箇条書き）。公募の値は {{value:milestone.call-close}} のように書く（公募要領と同じ名前）。未確定の事実は「（要確認）」'),
    landscape: z.boolean().optional().describe('true: 用紙を横向きにする（年度の列が多い表）'),
    fields: z.array(FormFieldSchema).optional().describe('記入欄（上から順に）。省略時は様式の名称の欄が1つ'),
  })
  .describe('様式1つ');

export const FormsFileSchema = z
  .strictObject({
    forms: z.array(FormSchema).min(1).describe('様式（番号順）'),
  })
  .describe('公募の様式（forms.yaml）');

export type FormLimit = z.infer<typeof FormLimitSchema>;
export type Form = z.infer<typeof FormSchema>;
export type FormField = z.infer<typeof FormFieldSchema>;
export type FormsFile = z.infer<typeof FormsFileSchema>;

/** The calls a form is made for, in the order of the edition's calls. */
export function formCalls(form: Pick<Form, 'calls'>, callIds: readonly string[]): string[] {
  return form.calls ? callIds.filter((c) => form.calls!.includes(c)) : [...callIds];
}

/** The types of a call a form is for: those called this year (by their status, their call's, or the older awards.notCalled), of the form's kinds. */
export function formTypes<T extends { kind: string; awards?: unknown; status?: string | undefined }>(
  call: { types: T[]; status?: string | undefined },
  form: Pick<Form, 'typeKinds'>,
): T[] {
  const notCalled = (t: T) => (typeof t.awards === 'object' && t.awards !== null && 'notCalled' in t.awards) || (t.status ?? call.status) === 'not-called';
  return call.types.filter((t) => !notCalled(t) && (!form.typeKinds || form.typeKinds.includes(t.kind as 'ikusei' | 'honkaku')));
}
