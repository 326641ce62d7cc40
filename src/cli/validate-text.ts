import { msg, render, say, sayCount } from '../base/messages.js';
import { encodingName, formatCount, location } from '../validate/report.js';
import { ERROR_CODES, NOTE_CODES, WARNING_CODES, isNoteCode, type IssueCode } from '../validate/issues.js';
import type { ValidationReport } from '../app/validate.js';
import type { Style } from './style.js';
import { escapeTerminal } from './terminal.js';

/**
 * The human-readable validation report, in the run's language: per file, problems grouped by code
 * and capped. Everything that comes from the data (file names, messages quoting cells, values)
 * goes through escapeTerminal.
 */
export function renderValidationText(report: ValidationReport, style: Style, maxPerCode: number, showWarnings = true): string {
  const out: string[] = [];
  const order: IssueCode[] = [...ERROR_CODES, ...WARNING_CODES, ...NOTE_CODES];
  const count = (group: 'words.errors' | 'words.warnings' | 'words.notes' | 'words.observations', n: number) => sayCount(group, n, { count: formatCount(n) });
  for (const f of report.files) {
    if (f.fileError) {
      out.push(`${style.red('✗')} ${style.bold(escapeTerminal(f.file))}`);
      out.push(`    ${escapeTerminal(say('validate.cannotRead', { reason: f.fileError.startsWith(f.file + ': ') ? f.fileError.slice(f.file.length + 2) : f.fileError }))}`);
      continue;
    }
    const mark = f.valid ? style.green('✓') : style.red('✗');
    const what = say('validate.fileLine', { format: f.formatDescription ?? '', encoding: encodingName(f.encoding), observations: count('words.observations', f.observations) });
    out.push(`${mark} ${style.bold(escapeTerminal(f.file))} ${style.dim(`(${escapeTerminal(what)})`)}`);
    for (const code of order) {
      const n = f.counts[code] ?? 0;
      if (n === 0) continue;
      const isError = (ERROR_CODES as readonly string[]).includes(code);
      if (!isError && !showWarnings) continue;
      const counted = count(isError ? 'words.errors' : isNoteCode(code) ? 'words.notes' : 'words.warnings', n);
      out.push(`    ${isError ? style.red(code) : isNoteCode(code) ? code : style.yellow(code)} ${style.dim(`(${counted})`)}`);
      const shown = f.issues.filter((i) => i.code === code).slice(0, maxPerCode);
      for (const i of shown) {
        const value = i.value !== null && !i.message.includes(i.value) ? ` [${JSON.stringify(i.value)}]` : '';
        out.push(`      ${escapeTerminal(location(i))}: ${escapeTerminal(i.message)}${escapeTerminal(value)}`);
      }
      if (n > shown.length) out.push(style.dim(`      ${say('validate.more', { count: formatCount(n - shown.length), code })}`));
    }
  }
  const t = report.totals;
  out.push('');
  const parts = [sayCount('words.files', t.files), sayCount('words.valid', t.valid)];
  if (t.invalid) parts.push(style.red(sayCount('words.invalid', t.invalid)));
  if (t.unreadable) parts.push(style.red(sayCount('words.unreadable', t.unreadable)));
  out.push(render(msg('validate.summary', { counts: parts.join(', '), errors: count('words.errors', t.errors), warnings: count('words.warnings', t.warnings), observations: count('words.observations', t.observations) })));
  if (t.files === 0) out.push(say('validate.noFiles'));
  return out.join('\n') + '\n';
}
