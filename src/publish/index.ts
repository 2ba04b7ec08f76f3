/**
 * Stage 6 — publish: put finished bytes into output/. Everything is rendered in
 * memory first; only then is each file written under a temporary name in its
 * own folder and renamed over the old one (rename is atomic on one filesystem).
 * All temporaries are written before the first rename, so a failure while
 * writing leaves every earlier output byte-identical.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { KyosoError, msg } from '../errors.ts';

export type OutputFiles = Map<string, Uint8Array | string>;

/** Temporary names share a recognisable prefix so a crashed run's leftovers can be swept. */
export const TEMP_MARK = '.kyoso-tmp-';

export async function publish(outDir: string, files: OutputFiles): Promise<string[]> {
  const staged: Array<{ tmp: string; target: string }> = [];
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    for (const [rel, content] of files) {
      const target = path.join(outDir, rel);
      if (!path.resolve(target).startsWith(path.resolve(outDir) + path.sep)) {
        throw new Error(`refusing to write outside the output folder: ${rel}`);
      }
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = path.join(path.dirname(target), `${TEMP_MARK}${tag}-${path.basename(target)}`);
      staged.push({ tmp, target });
      await writeFile(tmp, content);
    }
    for (const { tmp, target } of staged) await rename(tmp, target);
  } catch (cause) {
    await Promise.all(staged.map(({ tmp }) => rm(tmp, { force: true })));
    const code = (cause as NodeJS.ErrnoException).code ?? '';
    throw new KyosoError('OUTPUT_FAILED', msg(`出力フォルダ ${outDir} に書き込めません（${code || String(cause)}）`, `Cannot write to ${outDir} (${code || String(cause)})`), {
      hint: msg('空き容量と書き込み権限を確認してください。以前の出力はそのまま残っています。', 'Check free space and permissions. Earlier outputs were left as they were.'),
      cause,
    });
  }
  return staged.map((s) => s.target);
}
