import type { Command } from 'commander';
import type { Style } from '../cli/style.js';

/** Where a command writes; tests pass their own. */
export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** What every command module gets from the program: its streams, terminal style and a way to set the exit code. */
export interface CommandContext {
  io: CliIO;
  style: Style;
  setExitCode(code: number): void;
}

/**
 * One module per command (`src/commands/<name>.ts`) exports `register`, which adds the command
 * (definition, options, help examples and action) to the program. `src/cli/main.ts` lists them.
 */
export type RegisterCommand = (program: Command, ctx: CommandContext) => void;
