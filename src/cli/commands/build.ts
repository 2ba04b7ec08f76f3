/** `kyoso-docs build [edition...]` — slides and guidelines of the editions. */
import { EXIT, KyosoError, msg } from '../../shared/errors.ts';
import { build } from '../../app/build.ts';
import type { Command } from '../types.ts';

export const command: Command = {
  usage: msg(
    'build [版...]               スライドと公募要領を生成\n    --only slides|guidelines  片方だけ生成\n    --force                   変更がなくても作り直す\n    --allow-overflow          はみ出しを警告に格下げ',
    'build [edition...]          build slides and guidelines\n    --only slides|guidelines  build one kind only\n    --force                   rebuild even when nothing changed\n    --allow-overflow          downgrade overflow errors to warnings',
  ),
  options: {
    only: { type: 'string' },
    force: { type: 'boolean' },
    'allow-overflow': { type: 'boolean' },
  },
  async run({ args, values, paths, io, signal }) {
    const only = values.only;
    if (only !== undefined && only !== 'slides' && only !== 'guidelines') {
      throw new KyosoError('USAGE', msg(`--only は slides か guidelines です（指定: ${String(only)}）`, `--only must be slides or guidelines (got ${String(only)})`));
    }
    await build({
      paths,
      editions: args,
      only,
      force: values.force === true,
      allowOverflow: values['allow-overflow'] === true,
      log: io.err,
      signal,
    });
    return EXIT.OK;
  },
};
