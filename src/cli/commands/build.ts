/** `kyoso-docs build [edition...]` — slides and guidelines of the editions. */
import { build } from '../../app/build.ts';
import { isOutputKind, outputGroups, outputKinds, type OutputGroup } from '../../outputs/index.ts';
import { EXIT, fail } from '../../shared/errors.ts';
import type { CommandContext } from '../types.ts';

export async function run({ args, values, paths, io, signal }: CommandContext): Promise<number> {
  const only = values.only;
  if (only !== undefined && !outputGroups().includes(only as OutputGroup)) {
    throw fail('badOnly', { got: String(only), groups: outputGroups() });
  }
  const formats = typeof values.formats === 'string' ? values.formats.split(',').map((f) => f.trim()) : undefined;
  const unknown = formats?.filter((f) => !isOutputKind(f)) ?? [];
  if (unknown.length > 0) {
    throw fail('badFormats', { unknown, kinds: outputKinds() });
  }
  await build({
    paths,
    editions: args,
    only: only as OutputGroup | undefined,
    ...(formats ? { formats: formats.filter(isOutputKind) } : {}),
    force: values.force === true,
    allowOverflow: values['allow-overflow'] === true,
    final: values.final === true,
    log: io.err,
    signal,
  });
  return EXIT.OK;
}
