import { EXIT_USAGE, FolkehelseError, msg, say } from '../base/errors.js';
import { jsonSyntaxError, LineIndex } from '../base/json-text.js';
import { render, type Message } from '../base/messages.js';
import { readProblem, readRegularFile } from '../base/user-file.js';

export { jsonSyntaxError, LineIndex, MAX_JSON_DEPTH, position } from '../base/json-text.js';
import { schemaProblems, validator, type SchemaName } from '../validate/schemas.js';
import type { SchemaProblem } from '../validate/schema-errors.js';

/** A results or goals file that cannot be used: names the file, line and column, and what is wrong. */
export class JsonFileError extends FolkehelseError {
  readonly file: string;
  constructor(file: string, problems: string[]) {
    super(problems.length === 1 ? problems[0]! : msg('errors.results.problems', { count: problems.length, problems: problems.map((p) => `  ${p}`).join('\n') }), EXIT_USAGE, file);
    this.file = file;
  }
}

/** Problems listed per file; the rest are counted. */
export const MAX_PROBLEMS = 20;

/**
 * Where each value of a JSON text starts, by JSON pointer ("/goals/0/target"); only the pointers
 * in `wanted` when it is given. For a text that has passed jsonSyntaxError (so its depth is bounded).
 */
export function pointerOffsets(text: string, wanted?: Set<string>): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const ws = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  };
  const str = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipString = (): void => {
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const value = (ptr: string): void => {
    ws();
    if (!wanted || wanted.has(ptr)) out.set(ptr, i);
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
    } else if (c === '"') skipString();
    else while (i < text.length && !' \t\r\n,}]'.includes(text[i]!)) i++;
  };
  value('');
  return out;
}

/** A JSON file read and checked, with the means to say where a value is. */
export interface JsonDocument<T> {
  value: T;
  text: string;
  /** "line 3, column 7" of the value at a JSON pointer (line 1, column 1 when there is none). */
  at(pointers: string[]): (pointer: string) => string;
}

export interface JsonFileOptions {
  /** Largest file read, in bytes. */
  maxBytes: number;
  /** What the file is, in words ("a folkehelse results file"), for a file that is JSON but not one. */
  what: Message;
  /** Whether the parsed value is meant to be such a file at all (checked before the schema, so nothing of another file is echoed). */
  looksRight: (raw: unknown) => boolean;
}

/**
 * Reads a JSON file and checks it against `schemas/<schema>.schema.json`; every problem names line
 * and column. Refused before anything is parsed: a path that is not a regular file (a pipe, a
 * device, /proc), a file over `maxBytes`, a syntax error or nesting deeper than MAX_JSON_DEPTH —
 * in time linear in the file. A JSON file that is not the kind asked for is refused with one
 * sentence; no message quotes the file's content.
 */
export function readJsonDocument<T>(path: string, schema: SchemaName, shown: string, options: JsonFileOptions): JsonDocument<T> {
  let text: string;
  try {
    text = readRegularFile(path, options.maxBytes, (size) => say('json.tooBig', { size: (size / 1024 ** 2).toFixed(1), limit: Math.round(options.maxBytes / 1024 ** 2), what: render(options.what) }))
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } catch (e) {
    throw new JsonFileError(shown, [readProblem(e)]);
  }
  const lines = new LineIndex(text);
  const syntax = jsonSyntaxError(text);
  if (syntax) throw new JsonFileError(shown, [`${lines.at(syntax.offset)}: ${syntax.nested ? syntax.message : say('json.notValidBecause', { reason: syntax.message })}`]);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new JsonFileError(shown, [say('json.notValid')]);
  }
  if (!options.looksRight(raw)) throw new JsonFileError(shown, [say('json.notKind', { what: options.what })]);
  const at = (pointers: string[]) => {
    const offsets = pointerOffsets(text, new Set(pointers));
    return (p: string) => lines.at(offsets.get(p) ?? 0);
  };
  const problems = schemaCheck(schema, raw);
  if (problems.length) {
    const where = at(problems.slice(0, MAX_PROBLEMS).map((p) => p.pointer));
    const listed = problems.slice(0, MAX_PROBLEMS).map((p) => `${where(p.pointer)}: ${p.path}: ${p.message}`);
    if (problems.length > MAX_PROBLEMS) listed.push(`… and ${problems.length - MAX_PROBLEMS} more problems`);
    throw new JsonFileError(shown, listed);
  }
  return { value: raw as T, text, at };
}

/** Items of a long top-level list checked at a time (see schemaCheck). */
const SLICE = 100;

/**
 * The schema's problems with a file, in time linear in the file: ajv's every-error mode and the
 * problem list slow down faster than the number of errors grows (2 000 wrong indicators: 36 000
 * errors, seconds; twice as many, four times as long), so the long lists at the top level
 * (`indicators`, `data`) are checked a slice at a time inside the rest of the file, and each
 * slice's problems renumbered to the item's place. No schema here relates one item to another.
 */
function schemaCheck(schema: SchemaName, raw: unknown): SchemaProblem[] {
  const validate = validator(schema);
  const check = (value: unknown) => (validate(value) ? [] : schemaProblems(validate.errors));
  if (!isObject(raw)) return check(raw);
  const long = Object.keys(raw).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && Array.isArray(raw[k]) && (raw[k] as unknown[]).length > SLICE);
  if (long.length === 0) return check(raw);
  const shell: Record<string, unknown> = { ...raw };
  for (const k of long) shell[k] = [];
  const out = check(shell);
  for (const k of long) {
    const items = raw[k] as unknown[];
    const pointer = new RegExp(`^/${k}/(\\d+)`);
    const path = new RegExp(`^${k.replace(/\$/g, '\\$')}\\[(\\d+)\\]`);
    for (let start = 0; start < items.length; start += SLICE) {
      for (const p of check({ ...shell, [k]: items.slice(start, start + SLICE) })) {
        // The rest of the file's problems are in `out` already.
        if (!pointer.test(p.pointer)) continue;
        out.push({ pointer: p.pointer.replace(pointer, (_, i: string) => `/${k}/${start + Number(i)}`), path: p.path.replace(path, (_, i: string) => `${k}[${start + Number(i)}]`), message: p.message });
      }
    }
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What `readJsonFile` knows of each schema it reads. */
const KINDS: Partial<Record<SchemaName, JsonFileOptions>> = {
  // A results file of one municipality is some hundred kB.
  results: { maxBytes: 32 * 1024 ** 2, what: msg('json.kind.results'), looksRight: (v) => isObject(v) && v.format === 'folkehelse-results' },
  goals: { maxBytes: 8 * 1024 ** 2, what: msg('json.kind.goals'), looksRight: isObject },
};

/** Reads a JSON file and checks it against `schemas/<schema>.schema.json`; every problem names line and column. */
export function readJsonFile<T>(path: string, schema: SchemaName, shown = path): T {
  return readJsonDocument<T>(path, schema, shown, KINDS[schema] ?? { maxBytes: 32 * 1024 ** 2, what: msg('json.kind.other', { schema }), looksRight: () => true }).value;
}
