/** sites.yaml — every ongoing site (slide 10), for a tile map of Japan. */
import { z } from 'zod';
import { Id, PrefectureSchema, text } from './primitives.ts';

export const SiteSchema = z
  .strictObject({
    id: Id.describe('拠点ID。例: next-01'),
    programme: Id.describe('プログラムID（programmes.yaml）。例: coi-next'),
    field: Id.optional().describe('分野ID（COI-NEXT）。例: kyoso'),
    area: Id.optional().describe('政策重点分野の領域ID。例: quantum'),
    type: Id.optional().describe('実施タイプID（プログラムの types）。例: ikusei'),
    vision: Id.optional().describe('ビジョンID（COI）。例: vision1'),
    institution: text('代表機関。例: 琉球大学'),
    prefecture: PrefectureSchema.describe('代表機関の所在都道府県。例: 沖縄県'),
  })
  .describe('実施中の拠点');

export const SitesFileSchema = z
  .strictObject({
    heading: text('例: 共創の場形成支援 実施中拠点一覧'),
    tag: text('例: 参考'),
    legendTitle: text('例: 凡例'),
    legend: z.array(Id).min(1).describe('凡例に並べるプログラムID'),
    sites: z.array(SiteSchema).min(1),
  })
  .describe('実施中拠点一覧（sites.yaml）');
