import { encodingName, formatCount, location } from '../validate/report.js';
import { ERROR_CODES, NOTE_CODES, WARNING_CODES, isNoteCode, type IssueCode } from '../validate/issues.js';
import type { ValidationReport } from '../app/validate.js';
import type { Style } from './style.js';
import { escapeTerminal } from './terminal.js';

/**
 * The human-readable validation report: per file, problems grouped by code and capped. Everything
 * that comes from the data (file names, messages quoting cells, values) goes through escapeTerminal.
 */
export function renderValidationText(report: ValidationReport, style: Style, maxPerCode: number, showWarnings = true): string {
  const out: string[] = [];
  const order: IssueCode[] = [...ERROR_CODES, ...WARNING_CODES, ...NOTE_CODES];
  for (const f of report.files) {
    if (f.fileError) {
      out.push(`${style.red('✗')} ${style.bold(escapeTerminal(f.file))}`);
      out.push(`    cannot be read: ${escapeTerminal(f.fileError.startsWith(f.file + ': ') ? f.fileError.slice(f.file.length + 2) : f.fileError)}`);
      continue;
    }
    const mark = f.valid ? style.green('✓') : style.red('✗');
    const what = `${f.formatDescription}, ${encodingName(f.encoding)}, ${formatCount(f.observations)} observations`;
    out.push(`${mark} ${style.bold(escapeTerminal(f.file))} ${style.dim(`(${escapeTerminal(what)})`)}`);
    for (const code of order) {
      const n = f.counts[code] ?? 0;
      if (n === 0) continue;
      const isError = (ERROR_CODES as readonly string[]).includes(code);
      if (!isError && !showWarnings) continue;
      const noun = isError ? 'error' : isNoteCode(code) ? 'note' : 'warning';
      out.push(`    ${isError ? style.red(code) : isNoteCode(code) ? code : style.yellow(code)} ${style.dim(`(${n} ${noun}${n === 1 ? '' : 's'})`)}`);
      const shown = f.issues.filter((i) => i.code === code).slice(0, maxPerCode);
      for (const i of shown) {
        const value = i.value !== null && !i.message.includes(i.value) ? ` [${JSON.stringify(i.value)}]` : '';
        out.push(`      ${escapeTerminal(location(i))}: ${escapeTerminal(i.message)}${escapeTerminal(value)}`);
      }
      if (n > shown.length) out.push(style.dim(`      … and ${formatCount(n - shown.length)} more ${code} (use --max-per-type or --json to see all kept)`));
    }
  }
  const t = report.totals;
  out.push('');
  const parts = [`${t.files} ${t.files === 1 ? 'file' : 'files'}`, `${t.valid} valid`];
  if (t.invalid) parts.push(style.red(`${t.invalid} invalid`));
  if (t.unreadable) parts.push(style.red(`${t.unreadable} unreadable`));
  out.push(`${parts.join(', ')}; ${formatCount(t.errors)} ${t.errors === 1 ? 'error' : 'errors'}, ${formatCount(t.warnings)} ${t.warnings === 1 ? 'warning' : 'warnings'}; ${formatCount(t.observations)} observations read.`);
  if (t.files === 0) out.push('No data files found (looked for .csv, .tsv, .txt and .json).');
  return out.join('\n') + '\n';
}
