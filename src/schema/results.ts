/**
 * results.yaml — what JST publishes after each call: applications received and projects adopted,
 * per type (or area) of a field, and the list of adopted projects. One file per edition holding
 * the results of past calls; each result carries its own fiscal year, so `new-edition` keeps it
 * as history. Printed where the deck (slide kind `results`) or a 公募要領 (block `results`) asks.
 */
import { z } from 'zod';
import { Id, Text, maybe, text } from './primitives.ts';

const count = (ja: string) => maybe(z.number().int().nonnegative().describe(ja));

export const ResultRowSchema = z
  .strictObject({
    type: Id.optional().describe('実施タイプID（programmes.yaml のプログラムの types）。例: ikusei'),
    area: Id.optional().describe('領域ID（programmes.yaml の分野の areas。領域ごとに公表されたとき）。例: quantum'),
    applications: count('応募件数。例: 52').describe('応募件数。例: 52。分からなければ 要確認'),
    adopted: count('採択件数。例: 7').describe('採択件数。例: 7。分からなければ 要確認'),
  })
  .refine((r) => r.type !== undefined || r.area !== undefined, { message: 'type か area のどちらかを書く / give type or area', path: ['type'] })
  .describe('応募・採択件数の1行（実施タイプまたは領域ごと）');

export const AdoptedProjectSchema = z
  .strictObject({
    title: text('プロジェクト名（公表された名称）。まだ分からなければ 要確認。例: 要確認'),
    institution: text('代表機関。例: 琉球大学'),
    type: Id.optional().describe('実施タイプID（programmes.yaml の types）。例: ikusei'),
    area: Id.optional().describe('領域ID（分野の areas）。例: quantum'),
    site: Id.optional().describe('実施中拠点一覧の拠点ID（sites.yaml）。書けば代表機関・実施タイプ・分野・領域が一致するか確かめる。例: next-01'),
  })
  .describe('採択されたプロジェクト');

export const CallResultSchema = z
  .strictObject({
    id: Id.describe('結果のID（スライドや公募要領から参照）。例: r2-kyoso'),
    title: text('スライドの見出し・公募要領の表の表題。例: 令和2年度公募（共創分野）の結果'),
    fiscalYear: z.number().int().describe('公募した年度（西暦）。new-edition はこの結果を過去の事実として残す。例: 2020'),
    field: Id.describe('分野ID（programmes.yaml の fields）。例: kyoso'),
    rows: z.array(ResultRowSchema).min(1).describe('実施タイプ（または領域）ごとの応募件数と採択件数'),
    projects: z.array(AdoptedProjectSchema).optional().describe('採択されたプロジェクトの一覧（公表されたら書く）'),
    notes: z.array(Text).optional().describe('※で始まる注記。例: プロジェクト名は採択時のもの'),
  })
  .describe('1回の公募の結果');

export const ResultsFileSchema = z
  .strictObject({
    heading: text('公募要領の節の題（スライドの見出しは各結果の title）。例: これまでの公募の結果'),
    labels: z
      .strictObject({
        row: text('表の1列目の見出し。例: 実施タイプ'),
        applications: text('例: 応募件数'),
        adopted: text('例: 採択件数'),
        title: text('例: プロジェクト名'),
        institution: text('例: 代表機関'),
        type: text('例: 実施タイプ'),
        projects: text('採択されたプロジェクトの表の表題。例: 採択されたプロジェクト'),
      })
      .describe('表の列見出し'),
    results: z.array(CallResultSchema).min(1).describe('公募ごとの結果（新しい順がよい）'),
  })
  .describe('公募の結果（results.yaml）');

export type ResultsFile = z.infer<typeof ResultsFileSchema>;
export type CallResult = z.infer<typeof CallResultSchema>;
