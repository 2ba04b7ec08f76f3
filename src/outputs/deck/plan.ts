/** What a deck output reads: every data file a slide (or the deck's frame) reads, and the slide templates. */
import { filesRead } from '../../schema/edition-paths.ts';
import type { Edition } from '../../schema/index.ts';
import { deckReads, deckView } from '../../stages/render/deck-view.ts';

const cache = new WeakMap<Edition, readonly string[]>();

/** The deck's data files (one view-model per edition, however many slide outputs ask). */
export function deckFiles(edition: Edition): readonly string[] {
  let files = cache.get(edition);
  if (!files) {
    files = filesRead(edition.sources, deckReads(deckView(edition)));
    cache.set(edition, files);
  }
  return files;
}
