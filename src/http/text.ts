/**
 * Text from an API is cleaned where it enters the program: control characters (C0 but tab and
 * line breaks, DEL, C1) and the bidirectional controls that can reorder or hide what a terminal,
 * a Markdown file, a web page or a Word document shows never get past the parser. Tab and line
 * breaks become spaces (a title is one line).
 */

/** C0 (U+0000–U+001F), DEL, C1 (U+0080–U+009F), ALM, LRM/RLM, LRE…RLO, LRI…PDI, line/paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const SPACE_LIKE = /[\t\n\r\u2028\u2029]/;

/** A string without control characters (tab and line breaks as spaces). */
export function cleanText(s: string): string {
  return s.replace(CONTROL, (c) => (SPACE_LIKE.test(c) ? ' ' : ''));
}

/** Whether a string holds a character `cleanText` would change. */
export function hasControl(s: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(s);
  CONTROL.lastIndex = 0;
  return found;
}

const isControlCode = (n: number) => n <= 0x1f || (n >= 0x7f && n <= 0x9f) || n === 0x61c || n === 0x200e || n === 0x200f || (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069) || n === 0x2028 || n === 0x2029;

/**
 * The same cleaning on the text of a JSON document before it is parsed, so that no string of it —
 * key or value — holds a control character: escapes (`\u001b`, `\n`) of one are dropped (tab and
 * line breaks become a space), and raw ones removed. Backslash pairs are read as pairs, so an
 * escaped backslash before a `u` is left alone. Linear in the text.
 */
export function cleanJsonText(text: string): string {
  const raw = text.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (c) => (SPACE_LIKE.test(c) ? ' ' : ''));
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(u[0-9a-fA-F]{4}|[^u])/g, (m: string, esc: string) => {
    if (esc.length === 1) return esc === 'n' || esc === 'r' || esc === 't' ? ' ' : esc === 'b' || esc === 'f' ? '' : m;
    const code = parseInt(esc.slice(1), 16);
    if (!isControlCode(code)) return m;
    return code === 0x09 || code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029 ? ' ' : '';
  });
}
