/** `kyoso-docs new-edition <id> --from <id>` — next fiscal year's edition from this year's data, and what still needs a person. */
import { EXIT, isKyosoError, msg, fail } from '../../shared/errors.ts';
import { fiscalYear } from '../../shared/format/index.ts';
import { t } from '../../shared/i18n.ts';
import { newEdition } from '../../app/new-edition.ts';
import type { CommandContext } from '../types.ts';

export async function run({ args, values, paths, io }: CommandContext): Promise<number> {
  const [id, ...extra] = args;
  const from = values.from;
  if (id === undefined || extra.length > 0 || typeof from !== 'string' || from === '') {
    throw fail('newEditionUsage', {});
  }
  let result: Awaited<ReturnType<typeof newEdition>>;
  try {
    result = await newEdition({ paths, id, from });
  } catch (err) {
    // The folder exists by now when only the validation failed: say so, so the next run is a fix, not a retry.
    if (isKyosoError(err) && err.code === 'DATA_INVALID' && err.id !== 'newEditionSourceInvalid') {
      io.err(
        t(
          msg(
            `data/${id} を作成しましたが、検証で問題が見つかりました。下の箇所を直してください（やり直す場合は data/${id} を削除）。`,
            `data/${id} was created but does not validate; fix the places below (or delete data/${id} to start over).`,
          ),
        ),
      );
    }
    throw err;
  }
  io.out(
    t(
      msg(
        `✓ data/${result.id} を作成しました（${from} から、${fiscalYear(result.fiscalYear)}、案）。検証 OK。`,
        `✓ created data/${result.id} (from ${from}, fiscal year ${result.fiscalYear}, draft). It validates.`,
      ),
    ),
  );
  io.out('');
  io.out(t(msg('人が確認・更新するもの:', 'Still needs a person:')));
  for (const s of result.review) {
    io.out('');
    io.out(`■ ${t(s.title)}`);
    for (const item of s.items) io.out(`  ${item.file}:${item.line}  ${t(item.what)}: ${item.value}`);
  }
  io.out('');
  io.out(
    t(
      msg(
        `確認後: npm run validate -- ${result.id} → npm run build -- ${result.id}。確定したら edition.yaml の status を final に。`,
        `Then: npm run validate -- ${result.id} → npm run build -- ${result.id}. Once confirmed, set status: final in edition.yaml.`,
      ),
    ),
  );
  return EXIT.OK;
}
