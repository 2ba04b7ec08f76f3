/**
 * The command line: argv → typed options → a command module (src/cli/commands/<name>.ts).
 * This is the one place that maps errors to exit codes; it sets
 * process.exitCode and returns, so every `finally` (browser close, temp
 * cleanup) still runs.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, KyosoError, isKyosoError, msg } from '../shared/errors.ts';
import { parseLang, setLang, t } from '../shared/i18n.ts';
import { formatError } from '../shared/report.ts';
import { projectPaths } from '../shared/paths.ts';
import type { CliIO, Command } from './types.ts';

export type { CliIO } from './types.ts';

const COMMANDS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands');

const COMMON_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  lang: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const defaultIO: CliIO = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

export interface RunOptions {
  /** Project root to work on instead of the tool's own (tests point this at a temp copy). */
  root?: string;
  /** Templates folder instead of the tool's own (tests break a copy of it). */
  templatesDir?: string;
  /** Aborts long work (the CLI entry wires SIGINT/SIGTERM to it). */
  signal?: AbortSignal;
}

/** Command names: one module per file in src/cli/commands/ (types.ts is not a command). */
async function commandNames(): Promise<string[]> {
  const files = await readdir(COMMANDS_DIR);
  return files.filter((f) => f.endsWith('.ts') && f !== 'types.ts').map((f) => f.slice(0, -3)).sort();
}

async function loadCommand(name: string): Promise<Command> {
  const mod = (await import(path.join(COMMANDS_DIR, `${name}.ts`))) as { command: Command };
  return mod.command;
}

async function help(): Promise<string> {
  const lines: string[] = [];
  for (const name of await commandNames()) lines.push(`  kyoso-docs ${t((await loadCommand(name)).usage)}`);
  return t(
    msg(
      `kyoso-docs — 共創の場形成支援の説明資料をデータから生成します\n\n使い方:\n${lines.join('\n')}\n\n共通オプション:\n  --lang ja|en    メッセージの言語（既定 ja、環境変数 KYOSO_LANG）\n  --debug         内部エラーのスタックトレースを表示\n  -h, --help      このヘルプ`,
      `kyoso-docs — builds the 共創の場形成支援 briefing documents from data\n\nUsage:\n${lines.join('\n')}\n\nCommon options:\n  --lang ja|en    message language (default ja, env KYOSO_LANG)\n  --debug         show stack traces of internal errors\n  -h, --help      this help`,
    ),
  );
}

/** The command name: the first argument that is neither an option nor an option's value. */
function commandArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--lang') {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** Run the CLI; resolves to the exit code (also set on process.exitCode by `main`). */
export async function run(argv: readonly string[], io: CliIO = defaultIO, options: RunOptions = {}): Promise<number> {
  let debug = argv.includes('--debug');
  // The language is process-wide state; set it on every run so one `--lang en` does not leak into the next in-process run.
  setLang(parseLang(process.env.KYOSO_LANG) ?? 'ja');
  try {
    const name = commandArg(argv);
    const names = await commandNames();
    if (name !== undefined && name !== 'help' && !names.includes(name)) {
      throw new KyosoError('USAGE', msg(`不明なコマンド「${name}」`, `Unknown command "${name}"`), {
        hint: msg(`使えるコマンド: ${names.join(', ')}（kyoso-docs --help）`, `Commands: ${names.join(', ')} (kyoso-docs --help)`),
      });
    }
    const command = name === undefined || name === 'help' ? undefined : await loadCommand(name);
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { ...COMMON_OPTIONS, ...(command?.options ?? {}) },
    });
    if (values.lang !== undefined) {
      const lang = parseLang(String(values.lang));
      if (!lang) throw new KyosoError('USAGE', msg(`--lang は ja か en です（指定: ${String(values.lang)}）`, `--lang must be ja or en (got ${String(values.lang)})`));
      setLang(lang);
    }
    debug = values.debug === true;
    if (values.help || !command) {
      io.out(await help());
      return name === undefined && !values.help ? EXIT.USAGE : EXIT.OK;
    }
    const paths = projectPaths({
      ...(options.root === undefined ? {} : { root: options.root }),
      ...(options.templatesDir === undefined ? {} : { templatesDir: options.templatesDir }),
    });
    return await command.run({ args: positionals.slice(1), values, paths, io, signal: options.signal ?? new AbortController().signal });
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

/**
 * The process entry. Ctrl-C / SIGTERM abort the run: the build stops at the next stage
 * boundary (the browser is closed at once, so page work fails fast), nothing is
 * published, temp folders are removed, and the exit code is INTERRUPTED's. A second
 * Ctrl-C while that cleanup runs exits immediately (the session's exit hook still kills
 * the browser and removes its profile).
 */
export async function main(argv: readonly string[]): Promise<void> {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    signals++;
    if (signals === 1) {
      defaultIO.err(t(msg(`\n${sig} を受け取りました。後始末をして終了します（もう一度押すと即時終了）…`, `\nReceived ${sig}; cleaning up before exit (press again to exit at once)…`)));
      controller.abort(new KyosoError('INTERRUPTED', msg(`${sig} で中断`, `interrupted by ${sig}`)));
      return;
    }
    // The user insisted: skip the remaining cleanup. 128 + SIGINT(2) / SIGTERM(15), as shells do.
    process.exit(sig === 'SIGTERM' ? 143 : 130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    process.exitCode = await run(argv, defaultIO, { signal: controller.signal });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

