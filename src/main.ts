/**
 * The program: `folkehelse <command>`. bin/folkehelse runs it (dist/main.js). It sits above the
 * commands and registers them; the commands use the terminal helpers in src/cli/, which never
 * import a command.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, FolkehelseError } from './base/errors.js';
import { VERSION } from './base/version.js';
import { makeStyle } from './cli/style.js';
import type { CliIO } from './cli/terminal.js';
import type { CommandContext, RegisterCommand } from './commands/context.js';
import { register as browser } from './commands/browser.js';
import { register as build } from './commands/build.js';
import { register as fetch } from './commands/fetch.js';
import { register as indicators } from './commands/indicators.js';
import { register as init } from './commands/init.js';
import { register as inspect } from './commands/inspect.js';
import { register as validate } from './commands/validate.js';
import { register as diff } from './commands/diff.js';
import { register as vurderinger } from './commands/vurderinger.js';
import { register as preview } from './commands/preview.js';

export type { CliIO };

/** Every command, in the order `--help` lists them. A new command is one module and one line here. */
const COMMANDS: RegisterCommand[] = [
  init,
  validate,
  inspect,
  fetch,
  indicators,
  build,
  diff,
  browser,
  vurderinger,
  preview,
];

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  let exitCode = EXIT_OK;
  const ctx: CommandContext = { io, style: makeStyle(Boolean(io.stdout.isTTY), io.env), setExitCode: (code) => (exitCode = code) };
  const program = new Command();
  program
    .name('folkehelse')
    .description("Builds a Norwegian municipality's public-health overview (oversiktsdokument) from FHI, SSB, KOSTRA and Ungdata exports.")
    .version(VERSION, '-v, --version', 'print the version (-V works too)')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse init levanger --kommune 5037
  $ folkehelse validate fixtures/innherred
  $ folkehelse inspect ../shared/real-exports/ssb/11616-latin1-quoted.csv
  $ folkehelse indicators --data fixtures/innherred --kommune 5037
  $ folkehelse build --config fixtures/innherred/folkehelse.config.json
  $ folkehelse preview --config fixtures/innherred/folkehelse.config.json --kommune 5037

Exit codes: 0 ok, 1 invalid data, 2 usage or file error, 3 internal error.`,
    );
  for (const register of COMMANDS) register(program, ctx);

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_USAGE;
    }
    // -V (the old spelling) still prints the version.
    await program.parseAsync(argv[0] === '-V' ? ['--version', ...argv.slice(1)] : argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE; // commander has already printed the message
    }
    if (e instanceof FolkehelseError) {
      io.stderr.write(`folkehelse: ${e.message}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr.write(`folkehelse: internal error: ${err?.message ?? String(e)}\nThis is a bug in folkehelse, not a problem with your data; please report it${io.env.FOLKEHELSE_DEBUG ? `\n${err?.stack}` : ' (set FOLKEHELSE_DEBUG=1 to see the details)'}.\n`);
    return EXIT_INTERNAL;
  }
}
