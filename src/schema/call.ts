/** calls/*.yaml — one call field (共創分野, 地域共創分野) of the edition. */
import { z } from 'zod';
import { AmountStyleSchema, CountSchema, FuzzyDateSchema, Id, MoneySchema, PeriodSchema, Text, text } from './primitives.ts';
import { PointsSchema, TitledListSchema, TitledTextSchema } from './common.ts';

export const MilestoneSchema = z
  .strictObject({
    id: Id.describe('例: call-open'),
    label: text('例: 公募開始'),
    date: FuzzyDateSchema.describe('例: {date: 2021-05, part: 下旬, suffix: 以降}'),
  })
  .describe('スケジュールの節目');

export const AwardsSchema = z
  .union([
    CountSchema,
    z.strictObject({
      notCalled: z.literal(true).describe('今年度は公募しない'),
      note: text('例: 令和3年度の公募は予定しておりません'),
    }),
  ])
  .describe('採択予定件数。例: {count: 4, approx: 程度}');

export const CallTypeSchema = z
  .strictObject({
    id: Id.describe('公募内の実施タイプID。例: honkaku-seisaku'),
    kind: Id.describe('プログラムの実施タイプID（programmes.yaml の types）。例: honkaku'),
    name: text('表の列見出し。例: 本格型'),
    target: z
      .strictObject({
        text: text('例: 科学技術分野全般を対象'),
        field: Id.optional().describe('括弧書きで示す分野（programmes.yaml の fields）。例: kyoso →（共創分野）'),
      })
      .describe('対象分野'),
    goal: text('目標。例: 本格型へのステップアップ'),
    budget: MoneySchema.describe('委託費（/年度）。例: {yen: 25000000, approx: 程度}'),
    budgetQualifier: Text.optional().describe('金額の前置き。例: プロジェクトの規模に応じて'),
    period: PeriodSchema.describe('支援期間。例: {years: 10, upTo: true} → 最長10年度'),
    awards: AwardsSchema,
  })
  .describe('実施タイプ（公募表の1列）');

export const RoleSchema = z
  .strictObject({
    id: Id.describe('例: gaku'),
    sector: text('例: 学'),
    name: text('例: 地方大学等'),
    contributions: z.array(Text).min(1).describe('図で示す役割・貢献。例: 予算措置'),
  })
  .describe('提案主体の1者');

export const FieldOverviewSchema = z
  .strictObject({
    heading: text('例: 「地域共創分野」 （令和３年度 新設予定）の概要'),
    notes: z.array(Text).describe('例: 分野・公募内容の詳細は検討中です。'),
    background: TitledListSchema,
    proposer: z
      .strictObject({
        label: text('例: 提案主体'),
        structure: text('例: 大学等×自治体×企業'),
        roles: z.array(RoleSchema).min(1),
      })
      .describe('提案主体'),
    hubLabel: text('図中の拠点の表記。例: 地域共創拠点'),
    outcome: z
      .strictObject({
        label: text('例: 地域拠点ビジョンを実現'),
        results: z.array(Text).min(1).describe('例: 地域の社会的課題の解決'),
      })
      .describe('成果'),
    place: z
      .strictObject({
        name: text('例: 地域共創の場'),
        description: text('括弧内の説明'),
        labels: z.array(Text).describe('図中のラベル'),
      })
      .describe('地域共創の場'),
    diagramTitle: text('図の題。例: 共創の場形成支援 ー 地域共創分野 －'),
    diagramLabels: z.array(Text).describe('図中のその他のラベル'),
    points: PointsSchema,
    summary: TitledTextSchema,
    budget: z
      .strictObject({
        label: text('例: 令和3年度予算額(案)'),
        money: MoneySchema,
        amountStyle: AmountStyleSchema.optional().describe('金額の表記単位。例: hyakuman → 640百万円'),
        tag: Text.optional().describe('例: 新規'),
        notes: z.array(Text).describe('例: 「共創の場形成支援」の内数、運営費交付金の推計額'),
      })
      .describe('予算額'),
  })
  .describe('分野の概要（地域共創分野のスライド8）');

export const CallSchema = z
  .strictObject({
    id: Id.describe('公募ID（ファイル名と同じ）。例: kyoso'),
    name: text('公募の分野名。例: 共創分野'),
    field: Id.describe('programmes.yaml の分野ID。例: kyoso'),
    heading: text('例: 「共創分野」の令和３年度公募について'),
    noteRefs: z.array(Id).describe('注記（edition.yaml の notes）'),
    bullets: z.array(Text).describe('公募の要点'),
    table: z
      .strictObject({
        title: text('表題（■は表示側で付ける）。例: 令和３年度 公募実施タイプ・対象分野（案）'),
        targetNote: text('対象分野行の注記。例: 医療分野に限定される研究開発は対象外'),
        budgetNote: text('委託費行の注記。例: 間接経費含む'),
        budgetPer: text('金額の単位。例: 年度'),
        composition: z
          .strictObject({
            text: text('実施機関の構成要件（全タイプ共通）'),
            minInstitutions: z.number().int().positive().describe('最低機関数。例: 3'),
          })
          .describe('実施機関の構成要件'),
      })
      .describe('公募表の共通部分'),
    types: z.array(CallTypeSchema).min(1).describe('実施タイプ（列順）'),
    schedule: z
      .strictObject({
        title: text('表題（■は表示側）。例: 令和３年度 共創の場形成支援プログラム 公募スケジュール概要（案）'),
        note: Text.optional().describe('例: 共創分野と同様'),
        milestones: z.array(MilestoneSchema).min(1).describe('時系列順'),
      })
      .describe('公募スケジュール'),
    overview: FieldOverviewSchema.optional(),
  })
  .describe('公募（calls/*.yaml）');
