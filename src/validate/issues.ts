/**
 * The fixed vocabulary of validation problems, after frictionless. Every problem names the file,
 * the physical line in the original file (1-based; null for JSON, where `column` names the cell),
 * the column, the offending value and a sentence a non-programmer understands.
 */
export const ERROR_CODES = [
  'encoding-error',
  'syntax-error',
  'blank-header',
  'duplicate-header',
  'missing-column',
  'extra-cell',
  'missing-cell',
  'type-error',
  'constraint-error',
  'unknown-geography',
  'unknown-symbol',
  'duplicate-row',
  'impossible-value',
] as const;

/** Warnings never make a file invalid; they say what the reader did for the user. */
export const WARNING_CODES = [
  'harmonised-geography',
  'historic-geography',
  'code-not-valid-in-period',
  'unsuppressed-column',
  'comment-in-cell',
  'encoding-damage',
  'not-data-file',
  'share-above-100',
  'empty-cell',
] as const;

/** Notes only inform: nothing was changed or dropped. */
export const NOTE_CODES = ['special-area'] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type WarningCode = (typeof WARNING_CODES)[number];
export type NoteCode = (typeof NOTE_CODES)[number];
export type IssueCode = ErrorCode | WarningCode | NoteCode;

export const ISSUE_DESCRIPTIONS: Record<IssueCode, string> = {
  'encoding-error': 'The file has bytes that are not text in the detected encoding.',
  'syntax-error': 'The file breaks the rules of CSV or JSON (an unclosed quote, a missing bracket), so the rest cannot be read.',
  'blank-header': 'A column has no name in the header row.',
  'duplicate-header': 'Two columns have the same name.',
  'missing-column': 'A column the format requires is not in the header.',
  'extra-cell': 'A row has more cells than the header has columns.',
  'missing-cell': 'A row has fewer cells than the header, or a required cell is empty.',
  'type-error': 'A cell does not hold the kind of value its column needs (a number, a year, a code).',
  'constraint-error': 'A value is impossible: a negative count, a numerator above its denominator, a share above 100 %.',
  'unknown-geography': 'A region code or name is not in the municipality and county register, or a name fits several.',
  'unknown-symbol': 'A cell holds a symbol that is not one of . .. : ... - *',
  'duplicate-row': 'The same observation (same region, period, sex, age and dimensions) occurs twice.',
  'impossible-value': 'A value impossible for its measure (a rate per 100 000 above 100 000, a share far beyond 100 %, a negative share, a life expectancy beyond 125 years): kept out of figures, tables and the summary.',
  'harmonised-geography': 'An old municipality or county code was converted to the current one.',
  'historic-geography': 'A municipality or county that was merged or divided is kept under its old code.',
  'code-not-valid-in-period': 'A value or a symbol (. ..) was given for a region in a year when its code was not in use; it is neither a value nor a repeat of the other number\'s row.',
  'unsuppressed-column': 'A column holds counts before suppression (TELLER_uprikk); it is never read.',
  'comment-in-cell': 'A cell ends with a comment (3 //anonymisert data); the value before it is read.',
  'not-data-file': 'A file in a data folder that is not data (an API query, a code list, metadata): skipped when building.',
  'special-area': 'The file has areas that are not municipalities, counties or the country (Svalbard, the continental shelf, "Uoppgitt", SSB\'s "Rest", historical units); they are read at level "other" and kept out of comparisons.',
  'encoding-damage': 'A line has replacement characters (�) where letters such as æ, ø, å were lost when the file was saved; codes still resolve.',
  'share-above-100': 'A published share a little over 100 % (KOSTRA coverage counts children or users from other municipalities): kept as published; check it.',
  'empty-cell': 'A value cell is empty where a symbol (. .. :) was expected: read as a missing number.',
};

/**
 * One message template per code (frictionless style): the fixed framing a coordinator learns to
 * recognise, with `{note}` for what the reader found in this row (the value, the rule, the fix).
 * Readers never write whole messages; they give the note and the template makes the sentence.
 */
