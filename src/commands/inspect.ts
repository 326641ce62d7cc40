import { EXIT_PARTIAL } from '../base/errors.js';
import { exitCodeFor } from '../cli/exit.js';
import { jsonForTerminal } from '../cli/terminal.js';
import type { FormatId } from '../sources/detect.js';
import { inspectFile } from '../sources/inspect.js';
import { renderInspectText } from '../cli/inspect-text.js';
import type { RegisterCommand } from './context.js';
import { formatOption, messagesLangOption, parseSize, strictOption } from './options.js';

export const register: RegisterCommand = (program, { io, style, setExitCode }) => {
  program
    .command('inspect')
    .description('describe one export: source, encoding, layout, geographies, periods and measures')
    .argument('<file>', 'a data file')
    .addOption(formatOption())
    .option('--json', 'print a machine-readable description')
    .option('--max-size <size>', 'largest file to read', '1GB')
    .addOption(strictOption())
    .addOption(messagesLangOption())
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse inspect data/ungdata/ungdata_innherred.csv
  $ folkehelse inspect data/ssb/07459.json --json

Exit codes: 0 described (warnings allowed; --strict: none), 1 the file has errors (run validate),
2 the file cannot be read as data at all.`,
    )
    .action(async (file: string, opts: { format?: FormatId; json?: boolean; maxSize: string; strict?: boolean }) => {
      const report = await inspectFile(file, { format: opts.format, maxBytes: parseSize(opts.maxSize) });
      io.stdout.write(opts.json ? jsonForTerminal(report) : renderInspectText(report, style));
      setExitCode(report.errors > 0 ? EXIT_PARTIAL : exitCodeFor({ failed: 0, warnings: report.warnings, strict: opts.strict }, io));
    });
};
