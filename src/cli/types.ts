/**
 * A CLI command: one module per command under src/cli/commands/, named after it
 * (`release.ts` → `kyoso-docs release`). The CLI discovers them, so adding a
 * command never means editing a shared switch.
 */
import type { ParseArgsConfig } from 'node:util';
import type { ProjectPaths } from '../shared/paths.ts';
import type { Message } from '../shared/values.ts';

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CommandContext {
  /** Positional arguments after the command name. */
  args: string[];
  /** Parsed options (the command's own and the common ones). */
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  paths: ProjectPaths;
  io: CliIO;
  /** Aborted on SIGINT/SIGTERM; long work should stop at the next safe point. */
  signal: AbortSignal;
}

export interface Command {
  /** One line for --help: `validate [版...]  データを検証` */
  usage: Message;
  /** Options this command accepts besides the common ones. */
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Returns the exit code; throws KyosoError for user-facing failures. */
  run(ctx: CommandContext): Promise<number>;
}
