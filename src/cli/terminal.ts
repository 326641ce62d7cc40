/** Where a command writes; tests pass their own. */
export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Characters that steer a terminal beyond C0: DEL, C1, line/paragraph separators, bidi and zero-width marks. */
const STEERING = '\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff';
const TERMINAL_UNSAFE = new RegExp(`[\u0000-\u001f${STEERING}]`, 'g');
const JSON_UNSAFE = new RegExp(`[${STEERING}]`, 'g');

/**
 * Text from data files shown in a terminal: control characters (C0, DEL, C1, bidi marks) and the escape
 * sequences built from them are shown as visible escapes (`\x1b`, `\n`), so a crafted label cannot
 * move the cursor, recolour the screen or forge lines of output.
 */
export function escapeTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * JSON for stdout: as JSON.stringify, with DEL, the C1 controls, the line and paragraph separators
 * and the bidirectional controls written as `\u` escapes (JSON.stringify leaves them raw), so that
 * `--json` piped to a terminal cannot be steered by a crafted label either. Parses to the same value.
 */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}
