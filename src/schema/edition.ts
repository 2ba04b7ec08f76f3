/** edition.yaml — the edition's metadata, standing notes and year-dependent labels. */
import { z } from 'zod';
import { FuzzyDateSchema, Id, Text, text } from './primitives.ts';

export const NoteSchema = z
  .strictObject({
    id: Id.describe('注記ID（他ファイルの noteRefs から参照）。例: budget-passage'),
    text: text('注記の本文。例: 令和3年度の公募実施は、政府予算案の成立を前提としています。'),
  })
  .describe('常設の注記');

export const LabelsSchema = z
  .strictObject({
    fundingTerm: text('JSTからの資金の呼び方（年度で変わる）。例: 委託費（他年度: 委託研究費）'),
    periodTerm: text('期間の呼び方（年度で変わる）。例: 支援期間（他年度: 実施期間）'),
    typeTerm: text('実施タイプ列の見出し。例: 実施タイプ'),
    targetTerm: text('対象分野行の見出し。例: 対象分野'),
    goalTerm: text('目標行の見出し。例: 目標'),
    compositionTerm: text('構成要件行の見出し。例: 実施機関の構成要件'),
    awardsTerm: text('採択予定件数行の見出し。例: 採択予定件数'),
    periodUpToCall: text('公募表で上限付き期間の前に付く語。例: 最長（最長10年度）'),
    periodUpToTable: text('プログラム概要表で上限付き期間の前に付く語。例: 最大（最大10年度支援）'),
    periodSuffixTable: text('プログラム概要表で期間の後に付く語。例: 支援（2年度支援）'),
    budgetUpTo: text('上限付き金額の前に付く語。例: 最大'),
    draftMark: text('案の段階でスライド右上に押す印。例: 案'),
    sameAsAbove: text('表で上の行と同じ内容を示す語。例: 同上'),
    undecided: Text.default('未定').describe('件数などが決まっていないときの表記（awards: {undecided: true}）。例: 未定'),
  })
  .describe('年度ごとに変わる用語（コードに埋め込まない）。本文では {{term:funding}} のように名前で書ける（funding = fundingTerm、末尾の Term は省略可）');

/** How the schedule's dates are printed (the edition decides; the dates themselves stay values). */
export const ScheduleFormatSchema = z
  .strictObject({
    digits: z.enum(['half', 'full']).default('half').describe('数字の幅: half=半角（5月10日）、full=全角（５月１０日）。例: full'),
    weekday: z.boolean().default(false).describe('日付に曜日を付ける（日付から計算）。例: true → 5月10日(火)'),
  })
  .describe('公募スケジュールの日付の書き方');

export const EditionMetaSchema = z
  .strictObject({
    id: Id.describe('版ID（フォルダ名と一致）。例: r3'),
    title: text('資料の題名。例: 「共創の場形成支援」の概要'),
    subtitle: text('副題。例: 令和3年度予算（案）資料'),
    fiscalYear: z.number().int().min(2000).max(2100).describe('対象年度（西暦の整数、和暦は表示時に計算）。例: 2021'),
    status: z.enum(['draft', 'final']).describe('draft=（案）、final=確定。例: draft'),
    date: FuzzyDateSchema.describe('資料の日付。例: {date: 2020-10}'),
    publisher: text('発行者。例: 国立研究開発法人科学技術振興機構'),
    publisherShort: Text.optional().describe('発行者の略称。例: JST'),
    notes: z.array(NoteSchema).describe('常設の注記（IDで参照）'),
    titleNoteRefs: z.array(Id).optional().describe('表紙に出す注記のID。例: [details-under-review]'),
    labels: LabelsSchema,
    scheduleFormat: ScheduleFormatSchema.default({ digits: 'half', weekday: false }).describe('公募スケジュールの日付の書き方。例: {digits: half, weekday: true}'),
    keepTogether: z
      .array(Text)
      .optional()
      .describe(
        '行の途中で分けない語（改行は語の前後だけ）。機関名・プログラム名・分野名などデータにある名前は自動で加わるので、それ以外の語を書く。例: [文部科学省, 地方自治体, バックキャスト型]',
      ),
  })
  .describe('版のメタデータ（edition.yaml）');
