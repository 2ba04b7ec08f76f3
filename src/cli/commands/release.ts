/** `kyoso-docs release [edition...]` — reproducible build into output/release/<edition>/ with SHA256SUMS and manifest.json. */
import { EXIT, msg } from '../../shared/errors.ts';
import { selectEditions } from '../../app/editions.ts';
import { t } from '../../shared/i18n.ts';
import { release, SUMS_FILE } from '../../app/release.ts';
import { BrowserSession } from '../../stages/convert/browser.ts';
import type { CommandContext } from '../types.ts';

export async function run({ args, values, paths, io, signal }: CommandContext): Promise<number> {
  const editions = await selectEditions(paths, args);
  // One browser for every edition of the run; Ctrl-C closes it so page work stops at once.
  const session = new BrowserSession({ signal });
  try {
    for (const edition of editions) {
      const { dir, manifest } = await release({ paths, edition, session, signal, log: io.err, allowDirty: values['allow-dirty'] === true });
      for (const f of manifest.files) io.out(`${f.sha256}  ${f.name}${f.pages !== undefined ? t(msg(`  （${f.pages} ページ）`, `  (${f.pages} pages)`)) : ''}`);
      io.out(t(msg(`検証: cd ${dir} && sha256sum -c ${SUMS_FILE}`, `verify: cd ${dir} && sha256sum -c ${SUMS_FILE}`)));
    }
  } finally {
    await session.close();
  }
  return EXIT.OK;
}
