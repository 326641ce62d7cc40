/** Exit codes of the CLI; documented in the README. */
export const EXIT_OK = 0;
export const EXIT_INVALID_DATA = 1;
export const EXIT_USAGE = 2;
/** A bug in folkehelse (an unexpected exception), not a problem with the user's data. */
export const EXIT_INTERNAL = 3;

/** Base of every error the CLI reports as a plain message instead of a stack trace. */
export class FolkehelseError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Wrong command line: unknown option, bad argument. */
export class UsageError extends FolkehelseError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
  }
}

/** A file that cannot be read as data at all: missing, a directory, empty, binary, too big. */
export class InputFileError extends FolkehelseError {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`, EXIT_USAGE);
    this.file = file;
  }
}
