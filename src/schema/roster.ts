/** roster*.yaml — PO and advisers of one call field. */
import { z } from 'zod';
import { FuzzyDateSchema, Id, Text, text } from './primitives.ts';

export const RosterEntrySchema = z
  .strictObject({
    id: Id.describe('人物ID（ローマ字姓）。例: kuze'),
    role: z.enum(['po', 'ad']).describe('役割: po=プログラムオフィサー、ad=アドバイザー'),
    title: Text.optional().describe('特別な肩書き。例: 特別アドバイザー'),
    name: Text.regex(/^\S+ \S+$/u, { message: '「姓 名」を半角空白1つで区切る / family and given name separated by one space' }).describe(
      '氏名（姓と名を半角空白で区切る）。例: 大津留 榮佐久',
    ),
    affiliation: text('所属機関・部局。例: 東京大学 大学院情報学環／生産技術研究所'),
    position: text('役職。例: 教授'),
  })
  .describe('PO・アドバイザー1名');

export const RosterSchema = z
  .strictObject({
    heading: text('スライド見出し。例: 共創の場形成支援プログラム 「共創分野」のPO・AD'),
    call: Id.describe('対象の公募（calls/*.yaml の id）。例: kyoso'),
    asOf: FuzzyDateSchema.describe('時点（日精度）。例: {date: 2020-10-16} → ※2020.10.16時点'),
    notes: z.array(Text).describe('注記。例: PO・アドバイザーは、今後更新される場合があります。'),
    roleLabels: z
      .strictObject({
        po: text('PO の見出し。例: プログラムオフィサー（PO）'),
        ad: text('AD の見出し。例: アドバイザー（AD）'),
      })
      .describe('役割の見出し'),
    entries: z.array(RosterEntrySchema).min(1).describe('掲載順の名簿'),
  })
  .describe('PO・AD 名簿（roster.yaml）');
