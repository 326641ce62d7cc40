import type { Command } from 'commander';
import type { Style } from '../cli/style.js';
import type { CliIO } from '../cli/terminal.js';

export type { CliIO };

/** What every command module gets from the program: its streams, terminal style and a way to set the exit code. */
export interface CommandContext {
  io: CliIO;
  style: Style;
  setExitCode(code: number): void;
}

/**
 * One module per command (`src/commands/<name>.ts`) exports `register`, which adds the command
 * (definition, options, help examples and action) to the program. `src/main.ts` lists them.
 */
export type RegisterCommand = (program: Command, ctx: CommandContext) => void;
