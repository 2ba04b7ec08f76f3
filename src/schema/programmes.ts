/** programmes.yaml — the programme lineage (slide 2) and the programme table (slide 3). */
import { z } from 'zod';
import { AmountStyleSchema, Id, MoneySchema, PeriodSchema, Text, maybe, text } from './primitives.ts';

export const ProgrammeTypeSchema = z
  .strictObject({
    id: Id.describe('実施タイプID（プログラム内で一意）。例: ikusei'),
    name: text('実施タイプ名（概要表の表記）。例: 育成型'),
    mapLabel: Text.optional().describe('拠点一覧の地図での表記が異なる場合。例: 共創型（概要表では 従来型）'),
  })
  .describe('プログラムの実施タイプ');

export const VisionSchema = z
  .strictObject({
    id: Id.describe('ビジョンID。例: vision1'),
    name: text('ビジョン名。例: ビジョン1'),
  })
  .describe('COI のビジョン');

export const AreaSchema = z
  .strictObject({
    id: Id.describe('政策重点分野の領域ID。例: quantum'),
    name: text('概要表での名称。例: 量子'),
    mapName: text('拠点一覧での名称。例: 量子技術分野'),
  })
  .describe('政策重点分野の領域');

export const AdoptedSchema = z
  .strictObject({
    type: Id.optional().describe('実施タイプID（types を参照）。例: ikusei'),
    area: Id.optional().describe('領域ID（areas を参照）。例: bio'),
    count: maybe(z.number().int().nonnegative().describe('既採択の拠点数。例: 12')),
  })
  .describe('既採択数（タイプ別または領域別）');

export const BudgetRefSchema = z
  .strictObject({
    call: Id.describe('公募ID（calls/*.yaml）。例: kyoso'),
    type: Id.describe('その公募の実施タイプID。例: honkaku'),
  })
  .describe('金額・期間を公募ファイルから読む参照（単一の情報源）');

export const BudgetItemSchema = z
  .strictObject({
    type: Id.optional().describe('実施タイプID（プログラムの types を参照）。例: ikusei'),
    ref: BudgetRefSchema.optional(),
    money: maybe(MoneySchema).optional().describe('金額（ref があれば省略、両方あれば一致が必要）。まだ分からなければ 要確認'),
    period: maybe(PeriodSchema).optional().describe('支援期間（ref があれば省略可）。まだ分からなければ 要確認'),
    text: Text.optional().describe('金額の代わりの文言。例: 政策重点分野ごとに設定'),
  })
  .refine((v) => v.ref !== undefined || v.money !== undefined || v.text !== undefined, {
    message: 'ref・money・text のいずれかが必要 / one of ref, money, text is required',
  })
  .describe('予算規模の1行');

export const BudgetBlockSchema = z
  .strictObject({
    items: z.array(BudgetItemSchema).min(1).describe('タイプ別の予算'),
    per: Text.optional().describe('単位。例: 年度・拠点 / 年度・領域'),
    period: maybe(PeriodSchema).optional().describe('全タイプ共通の支援期間。例: {years: 5}。まだ分からなければ 要確認'),
    periodNote: Text.optional().describe('期間の補足。例: ただし、育成型はFS2年＋本採択4年'),
    note: Text.optional().describe('予算欄の補足'),
    amountStyle: AmountStyleSchema.optional().describe('この欄の金額の表記単位（省略時: 1億円以上は億円、未満は千万円）。例: oku → 約0.3億円'),
  })
  .describe('予算規模（JSTからの配分額）');

export const ParticipantsSchema = z
  .strictObject({
    institutions: z.array(Text).min(1).describe('参画機関の種別。例: [大学等, 企業等, 自治体等]'),
    fundingNote: Text.optional().describe('JST資金の配分先に関する注記。例: JST委託費の配分先は大学等のみ（…）'),
  })
  .describe('参画機関');

