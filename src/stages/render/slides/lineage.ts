/** 大括り化: the predecessors that became one programme, and the end marker. */
import type { Lineage } from '../../../schema/index.ts';
import { dataPath, type SlideViewFn } from './common.ts';

export interface LineageSlide extends Lineage {
  kind: 'lineage';
  source: string;
  /** The diagram for a screen reader (a Figure with this /Alt): the old names → the new one. */
  alt: string;
}

export const view: SlideViewFn<'lineage', LineageSlide> = (e) => {
  const lineage = e.programmes.lineage;
  const source = dataPath(e, 'programmes');
  const alt = `${lineage.predecessors.map((p) => p.name).join('、')} → ${lineage.successorLabel}（${lineage.endMarker.symbol}${lineage.endMarker.text}）`;
  return { title: lineage.heading, source, ctx: { kind: 'lineage', ...lineage, source, alt } };
};
