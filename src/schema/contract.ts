/**
 * The contract between the generic loader (src/load, src/validate) and the
 * domain schemas (src/schema). The loader knows nothing about COI-NEXT; it asks
 * this registry which files an edition has, which schema each must satisfy, and
 * which cross-file rules apply.
 */
import type { z } from 'zod';
import type { IssueWords } from '../shared/data-issues/index.ts';
import type { Message } from '../shared/values.ts';

export interface FileKind {
  /** Stable id, e.g. `edition`, `call`, `roster`. */
  kind: string;
  /** Glob relative to the edition folder, e.g. `calls/*.yaml`. */
  glob: string;
  /** Must at least one file of this kind exist? */
  required: boolean;
  /** May several files match (one per call field)? */
  multiple: boolean;
  /** Strict zod schema for the whole file. */
  schema: z.ZodType;
  /** What the file holds, shown in errors and in the README. */
  description: Message;
  /**
   * The field of the assembled edition its data fills (`meta`, `calls`, …): a kind that is
   * `multiple` fills an array, one element per file. The read tracking, the planner, the
   * 新旧対照表 and `Edition.sources` map a data path back to its file through this.
   */
  field: string;
  /**
   * For a `multiple` kind: the name of one file's entity (a call's `id`, a roster's `call`),
   * which names its element of the array and its key in `Edition.sources` (`roster:kyoso`).
   */
  entity?: (data: unknown) => string;
}

/** A file that parsed and passed its own schema. */
export interface ParsedFile {
  /** Path relative to the edition folder, POSIX separators: `calls/kyoso.yaml`. */
  rel: string;
  kind: string;
  data: unknown;
}

/**
 * A problem that spans files, located by file and data path (the loader finds line:col). Its
 * words come from the data-issue catalogue (`issue(id, facts)`): `id` names the entry, `code`
 * is the entry's permanent code (`DANGLING_REF`).
 */
export interface CrossIssue extends IssueWords {
  /** File the offending value lives in, relative to the edition folder. */
  file: string;
  /** Path inside that file, e.g. `['types', 1, 'budget', 'max']`. */
  path: (string | number)[];
}
