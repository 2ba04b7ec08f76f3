/** Programme overview ①: background, summary, the three points, the concept labels. */
import { slideTitleText } from '../values.ts';
import type { Overview } from '../../../schema/index.ts';
import { dataPath, type SlideViewFn } from './common.ts';

type OverviewFirst = Overview['first'];

export interface OverviewFirstSlide extends OverviewFirst {
  kind: 'overview-first';
  source: string;
}

export const view: SlideViewFn<'overview-first', OverviewFirstSlide> = (e) => {
  const source = dataPath(e, 'overview');
  return {
    title: e.overview.first.heading,
    source,
    ctx: { kind: 'overview-first', ...e.overview.first, points: { ...e.overview.first.points, title: slideTitleText(e.overview.first.points.title) }, source },
  };
};
