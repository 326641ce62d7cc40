import { escapeXml } from '../escape.js';

/** Colour-blind-safe palette (Okabe & Ito 2008), with line styles so colour is never the only cue. */
export const COLORS = {
  kommune: '#0072B2',
  fylke: '#E69F00',
  land: '#555555',
  band: '#56B4E9',
  better: '#0072B2',
  worse: '#D55E00',
  neutral: '#999999',
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

/** Cuts a label to fit roughly `chars` characters. */
export function fitLabel(label: string, chars: number): string {
  return label.length <= chars ? label : `${label.slice(0, chars - 1).trimEnd()}…`;
}
