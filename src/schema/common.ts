/** Small blocks shared by overview.yaml and calls/*.yaml. */
import { z } from 'zod';
import { Text, text } from './primitives.ts';

export const PointSchema = z
  .strictObject({
    caption: text('ポイント名。例: 「人が変わる」'),
    subcaption: text('ポイントの短い説明。例: SDGs×ウィズ/ポストコロナに係るビジョンを共有'),
    line: text('ポイントの長い説明文'),
  })
  .describe('3つのポイントの1つ');

export const PointsSchema = z
  .strictObject({
    title: text('例: （３つのポイント）'),
    items: z.array(PointSchema).min(1),
  })
  .describe('3つのポイント');

export const TitledListSchema = z
  .strictObject({
    title: text('見出し。例: 背景・課題'),
    points: z.array(Text).min(1).describe('箇条書き'),
  })
  .describe('見出し付き箇条書き');

export const TitledTextSchema = z
  .strictObject({
    title: text('見出し。例: 事業概要'),
    text: text('本文'),
  })
  .describe('見出し付き本文');
