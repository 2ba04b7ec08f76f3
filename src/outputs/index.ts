/** The output registry: the Output of every kind. */
import { guideline } from './guideline/index.ts';
import { html } from './html/index.ts';
import { md } from './md/index.ts';
import { pdf } from './pdf/index.ts';
import { png } from './png/index.ts';
import { pptx } from './pptx/index.ts';
import { pptxPictures } from './pptx/pictures.ts';
import { OUTPUT_KINDS, type Output, type OutputGroup, type OutputKind } from './types.ts';

export const OUTPUTS = { md, pdf, html, png, pptx, 'pptx-pictures': pptxPictures, guideline } as const satisfies Record<OutputKind, Output>;

export function outputOf(kind: OutputKind): Output {
  return OUTPUTS[kind];
}

/** The kinds of a group (`slides` → md, pdf, html, png, pptx); opt-in kinds (pptx-pictures) only when asked. */
export function kindsOf(group: OutputGroup, opts: { optIn?: boolean } = {}): OutputKind[] {
  return OUTPUT_KINDS.filter((k) => OUTPUTS[k].group === group && (opts.optIn || !(OUTPUTS[k] as Output).optIn));
}

export { slidesBaseName } from './deck/index.ts';
export { OUTPUT_GROUPS, OUTPUT_KINDS, groupOf, isOutputKind } from './types.ts';
export type { BuildContext, Output, OutputGroup, OutputKind, UnitFiles, UnitJob, UnitPlan } from './types.ts';
