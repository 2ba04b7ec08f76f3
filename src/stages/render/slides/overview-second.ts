/** Programme overview ②: goals, mechanisms, footnotes with cited documents. */
import type { Footnote, GuidelineDoc, Overview } from '../../../schema/index.ts';
import { documentDateText, slideTitleText } from '../values.ts';
import { dataPath, notesFor, type SlideViewFn } from './common.ts';

type OverviewSecond = Overview['second'];

export interface OverviewSecondSlide extends OverviewSecond {
  kind: 'overview-second';
  footnotes: Array<Omit<Footnote, 'documents'> & { documents: Array<GuidelineDoc & { dateText: string }> }>;
  notes: string[];
  source: string;
}

export const view: SlideViewFn<'overview-second', OverviewSecondSlide> = (e) => {
  const ov = e.overview;
  const source = dataPath(e, 'overview');
  return {
    title: ov.second.heading,
    source,
    ctx: {
      kind: 'overview-second',
      ...ov.second,
      goals: { ...ov.second.goals, title: slideTitleText(ov.second.goals.title) },
      footnotes: ov.footnotes.map((f) => ({ ...f, documents: (f.documents ?? []).map((d) => ({ ...d, dateText: documentDateText(d.date) })) })),
      notes: notesFor(e, ov.second.noteRefs),
      source,
    },
  };
};
