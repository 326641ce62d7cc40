/**
 * The program: `folkehelse <command>`. bin/folkehelse runs it (dist/main.js). It sits above the
 * commands and registers them; the commands use the terminal helpers in src/cli/, which never
 * import a command.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, FolkehelseError } from './base/errors.js';
import { msg, render, say, setMessageLang } from './base/messages.js';
import { VERSION } from './base/version.js';
import { commanderError, seeHelp } from './cli/commander-text.js';
import { helpAfter, helpConfiguration } from './cli/help.js';
import { messageLangFromArgv } from './cli/lang.js';
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

/** The exit codes, as `folkehelse --help` and the README give them (in the program's English; the help shows them in the run's language). */
export const EXIT_CODES_HELP = render(msg('help.exitCodes'), 'en');

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  // Messages in the user's language from the first one on (the library's are English): set here, undone at the end.
  const before = setMessageLang(messageLangFromArgv(argv, io.env));
  try {
    return await run(argv, io);
  } finally {
    setMessageLang(before);
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  let exitCode = EXIT_OK;
  const ctx: CommandContext = { io, style: makeStyle(Boolean(io.stdout.isTTY), io.env), setExitCode: (code) => (exitCode = code) };
  const program = new Command();
  program
    .name('folkehelse')
    .description(say('help.description'))
    .configureHelp(helpConfiguration())
    .version(VERSION, '-v, --version', say('help.version'))
    .helpOption('-h, --help', say('help.helpOption'))
    .helpCommand('help [command]', say('help.helpCommand'))
    .showHelpAfterError(seeHelp())
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: (s, write) => write(commanderError(s)) })
    .addHelpText(
      'after',
      helpAfter(
        ['folkehelse validate data', 'folkehelse inspect data/ssb/07459.json', 'folkehelse indicators --data data --kommune 5037', 'folkehelse build --format md,html', 'folkehelse init levanger --kommune 5037'],
        [say('help.lang'), say('help.exitCodes')],
        `${say('help.start')}\n  $ folkehelse init eksempel --example\n  $ cd eksempel\n\n${say('help.titleExamples')}`,
      ),
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
    const details = io.env.FOLKEHELSE_DEBUG ? `\n${err?.stack}` : render(msg('errors.internalDetails'));
    io.stderr.write(`folkehelse: ${render(msg('errors.internal', { message: err?.message ?? String(e), details }))}\n`);
    return EXIT_INTERNAL;
  }
}
