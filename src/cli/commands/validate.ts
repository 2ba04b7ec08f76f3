/** `kyoso-docs validate [edition...]` — check the data, one summary line per edition. */
import { EXIT, msg } from '../../shared/errors.ts';
import { loadEditions, selectEditions } from '../../app/editions.ts';
import { t } from '../../shared/i18n.ts';
import type { Command } from '../types.ts';

export const command: Command = {
  usage: msg('validate [版...]            データを検証（既定: すべての版）', 'validate [edition...]       validate the data (default: every edition)'),
  async run({ args, paths, io }) {
    const editions = await loadEditions(paths, await selectEditions(paths, args));
    for (const { edition, loaded } of editions) {
      const calls = edition.calls.length;
      const sites = edition.sites.sites.length;
      io.out(t(msg(`✓ ${edition.id}: ${loaded.files.length} ファイル OK（公募 ${calls} 件、拠点 ${sites} 件）`, `✓ ${edition.id}: ${loaded.files.length} files OK (${calls} calls, ${sites} sites)`)));
    }
    return EXIT.OK;
  },
};
