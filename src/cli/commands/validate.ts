/** `kyoso-docs validate [edition...]` — check the data, one summary line per edition (and its text warnings). */
import { EXIT, msg } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import { readValidateCache, validateKey, writeValidateCache, type ValidateReport } from '../../app/validate-cache.ts';
import type { CommandContext } from '../types.ts';

export async function run({ args, paths, io }: CommandContext): Promise<number> {
  // Data that passed as it is now: print what that run printed, without loading a parser or a rule.
  const key = await validateKey(paths, args);
  const kept = await readValidateCache(paths.outDir, key);
  const report: ValidateReport = kept ?? (await validateNow({ args, paths }));
  for (const { to, line } of report.lines) io[to](line);
  // Kept only if the data did not change while it was read.
  if (!kept && (await validateKey(paths, args)) === key) await writeValidateCache(paths.outDir, key, report);
  return EXIT.OK;
}

/** The full run: load, validate and check the text of every edition (throws DATA_INVALID listing every problem). */
async function validateNow({ args, paths }: Pick<CommandContext, 'args' | 'paths'>): Promise<ValidateReport> {
  const [{ loadEditions, selectEditions }, { formatIssue }] = await Promise.all([import('../../app/editions.ts'), import('../../shared/report.ts')]);
  const lines: ValidateReport['lines'] = [];
  for (const { edition, loaded, warnings } of await loadEditions(paths, await selectEditions(paths, args))) {
    for (const w of warnings) lines.push({ to: 'err', line: formatIssue(w, undefined, { frame: false }) });
    const calls = edition.calls.length;
    const sites = edition.sites.sites.length;
    const warned = warnings.length > 0 ? t(msg(`、警告 ${warnings.length} 件`, `, ${warnings.length} warning(s)`)) : '';
    lines.push({
      to: 'out',
      line: t(
        msg(
          `✓ ${edition.id}: ${loaded.files.length} ファイル OK（公募 ${calls} 件、拠点 ${sites} 件${warned}）`,
          `✓ ${edition.id}: ${loaded.files.length} files OK (${calls} calls, ${sites} sites${warned})`,
        ),
      ),
    });
  }
  return { lines };
}
