// JSON text as users' files hold it: judged in one pass, positions as line and column.
import { say, type MessageKey } from './messages.js';

/** Deeper nesting than any results or goals file has (they nest about eight levels). */
export const MAX_JSON_DEPTH = 64;

/** Line and column of character offsets: the line starts are found once, each offset by binary search. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** "line 3, column 7" of a character offset, in the run's language. */
  at(offset: number): string {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return say('json.position', { line: lo + 1, column: offset - this.starts[lo]! + 1 });
  }
}

/** "line 3, column 7" of a character offset (one offset; for many, a LineIndex). */
export function position(text: string, offset: number): string {
  return new LineIndex(text).at(offset);
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/**
 * The first syntax error of a JSON text, or null: one pass, no recursion, so a file of any size
 * or depth is judged in linear time; nesting deeper than `maxDepth` is an error of its own. The
 * message never quotes the text (a file that is not JSON may be anything, /etc/passwd included).
 */
export function jsonSyntaxError(text: string, maxDepth = MAX_JSON_DEPTH): { offset: number; message: string; nested?: boolean } | null {
  const n = text.length;
  const stack: number[] = []; // 0: array, 1: object
  let i = 0;
  let state: 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'after' = 'value';
  // The message in the run's language; made only for the one error found.
  const fail = (offset: number, key: MessageKey, params: Record<string, number> = {}) => ({ offset, message: say(key, params), nested: key === 'json.nested' });
  const ws = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  };
  const string = (): { offset: number; message: string } | null => {
    const start = i++;
    for (;;) {
      if (i >= n) return fail(start, 'json.unclosedString');
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c < 0x20) return fail(i, 'json.controlChar');
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail(i, 'json.unicodeEscape');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail(i, 'json.unknownEscape');
      } else i++;
    }
  };
  for (;;) {
    ws();
    if (state === 'after') {
      if (stack.length === 0) return i < n ? fail(i, 'json.textAfter') : null;
      const top = stack[stack.length - 1];
      const c = text[i];
      if (c === ',') {
        i++;
        state = top === 1 ? 'key' : 'value';
      } else if ((top === 0 && c === ']') || (top === 1 && c === '}')) {
        i++;
        stack.pop();
      } else return fail(i, i >= n ? 'json.endsEarly' : top === 0 ? 'json.expectedCommaBracket' : 'json.expectedCommaBrace');
      continue;
    }
    if (i >= n) return fail(i, 'json.endsEarly');
    const c = text[i];
    if ((state === 'key-or-close' && c === '}') || (state === 'value-or-close' && c === ']')) {
      i++;
      stack.pop();
      state = 'after';
      continue;
    }
    if (state === 'key' || state === 'key-or-close') {
      if (c !== '"') return fail(i, 'json.expectedKey');
      const e = string();
      if (e) return e;
      ws();
      if (text[i] !== ':') return fail(i, 'json.expectedColon');
      i++;
      state = 'value';
      continue;
    }
    if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) return fail(i, 'json.nested', { depth: maxDepth });
      stack.push(c === '{' ? 1 : 0);
      i++;
      state = c === '{' ? 'key-or-close' : 'value-or-close';
      continue;
    }
    if (c === '"') {
      const e = string();
      if (e) return e;
      state = 'after';
      continue;
    }
    const re = c === '-' || (c! >= '0' && c! <= '9') ? NUMBER : LITERAL;
    re.lastIndex = i;
    if (!re.test(text)) return fail(i, 'json.expectedValue');
    i = re.lastIndex;
    state = 'after';
  }
}

