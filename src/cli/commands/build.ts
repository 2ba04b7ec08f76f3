/** `kyoso-docs build [edition...]` — slides and guidelines of the editions. */
import { build } from '../../app/build.ts';
import { OUTPUT_GROUPS, OUTPUT_KINDS, isOutputKind, type OutputGroup } from '../../outputs/index.ts';
import { EXIT, KyosoError, msg } from '../../shared/errors.ts';
import type { CommandContext } from '../types.ts';

export async function run({ args, values, paths, io, signal }: CommandContext): Promise<number> {
  const only = values.only;
  if (only !== undefined && !OUTPUT_GROUPS.includes(only as OutputGroup)) {
    throw new KyosoError('USAGE', msg(`--only は slides か guidelines です（指定: ${String(only)}）`, `--only must be slides or guidelines (got ${String(only)})`));
  }
  const formats = typeof values.formats === 'string' ? values.formats.split(',').map((f) => f.trim()) : undefined;
  const unknown = formats?.filter((f) => !isOutputKind(f)) ?? [];
  if (unknown.length > 0) {
    throw new KyosoError('USAGE', msg(`--formats に不明な形式があります: ${unknown.join(', ')}（使える形式: ${OUTPUT_KINDS.join(', ')}）`, `Unknown --formats: ${unknown.join(', ')} (formats: ${OUTPUT_KINDS.join(', ')})`));
  }
  await build({
    paths,
    editions: args,
    only: only as OutputGroup | undefined,
    ...(formats ? { formats: formats.filter(isOutputKind) } : {}),
    force: values.force === true,
    allowOverflow: values['allow-overflow'] === true,
    log: io.err,
    signal,
  });
  return EXIT.OK;
}
