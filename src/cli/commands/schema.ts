/**
 * `kyoso-docs schema` — write what is generated from the zod schemas and the error catalogue:
 * the JSON Schema files for editors (schema/) and the data and error references (docs/reference/).
 * One command for both, so whoever changes a schema or a message regenerates everything that
 * describes it.
 */
import { EXIT, msg } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import { writeJsonSchemas } from '../../schema/jsonschema.ts';
import { REFERENCE_DIR, referenceDocs, writeReferenceDocs } from '../../app/reference-docs.ts';
import type { CommandContext } from '../types.ts';

export async function run({ paths, io }: CommandContext): Promise<number> {
  const written = await writeJsonSchemas(paths.root);
  io.out(t(msg(`${written.length} 個の JSON Schema を schema/ に書き出しました`, `wrote ${written.length} JSON Schema files into schema/`)));
  const changed = await writeReferenceDocs(paths.root);
  const pages = referenceDocs().size;
  io.out(
    t(
      msg(
        `${REFERENCE_DIR}/ の参照ページ ${pages} 個のうち ${changed.length} 個を更新しました${changed.length ? `: ${changed.join(', ')}` : ''}`,
        `updated ${changed.length} of the ${pages} reference pages in ${REFERENCE_DIR}/${changed.length ? `: ${changed.join(', ')}` : ''}`,
      ),
    ),
  );
  return EXIT.OK;
}
