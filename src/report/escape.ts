/**
 * Escaping for text that comes from data (names, labels, file names, table titles): it must show
 * as text in Markdown, HTML and SVG, never become markup. In Markdown: a backslash before every
 * character that has an inline meaning (\ ` * _ { } | ~ ^), & < > [ ] as entities (so
 * `<img src=x onerror=…>` stays text; tabs and line breaks as spaces, no leading spaces at the start of
 * a line (an indented code block), and no parser can read an escaped `![…](…)` inside link or
 * alt text as an image, as marked does), a backslash before a block marker at the start (# - + > =
 * or "1."), and no bare-URL autolinks ("http\://", "www\."). Parentheses, dots and hyphens inside
 * text are left alone: without an unescaped `[` they cannot form a link, and the raw file stays
 * readable.
 */
export function escapeMarkdown(text: string, atLineStart = true): string {
  const inline = text
    .replace(/\r\n?|[\n\t\v\f\u2028\u2029]/g, ' ')
    .replace(/[&<>[\]]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '[': '&#91;', ']': '&#93;' })[c]!)
    .replace(/[\\`*_{}|~^]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/www\./gi, (m) => `${m.slice(0, 3)}\\.`)
    // GFM turns name@host.tld into a mailto link.
    .replace(/([\p{L}\p{N}._+-])@(?=[\p{L}\p{N}-]+\.)/gu, '$1\\@');
  if (!atLineStart) return inline;
  // At the start of a line, leading spaces would make an indented code block: dropped.
  return inline.replace(/^ +/, '').replace(/^([#+\->=]|\d+[.)])/, (_m, marker: string) => marker.replace(/([#+\->=.)])$/, '\\$1'));
}

/**
 * A Markdown code span that shows `text` exactly: a fence longer than any run of backticks in it,
 * padded when it starts or ends with a backtick or space, line breaks as spaces; in a table cell
 * `|` is escaped too (GFM splits cells before it reads code spans).
 */
export function markdownCode(text: string, inTable = false): string {
  let body = text.replace(/\r\n?|[\n\u2028\u2029]/g, ' ');
  if (inTable) body = body.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(body) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Characters XML 1.0 does not allow (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/FFFF): shown as U+FFFD. */
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text that can go into an XML document (SVG, Word) as it is: characters XML forbids replaced. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '\uFFFD');
}

export function escapeHtml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** For text and attribute values in SVG (XML). */
export const escapeXml = escapeHtml;

/**
 * The anchor GitHub gives a heading: lower case, punctuation removed (letters of any script kept),
 * spaces to hyphens. The HTML renderer uses the same, so Markdown links work in both.
 */
export function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/&(amp|lt|gt|quot|#39);/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Makes anchors unique the way GitHub does (-1, -2 … for repeats). */
export class SlugSet {
  private readonly seen = new Map<string, number>();
  take(heading: string): string {
    const base = slug(heading);
    const n = this.seen.get(base);
    this.seen.set(base, (n ?? 0) + 1);
    return n === undefined ? base : `${base}-${n}`;
  }
}
