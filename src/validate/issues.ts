import { messageLang, msg, render, type Message, type MessageKey } from '../base/messages.js';
import type { MessageLang } from '../language/tags.js';

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

/** The key of a code's description in the message files (data/cli/<lang>.json, `issue.description.*`). */
function descriptionKey(code: IssueCode): MessageKey {
  return `issue.description.${code}` as MessageKey;
}

/** The key of a code's template: the fixed framing with `{note}` for what the reader found. */
function templateKey(code: IssueCode): MessageKey {
  return `issue.template.${code}` as MessageKey;
}

/** What a code means, in a language (default: the run's): for `validate`'s list of codes and README. */
export function issueDescription(code: IssueCode, lang: MessageLang = messageLang()): string {
  return render(msg(descriptionKey(code)), lang);
}

/** The codes' descriptions in the program's English (the library's); `issueDescription` gives them in a language. */
export const ISSUE_DESCRIPTIONS: Record<IssueCode, string> = Object.fromEntries(
  [...ERROR_CODES, ...WARNING_CODES, ...NOTE_CODES].map((c) => [c, issueDescription(c, 'en')]),
) as Record<IssueCode, string>;

/**
 * One message template per code (frictionless style): the fixed framing a coordinator learns to
 * recognise, with `{note}` for what the reader found in this row (the value, the rule, the fix).
 * Readers never write whole messages; they give the note (a message of the vocabulary, or a
 * parser's own text) and the template makes the sentence, in the language of the run.
 */
export function issueText(code: IssueCode, note: IssueNote): Message {
  return msg(templateKey(code), { note });
}

/** Fills a code's template in a language (default: the run's). */
export function issueMessage(code: IssueCode, fields: { note: IssueNote }, lang: MessageLang = messageLang()): string {
  return render(issueText(code, fields.note), lang);
}

/**
 * What a reader found: a message of the vocabulary (`issue.note.*`, `issue.geo.*`), or plain text
 * for what is data and not the program's sentence (a parser's own message, a register's name).
 */
export type IssueNote = Message | string;

/** Names quoted as the language quotes them ("a", "b" or «a», «b»), for a note. */
export function quotedList(names: readonly string[]): Message {
  const [first, ...rest] = names;
  const quoted = msg('issue.word.quoted', { text: first ?? '' });
  return rest.length ? msg('issue.word.comma', { first: quoted, rest: quotedList(rest) }) : quoted;
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
  /** The sentence, in the language of the run when the issue was found (`issueTextOf` re-renders it in another). */
  message: string;
}

/** Each issue's message before rendering, for a document in another language than the run's (kept out of JSON). */
const texts = new WeakMap<ValidationIssue, Message>();

/** An issue's sentence as a message of the vocabulary; null for an issue made without one. */
export function issueTextOf(issue: ValidationIssue): Message | null {
  return texts.get(issue) ?? null;
}

/** An issue's sentence in a language: re-rendered from its message, else as it was made. */
export function issueMessageIn(issue: ValidationIssue, lang: MessageLang): string {
  const text = texts.get(issue);
  return text ? render(text, lang) : issue.message;
}

/** An issue made outside a collector (a file skipped by the loader), with its message kept. */
export function makeIssue(fields: Omit<ValidationIssue, 'message'>, note: IssueNote): ValidationIssue {
  const text = issueText(fields.code, note);
  const issue: ValidationIssue = { ...fields, message: render(text) };
  texts.set(issue, text);
  return issue;
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
  /** What was found here, for the code's template: `msg('issue.note.countAboveDenominator', …)` ("TELLER (900) is larger than NEVNER (95) …"). */
  note: IssueNote;
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
    this.issues.push(
      makeIssue({ code: input.code, severity, file: this.file, line: input.line ?? null, column: input.column ?? null, columnNumber: input.columnNumber ?? null, value: input.value ?? null }, input.note),
    );
  }
}
