/**
 * The command line: argv → typed options → the core functions. This is the one
 * place that maps errors to exit codes; it sets process.exitCode and returns,
 * so every `finally` (browser close, temp cleanup) still runs.
 */
import { parseArgs } from 'node:util';
import { EXIT, KyosoError, isKyosoError, msg } from './errors.ts';
import { getLang, parseLang, setLang, t } from './i18n.ts';
import { formatError } from './report.ts';
import { projectPaths } from './project.ts';
import { loadEditions, selectEditions } from './editions.ts';

const HELP = {
  ja: `kyoso-docs — 共創の場形成支援の説明資料をデータから生成します

使い方:
  kyoso-docs validate [版...]          データを検証（既定: すべての版）
  kyoso-docs build [版...]             スライドと公募要領をすべて生成
      --only slides|guidelines       片方だけ生成
      --force                        変更がなくても作り直す
      --allow-overflow               はみ出しを警告に格下げ
  kyoso-docs schema                    JSON Schema を schema/ に書き出す

共通オプション:
  --lang ja|en    メッセージの言語（既定 ja、環境変数 KYOSO_LANG）
  --debug         内部エラーのスタックトレースを表示
  -h, --help      このヘルプ`,
  en: `kyoso-docs — builds the 共創の場形成支援 briefing documents from data

Usage:
  kyoso-docs validate [edition...]     validate the data (default: every edition)
  kyoso-docs build [edition...]        build slides and guidelines
      --only slides|guidelines       build one kind only
      --force                        rebuild even when nothing changed
      --allow-overflow               downgrade overflow errors to warnings
  kyoso-docs schema                    write JSON Schema files into schema/

Common options:
  --lang ja|en    message language (default ja, env KYOSO_LANG)
  --debug         show stack traces of internal errors
  -h, --help      this help`,
};

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIO: CliIO = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

export interface RunOptions {
  /** Project root to work on instead of the tool's own (tests point this at a temp copy). */
  root?: string;
}

/** Run the CLI; resolves to the exit code (also set on process.exitCode by `main`). */
export async function run(argv: readonly string[], io: CliIO = defaultIO, options: RunOptions = {}): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        lang: { type: 'string' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        only: { type: 'string' },
        force: { type: 'boolean' },
        'allow-overflow': { type: 'boolean' },
      },
    });
    // The language is process-wide state; set it on every run so one `--lang en` does not leak into the next in-process run.
    setLang(parseLang(process.env.KYOSO_LANG) ?? 'ja');
    if (values.lang !== undefined) {
      const lang = parseLang(values.lang);
      if (!lang) throw new KyosoError('USAGE', msg(`--lang は ja か en です（指定: ${values.lang}）`, `--lang must be ja or en (got ${values.lang})`));
      setLang(lang);
    }
    debug = values.debug ?? false;
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.out(HELP[getLang()]);
      return command === undefined && !values.help ? EXIT.USAGE : EXIT.OK;
    }
    const paths = projectPaths(options.root === undefined ? {} : { root: options.root });
    switch (command) {
      case 'validate': {
        const ids = await selectEditions(paths, rest);
        const editions = await loadEditions(paths, ids);
        for (const { edition, loaded } of editions) {
          io.out(t(summaryLine(edition.id, loaded.files.length, edition)));
        }
        return EXIT.OK;
      }
      case 'schema': {
        const { writeJsonSchemas } = await import('./schema/jsonschema.ts');
        const written = await writeJsonSchemas(paths.root);
        io.out(t(msg(`${written.length} 個の JSON Schema を schema/ に書き出しました`, `wrote ${written.length} JSON Schema files into schema/`)));
        return EXIT.OK;
      }
      case 'build': {
        const only = values.only;
        if (only !== undefined && only !== 'slides' && only !== 'guidelines') {
          throw new KyosoError('USAGE', msg(`--only は slides か guidelines です（指定: ${only}）`, `--only must be slides or guidelines (got ${only})`));
        }
        const { build } = await import('./build.ts');
        await build({
          paths,
          editions: rest,
          only: only as 'slides' | 'guidelines' | undefined,
          force: values.force ?? false,
          allowOverflow: values['allow-overflow'] ?? false,
          log: io.err,
        });
        return EXIT.OK;
      }
      default:
        throw new KyosoError('USAGE', msg(`不明なコマンド「${command}」`, `Unknown command "${command}"`), {
          hint: msg('kyoso-docs --help で使い方を表示します。', 'Run kyoso-docs --help for usage.'),
        });
    }
  } catch (err) {
    if (isKyosoError(err)) {
      io.err(formatError(err, { debug }));
      return err.exitCode;
    }
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(formatError(new KyosoError('USAGE', msg((err as Error).message, (err as Error).message), { hint: msg('kyoso-docs --help で使い方を表示します。', 'Run kyoso-docs --help for usage.') }), { debug }));
      return EXIT.USAGE;
    }
    // Not ours: a bug. Say so plainly, with the stack, so it gets reported.
    io.err(t(msg('内部エラー（kyoso-docs の不具合です。以下を開発者に伝えてください）:', 'Internal error (a bug in kyoso-docs; please report the following):')));
    io.err(String((err as Error)?.stack ?? err));
    return EXIT.INTERNAL;
  }
}

function summaryLine(id: string, fileCount: number, edition: import('./schema/index.ts').Edition): { ja: string; en: string } {
  const calls = edition.calls.length;
  const sites = edition.sites.sites.length;
  return msg(
    `✓ ${id}: ${fileCount} ファイル OK（公募 ${calls} 件、拠点 ${sites} 件）`,
    `✓ ${id}: ${fileCount} files OK (${calls} calls, ${sites} sites)`,
  );
}

export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await run(argv);
}
