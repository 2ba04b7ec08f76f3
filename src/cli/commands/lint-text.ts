/**
 * `kyoso-docs lint-text [edition...]` — the Japanese text checks (公用文) on every text of
 * the data, with every rule (also the morphological one validate and build leave out):
 * one line per finding, `file:line:col  path — message（hint）  [rule]`, then a count.
 * Findings a `# textlint-allow` comment silences are listed too, with the comment's reason:
 * validate and build are quiet about them, the review is not.
 * Exit 1 when a finding is an error (it would fail validate and build), else 0.
 */
import { EXIT, isKyosoError, isWarning, msg, type DataIssue } from '../../shared/errors.ts';
import { loadEditions, selectEditions } from '../../app/editions.ts';
import { t } from '../../shared/i18n.ts';
import { formatIssue } from '../../shared/report.ts';
import type { TextLintResult } from '../../stages/validate/text/index.ts';
import type { CommandContext } from '../types.ts';

const byPlace = (a: DataIssue, b: DataIssue): number => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col;

export async function run({ args, paths, io }: CommandContext): Promise<number> {
  const ids = await selectEditions(paths, args);
  let result: TextLintResult | undefined;
  let findings: DataIssue[];
  try {
    const editions = await loadEditions(paths, ids, { text: 'all', onText: (r) => (result = r) });
    findings = editions.flatMap((e) => e.warnings);
  } catch (err) {
    // Text errors come back as DATA_INVALID like any data problem; a schema problem (no text lint ran) stops here as in validate.
    if (!isKyosoError(err) || err.code !== 'DATA_INVALID' || result === undefined) throw err;
    findings = err.issues;
  }
  const done = result as TextLintResult | undefined;
  const allowed = done?.allowed ?? [];
  const lines = [
    ...findings.map((issue) => ({ issue, line: formatIssue(issue, undefined, { frame: false }) })),
    ...allowed.map(({ issue, reason }) => ({
      issue,
      line: `${formatIssue({ ...issue, severity: 'error' }, undefined, { frame: false })} ${t(msg(`許可: ${reason}`, `allowed: ${reason}`))}`,
    })),
  ].sort((a, b) => byPlace(a.issue, b.issue));
  for (const l of lines) io.out(l.line);
  const errors = findings.filter((f) => !isWarning(f)).length;
  const warnings = findings.length - errors;
  const allowedText = allowed.length > 0 ? t(msg(`、コメントで許可 ${allowed.length} 件`, `, ${allowed.length} allowed by a comment`)) : '';
  const values = done?.values ?? 0;
  const files = done?.files ?? 0;
  io.out(
    t(
      msg(
        `${findings.length === 0 ? '✓ ' : ''}${ids.join(', ')}: ${files} ファイルの ${values} 個の文字列を確認 — エラー ${errors} 件、警告 ${warnings} 件${allowedText}`,
        `${findings.length === 0 ? '✓ ' : ''}${ids.join(', ')}: ${values} texts in ${files} files checked — ${errors} error(s), ${warnings} warning(s)${allowedText}`,
      ),
    ),
  );
  return errors > 0 ? EXIT.DATA_INVALID : EXIT.OK;
}
