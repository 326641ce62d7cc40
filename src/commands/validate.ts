import { relative } from 'node:path';
import { EXIT_PARTIAL, EXIT_USAGE, msg, say, UsageError, type Message } from '../base/errors.js';
import { render } from '../base/messages.js';
import type { FormatId } from '../sources/detect.js';
import { renderValidationText } from '../cli/validate-text.js';
import { validatePaths } from '../app/validate.js';
import { exitCodeFor } from '../cli/exit.js';
import { helpAfter } from '../cli/help.js';
import { escapeTerminal, jsonForTerminal } from '../cli/terminal.js';
import type { RegisterCommand } from './context.js';
import { formatOption, messagesLangOption, parseSize, strictOption } from './options.js';

export const register: RegisterCommand = (program, { io, style, setExitCode }) => {
  program
    .command('validate')
    .description(say('help.validateDescription'))
    .argument('<paths...>', say('help.validatePaths'))
    .addOption(formatOption())
    .option('--json', say('help.validateJson'))
    .option('--max-per-type <n>', say('help.validateMaxPerType'), '10')
    .option('--max-size <size>', say('help.maxSize'), '1GB')
    .option('--no-warnings', say('help.validateNoWarnings'))
    .addOption(strictOption())
    .addOption(messagesLangOption())
    .addHelpText(
      'after',
      helpAfter(['folkehelse validate data', 'folkehelse validate data/ungdata --json > rapport.json', 'folkehelse validate data/fhi/nokkel-175.json --format fhi-jsonstat --max-size 4GB'], [say('help.validateExitCodes')]),
    )
    .action(async (paths: string[], opts: { format?: FormatId; json?: boolean; maxPerType: string; maxSize: string; warnings: boolean; strict?: boolean }) => {
      const maxPerType = Number(opts.maxPerType);
      if (!Number.isInteger(maxPerType) || maxPerType < 0) throw new UsageError(msg('errors.usage.maxPerType', { value: opts.maxPerType }));
      const report = await validatePaths(paths, { format: opts.format, maxBytes: parseSize(opts.maxSize) });
      if (opts.json) io.stdout.write(jsonForTerminal(report));
      else io.stdout.write(renderValidationText(report, style, maxPerType, opts.warnings));
      const t = report.totals;
      if (t.files === 0) {
        // Nothing was checked: saying "0 errors" would read as a pass.
        io.stderr.write(`folkehelse: ${render(noDataMessage(paths, report.skipped))}\n`);
        setExitCode(EXIT_USAGE);
        return;
      }
      // Not one file could be read: nothing was checked. Some: those were left out.
      if (t.unreadable === t.files) setExitCode(EXIT_USAGE);
      else setExitCode(t.errors > 0 ? EXIT_PARTIAL : exitCodeFor({ failed: t.unreadable, warnings: t.warnings, strict: opts.strict }, io));
    });
};

/** "no data file … found; it has 2 files that are not read as data: a.xlsx, b.pdf (folkehelse reads .csv …)". */
export function noDataMessage(paths: string[], skipped: string[]): Message {
  const where = paths.join(', ');
  if (skipped.length === 0) return msg('validate.noDataEmpty', { paths: where });
  const byExt = new Map<string, number>();
  for (const f of skipped) {
    const ext = /\.([^./\\]+)$/.exec(f)?.[1]?.toLowerCase() ?? '';
    byExt.set(ext, (byExt.get(ext) ?? 0) + 1);
  }
  const kinds = [...byExt].map(([ext, n]) => `${n} ${ext ? `.${ext}` : say('validate.noExtension')}`).join(', ');
  const shown = skipped.slice(0, 5).map((f) => escapeTerminal(relative(process.cwd(), f) || f)).join(', ');
  const hint = byExt.has('xlsx') || byExt.has('xls') ? msg('validate.excelHint') : '';
  return msg('validate.noData', { paths: where, kinds, files: msg(skipped.length === 1 ? 'validate.file' : 'validate.filesWord'), shown: `${shown}${skipped.length > 5 ? ' …' : ''}`, hint });
}
