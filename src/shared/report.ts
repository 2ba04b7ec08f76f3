/**
 * How problems look on the terminal: one line per issue,
 * `data/r3/calls/kyoso.yaml:14:7  types[1].budget.max — message（hint）`,
 * followed by a short code frame. Stacks only with --debug.
 */
import type { DataIssue } from './errors.ts';
import { CATALOGUE, isKyosoError, isWarning } from './errors.ts';
import { t } from './i18n.ts';
import type { Lang } from './values.ts';

export function formatIssue(issue: DataIssue, lang?: Lang, opts: { frame?: boolean } = {}): string {
  const where = `${issue.file}:${issue.line}:${issue.col}`;
  const path = issue.path ? `  ${issue.path}` : '';
  const hint = issue.hint ? (lang === 'en' || (lang === undefined && t({ ja: 'ja', en: 'en' }) === 'en') ? ` (${t(issue.hint, lang)})` : `（${t(issue.hint, lang)}）`) : '';
  const warning = isWarning(issue) ? ` ${t({ ja: '警告', en: 'warning' }, lang)}` : '';
  const head = `${where}${path} — ${t(issue.message, lang)}${hint}  [${issue.code}]${warning}`;
  if (opts.frame === false || !issue.frame) return head;
  return `${head}\n${issue.frame.replace(/^/gm, '    ')}`;
}

/** The whole message for an error that reached the CLI. */
export function formatError(err: unknown, opts: { debug?: boolean; lang?: Lang } = {}): string {
  if (!isKyosoError(err)) {
    const e = err as Error;
    return opts.debug || !(e instanceof Error) ? String(e?.stack ?? e) : `${e.name}: ${e.message}`;
  }
  const lines: string[] = [];
  lines.push(`${t({ ja: 'エラー', en: 'Error' }, opts.lang)} [${err.code}] ${t(CATALOGUE[err.code].title, opts.lang)}: ${t(err.detail, opts.lang)}`);
  for (const issue of err.issues) lines.push('', formatIssue(issue, opts.lang));
  if (err.hint) lines.push('', `→ ${t(err.hint, opts.lang)}`);
  // Eleventy's habit: print the chain of causes, the stack only when asked.
  let cause = (err as { cause?: unknown }).cause;
  while (cause) {
    const c = cause as Error;
    lines.push(`  ${t({ ja: '原因', en: 'cause' }, opts.lang)}: ${c instanceof Error ? c.message : String(c)}`);
    cause = (c as { cause?: unknown }).cause;
  }
  if (opts.debug && err.stack) lines.push('', err.stack);
  return lines.join('\n');
}
