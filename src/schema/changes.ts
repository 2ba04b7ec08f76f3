/**
 * What changed since the previous edition, as the 新旧対照表 found it (app/diff/compare.ts), in
 * the shape the documents of the new edition read it: the 公募要領's 「前年度からの主な変更点」
 * picks the rows of its call from here. Types only, so the render stage need not import app/.
 */
import type { Edition } from './index.ts';

/** A step of a data path: object key, array index, or an entity matched by its key (`types[honkaku]`). */
export type ChangeSeg = string | number | { key: string };

/** One row of the comparison: its values as the documents print them. */
export interface EditionChange {
  kind: 'changed' | 'added' | 'removed';
  /** The data path of the value in its edition (`calls`, `{key: kyoso}`, `types`, `{key: honkaku}`, `budget`). */
  path: readonly ChangeSeg[];
  /** As printed in the previous edition; empty for an added value. */
  old: string;
  /** As printed in this edition; empty for a removed value. */
  new: string;
}

/** The previous edition (the fiscal year before) and every row of the comparison with it. */
export interface PreviousChanges {
  /** Its edition id (`r3`). */
  id: string;
  edition: Edition;
  rows: readonly EditionChange[];
}
