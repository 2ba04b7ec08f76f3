/** A call field's own overview (地域共創分野): background, proposers, diagram, points, budget. */
import type { FieldOverview } from '../../../schema/index.ts';
import { fieldBudgetText, slideTitleText } from '../values.ts';
import { callOf, dataPath, type SlideViewFn } from './common.ts';

export interface FieldOverviewSlide extends Omit<FieldOverview, 'budget'> {
  kind: 'field-overview';
  /** The overview's budget with its amount as printed (640百万円). */
  budget: FieldOverview['budget'] & { amount: string };
  source: string;
  /** The proposers' diagram for a screen reader (a Figure with this /Alt), from the same data words. */
  diagramAlt: string;
}

export const view: SlideViewFn<'field-overview', FieldOverviewSlide> = (e, slide) => {
  const o = callOf(e, slide.call).overview;
  if (!o) throw new Error(`deck: call ${slide.call} has no overview (crossCheck should have caught this)`);
  const source = dataPath(e, 'call', slide.call);
  const roles = o.proposer.roles.map((r) => `${r.sector} ${r.name}（${r.contributions.join('、')}）`).join('、');
  const diagramAlt = `【${o.proposer.label}】${o.proposer.structure}：${roles} → ${o.hubLabel} → ${o.outcome.label}`;
  return {
    title: slideTitleText(o.heading),
    source,
    ctx: {
      kind: 'field-overview',
      ...o,
      heading: slideTitleText(o.heading),
      points: { ...o.points, title: slideTitleText(o.points.title) },
      budget: { ...o.budget, amount: fieldBudgetText(e, o) },
      source,
      diagramAlt,
    },
  };
};
