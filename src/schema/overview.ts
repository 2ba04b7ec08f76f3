/** overview.yaml — programme overview ① and ② (slides 4–5) and their footnotes. */
import { z } from 'zod';
import { FuzzyDateSchema, Id, Text, Url, text } from './primitives.ts';
import { PointsSchema, TitledListSchema, TitledTextSchema } from './common.ts';

/**
 * Footnote references inside prose are kept as text tokens `(※1)`; each token must
 * match a footnote `mark` (`※1`) of the same file (checked by crossCheck).
 */
export const FOOTNOTE_TOKEN_RE = /[（(](※\d+)[）)]/gu;

export const GuidelineDocSchema = z
  .strictObject({
    title: text('文書名。例: 産学官連携による共同研究強化のためのガイドライン'),
    issuer: text('発行者。例: イノベーション促進産学官対話会議事務局'),
    date: FuzzyDateSchema.describe('発行日。例: {date: 2016-11-30}'),
    url: Url,
  })
  .describe('参照文書');

export const FootnoteSchema = z
  .strictObject({
    mark: z
      .string()
      .regex(/^※\d+$/u)
      .describe('注番号（本文中の (※1) と対応）。例: ※1'),
    lines: z.array(Text).describe('注の本文（行ごと）'),
    documents: z.array(GuidelineDocSchema).optional().describe('注が挙げる文書'),
  })
  .describe('脚注');

export const OverviewSchema = z
  .strictObject({
    first: z
      .strictObject({
        heading: text('例: 共創の場形成支援プログラムの概要 ①'),
        background: TitledListSchema,
        summary: TitledTextSchema,
        points: PointsSchema,
        concept: z
          .strictObject({
            title: text('例: 共創の場のコンセプトイメージ'),
            labels: z.array(Text).min(1).describe('図中のラベル'),
          })
          .describe('コンセプト図'),
      })
      .describe('概要①（スライド4）'),
    second: z
      .strictObject({
        heading: text('例: 共創の場形成支援プログラムの概要②'),
        goals: z
          .strictObject({
            title: text('例: ＜プロジェクトに求める２つのゴール（到達点）＞'),
            items: z
              .array(
                z.strictObject({
                  id: Id.describe('例: goal1'),
                  label: text('例: ゴール①'),
                  text: text('ゴールの内容'),
                }),
              )
              .min(1),
          })
          .describe('ゴール'),
        mechanisms: z
          .strictObject({
            title: text('例: ＜ゴールの達成を支える仕組み＞'),
            afterProject: text('本格型プロジェクト終了後の姿'),
            items: z
              .array(
                z.strictObject({
                  id: Id.describe('例: management'),
                  label: text('例: ①'),
                  title: text('例: 研究開発マネジメント'),
                  bullets: z.array(Text).min(1).describe('箇条書き（脚注は (※1) のように本文中に記す）'),
                }),
              )
              .min(1),
          })
          .describe('仕組み'),
        noteRefs: z.array(Id).describe('注記（edition.yaml の notes）。例: [content-may-change]'),
      })
      .describe('概要②（スライド5）'),
    footnotes: z.array(FootnoteSchema).describe('脚注（※1, ※2 …）'),
  })
  .describe('プログラムの概要（overview.yaml）');
