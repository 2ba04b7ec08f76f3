/**
 * The command line: argv → typed options → the command's module (the static table in
 * commands.ts). This is the one place that maps errors to exit codes; it returns the code,
 * so every `finally` (browser close, temp cleanup) still runs.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { COMMANDS } from './commands.ts';
import { enableDebug } from '../shared/debug.ts';
import { EXIT, isKyosoError, msg, fail } from '../shared/errors.ts';
import { parseLang, setLang, t } from '../shared/i18n.ts';
import { formatError } from '../shared/report.ts';
import { terminalSafe } from '../shared/unicode.ts';
import { projectPaths } from '../shared/paths.ts';
import { checkTmpdir } from '../shared/tmp.ts';
import type { CliIO } from './types.ts';

export type { CliIO } from './types.ts';

const COMMON_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  lang: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** The terminal: every line goes through the character rule's terminal form (a file name's ANSI escape is shown, not obeyed). */
export const defaultIO: CliIO = {
  out: (l) => process.stdout.write(`${terminalSafe(l)}\n`),
  err: (l) => process.stderr.write(`${terminalSafe(l)}\n`),
};

export interface RunOptions {
  /** Project root to work on instead of the tool's own (tests point this at a temp copy). */
  root?: string;
  /** Templates folder instead of the tool's own (tests break a copy of it). */
  templatesDir?: string;
  /** Aborts long work (the CLI entry wires SIGINT/SIGTERM to it). */
  signal?: AbortSignal;
}

async function help(): Promise<string> {
  const { outputGroups, outputKinds } = await import('../outputs/index.ts');
  const facts = { kinds: outputKinds(), groups: outputGroups() };
  const lines: string[] = [];
  for (const name of Object.keys(COMMANDS).sort()) {
    const usage = COMMANDS[name]!.usage;
    lines.push(`  kyoso-docs ${t(typeof usage === 'function' ? usage(facts) : usage)}`);
  }
  return t(
    msg(
      `kyoso-docs — 共創の場形成支援の説明資料をデータから生成します\n\n使い方:\n${lines.join('\n')}\n\n共通オプション:\n  --lang ja|en    メッセージの言語（既定 ja、環境変数 KYOSO_LANG）\n  --debug         経過の詳細（kyoso:browser など）と内部エラーのスタックトレースを表示\n  -h, --help      このヘルプ`,
      `kyoso-docs — builds the 共創の場形成支援 briefing documents from data\n\nUsage:\n${lines.join('\n')}\n\nCommon options:\n  --lang ja|en    message language (default ja, env KYOSO_LANG)\n  --debug         log what each area does (kyoso:browser …) and show stack traces\n  -h, --help      this help`,
    ),
  );
}

/**
 * The command name: the first positional token, read with every command's options known, so an
 * option's value (`--only slides`) is never taken for the command, before or after it.
 */
export function commandArg(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  const options: NonNullable<ParseArgsConfig['options']> = { ...COMMON_OPTIONS };
  for (const spec of Object.values(COMMANDS)) Object.assign(options, spec.options ?? {});
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const first = tokens.find((tok) => tok.kind === 'positional');
  if (!first) return { name: undefined, rest: [...argv] };
  return { name: first.value, rest: argv.filter((_, i) => i !== first.index) };
}

/** Run the CLI; resolves to the exit code (also set on process.exitCode by `main`). */
export async function run(argv: readonly string[], io: CliIO = defaultIO, options: RunOptions = {}): Promise<number> {
  let debug = argv.includes('--debug');
  // The language is process-wide state; set it on every run so one `--lang en` does not leak into the next in-process run.
  setLang(parseLang(process.env.KYOSO_LANG) ?? 'ja');
  try {
    const { name, rest } = commandArg(argv);
    const names = Object.keys(COMMANDS).sort();
    if (name !== undefined && name !== 'help' && !names.includes(name)) {
      throw fail('unknownCommand', { name, names });
    }
    const command = name === undefined || name === 'help' ? undefined : COMMANDS[name];
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { ...COMMON_OPTIONS, ...(command?.options ?? {}) },
    });
    if (values.lang !== undefined) {
      const lang = parseLang(String(values.lang));
      if (!lang) throw fail('badLang', { got: String(values.lang) });
      setLang(lang);
    }
    debug = values.debug === true;
    // Every area's debug log on stderr (KYOSO_DEBUG=browser,plan picks some).
    // Set on every run, as the language is: one in-process run's --debug must not stay on for the next.
    enableDebug(debug ? '*' : (process.env.KYOSO_DEBUG ?? ''));
    if (values.help || !command) {
      io.out(await help());
      return name === undefined && !values.help ? EXIT.USAGE : EXIT.OK;
    }
    const paths = projectPaths({
      ...(options.root === undefined ? {} : { root: options.root }),
      ...(options.templatesDir === undefined ? {} : { templatesDir: options.templatesDir }),
    });
    // These start a browser (its profile) or check out a revision in the temporary folder.
    if (name === 'build' || name === 'dev' || name === 'diff' || name === 'release') checkTmpdir();
    const runCommand = await command.load();
    return await runCommand({ args: positionals, values, paths, io, signal: options.signal ?? new AbortController().signal });
  } catch (err) {
    if (isKyosoError(err)) {
      io.err(formatError(err, { debug }));
      return err.exitCode;
    }
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(formatError(fail('badArguments', { text: (err as Error).message }), { debug }));
      return EXIT.USAGE;
    }
    // Not ours: a bug. Say so plainly, with the stack, so it gets reported.
    io.err(t(msg('内部エラー（kyoso-docs の不具合です。以下を開発者に伝えてください）:', 'Internal error (a bug in kyoso-docs; please report the following):')));
    io.err(String((err as Error)?.stack ?? err));
    return EXIT.INTERNAL;
  }
}
