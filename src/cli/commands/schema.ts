/** `kyoso-docs schema` — write JSON Schema files for editors from the zod schemas. */
import { EXIT, msg } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import { writeJsonSchemas } from '../../schema/jsonschema.ts';
import type { CommandContext } from '../types.ts';

export async function run({ paths, io }: CommandContext): Promise<number> {
  const written = await writeJsonSchemas(paths.root);
  io.out(t(msg(`${written.length} 個の JSON Schema を schema/ に書き出しました`, `wrote ${written.length} JSON Schema files into schema/`)));
  return EXIT.OK;
}
