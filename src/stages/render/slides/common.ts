/**
 * What every slide view shares: how a slide names its data file, the standing notes it
 * prints, and the shape a view returns. Each kind of slide is one file beside this one
 * (its view-model interface and its view function) and one template
 * (templates/slides/partials/<kind>.hbs); index.ts is the registry.
 */
import { sourceKey, type Edition, type FileKindName, type SlideKind, type SlideOf } from '../../../schema/index.ts';

/** What a slide view returns; the deck adds the partial, the reads and the speaker notes. */
export interface SlideBuild<M> {
  /** Bookmark title for the PDF outline (and the 新旧対照表's place). */
  title: string;
  /** Data file the slide is filled from (named in overflow errors). */
  source: string;
  ctx: M;
}

/** A slide kind's view: the (tracked) edition and the slide's own entry of deck.yaml → its view-model. */
export type SlideViewFn<K extends SlideKind, M> = (edition: Edition, slide: SlideOf<K>) => SlideBuild<M>;

/** `data/r3/calls/kyoso.yaml` for a file kind and entity (`call`, `kyoso`; see Edition.sources). */
export function dataPath(edition: Edition, kind: FileKindName, entity?: string): string {
  const rel = edition.sources[sourceKey(kind, entity)];
  return rel ? `data/${edition.id}/${rel}` : `data/${edition.id}`;
}

/** The texts of standing notes (edition.yaml notes) by id, in the order given. */
export function notesFor(edition: Edition, ids: readonly string[]): string[] {
  return ids.map((id) => edition.meta.notes.find((n) => n.id === id)?.text ?? '').filter((s) => s !== '');
}

/** The call a slide names (crossCheck made sure it exists). */
export function callOf(edition: Edition, id: string): Edition['calls'][number] {
  const call = edition.calls.find((c) => c.id === id);
  if (!call) throw new Error(`deck: no call ${id} (crossCheck should have caught this)`);
  return call;
}
