/** What an entry of the data-issue catalogue is (index.ts joins the parts). */
import type { Message } from '../values.ts';

/** Both words of a message. */
export const m = (ja: string, en: string): Message => ({ ja, en });

/**
 * Permanent codes of data problems (printed `[CODE]`, named in tests and by staff). Never rename.
 * Problems a schema words itself (a character to avoid, a Markdown rule) pass their own code.
 */
export type DataIssueCode =
  // between files and fields (schema/cross)
  | 'DUPLICATE_ID'
  | 'DANGLING_REF'
  | 'SCHEDULE_ORDER'
  | 'AMOUNT_INCONSISTENT'
  | 'DATE_AFTER_EDITION'
  | 'FISCAL_YEAR_MISMATCH'
  | 'COUNT_MISMATCH'
  | 'SITE_MISMATCH'
  | 'MISSING_FILE'
  | 'MISSING_FIELD'
  | 'UNKNOWN_TERM'
  // one file against its schema (stages/validate)
  | 'UNKNOWN_KEY'
  | 'SCHEMA_INVALID_TYPE'
  | 'SCHEMA_INVALID_VALUE'
  | 'OLD_TERM'
  | 'PLACEHOLDER'
  | 'VALUE_TO_CONFIRM'
  | 'NOT_FINAL'
  | 'CHECKS_SKIPPED'
  | 'FIGURE_UNREADABLE'
  // Japanese text (stages/validate/text): the rule's id, which `# textlint-allow:` names
  | 'edition-width'
  | 'punctuation'
  | 'date-weekday'
  | 'prh'
  | 'no-nfd'
  | 'no-doubled-joshi'
  | 'sentence-length'
  | 'ja-unnatural-alphabet'
  | 'ja-no-mixed-period'
  | 'list-period'
  | 'textlint-allow'
  | 'TERMS_INVALID';

/** One entry: the code and the words, as functions of the facts. */
export interface DataIssueEntry<P> {
  /** The code, or (for what a schema reports under zod's own code) the code the facts carry. */
  code: DataIssueCode | ((p: P) => string);
  message: (p: P) => Message;
  /** What to do; undefined when the facts leave nothing to say. */
  hint?: (p: P) => Message | undefined;
}

export const entry = <P>(e: DataIssueEntry<P>): DataIssueEntry<P> => e;
