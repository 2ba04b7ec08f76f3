/** A fact not known yet in the PPTX: each placeholder (（要確認）) a run of its own, shaded like the PDF's `.tbd`. */
import { PLACEHOLDERS } from '../../shared/values.ts';

/** The shade of a placeholder: the PDF's `.tbd` background. */
export const TBD_HIGHLIGHT = 'FFF3C4';

/** A run split so each placeholder in it is a run of its own, highlighted. */
export function shadedPlaceholders<R extends { text: string; highlight?: string }>(r: R): R[] {
  const hit = PLACEHOLDERS.map((p) => ({ p, at: r.text.indexOf(p) }))
    .filter((h) => h.at >= 0)
    .sort((a, b) => a.at - b.at)[0];
  if (!hit) return [r];
  const before = r.text.slice(0, hit.at);
  const after = r.text.slice(hit.at + hit.p.length);
  return [...(before ? [{ ...r, text: before }] : []), { ...r, text: hit.p, highlight: TBD_HIGHLIGHT }, ...(after ? shadedPlaceholders({ ...r, text: after }) : [])];
}
