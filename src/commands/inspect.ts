import { EXIT_PARTIAL, say } from '../base/errors.js';
import { exitCodeFor } from '../cli/exit.js';
import { helpAfter } from '../cli/help.js';
import { jsonForTerminal } from '../cli/terminal.js';
import type { FormatId } from '../sources/detect.js';
import { inspectFile } from '../sources/inspect.js';
import { renderInspectText } from '../cli/inspect-text.js';
import type { RegisterCommand } from './context.js';
import { formatOption, messagesLangOption, parseSize, strictOption } from './options.js';

export const register: RegisterCommand = (program, { io, style, setExitCode }) => {
  program
    .command('inspect')
    .description(say('help.inspectDescription'))
    .argument('<file>', say('help.inspectFile'))
    .addOption(formatOption())
    .option('--json', say('help.inspectJson'))
    .option('--max-size <size>', say('help.maxSize'), '1GB')
    .addOption(strictOption())
    .addOption(messagesLangOption())
    .addHelpText('after', helpAfter(['folkehelse inspect data/ungdata/ungdata_innherred.csv', 'folkehelse inspect data/ssb/07459.json --json'], [say('help.inspectExitCodes')]))
    .action(async (file: string, opts: { format?: FormatId; json?: boolean; maxSize: string; strict?: boolean }) => {
      const report = await inspectFile(file, { format: opts.format, maxBytes: parseSize(opts.maxSize) });
      io.stdout.write(opts.json ? jsonForTerminal(report) : renderInspectText(report, style));
      setExitCode(report.errors > 0 ? EXIT_PARTIAL : exitCodeFor({ failed: 0, warnings: report.warnings, strict: opts.strict }, io));
    });
};
