import { EXIT_OK, EXIT_PARTIAL, say } from '../base/errors.js';
import { sayCount } from '../base/messages.js';
import type { CliIO } from './terminal.js';

/**
 * The exit code of a command that did its work (usage, configuration and environment errors are
 * thrown before, with exit code 2): 1 when part of what was asked for was not written (`failed`:
 * documents, tables, files left out) or, with `--strict`, when there were warnings; else 0.
 * Warnings are listed in the output and in `--json` either way.
 */
export function exitCodeFor(outcome: { failed: number; warnings: number; strict?: boolean }, io?: CliIO): number {
  if (outcome.failed > 0) return EXIT_PARTIAL;
  if (outcome.strict && outcome.warnings > 0) {
    io?.stderr.write(`folkehelse: ${say('cli.strict', { warnings: sayCount('words.warnings', outcome.warnings) })}\n`);
    return EXIT_PARTIAL;
  }
  return EXIT_OK;
}
