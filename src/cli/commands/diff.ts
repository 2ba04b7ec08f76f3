/** `kyoso-docs diff <old> <new>` — the 新旧対照表 between two editions (or an edition at a git revision). */
import path from 'node:path';
import { EXIT, msg, fail } from '../../shared/errors.ts';
import { diff } from '../../app/diff/index.ts';
import { t } from '../../shared/i18n.ts';
import type { CommandContext } from '../types.ts';

export async function run({ args, paths, io, signal }: CommandContext): Promise<number> {
  if (args.length !== 2) {
    throw fail('diffSides', { got: args.length });
  }
  const [oldSpec, newSpec] = args as [string, string];
  const result = await diff({ paths, old: oldSpec, new: newSpec, signal });
  const n = (kind: string) => result.rows.filter((r) => r.kind === kind).length;
  const en = result.rows.length === 0 ? 'no changes' : `${n('changed')} changed, ${n('added')} added, ${n('removed')} removed`;
  io.out(t(msg(`新旧対照表 ${oldSpec} → ${newSpec}: ${result.summary}`, `新旧対照表 ${oldSpec} → ${newSpec}: ${en}`)));
  for (const file of result.written) io.out(`  ${path.relative(paths.root, file) || file}`);
  return EXIT.OK;
}
