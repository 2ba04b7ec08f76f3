/**
 * The slide-kind registry. A kind of slide is one entry of SLIDE_KINDS (schema/deck.ts: the
 * data it names), one view here (its file beside this one: the view-model interface and the
 * function that builds it) and one template, templates/slides/partials/<kind>.hbs. The
 * `satisfies` below makes the compiler ask for the view of a kind added to the schema.
 */
import type { SlideKind } from '../../../schema/index.ts';
import type { SlideViewFn } from './common.ts';
import { view as call, type CallSlide } from './call.ts';
import { view as contact, type ContactSlide } from './contact.ts';
import { view as content, type ContentSlide } from './content.ts';
import { view as fieldOverview, type FieldOverviewSlide } from './field-overview.ts';
import { view as lineage, type LineageSlide } from './lineage.ts';
import { view as overviewFirst, type OverviewFirstSlide } from './overview-first.ts';
import { view as overviewSecond, type OverviewSecondSlide } from './overview-second.ts';
import { view as programmes, type ProgrammesSlide } from './programmes.ts';
import { view as results, type ResultsSlide } from './results.ts';
import { view as roster, type RosterSlide } from './roster.ts';
import { view as sites, type SitesSlide } from './sites.ts';
import { view as title, type TitleSlide } from './title.ts';

/** The view-model of each kind (what its template and the PPTX read), by kind. */
export interface SlideModels {
  title: TitleSlide;
  lineage: LineageSlide;
  programmes: ProgrammesSlide;
  'overview-first': OverviewFirstSlide;
  'overview-second': OverviewSecondSlide;
  call: CallSlide;
  'field-overview': FieldOverviewSlide;
  roster: RosterSlide;
  sites: SitesSlide;
  results: ResultsSlide;
  contact: ContactSlide;
  content: ContentSlide;
}

/** Any slide's view-model; `kind` tells them apart. */
export type SlideModel = SlideModels[SlideKind];

export const SLIDE_VIEWS: { [K in SlideKind]: SlideViewFn<K, SlideModels[K]> } = {
  title,
  lineage,
  programmes,
  'overview-first': overviewFirst,
  'overview-second': overviewSecond,
  call,
  'field-overview': fieldOverview,
  roster,
  sites,
  results,
  contact,
  content,
} satisfies { [K in SlideKind]: SlideViewFn<K, SlideModels[K]> };

/** The template partial of a kind: templates/slides/partials/<kind>.hbs. */
export const partialOf = (kind: SlideKind): string => `slides/partials/${kind}`;

export type { CallCell, CallRow, CallSlide, CellLine, MilestoneView } from './call.ts';
export type { ContactSlide } from './contact.ts';
export type { ContentBlockView, ContentSlide, LeafBlockView } from './content.ts';
export type { FieldOverviewSlide } from './field-overview.ts';
export type { LineageSlide } from './lineage.ts';
export type { OverviewFirstSlide } from './overview-first.ts';
export type { OverviewSecondSlide } from './overview-second.ts';
export type { ProgrammeRow, ProgrammesSlide } from './programmes.ts';
export type { ResultsSlide } from './results.ts';
export type { RosterSlide } from './roster.ts';
export type { SitesSlide } from './sites.ts';
export type { TitleSlide } from './title.ts';
