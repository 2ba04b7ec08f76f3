/**
 * forms.yaml — the 様式 of an edition's calls: the application forms applicants download and
 * fill in. Written once for every call of the edition; a form names the calls and the kinds of
 * type it applies to, and may take another title in one call. The 公募要領's 様式一覧 prints
 * from here, and each form becomes a Word file per call (outputs/forms).
 */
import { z } from 'zod';
import { Id, Text, text } from './primitives.ts';

export const FormLimitSchema = z
  .strictObject({
    pages: z.number().int().positive().optional().describe('ページ数の上限。例: 2'),
    chars: z.number().int().positive().optional().describe('文字数の上限。例: 800'),
  })
  .describe('分量の上限（ページ数・文字数）');

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
  })
  .describe('様式1つ');

export const FormsFileSchema = z
  .strictObject({
    forms: z.array(FormSchema).min(1).describe('様式（番号順）'),
  })
  .describe('公募の様式（forms.yaml）');

export type Form = z.infer<typeof FormSchema>;
export type FormsFile = z.infer<typeof FormsFileSchema>;
