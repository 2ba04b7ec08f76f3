/**
 * The registry of PPTX builders, keyed by the view-model's kind. The `satisfies` makes a
 * slide kind added to the schema (SLIDE_KINDS in schema/deck.ts) without a PowerPoint
 * builder a compile error, and each builder takes its kind's typed view-model.
 */
import type { SlideKind } from '../../../schema/index.ts';
import { call } from './call.ts';
import { contact } from './contact.ts';
import { content } from './content.ts';
import { fieldOverview } from './field-overview.ts';
import { lineage } from './lineage.ts';
import { overviewFirst } from './overview-first.ts';
import { overviewSecond } from './overview-second.ts';
import { programmes } from './programmes.ts';
import { results } from './results.ts';
import { roster } from './roster.ts';
import { sites } from './sites.ts';
import { title } from './title.ts';
import type { KindBuilder } from './types.ts';

export const PPTX_BUILDERS = {
  title,
  lineage,
  programmes,
  'overview-first': overviewFirst,
  'overview-second': overviewSecond,
  'field-overview': fieldOverview,
  call,
  roster,
  sites,
  results,
  contact,
  content,
} satisfies { [K in SlideKind]: KindBuilder<K> };

const BUILDERS: { [K in SlideKind]: KindBuilder<K> } = PPTX_BUILDERS;

/** The builder of a kind. */
export function builderOf<K extends SlideKind>(kind: K): KindBuilder<K> {
  return BUILDERS[kind];
}

export type { KindBuilder, KindContext } from './types.ts';
