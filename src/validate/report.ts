import type { Style } from '../cli/style.js';
import { ERROR_CODES, NOTE_CODES, WARNING_CODES, isNoteCode, type IssueCode, type ValidationIssue } from './issues.js';
import type { ValidationReport } from './validate.js';

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  'windows-1252': 'ISO-8859-1/Windows-1252',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
};

export function encodingName(e: string | null): string {
  return e ? (ENCODING_NAMES[e] ?? e) : 'unknown';
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US').replace(/,/g, ' ');
}

/** Where a problem is, in words: "line 12, column 3 (TELLER)". */
export function location(i: ValidationIssue): string {
  const parts: string[] = [];
  if (i.line !== null) parts.push(`line ${i.line}`);
  if (i.columnNumber !== null && i.column !== null) parts.push(`column ${i.columnNumber} (${i.column})`);
  else if (i.columnNumber !== null) parts.push(`column ${i.columnNumber}`);
  else if (i.column !== null) parts.push(i.column);
  return parts.join(', ') || 'file';
}

/** The human-readable validation report: per file, problems grouped by code and capped. */
export function renderValidationText(report: ValidationReport, style: Style, maxPerCode: number, showWarnings = true): string {
  const out: string[] = [];
  const order: IssueCode[] = [...ERROR_CODES, ...WARNING_CODES, ...NOTE_CODES];
  for (const f of report.files) {
    if (f.fileError) {
      out.push(`${style.red('✗')} ${style.bold(f.file)}`);
      out.push(`    cannot be read: ${f.fileError.startsWith(f.file + ': ') ? f.fileError.slice(f.file.length + 2) : f.fileError}`);
      continue;
    }
    const mark = f.valid ? style.green('✓') : style.red('✗');
    const what = `${f.formatDescription}, ${encodingName(f.encoding)}, ${formatCount(f.observations)} observations`;
    out.push(`${mark} ${style.bold(f.file)} ${style.dim(`(${what})`)}`);
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
        out.push(`      ${location(i)}: ${i.message}${value}`);
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
