import { EXIT_INVALID_DATA, EXIT_OK } from '../base/errors.js';
import { jsonForTerminal } from '../cli/terminal.js';
import type { FormatId } from '../sources/detect.js';
import { inspectFile } from '../sources/inspect.js';
import { renderInspectText } from '../cli/inspect-text.js';
import type { RegisterCommand } from './context.js';
import { formatOption, parseSize } from './options.js';

export const register: RegisterCommand = (program, { io, style, setExitCode }) => {
  program
    .command('inspect')
    .description('describe one export: source, encoding, layout, geographies, periods and measures')
    .argument('<file>', 'a data file')
    .addOption(formatOption())
    .option('--json', 'print a machine-readable description')
    .option('--max-size <size>', 'largest file to read', '1GB')
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse inspect ../shared/real-exports/fhi/psykiske_plager_ungdom.csv
  $ folkehelse inspect fixtures/innherred/data/ssb/07459.json --json`,
    )
    .action(async (file: string, opts: { format?: FormatId; json?: boolean; maxSize: string }) => {
      const report = await inspectFile(file, { format: opts.format, maxBytes: parseSize(opts.maxSize) });
      io.stdout.write(opts.json ? jsonForTerminal(report) : renderInspectText(report, style));
      setExitCode(report.errors > 0 ? EXIT_INVALID_DATA : EXIT_OK);
    });
};