export const ISSUE_TEMPLATES: Record<IssueCode, string> = {
  'encoding-error': 'Not readable as text: {note}',
  'syntax-error': 'Broken file structure: {note}',
  'blank-header': 'Column without a name: {note}',
  'duplicate-header': 'Two columns with one name: {note}',
  'missing-column': 'Missing column: {note}',
  'extra-cell': 'Too many cells: {note}',
  'missing-cell': 'Missing value: {note}',
  'type-error': 'Wrong kind of value: {note}',
  'constraint-error': 'Impossible value: {note}',
  'unknown-geography': 'Unknown area: {note}',
  'unknown-symbol': 'Unknown symbol: {note}',
  'duplicate-row': 'Repeated row: {note}',
  'impossible-value': 'Impossible value for its measure: {note}',
  'harmonised-geography': 'Area renumbered: {note}',
  'historic-geography': 'Historical area kept: {note}',
  'code-not-valid-in-period': 'Value for a year the area did not exist: {note}',
  'unsuppressed-column': 'Unsuppressed counts ignored: {note}',
  'comment-in-cell': 'Comment in a cell: {note}',
  'encoding-damage': 'Damaged letters: {note}',
  'not-data-file': 'Not data, skipped: {note}',
  'special-area': 'Area outside the municipal comparison: {note}',
  'share-above-100': 'Share above 100 %: {note}',
  'empty-cell': 'Empty value cell: {note}',
};

/** Fills a code's template; `{name}` placeholders take the issue's fields. */
export function issueMessage(code: IssueCode, fields: { note: string; column?: string | null; value?: string | null }): string {
  return ISSUE_TEMPLATES[code].replace(/\{(note|column|value)\}/g, (_, k: 'note' | 'column' | 'value') => fields[k] ?? '');
}

export type Severity = 'error' | 'warning' | 'note';

export interface ValidationIssue {
  code: IssueCode;
  severity: Severity;
  file: string;
  /** Physical line in the original file, 1-based. */
  line: number | null;
  /** Column name as written in the header (or a JSON path for JSON files). */
  column: string | null;
  /** 1-based column number, when the file has columns. */
  columnNumber: number | null;
  value: string | null;
  message: string;
}

export function isErrorCode(code: IssueCode): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

export function isNoteCode(code: IssueCode): code is NoteCode {
  return (NOTE_CODES as readonly string[]).includes(code);
}

export interface IssueInput {
  code: IssueCode;
  line?: number | null;
  column?: string | null;
  columnNumber?: number | null;
  value?: string | null;
  /** What was found here, for the code's template: "TELLER (900) is larger than NEVNER (95)". */
  note: string;
}

/** Collects issues for one file; readers call `report`, never throw for bad data. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];
  readonly counts = new Map<IssueCode, number>();
  errorCount = 0;
  warningCount = 0;
  noteCount = 0;
  constructor(
    readonly file: string,
    /** Beyond this many issues of one code, only the count grows (memory stays bounded). */
    readonly keepPerCode = 1000,
  ) {}

  report(input: IssueInput): void {
    const severity: Severity = isErrorCode(input.code) ? 'error' : isNoteCode(input.code) ? 'note' : 'warning';
    const n = (this.counts.get(input.code) ?? 0) + 1;
    this.counts.set(input.code, n);
    if (severity === 'error') this.errorCount++;
    else if (severity === 'note') this.noteCount++;
    else this.warningCount++;
    if (n > this.keepPerCode) return;
    this.issues.push({
      code: input.code,
      severity,
      file: this.file,
      line: input.line ?? null,
      column: input.column ?? null,
      columnNumber: input.columnNumber ?? null,
      value: input.value ?? null,
      message: issueMessage(input.code, { note: input.note, column: input.column ?? null, value: input.value ?? null }),
    });
  }
}
