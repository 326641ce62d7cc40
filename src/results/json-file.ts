import { readFileSync } from 'node:fs';
import { EXIT_USAGE, FolkehelseError, msg, say } from '../base/errors.js';
import { schemaProblems, validator, type SchemaName } from '../validate/schemas.js';

/** A results or goals file that cannot be used: names the file, line and column, and what is wrong. */
export class JsonFileError extends FolkehelseError {
  readonly file: string;
  constructor(file: string, problems: string[]) {
    super(problems.length === 1 ? problems[0]! : msg('errors.results.problems', { count: problems.length, problems: problems.map((p) => `  ${p}`).join('\n') }), EXIT_USAGE, file);
    this.file = file;
  }
}

/** "line 3, column 7" of a character offset. */
export function position(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}`;
}

/**
 * Where each value of a JSON text starts, by JSON pointer ("/goals/0/target"). A small scanner:
 * the text has already been parsed by JSON.parse, so it is known to be valid.
 */
export function pointerOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (ptr: string): void => {
    ws();
    out.set(ptr, i);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        const key = str();
        ws();
        i++; // :
        value(`${ptr}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        ws();
        if (text[i++] === '}') return;
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (let n = 0; ; n++) {
        value(`${ptr}/${n}`);
        ws();
        if (text[i++] === ']') return;
      }
    } else if (c === '"') str();
    else while (i < text.length && !/[\s,}\]]/.test(text[i]!)) i++;
  };
  value('');
  return out;
}

/** Reads a JSON file and checks it against `schemas/<schema>.schema.json`; every problem names line and column. */
export function readJsonFile<T>(path: string, schema: SchemaName, shown = path): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new JsonFileError(shown, [say(code === 'ENOENT' ? 'errors.results.notFound' : code === 'EISDIR' ? 'errors.results.folder' : 'errors.results.cannotRead', { code: code ?? (e as Error).message })]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const lc = /line (\d+) column (\d+)/.exec((e as Error).message);
    const where = lc ? `line ${lc[1]}, column ${lc[2]}` : m ? position(text, Number(m[1])) : 'line 1, column 1';
    throw new JsonFileError(shown, [say('errors.results.notJson', { where, reason: (e as Error).message.replace(/ in JSON at position.*$/, '').replace(/^Unexpected/, 'unexpected') })]);
  }
  const validate = validator(schema);
  if (!validate(raw)) {
    const offsets = pointerOffsets(text);
    throw new JsonFileError(shown, schemaProblems(validate.errors).map((p) => `${position(text, offsets.get(p.pointer) ?? 0)}: ${p.path}: ${p.message}`));
  }
  return raw as T;
}
