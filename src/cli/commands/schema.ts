/** `kyoso-docs schema` — write JSON Schema files for editors from the zod schemas. */
import { EXIT, msg } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import { writeJsonSchemas } from '../../schema/jsonschema.ts';
import type { Command } from '../types.ts';

export const command: Command = {
  usage: msg('schema                      JSON Schema を schema/ に書き出す', 'schema                      write JSON Schema files into schema/'),
  async run({ paths, io }) {
    const written = await writeJsonSchemas(paths.root);
    io.out(t(msg(`${written.length} 個の JSON Schema を schema/ に書き出しました`, `wrote ${written.length} JSON Schema files into schema/`)));
    return EXIT.OK;
  },
};
