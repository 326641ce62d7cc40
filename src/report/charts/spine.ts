import type { Verdict } from '../../indicators/methods/compare.js';
import { COLORS, fitLabel, marker, n, svgDocument, text } from './svg.js';

export interface SpineRow {
  label: string;
  /** Municipality ÷ land. */
  ratio: number;
  verdict: Verdict;
  /** The county's municipalities, lowest and highest ÷ land: drawn as a grey bar (the short version). */
  range?: { min: number; max: number };
}

/**
 * The barometer as one figure: each testable indicator's municipal value relative to land's, on a
 * log scale (½× to 2×), marked better (blue circle), worse (orange square), not different (open
 * circle) or higher/lower without judgement (grey diamond).
 */
export function spineChart(id: string, alt: string, rows: SpineRow[], labels: { lower: string; higher: string; land: string; range?: string }): string {
  const W = 760;
  const rowH = 18;
  const M = { top: 36, bottom: 30, label: 360, right: 24 };
  const H = M.top + rows.length * rowH + M.bottom;
  const x0 = M.label;
  const x1 = W - M.right;
  const pos = (ratio: number) => x0 + ((Math.max(-1, Math.min(1, Math.log2(ratio))) + 1) / 2) * (x1 - x0);
  let body = '';
  for (const t of [0.5, 0.75, 1, 1.5, 2]) {
    const gx = pos(t);
    body += `<line x1="${n(gx)}" x2="${n(gx)}" y1="${M.top - 6}" y2="${H - M.bottom}" stroke="${t === 1 ? '#444444' : COLORS.grid}"${t === 1 ? ' stroke-width="1.5"' : ''}/>\n`;
    body += text(gx, H - M.bottom + 14, t === 1 ? labels.land : `${String(t).replace('.', ',')}×`, 'text-anchor="middle"');
  }
  body += text(x0, 16, `← ${labels.lower}`);
  body += text(x1, 16, `${labels.higher} →`, 'text-anchor="end"');
  // The legend of the county's range, only when a range is drawn.
  // Top left, above the row labels: clear of the direction labels over the axis.
  if (labels.range && rows.some((r) => r.range)) body += `<rect x="8" y="8" width="14" height="8" fill="#c9d3dc"/>\n` + text(26, 16, fitLabel(labels.range, 50));
  rows.forEach((r, i) => {
    const cy = M.top + i * rowH + rowH / 2;
    if (i % 2 === 0) body += `<rect x="4" y="${n(cy - rowH / 2)}" width="${W - 8}" height="${rowH}" fill="#f4f4f4"/>\n`;
    body += text(M.label - 10, cy + 4, fitLabel(r.label, 58), 'text-anchor="end"');
    if (r.range) body += `<rect x="${n(pos(r.range.min))}" y="${n(cy - 4)}" width="${n(Math.max(1, pos(r.range.max) - pos(r.range.min)))}" height="8" fill="#c9d3dc"/>\n`;
    const cx = pos(r.ratio);
    if (r.verdict === 'better') body += marker('circle', cx, cy, 10, COLORS.better);
    else if (r.verdict === 'worse') body += marker('square', cx, cy, 9, COLORS.worse);
    else if (r.verdict === 'higher' || r.verdict === 'lower') body += marker('diamond', cx, cy, 9, COLORS.neutral);
    else body += marker('circle', cx, cy, 9, '#ffffff', '#666666');
  });
  return svgDocument(W, H, id, alt, body);
}
