import { relative } from 'node:path';
import { EXIT_INVALID_DATA, EXIT_OK, EXIT_USAGE, UsageError } from '../base/errors.js';
import type { FormatId } from '../sources/detect.js';
import { renderValidationText } from '../cli/validate-text.js';
import { validatePaths } from '../app/validate.js';
import { escapeTerminal, jsonForTerminal } from '../cli/terminal.js';
import type { RegisterCommand } from './context.js';
import { formatOption, parseSize } from './options.js';

export const register: RegisterCommand = (program, { io, style, setExitCode }) => {
  program
    .command('validate')
    .description('check data files (or every data file in folders) and report each problem with file, line and column')
    .argument('<paths...>', 'files or folders')
    .addOption(formatOption())
    .option('--json', 'print a machine-readable report')
    .option('--max-per-type <n>', 'problems shown per type and file in the text report', '10')
    .option('--max-size <size>', 'largest file to read', '1GB')
    .option('--no-warnings', 'leave warnings out of the text report')
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse validate fixtures/innherred
  $ folkehelse validate data/ungdata.csv --json > report.json
  $ folkehelse validate big-cube.csv --format fhi-cube --max-size 4GB

Exit codes: 0 every file valid, 1 some data invalid, 2 a file could not be read, no data file was found, or bad usage.`,
    )
    .action(async (paths: string[], opts: { format?: FormatId; json?: boolean; maxPerType: string; maxSize: string; warnings: boolean }) => {
      const maxPerType = Number(opts.maxPerType);
      if (!Number.isInteger(maxPerType) || maxPerType < 0) throw new UsageError(`--max-per-type: "${opts.maxPerType}" is not a whole number`);
      const report = await validatePaths(paths, { format: opts.format, maxBytes: parseSize(opts.maxSize) });
      if (opts.json) io.stdout.write(jsonForTerminal(report));
      else io.stdout.write(renderValidationText(report, style, maxPerType, opts.warnings));
      if (report.totals.files === 0) {
        // Nothing was checked: saying "0 errors" would read as a pass.
        io.stderr.write(`folkehelse: ${noDataMessage(paths, report.skipped)}\n`);
        setExitCode(EXIT_USAGE);
        return;
      }
      setExitCode(report.totals.unreadable > 0 ? EXIT_USAGE : report.totals.errors > 0 ? EXIT_INVALID_DATA : EXIT_OK);
    });
};

/** "no data file … found; it has 2 files that are not read as data: a.xlsx, b.pdf (folkehelse reads .csv …)". */
export function noDataMessage(paths: string[], skipped: string[]): string {
  const where = paths.join(', ');
  if (skipped.length === 0) return `no data file found in ${where}: it is empty. folkehelse reads .csv, .tsv, .txt and .json exports`;
  const byExt = new Map<string, number>();
  for (const f of skipped) {
    const ext = /\.([^./\\]+)$/.exec(f)?.[1]?.toLowerCase() ?? '(no extension)';
    byExt.set(ext, (byExt.get(ext) ?? 0) + 1);
  }
  const kinds = [...byExt].map(([ext, n]) => `${n} .${ext}`.replace('.(no', '(no')).join(', ');
  const shown = skipped.slice(0, 5).map((f) => escapeTerminal(relative(process.cwd(), f) || f)).join(', ');
  const hint = byExt.has('xlsx') || byExt.has('xls') ? '; save Excel sheets as CSV (or download the CSV export) first' : '';
  return `no data file found in ${where}: found ${kinds} ${skipped.length === 1 ? 'file' : 'files'} (${shown}${skipped.length > 5 ? ' …' : ''}), none of them .csv, .tsv, .txt or .json data${hint}`;
}