export const ProgrammeFieldSchema = z
  .strictObject({
    id: Id.describe('分野ID（公募の field から参照）。例: chiiki'),
    name: text('分野名。例: 地域共創分野'),
    status: Text.optional().describe('分野の状態。例: 令和３年度新設予定'),
    newFiscalYear: z.number().int().optional().describe('新設年度（西暦）。例: 2021'),
    adoptedLabel: Text.optional().describe('既採択数の見出し。例: 既採択分'),
    adopted: z.array(AdoptedSchema).optional().describe('既採択数'),
    areas: z.array(AreaSchema).optional().describe('政策重点分野の領域'),
    summary: z.array(Text).describe('概要（箇条書き）'),
    participantsNote: Text.optional().describe('参画機関の補足（同上の後）。例: 詳細検討中、大学等・自治体・企業等の連名提案を求める予定'),
    budget: BudgetBlockSchema,
  })
  .describe('COI-NEXT の分野');

export const ProgrammeSchema = z
  .strictObject({
    id: Id.describe('プログラムID（拠点から参照）。例: coi-next'),
    name: text('正式名。例: 共創の場形成支援プログラム'),
    abbr: text('略称。例: COI-NEXT'),
    newCalls: z.boolean().describe('新規公募の有無。例: false → ※新規公募無し'),
    notes: z.array(Text).describe('プログラム名の下の注記。例: 新規公募無し'),
    siteCount: maybe(z.number().int().nonnegative().describe('課題（拠点）数。例: 18')).optional().describe('課題（拠点）数。例: 18。まだ分からなければ 要確認'),
    purpose: text('目的'),
    purposeTag: Text.optional().describe('目的の括弧書き。例: 本格的産学連携拠点'),
    summary: z.array(Text).optional().describe('概要（分野が無い場合）'),
    participants: ParticipantsSchema,
    types: z.array(ProgrammeTypeSchema).optional().describe('実施タイプ'),
    visions: z.array(VisionSchema).optional().describe('ビジョン（COI）'),
    fields: z.array(ProgrammeFieldSchema).optional().describe('分野（COI-NEXT）'),
    budget: BudgetBlockSchema.optional().describe('予算規模（分野が無い場合）'),
  })
  .describe('プログラム（概要表の1行）');

export const LineageSchema = z
  .strictObject({
    heading: text('スライド見出し。例: 拠点形成型プログラムの大括り化'),
    statements: z.array(Text).min(1).describe('番号付きの説明文'),
    predecessors: z
      .array(
        z.strictObject({
          name: text('旧プログラム名。例: リサーチコンプレックス'),
          programme: Id.optional().describe('programmes に行がある場合のID。例: coi'),
        }),
      )
      .min(1)
      .describe('大括り化された既存プログラム'),
    successor: Id.describe('一本化先のプログラムID。例: coi-next'),
    successorLabel: text('図中の一本化先の表記。例: 共創の場形成支援プログラム（COI-NEXT）'),
    endMarker: z
      .strictObject({
        symbol: text('記号。例: ▲'),
        text: text('文言。例: 2019年度で公募終了'),
        fiscalYear: z.number().int().describe('公募終了年度（西暦）。例: 2019'),
      })
      .describe('旧プログラムの公募終了の印'),
  })
  .describe('大括り化（スライド2）');

export const ProgrammesFileSchema = z
  .strictObject({
    lineage: LineageSchema,
    table: z
      .strictObject({
        heading: text('表の見出し。例: 「共創の場形成支援」を構成するプログラムの概要'),
        columns: z
          .strictObject({
            name: text('例: プログラム名'),
            count: text('例: 課題(拠点)数'),
            purpose: text('例: 目的'),
            summary: text('例: 概要'),
            participants: text('例: 参画機関'),
            budget: text('例: 予算規模（JSTからの配分額）'),
          })
          .describe('列見出し'),
        noteRefs: z.array(Id).describe('表に付く注記（edition.yaml の notes）。例: [budget-passage]'),
      })
      .describe('概要表（スライド3）'),
    programmes: z.array(ProgrammeSchema).min(1).describe('プログラム（表の行順）'),
  })
  .describe('プログラム（programmes.yaml）');
