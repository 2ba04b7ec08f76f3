/**
 * What a command gets: one module per command under src/cli/commands/ exports `run(ctx)`;
 * its usage and options live in the static table (commands.ts).
 */
import type { ProjectPaths } from '../shared/paths.ts';

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
