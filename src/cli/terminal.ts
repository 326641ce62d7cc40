/**
 * Text from data files shown in a terminal: control characters (C0, DEL, C1) and the escape
 * sequences built from them are shown as visible escapes (`\x1b`, `\n`), so a crafted label cannot
 * move the cursor, recolour the screen or forge lines of output.
 */
export function escapeTerminal(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
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
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}
