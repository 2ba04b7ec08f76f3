/** `kyoso-docs dev` — live preview: rebuild on save, serve the outputs on 127.0.0.1. */
import { EXIT, msg, fail } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import { startDev } from '../../app/dev/index.ts';
import type { CommandContext } from '../types.ts';

export const DEFAULT_PORT = 4000;

export async function run({ values, paths, io, signal }: CommandContext): Promise<number> {
  const raw = values.port;
  const explicit = raw !== undefined;
  const port = explicit ? Number(raw) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw fail('badPort', { got: String(raw) });
  }
  const options = { paths, log: io.err, allowOverflow: values['allow-overflow'] === true };
  let dev: Awaited<ReturnType<typeof startDev>>;
  try {
    dev = await startDev({ ...options, port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE') throw err;
    if (explicit) {
      throw fail('portInUse', { port });
    }
    // Said before the other port is taken, so a bookmark to :4000 that now shows something else is explained.
    io.err(t(msg(`ポート ${port} は使用中のため、空いているポートを使います`, `Port ${port} is in use; using a free one`)));
    dev = await startDev({ ...options, port: 0 });
  }
  io.out(t(msg(`プレビュー: ${dev.url}  （Ctrl-C で終了）`, `Preview: ${dev.url}  (Ctrl-C to stop)`)));
  // Stays up until Ctrl-C/SIGTERM (the CLI entry aborts the signal), then shuts down cleanly:
  // browser profile removed, build lock released.
  if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  io.err(t(msg('終了します…', 'stopping…')));
  await dev.close();
  return EXIT.OK;
}
