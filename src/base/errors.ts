import { isMessage, msg, render, type Message, type MessageKey, type MessageParams } from './messages.js';

export { msg, say, type Message, type MessageKey, type MessageParams } from './messages.js';

/**
 * Exit codes of every command, one meaning each (README, "Exit codes"; `folkehelse --help`).
 * Warnings never change the code, except with `--strict`, where they make it 1.
 */
/** Everything asked for was written (warnings allowed, listed in the output and in `--json`). */
export const EXIT_OK = 0;
/**
 * Part of what was asked for was not written, or a file was left out: a document, a table, a PDF
 * for want of a browser while the other formats were written. For `validate`, `inspect` and
 * `vurderinger --final`: what was checked has errors (a clean report was asked for and not had).
 */
export const EXIT_PARTIAL = 1;
/** The name before issue 23; it means EXIT_PARTIAL. */
export const EXIT_INVALID_DATA = EXIT_PARTIAL;
/** Nothing could be done: a usage error, or a configuration, input or environment that cannot be used, found before any output. */
export const EXIT_USAGE = 2;
/** A bug in folkehelse (an unexpected exception), not a problem with the user's data. */
export const EXIT_INTERNAL = 3;

/**
 * Base of every error the CLI reports as a plain message instead of a stack trace. Made with a
 * message of the vocabulary (`msg('errors.…', { … })`), it keeps the key and values, and its
 * `message` is rendered in the run's language (English in the library; the CLI sets the user's);
 * `english` is always the program's English. A plain string is kept as it is (not yet translated).
 */
export class FolkehelseError extends Error {
  readonly exitCode: number;
  /** The message's key in data/cli/<lang>.json, or null for a message given as text. */
  readonly key: MessageKey | null;
  readonly params: MessageParams;
  /** What the message is about (a file, usually), written before it: "data/a.csv: is empty". */
  readonly subject: string | null;
  constructor(message: string | Message, exitCode: number, subject: string | null = null) {
    super(FolkehelseError.text(message, subject));
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.key = isMessage(message) ? message.key : null;
    this.params = isMessage(message) ? message.params : {};
    this.subject = subject;
  }

  /** The message in the program's English, whatever the run's language. */
  get english(): string {
    return this.key === null ? this.message : FolkehelseError.text(msg(this.key, this.params), this.subject, 'en');
  }

  private static text(message: string | Message, subject: string | null, lang?: 'en'): string {
    const text = typeof message === 'string' ? message : render(message, lang);
    return subject === null ? text : `${subject}: ${text}`;
  }
}

/** Wrong command line: unknown option, bad argument. */
export class UsageError extends FolkehelseError {
  constructor(message: string | Message) {
    super(message, EXIT_USAGE);
  }
}

/** A file that cannot be read as data at all: missing, a directory, empty, binary, too big. */
export class InputFileError extends FolkehelseError {
  readonly file: string;
  constructor(file: string, message: string | Message) {
    super(message, EXIT_USAGE, file);
    this.file = file;
  }
}
