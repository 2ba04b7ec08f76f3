/** calls/*.yaml — one call field (共創分野, 地域共創分野) of the edition. */
import { z } from 'zod';
import { AmountStyleSchema, CountSchema, FuzzyDateSchema, Id, MaybeDateRangeSchema, MoneySchema, PeriodSchema, Text, UnknownSchema, maybe, text } from './primitives.ts';
import { PointsSchema, TitledListSchema, TitledTextSchema } from './common.ts';

export const MilestoneSchema = z
  .strictObject({
    id: Id.describe('例: call-open'),
    label: text('例: 公募開始'),
    date: maybe(FuzzyDateSchema).optional().describe('例: {date: 2021-05, part: 下旬, suffix: 以降}（時点の節目。期間なら period）。まだ決まっていなければ 要確認'),
    period: MaybeDateRangeSchema.optional().describe(
      '期間（date の代わりに書く）。例: {from: {date: 2022-05-10}, to: {date: 2022-07-05, time: 12:00, timeNote: 正午}} → 令和4年5月10日(火)～7月5日(火)12:00（正午）',
    ),
  })
  .refine((m) => (m.date === undefined) !== (m.period === undefined), {
    message: 'date（時点）か period（期間）のどちらか一方を書く / give either date (a point) or period (from/to)',
    path: ['date'],
  })
  .describe('スケジュールの節目（時点または期間）');

/** A milestone's own schedule (the call's table), as opposed to one shared with another call. */
export const ScheduleSchema = z
  .strictObject({
    title: text('表題（■は表示側）。例: 令和３年度 共創の場形成支援プログラム 公募スケジュール概要（案）'),
    note: Text.optional().describe('例: 共創分野と同様'),
    milestones: z.array(MilestoneSchema).min(1).describe('時系列順（期間は始まりの順。重なってよい）'),
  })
  .describe('公募スケジュール');

/** Another call's schedule, by reference (one schedule for several calls, never a copy). */
export const SharedScheduleSchema = z
  .strictObject({
    sameAs: Id.describe('同じスケジュールを持つ公募のID（calls/*.yaml の id）。例: kyoso'),
    note: Text.optional().describe('表題に添える注記。例: 共創分野と同様'),
  })
  .describe('他の公募と同じスケジュール（参照）');

export const AwardsSchema = z
  .union([
    CountSchema,
    z.strictObject({
      notCalled: z.literal(true).describe('今年度は公募しない（以前の書き方。いまはタイプの status: not-called と statusNote）'),
      note: text('例: 令和3年度の公募は予定しておりません'),
    }),
    z.strictObject({
      undecided: z.literal(true).describe('件数が未定と公表する（edition.yaml の labels.undecided で表示。例: 未定）'),
    }),
    UnknownSchema,
  ])
  .describe('採択予定件数。例: {count: 4, approx: 程度}、{undecided: true} → 未定（公表する表記）、要確認 → （要確認）（まだ分からない）');

/** Whether a call (or one type of it) is called this year: one place the table, the slides, the 公募要領 and the web page read. */
export const CallStatusSchema = z
  .enum(['called', 'not-called', 'to-confirm'])
  .describe('今年度の公募の有無: called=公募する、not-called=公募しない、to-confirm=まだ分からない（（要確認）と表示し、build --final では止まる）。例: not-called');

const statusFields = {
  status: CallStatusSchema.optional().describe('今年度の公募の有無（省略時は公募する。タイプに書けばそのタイプだけ）。例: not-called'),
  statusNote: Text.optional().describe('公募しないときに表示する文言（省略時は「令和N年度の公募は行いません」）。例: 令和3年度の公募は予定しておりません'),
};

export const CompositionSchema = z
  .strictObject({
    text: text('実施機関の構成要件。例: 大学等を代表機関とする3機関以上（うち、少なくとも1機関は民間企業であること）'),
    minInstitutions: maybe(z.number().int().positive().describe('最低機関数。例: 3')),
  })
  .describe('実施機関の構成要件');

export const CallTypeSchema = z
  .strictObject({
    id: Id.describe('公募内の実施タイプID。例: honkaku-seisaku'),
    kind: Id.describe('プログラムの実施タイプID（programmes.yaml の types）。例: honkaku'),
    name: text('表の列見出し。例: 本格型'),
    target: z
      .strictObject({
        text: text('例: 科学技術分野全般を対象'),
        field: Id.optional().describe('括弧書きで示す分野（programmes.yaml の fields）。例: kyoso →（共創分野）'),
        areas: z.array(Id).min(1).optional().describe('対象とする領域（field、なければ公募の field の areas のID）。例: [quantum, energy]'),
      })
      .describe('対象分野'),
    goal: text('目標。例: 本格型へのステップアップ'),
    budget: maybe(MoneySchema.describe('委託費（/年度）。例: {yen: 25000000, approx: 程度}')),
    budgetQualifier: Text.optional().describe('金額の前置き。例: プロジェクトの規模に応じて'),
    period: maybe(PeriodSchema.describe('支援期間。例: {years: 10, upTo: true} → 最長10年度')),
    awards: AwardsSchema.optional().describe('採択予定件数（公募しない・公募の有無が要確認のタイプ、status: not-called / to-confirm なら省略可）'),
    composition: CompositionSchema.optional().describe('このタイプだけの構成要件（省略時は table.composition）'),
    ...statusFields,
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
        money: maybe(MoneySchema),
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
        targetNote: Text.optional().describe('対象分野行の注記。例: 医療分野に限定される研究開発は対象外'),
        budgetNote: Text.optional().describe('委託費行の注記。例: 間接経費含む'),
        budgetPer: text('金額の単位。例: 年度'),
        composition: CompositionSchema.optional().describe('実施機関の構成要件（全タイプ共通。タイプごとに違えば各タイプの composition）'),
      })
      .describe('公募表の共通部分'),
    types: z.array(CallTypeSchema).min(1).describe('実施タイプ（列順。1つでもよい）'),
    schedule: z.union([ScheduleSchema, SharedScheduleSchema]).describe('公募スケジュール（自分の表、または sameAs で他の公募と共有）'),
    overview: FieldOverviewSchema.optional(),
    ...statusFields,
  })
  .superRefine((call, ctx) => {
    call.types.forEach((t, i) => {
      // A type still to confirm prints （要確認） for its count; one that is called needs it.
      if (t.awards === undefined && (t.status ?? call.status ?? 'called') === 'called')
        ctx.addIssue({
          code: 'custom',
          message: '公募するタイプには awards（採択予定件数）が必要です（分からなければ awards: 要確認） / a called type needs awards (要確認 when not known yet)',
          path: ['types', i, 'awards'],
        });
    });
  })
  .describe('公募（calls/*.yaml）');
