/**
 * The catalogue of data problems, beside the error catalogue (error-catalogue.ts holds what
 * stops a command; this holds what is wrong in a data file, many reported at once, each at its
 * `file:line:col`). For each: the permanent code it is printed under (`[DANGLING_REF]`), what is
 * wrong and what to do, in Japanese and English, as functions of the facts. A check names an
 * entry and passes its facts — `issue('danglingRef', { what: '公募', key, known })` — and writes
 * no words of its own.
 *
 * One catalogue in three parts, by the checks that report them: cross.ts (between files),
 * schema.ts (one file against its schema), text.ts (Japanese text).
 */
import type { Message } from '../values.ts';
import { CROSS_ISSUES } from './cross.ts';
import type { DataIssueEntry } from './entry.ts';
import { SCHEMA_ISSUES } from './schema.ts';
import { TEXT_ISSUES } from './text.ts';

export { nounEn } from './cross.ts';
export type { DataIssueCode, DataIssueEntry } from './entry.ts';
export { CROSS_ISSUES, SCHEMA_ISSUES, TEXT_ISSUES };

export const DATA_ISSUES = { ...CROSS_ISSUES, ...SCHEMA_ISSUES, ...TEXT_ISSUES } as const;

export type DataIssueId = keyof typeof DATA_ISSUES;
export type DataIssueFacts<K extends DataIssueId> = Parameters<(typeof DATA_ISSUES)[K]['message']>[0];

/** A catalogue entry's words for some facts: what a located issue says, before it is placed. */
export interface IssueWords {
  /** The entry it came from. */
  id: DataIssueId;
  code: string;
  message: Message;
  hint?: Message;
}

/** The words of a data problem: `issue('danglingRef', { what: '公募', key, known })`. */
export function issue<K extends DataIssueId>(id: K, facts: DataIssueFacts<K>): IssueWords {
  const e = DATA_ISSUES[id] as DataIssueEntry<DataIssueFacts<K>>;
  const hint = e.hint?.(facts);
  const code = typeof e.code === 'function' ? e.code(facts) : e.code;
  return hint ? { id, code, message: e.message(facts), hint } : { id, code, message: e.message(facts) };
}
