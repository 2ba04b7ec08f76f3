/**
 * The registry of slide kinds: one PPTX builder per kind of slide. A kind is named by the
 * slide's template today (`slides/partials/call` → `call`); a slide whose kind has no builder
 * stops the build, so a new kind cannot silently go missing from the PowerPoint file.
 */
import type { SlideView } from '../../../stages/render/deck-view.ts';
import { call } from './call.ts';
import { contact } from './contact.ts';
import { fieldOverview } from './field-overview.ts';
import { lineage } from './lineage.ts';
import { overviewFirst } from './overview-first.ts';
import { overviewSecond } from './overview-second.ts';
import { programmes } from './programmes.ts';
import { roster } from './roster.ts';
import { sites } from './sites.ts';
import { title } from './title.ts';
import type { SlideKind } from './types.ts';

export const SLIDE_KINDS: Readonly<Record<string, SlideKind>> = {
  title,
  lineage,
  programmes,
  'overview-first': overviewFirst,
  'overview-second': overviewSecond,
  'field-overview': fieldOverview,
  call,
  roster,
  sites,
  contact,
};

/** The slide's kind: its template's name. */
export function kindOf(slide: SlideView): string {
  return slide.partial.replace(/^slides\/partials\//, '');
}

export type { KindContext, SlideKind } from './types.ts';
