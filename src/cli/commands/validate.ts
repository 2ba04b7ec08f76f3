/** `kyoso-docs validate [edition...]` — check the data, one summary line per edition. */
import { EXIT, msg } from '../../shared/errors.ts';
import { loadEditions, selectEditions } from '../../app/editions.ts';
import { t } from '../../shared/i18n.ts';
import { formatIssue } from '../../shared/report.ts';
import type { CommandContext } from '../types.ts';

export async function run({ args, paths, io }: CommandContext): Promise<number> {
  const editions = await loadEditions(paths, await selectEditions(paths, args));
  for (const { edition, loaded, warnings } of editions) {
    // Warnings (exit 0): located like errors, so an editor jumps to them.
    for (const w of warnings) io.err(formatIssue(w));
    const calls = edition.calls.length;
    const sites = edition.sites.sites.length;
    io.out(
      t(
        msg(
          `✓ ${edition.id}: ${loaded.files.length} ファイル OK（公募 ${calls} 件、拠点 ${sites} 件${warnings.length ? `、警告 ${warnings.length} 件` : ''}）`,
          `✓ ${edition.id}: ${loaded.files.length} files OK (${calls} calls, ${sites} sites${warnings.length ? `, ${warnings.length} warnings` : ''})`,
        ),
      ),
    );
  }
  return EXIT.OK;
}
