import { escapeXml } from '../escape.js';

/**
 * Colour-blind-safe palette (Okabe & Ito 2008), with line styles so colour is never the only cue.
 * Orange, vermillion and grey are darkened to at least 4.5:1 against white and the charts' light
 * row shading (#f4f4f4), as WCAG asks of text (issue 26); the band and the grid are fills, not marks.
 */
export const COLORS = {
  kommune: '#0072B2',
  fylke: '#976000',
  land: '#555555',
  band: '#56B4E9',
  better: '#0072B2',
  worse: '#B04C00',
  neutral: '#6B6B6B',
  grid: '#DDDDDD',
  text: '#222222',
};

export const FONT = "DejaVu Sans, Verdana, Arial, sans-serif";

/** Fixed precision keeps the same data giving the same bytes. */
export function n(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

export function svgDocument(width: number, height: number, id: string, alt: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title" font-family="${FONT}" font-size="11" fill="${COLORS.text}">\n` +
    `<title id="${id}-title">${escapeXml(alt)}</title>\n` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>\n` +
    body +
    `</svg>\n`
  );
}

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${n(x)}" y="${n(y)}"${attrs ? ' ' + attrs : ''}>${escapeXml(content)}</text>\n`;
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

export function marker(shape: MarkerShape, x: number, y: number, size: number, fill: string, stroke = fill): string {
  const s = size;
  switch (shape) {
    case 'circle':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(s / 2)}" fill="${fill}" stroke="${stroke}" stroke-width="1.2"/>\n`;
    case 'square':
      return `<rect x="${n(x - s / 2)}" y="${n(y - s / 2)}" width="${n(s)}" height="${n(s)}" fill="${fill}" stroke="${stroke}" stroke-width="1.2"/>\n`;
    case 'triangle':
      return `<path d="M${n(x)},${n(y - s / 1.6)}L${n(x + s / 1.8)},${n(y + s / 2.2)}L${n(x - s / 1.8)},${n(y + s / 2.2)}Z" fill="${fill}" stroke="${stroke}" stroke-width="1.2"/>\n`;
    case 'diamond':
      return `<path d="M${n(x)},${n(y - s / 1.6)}L${n(x + s / 1.6)},${n(y)}L${n(x)},${n(y + s / 1.6)}L${n(x - s / 1.6)},${n(y)}Z" fill="${fill}" stroke="${stroke}" stroke-width="1.2"/>\n`;
  }
}

/** About how wide a character is at `size` px in the chart font (DejaVu Sans is wide). */
export function charWidth(size = 11): number {
  return size * 0.62;
}

/**
 * Breaks a label into lines of at most about `chars` characters at spaces (and after hyphens and
 * slashes). Nothing is cut: a single word longer than a line keeps its own line whole.
 */
export function wrapLabel(label: string, chars: number): string[] {
  const words = label.trim().split(/\s+|(?<=[-/])(?=\S)/u).filter((w) => w.length > 0);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const joined = current === '' ? word : current.endsWith('-') || current.endsWith('/') ? current + word : `${current} ${word}`;
    if (current !== '' && joined.length > chars) {
      lines.push(current);
      current = word;
    } else current = joined;
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}

/** Lines of text, the first at `y`, each next one `lineHeight` lower. */
export function textLines(x: number, y: number, lines: string[], lineHeight: number, attrs = ''): string {
  if (lines.length === 1) return text(x, y, lines[0]!, attrs);
  const spans = lines.map((l, i) => `<tspan x="${n(x)}" dy="${i === 0 ? 0 : lineHeight}">${escapeXml(l)}</tspan>`).join('');
  return `<text x="${n(x)}" y="${n(y)}"${attrs ? ' ' + attrs : ''}>${spans}</text>\n`;
}

/** Decimals for tick labels so that even steps (0,5; 0,25) are printed as they are, never rounded unevenly. */
export function tickDecimals(ticks: number[]): number {
  let d = 0;
  for (const t of ticks) while (d < 4 && Math.abs(Math.round(t * 10 ** d) - t * 10 ** d) > 1e-6) d++;
  return d;
}
