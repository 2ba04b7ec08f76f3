/** The title slide: the deck's title, subtitle, publisher and date, and the notes the edition puts on it. */
import type { EditionMeta } from '../../../schema/index.ts';
import { documentDateText } from '../values.ts';
import { dataPath, notesFor, type SlideViewFn } from './common.ts';

export interface TitleSlide {
  kind: 'title';
  meta: EditionMeta;
  /** 令和2年10月 */
  dateText: string;
  notes: string[];
  source: string;
}

export const view: SlideViewFn<'title', TitleSlide> = (e) => {
  const source = dataPath(e, 'edition');
  return {
    title: e.meta.title,
    source,
    ctx: { kind: 'title', meta: e.meta, dateText: documentDateText(e.meta.date), notes: notesFor(e, e.meta.titleNoteRefs ?? []), source },
  };
};
