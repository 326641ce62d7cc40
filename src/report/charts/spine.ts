import type { Verdict } from '../../indicators/methods/compare.js';
import { charWidth, COLORS, marker, n, svgDocument, text, textLines, wrapLabel, type MarkerShape } from './svg.js';

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
/** How each verdict is marked; the key under the chart uses the same shapes. */
const MARKS: Record<Verdict, { shape: MarkerShape; size: number; fill: string; stroke?: string } | null> = {
  better: { shape: 'circle', size: 10, fill: COLORS.better },
  worse: { shape: 'square', size: 9, fill: COLORS.worse },
  higher: { shape: 'diamond', size: 9, fill: COLORS.neutral },
  lower: { shape: 'diamond', size: 9, fill: COLORS.neutral },
  similar: { shape: 'circle', size: 9, fill: '#ffffff', stroke: '#666666' },
  'not-tested': { shape: 'circle', size: 9, fill: '#ffffff', stroke: '#666666' },
};

export interface SpineLabels {
  lower: string;
  higher: string;
  land: string;
  /** The county's range's key, shown when a range is drawn. */
  range?: string;
  /** Words for the verdicts ("bedre", "dårligere" …): the marker key lists those that occur. */
  verdicts?: Partial<Record<Verdict, string>>;
}

export function spineChart(id: string, alt: string, rows: SpineRow[], labels: SpineLabels): string {
  const W = 760;
  const lineH = 13;
  const M = { top: 36, bottom: 30, label: 360, right: 24 };
  // The range's key (top left) may wrap: the rows start below its last line.
  const rangeKey = labels.range && rows.some((r) => r.range) ? wrapLabel(labels.range, Math.floor((M.label - 40) / charWidth())) : [];
  M.top += Math.max(0, rangeKey.length - 2) * lineH;
  // Long indicator names wrap onto more lines (the row grows) instead of being cut.
  const wrapped = rows.map((r) => wrapLabel(r.label, Math.floor((M.label - 18) / charWidth())));
  const heights = wrapped.map((l) => 18 + (l.length - 1) * lineH);
  const tops = heights.map((_, i) => M.top + heights.slice(0, i).reduce((a, b) => a + b, 0));
  const plotBottom = M.top + heights.reduce((a, b) => a + b, 0);
  // The marker key: one entry for each kind of marker that occurs (higher and lower share one).
  const key: { mark: NonNullable<(typeof MARKS)[Verdict]>; label: string }[] = [];
  if (labels.verdicts) {
    const seen = new Set(rows.map((r) => r.verdict));
    const order: Verdict[][] = [['better'], ['worse'], ['higher', 'lower'], ['similar', 'not-tested']];
    for (const group of order) {
      const present = group.filter((v) => seen.has(v));
      const words = present.map((v) => labels.verdicts![v]).filter((w): w is string => !!w);
      if (present.length > 0 && words.length > 0) key.push({ mark: MARKS[present[0]!]!, label: words.join(' / ') });
    }
  }
  const H = plotBottom + M.bottom + (key.length > 0 ? 22 : 0);
  const x0 = M.label;
  const x1 = W - M.right;
  const pos = (ratio: number) => x0 + ((Math.max(-1, Math.min(1, Math.log2(ratio))) + 1) / 2) * (x1 - x0);
  let body = '';
  for (const t of [0.5, 0.75, 1, 1.5, 2]) {
    const gx = pos(t);
    body += `<line x1="${n(gx)}" x2="${n(gx)}" y1="${M.top - 6}" y2="${plotBottom}" stroke="${t === 1 ? '#444444' : COLORS.grid}"${t === 1 ? ' stroke-width="1.5"' : ''}/>\n`;
    body += text(gx, plotBottom + 14, t === 1 ? labels.land : `${String(t).replace('.', ',')}×`, 'text-anchor="middle"');
  }
  body += text(x0, 16, `← ${labels.lower}`);
  body += text(x1, 16, `${labels.higher} →`, 'text-anchor="end"');
  // The legend of the county's range, only when a range is drawn.
  // Top left, above the row labels: clear of the direction labels over the axis.
  if (rangeKey.length) body += `<rect x="8" y="8" width="14" height="8" fill="#c9d3dc"/>\n` + textLines(26, 16, rangeKey, lineH);
  rows.forEach((r, i) => {
    const top = tops[i]!;
    const h = heights[i]!;
    const cy = top + h / 2;
    if (i % 2 === 0) body += `<rect x="4" y="${n(top)}" width="${W - 8}" height="${n(h)}" fill="#f4f4f4"/>\n`;
    const lines = wrapped[i]!;
    body += textLines(M.label - 10, cy + 4 - ((lines.length - 1) * lineH) / 2, lines, lineH, 'text-anchor="end"');
    if (r.range) body += `<rect x="${n(pos(r.range.min))}" y="${n(cy - 4)}" width="${n(Math.max(1, pos(r.range.max) - pos(r.range.min)))}" height="8" fill="#c9d3dc"/>\n`;
    const m = MARKS[r.verdict]!;
    body += marker(m.shape, pos(r.ratio), cy, m.size, m.fill, m.stroke);
  });
  let kx = x0;
  const ky = plotBottom + M.bottom + 6;
  for (const k of key) {
    body += marker(k.mark.shape, kx + 6, ky, k.mark.size, k.mark.fill, k.mark.stroke) + text(kx + 16, ky + 4, k.label);
    kx += 30 + k.label.length * charWidth();
  }
  return svgDocument(W, H, id, alt, body);
}
