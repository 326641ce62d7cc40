import type { ValidationIssue } from './issues.js';

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  'windows-1252': 'ISO-8859-1/Windows-1252',
  macintosh: 'Mac Roman (Excel "CSV (Macintosh)")',
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
