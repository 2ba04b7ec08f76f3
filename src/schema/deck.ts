/**
 * deck.yaml — the deck's composition: which slides, in which order, each a kind and the data
 * it shows. Staff add, remove and reorder slides here; a new kind of slide is one entry in
 * SLIDE_KINDS below, one view function (src/stages/render/slides/<kind>.ts, demanded by the
 * compiler through the registry there) and one template (templates/slides/partials/<kind>.hbs).
 */
import { z } from 'zod';
import { MarkdownSchema } from './guideline.ts';
import { Id, Text, text } from './primitives.ts';

/** Speaker notes and identity, which every slide may have. */
const common = {
  id: Id.optional().describe('スライドのID（新旧対照表で同じスライドを対応づける。省略時は種類と公募から作る）。例: briefing'),
  speakerNotes: Text.optional().describe('発表者ノート（PPTX のノートに入る。スライドには出ない）'),
};

const callRef = Id.describe('表示する公募のID（calls/*.yaml の id）。例: kyoso');

/** A table written in the data (content slides). */
export const ContentTableSchema = z
  .strictObject({
    caption: Text.optional().describe('表題（■は表示側）。例: 説明会の日程'),
    head: z.array(Text).min(1).describe('列見出し。例: [日時, 会場]'),
    rows: z.array(z.array(Text).min(1)).min(1).describe('行（各行は列見出しと同じ数のセル）'),
  })
  .describe('表（行をデータに書く）');

const leafBlocks = [
  z.strictObject({ heading: text('小見出し。例: 説明会のご案内') }).describe('小見出し'),
  z.strictObject({ text: MarkdownSchema.describe('本文（Markdown: 強調・リンク・箇条書き、### の小見出し）') }).describe('本文'),
  z.strictObject({ bullets: z.array(Text).min(1).describe('箇条書き') }).describe('箇条書き'),
  z.strictObject({ table: ContentTableSchema }).describe('表'),
  z.strictObject({ callout: MarkdownSchema.describe('囲みで目立たせる一文（Markdown）') }).describe('囲み'),
  z.strictObject({ notes: z.array(Text).min(1).describe('※で始まる小さな注記') }).describe('注記'),
] as const;

export const LeafBlockSchema = z.union(leafBlocks).describe('ブロック（heading / text / bullets / table / callout / notes のいずれか1つ）');

export const ContentBlockSchema = z
  .union([
    ...leafBlocks,
    z
      .strictObject({
        columns: z.array(z.array(LeafBlockSchema).min(1).describe('1段のブロック')).min(2).max(3).describe('2段または3段組み（各段はブロックのリスト）'),
      })
      .describe('段組み'),
  ])
  .describe('ブロック（heading / text / bullets / table / columns / callout / notes のいずれか1つ）');

/**
 * Every kind of slide and the data it names. The view functions read the rest of what they
 * print from the edition (so a slide never copies a value).
 */
export const SLIDE_KINDS = {
  title: {},
  lineage: {},
  programmes: {},
  'overview-first': {},
  'overview-second': {},
  call: { call: callRef },
  'field-overview': { call: callRef },
  roster: { call: Id.describe('名簿の公募のID（roster*.yaml の call）。例: kyoso') },
  sites: {},
  results: { result: Id.describe('表示する公募の結果のID（results.yaml の results の id）。例: r2-kyoso') },
  contact: {},
  content: {
    heading: text('スライドの見出し。例: 公募説明会のご案内'),
    tag: Text.optional().describe('見出しの前の札。例: 参考'),
    blocks: z.array(ContentBlockSchema).min(1).describe('上から順に並ぶブロック'),
  },
} as const satisfies Record<string, Record<string, z.ZodType>>;

export type SlideKind = keyof typeof SLIDE_KINDS;
export const SLIDE_KIND_NAMES = Object.keys(SLIDE_KINDS) as SlideKind[];

const DESCRIPTIONS: Record<SlideKind, string> = {
  title: '表紙（edition.yaml）',
  lineage: '大括り化（programmes.yaml の lineage）',
  programmes: 'プログラム概要表（programmes.yaml）',
  'overview-first': 'プログラムの概要①（overview.yaml の first）',
  'overview-second': 'プログラムの概要②（overview.yaml の second と脚注）',
  call: '公募の表とスケジュール（calls/<call>.yaml）',
  'field-overview': '分野の概要（calls/<call>.yaml の overview）',
  roster: 'PO・AD 名簿（roster*.yaml）',
  sites: '実施中拠点一覧（sites.yaml）',
  results: '公募の結果: 応募件数・採択件数と採択されたプロジェクトの一覧（results.yaml）',
  contact: '問い合わせ先（contact.yaml）',
  content: '自由なスライド（見出し・本文・箇条書き・表・段組み・囲み・注記）',
};

const slideSchema = <K extends SlideKind>(kind: K) => z.strictObject({ kind: z.literal(kind), ...common, ...SLIDE_KINDS[kind] }).describe(`スライド: ${DESCRIPTIONS[kind]}`);

const slideSchemas = SLIDE_KIND_NAMES.map((k) => slideSchema(k)) as unknown as [ReturnType<typeof slideSchema<SlideKind>>, ...ReturnType<typeof slideSchema<SlideKind>>[]];

export const SlideSchema = z.discriminatedUnion('kind', slideSchemas).describe(`スライド1枚（kind: ${SLIDE_KIND_NAMES.join(' / ')}）`);

export const DeckSchema = z
  .strictObject({
    slides: z.array(SlideSchema).min(1).describe('スライド（上から順に）'),
  })
  .describe('スライド資料の構成（deck.yaml）');

/** The data entry of a slide, typed per kind (the union the schema accepts). */
export type SlideSpec = {
  [K in SlideKind]: { kind: K } & z.infer<z.ZodObject<typeof common>> & z.infer<z.ZodObject<(typeof SLIDE_KINDS)[K]>>;
}[SlideKind];
export interface Deck {
  slides: SlideSpec[];
}
/** The data entry of one kind of slide. */
export type SlideOf<K extends SlideKind> = Extract<SlideSpec, { kind: K }>;
export type ContentBlock = z.infer<typeof ContentBlockSchema>;
export type LeafBlock = z.infer<typeof LeafBlockSchema>;

/** The id a slide is matched by: its own, else made from its kind and call (`call-kyoso`). */
export function slideId(slide: SlideSpec, index: number): string {
  if (slide.id) return slide.id;
  if ('call' in slide) return `${slide.kind}-${slide.call}`;
  if ('result' in slide) return `${slide.kind}-${slide.result}`;
  return slide.kind === 'content' ? `content-${index + 1}` : slide.kind;
}
