/**
 * How problems look on the terminal: one line per issue,
 * `data/r3/calls/kyoso.yaml:14:7  types[1].budget.max — message（hint）`,
 * followed by a short code frame. Stacks only with --debug.
 */
import type { DataIssue } from './errors.ts';
import { CATALOGUE, isKyosoError, isWarning } from './errors.ts';
import { t } from './i18n.ts';
import { oneLine, terminalSafe } from './unicode.ts';
import type { Lang } from './values.ts';

export function formatIssue(issue: DataIssue, lang?: Lang, opts: { frame?: boolean } = {}): string {
  const where = `${oneLine(issue.file)}:${issue.line}:${issue.col}`;
  const path = issue.path ? `  ${issue.path}` : '';
  const hint = issue.hint ? (lang === 'en' || (lang === undefined && t({ ja: 'ja', en: 'en' }) === 'en') ? ` (${t(issue.hint, lang)})` : `（${t(issue.hint, lang)}）`) : '';
  const warning = isWarning(issue) ? ` ${t({ ja: '警告', en: 'warning' }, lang)}` : '';
  const head = `${where}${path} — ${t(issue.message, lang)}${hint}  [${issue.code}]${warning}`;
  if (opts.frame === false || !issue.frame) return head;
  return `${head}\n${issue.frame.replace(/^/gm, '    ')}`;
}

/** Issues printed for one error; the rest are counted (each file already stops at MAX_ISSUES_PER_FILE). */
export const MAX_SHOWN_ISSUES = 200;

/**
 * The whole message for an error that reached the CLI. Control characters from the data
 * (a file name, a value) are shown by their code point, not sent to the terminal.
 */
export function formatError(err: unknown, opts: { debug?: boolean; lang?: Lang } = {}): string {
  return terminalSafe(formatErrorText(err, opts));
}

function formatErrorText(err: unknown, opts: { debug?: boolean; lang?: Lang }): string {
  if (!isKyosoError(err)) {
    const e = err as Error;
    return opts.debug || !(e instanceof Error) ? String(e?.stack ?? e) : `${e.name}: ${e.message}`;
  }
  const lines: string[] = [];
  lines.push(`${t({ ja: 'エラー', en: 'Error' }, opts.lang)} [${err.code}] ${t(CATALOGUE[err.code].title, opts.lang)}: ${t(err.detail, opts.lang)}`);
  for (const issue of err.issues.slice(0, MAX_SHOWN_ISSUES)) lines.push('', formatIssue(issue, opts.lang));
  const rest = err.issues.length - MAX_SHOWN_ISSUES;
  if (rest > 0)
    lines.push(
      '',
      t(
        { ja: `…ほかに ${rest} 件の問題があります（最初の ${MAX_SHOWN_ISSUES} 件を表示しました）`, en: `… and ${rest} more problems (the first ${MAX_SHOWN_ISSUES} are shown)` },
        opts.lang,
      ),
    );
  if (err.hint) lines.push('', `→ ${t(err.hint, opts.lang)}`);
  // Eleventy's habit: print the chain of causes, the stack only when asked. An interruption's
  // causes are only what the closing browser answered the page work it cut short
  // ("Protocol error … Target closed"): the user's own Ctrl-C needs no explaining.
  let cause = err.code === 'INTERRUPTED' && !opts.debug ? undefined : (err as { cause?: unknown }).cause;
  while (cause) {
    const c = cause as Error;
    const text = c instanceof Error ? c.message : String(c);
    if (text.trim() !== '') lines.push(`  ${t({ ja: '原因', en: 'cause' }, opts.lang)}: ${text}`);
    cause = (c as { cause?: unknown }).cause;
  }
  if (opts.debug && err.stack) lines.push('', err.stack);
  return lines.join('\n');
}
