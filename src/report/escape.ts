/**
 * Escaping for text that comes from data (names, labels, file names, table titles): it must show
 * as text in Markdown, HTML and SVG, never become markup. In Markdown: a backslash before every
 * character that has an inline meaning (\ ` * _ { } [ ] | ~ ^), & < > as entities (so
 * `<img src=x onerror=…>` stays text), a backslash before a block marker at the start (# - + > =
 * or "1."), and no bare-URL autolinks ("http\://", "www\."). Parentheses, dots and hyphens inside
 * text are left alone: without an unescaped `[` they cannot form a link, and the raw file stays
 * readable.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/[\\`*_{}[\]|~^]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`)
    .replace(/^(\s*)([#+\->=]|\d+[.)])/, (_m, space: string, marker: string) => `${space}${marker.replace(/([#+\->=.)])$/, '\\$1')}`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
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
