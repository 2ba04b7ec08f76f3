/**
 * Errors. Every failure a user can cause is an entry of the catalogue
 * (error-catalogue.ts): a permanent code with an exit code from one small table, a
 * message that says what happened and a hint that says what to do — in Japanese by
 * default, English with `--lang en`. Raised with `fail(id, facts)`.
 *
 * Only the CLI entry maps errors to exit codes. Anything that is not a
 * KyosoError is a bug and is re-thrown with its stack (marp-cli's habit).
 */
import { ERRORS, type ErrorCodeName, type ErrorId, type ErrorParams } from './error-catalogue.ts';
import type { Message } from './values.ts';

export { ERRORS, type ErrorId } from './error-catalogue.ts';

/** Exit codes: one table, documented in the README. */
export const EXIT = {
  OK: 0,
  /** The data has problems: fix the YAML named in the report. */
  DATA_INVALID: 1,
  /** The command line is wrong: see `--help`. */
  USAGE: 2,
  /** A template or theme is broken (developer-side problem). */
  TEMPLATE: 3,
  /** No usable browser, or it crashed / timed out. */
  BROWSER: 4,
  /** Output could not be written, or another build holds the lock. */
  OUTPUT: 5,
  /** Rendered content does not fit a slide or page. */
  LAYOUT: 6,
  /** A bug in kyoso-docs itself. */
  INTERNAL: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Each reported code's exit code and title. Never renumber or rename; add new ones at the end. */
export const CATALOGUE = {
  DATA_INVALID: { exit: EXIT.DATA_INVALID, title: { ja: 'データに問題があります', en: 'The data has problems' } },
  USAGE: { exit: EXIT.USAGE, title: { ja: 'コマンドの指定が正しくありません', en: 'Invalid command line' } },
  EDITION_NOT_FOUND: { exit: EXIT.USAGE, title: { ja: '版が見つかりません', en: 'Edition not found' } },
  TEMPLATE: { exit: EXIT.TEMPLATE, title: { ja: 'テンプレートの誤り', en: 'Template error' } },
  THEME_MISSING: { exit: EXIT.TEMPLATE, title: { ja: 'テーマが見つかりません', en: 'Theme not found' } },
  BROWSER_NOT_FOUND: { exit: EXIT.BROWSER, title: { ja: 'ブラウザが見つかりません', en: 'No browser found' } },
  BROWSER_FAILED: { exit: EXIT.BROWSER, title: { ja: 'ブラウザでの処理に失敗しました', en: 'The browser failed' } },
  OUTPUT_FAILED: { exit: EXIT.OUTPUT, title: { ja: '出力を書き込めません', en: 'Cannot write output' } },
  LOCKED: { exit: EXIT.OUTPUT, title: { ja: '別のビルドが実行中です', en: 'Another build is running' } },
  OVERFLOW: { exit: EXIT.LAYOUT, title: { ja: '内容がスライドまたはページに収まりません', en: 'Content does not fit the slide or page' } },
  INTERRUPTED: { exit: EXIT.OUTPUT, title: { ja: '中断されました', en: 'Interrupted' } },
} as const satisfies Record<ErrorCodeName, { exit: ExitCode; title: Message }>;

export type ErrorCode = keyof typeof CATALOGUE;

/** A located problem in a data file. Many are collected and reported at once. */
export interface DataIssue {
  /** Short rule code: YAML_SYNTAX, UNKNOWN_KEY, DANGLING_REF, ... */
  code: string;
  /** Project-relative file path with POSIX separators, e.g. `data/r3/calls/kyoso.yaml`. */
  file: string;
  line: number;
  col: number;
  /** Data path in display form, e.g. `types[1].budget.max` (empty for whole-file problems). */
  path: string;
  message: Message;
  hint?: Message;
  /** A few source lines with a caret, already formatted. */
  frame?: string;
  /** `warning`: printed, but validate and build pass. Absent = error. */
  severity?: 'error' | 'warning';
  /** For TOO_MANY_ISSUES: how many problems this line stands for (not listed one by one). */
  more?: number;
}

/** Warnings are printed and pass; everything else fails validate and build. */
export function isWarning(issue: DataIssue): boolean {
  return issue.severity === 'warning';
}

export class KyosoError extends Error {
  readonly code: ErrorCode;
  /** The catalogue entry it was raised from (error-catalogue.ts), when it was. */
  readonly id: ErrorId | undefined;
  readonly detail: Message;
  readonly hint: Message | undefined;
  readonly issues: DataIssue[];

  constructor(code: ErrorCode, detail: Message, options: { hint?: Message; issues?: DataIssue[]; cause?: unknown; id?: ErrorId } = {}) {
    // The English text is the Error.message so logs and test failures are readable
    // regardless of the user's language; the CLI prints the chosen language.
    super(`${CATALOGUE[code].title.en}: ${detail.en}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KyosoError';
    this.code = code;
    this.detail = detail;
    this.hint = options.hint;
    this.issues = options.issues ?? [];
    this.id = options.id;
  }

  /** The same error with other issues (a diff names files as `rev:data/…`). */
  withIssues(issues: DataIssue[]): KyosoError {
    return new KyosoError(this.code, this.detail, { issues, cause: this, ...(this.hint ? { hint: this.hint } : {}), ...(this.id ? { id: this.id } : {}) });
  }

  get exitCode(): ExitCode {
    return CATALOGUE[this.code].exit;
  }
}

export function isKyosoError(e: unknown): e is KyosoError {
  return e instanceof KyosoError;
}

/**
 * The error of a catalogue entry, with its facts: `fail('unknownEdition', { id, available })`.
 * Every user-facing failure is raised this way, so its words live in one place.
 */
export function fail<K extends ErrorId>(id: K, params: ErrorParams<K>, options: { cause?: unknown; issues?: DataIssue[] } = {}): KyosoError {
  const e = ERRORS[id] as { code: ErrorCode; message: (p: unknown) => Message; hint?: (p: unknown) => Message };
  return new KyosoError(e.code, e.message(params), {
    id,
    ...(e.hint ? { hint: e.hint(params) } : {}),
    ...(options.issues ? { issues: options.issues } : {}),
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });
}

/** Shorthand for the common case of a bilingual message. */
export function msg(ja: string, en: string): Message {
  return { ja, en };
}
