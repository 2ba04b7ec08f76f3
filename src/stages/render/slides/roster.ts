/** The PO/AD roster of a call, PO first, with its as-of date. */
import type { RosterEntry } from '../../../schema/index.ts';
import { rosterAsOfText } from '../values.ts';
import { dataPath, type SlideViewFn } from './common.ts';

export interface RosterSlide {
  kind: 'roster';
  heading: string;
  source: string;
  /** 2020.10.16 (printed ※2020.10.16時点) */
  asOf: string;
  notes: string[];
  groups: Array<{ label: string; entries: Array<RosterEntry & { title: string }> }>;
}

export const view: SlideViewFn<'roster', RosterSlide> = (e, slide) => {
  const r = e.rosters.find((x) => x.call === slide.call);
  if (!r) throw new Error(`deck: no roster of call ${slide.call} (crossCheck should have caught this)`);
  const source = dataPath(e, 'roster', slide.call);
  return {
    title: r.heading,
    source,
    ctx: {
      kind: 'roster',
      heading: r.heading,
      source,
      asOf: rosterAsOfText(r),
      notes: r.notes,
      groups: (['po', 'ad'] as const)
        .map((role) => ({ label: r.roleLabels[role], entries: r.entries.filter((x) => x.role === role).map((x) => ({ ...x, title: x.title ?? '' })) }))
        .filter((g) => g.entries.length > 0),
    },
  };
};
