/**
 * The results of a past call: its view-model is a free slide's blocks (tables, ※ notes), so it is
 * drawn by the content slide's builder — the same tables the PDF prints.
 */
import { content } from './content.ts';
import type { KindBuilder } from './types.ts';

export const results: KindBuilder<'results'> = {
  titleInset: (k) => content.titleInset?.({ ...k, view: { ...k.view, kind: 'content' } }) ?? 0,
  draw: (k) => content.draw({ ...k, view: { ...k.view, kind: 'content' } }),
};
