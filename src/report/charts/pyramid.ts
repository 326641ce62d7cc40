import { scaleBand, scaleLinear } from 'd3-scale';
import { formatNumber } from '../../language/intl.js';
import { COLORS, n, svgDocument, text, tickDecimals } from './svg.js';

export interface PyramidRow {
  label: string;
  /** Percent of the whole population. */
  men: number;
  women: number;
  landMen: number | null;
  landWomen: number | null;
}

/** Population pyramid: men left, women right (percent of the population), land as an outline. */
export function pyramidChart(id: string, alt: string, rows: PyramidRow[], labels: { men: string; women: string; axis: string }): string {
  const W = 640;
  const H = 420;
  const M = { top: 30, right: 20, bottom: 40, left: 20 };
  const mid = W / 2;
  const gap = 28; // room for the age labels
  const max = Math.max(...rows.flatMap((r) => [r.men, r.women, r.landMen ?? 0, r.landWomen ?? 0]));
  const xw = scaleLinear().domain([0, max * 1.08]).nice(4).range([0, mid - gap - M.left]);
  const y = scaleBand<string>().domain(rows.map((r) => r.label).reverse()).range([M.top, H - M.bottom]).padding(0.12);
  let body = '';
  const ticks = xw.ticks(4);
  for (const t of ticks) {
    for (const side of [-1, 1]) {
      const gx = mid + side * (gap + xw(t));
      body += `<line x1="${n(gx)}" x2="${n(gx)}" y1="${M.top}" y2="${H - M.bottom}" stroke="${COLORS.grid}"/>\n`;
      body += text(gx, H - M.bottom + 14, formatNumber(t, tickDecimals(ticks)), 'text-anchor="middle"');
    }
  }
  for (const r of rows) {
    const by = y(r.label)!;
    const bh = y.bandwidth();
    body += `<rect x="${n(mid - gap - xw(r.men))}" y="${n(by)}" width="${n(xw(r.men))}" height="${n(bh)}" fill="${COLORS.kommune}"/>\n`;
    body += `<rect x="${n(mid + gap)}" y="${n(by)}" width="${n(xw(r.women))}" height="${n(bh)}" fill="${COLORS.fylke}"/>\n`;
    body += text(mid, by + bh / 2 + 4, r.label, 'text-anchor="middle" font-size="9"');
  }
  // Land: a step outline over the bars on each side.
  for (const [side, key] of [[-1, 'landMen'], [1, 'landWomen']] as const) {
    let d = '';
    for (const r of rows) {
      const v = r[key];
      if (v === null) continue;
      const xx = mid + side * (gap + xw(v));
      const top = y(r.label)!;
      d += `${d ? 'L' : 'M'}${n(xx)},${n(top + y.bandwidth())}L${n(xx)},${n(top)}`;
    }
    if (d) body += `<path d="${d}" fill="none" stroke="${COLORS.land}" stroke-width="1.5"/>\n`;
  }
  body += text(mid - gap, 18, labels.men, 'text-anchor="end" font-weight="bold"');
  body += text(mid + gap, 18, labels.women, 'font-weight="bold"');
  body += text(mid, H - 8, labels.axis, 'class="axis-title" text-anchor="middle" font-style="italic"');
  return svgDocument(W, H, id, alt, body);
}
