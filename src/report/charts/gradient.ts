import { scaleBand, scaleLinear } from 'd3-scale';
import type { AreaValue } from '../../indicators/result.js';
import { formatNumber } from '../../language/intl.js';
import { charWidth, COLORS, n, svgDocument, text, textLines, tickDecimals, wrapLabel } from './svg.js';

export interface GradientBar {
  label: string;
  value: AreaValue;
}

/** Bars for the groups of a social gradient, with 95 % whiskers; withheld groups show ":". */
export function gradientChart(id: string, alt: string, bars: GradientBar[], opts: { decimals: number; zero: boolean; unit: string; total?: { label: string; value: number } }): string {
  const W = 640;
  const M = { top: 28, right: 20, bottom: 56, left: 56 };
  const x = scaleBand<string>().domain(bars.map((_, i) => String(i))).range([M.left, W - M.right]).padding(0.35);
  // Group labels wrap within their column instead of being cut; the chart grows to fit them.
  const labels = bars.map((b) => wrapLabel(b.label, Math.max(6, Math.floor((x.step() - 6) / charWidth()))));
  const labelLines = Math.max(1, ...labels.map((l) => l.length));
  M.bottom += (labelLines - 1) * 13;
  const H = M.top + 216 + M.bottom;
  const numbers = bars.flatMap((b) => (b.value.absent ? [] : [b.value.value, b.value.lower, b.value.upper])).filter((v): v is number => v !== null);
  if (opts.total) numbers.push(opts.total.value);
  const hi = Math.max(...numbers, 0);
  const lo = Math.min(...numbers);
  const y = scaleLinear()
    .domain(opts.zero ? [0, hi * 1.1 || 1] : [lo - (hi - lo) * 0.5 - 0.5, hi + (hi - lo) * 0.3 + 0.5])
    .nice(5)
    .range([H - M.bottom, M.top]);
  const base = y.domain()[0]!;
  let body = '';
  const ticks = y.ticks(5);
  for (const t of ticks) {
    body += `<line x1="${M.left}" x2="${W - M.right}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${COLORS.grid}"/>\n`;
    body += text(M.left - 6, y(t) + 4, formatNumber(t, tickDecimals(ticks)), 'text-anchor="end"');
  }
  bars.forEach((b, i) => {
    const bx = x(String(i))!;
    const bw = x.bandwidth();
    const cx = bx + bw / 2;
    if (b.value.absent || b.value.value === null) {
      body += text(cx, y(base) - 8, b.value.absent?.symbol ?? '–', 'text-anchor="middle" font-size="14"');
    } else {
      const v = b.value.value;
      body += `<rect x="${n(bx)}" y="${n(y(v))}" width="${n(bw)}" height="${n(y(base) - y(v))}" fill="${COLORS.kommune}" fill-opacity="0.85"/>\n`;
      if (b.value.lower !== null && b.value.upper !== null) {
        body += `<path d="M${n(cx)},${n(y(b.value.lower))}V${n(y(b.value.upper))}M${n(cx - 8)},${n(y(b.value.lower))}H${n(cx + 8)}M${n(cx - 8)},${n(y(b.value.upper))}H${n(cx + 8)}" stroke="${COLORS.text}" stroke-width="1.5" fill="none"/>\n`;
      }
      const labelY = (b.value.upper !== null ? y(b.value.upper) : y(v)) - 6;
      body += text(cx + (b.value.upper !== null ? 12 : 0), labelY + (b.value.upper !== null ? 4 : 0), formatNumber(v, opts.decimals), `text-anchor="${b.value.upper !== null ? 'start' : 'middle'}" font-weight="bold"`);
    }
    body += textLines(cx, H - M.bottom + 16, labels[i]!, 13, 'text-anchor="middle"');
  });
  if (opts.total) {
    body += `<line x1="${M.left}" x2="${W - M.right}" y1="${n(y(opts.total.value))}" y2="${n(y(opts.total.value))}" stroke="${COLORS.land}" stroke-width="1.5" stroke-dasharray="6 3"/>\n`;
    body += text(M.left + 4, y(opts.total.value) - 5, `${opts.total.label}: ${formatNumber(opts.total.value, opts.decimals)}`);
  }
  body += `<line x1="${M.left}" x2="${W - M.right}" y1="${n(y(base))}" y2="${n(y(base))}" stroke="#888888"/>\n`;
  body += text(8, 16, opts.unit, 'class="axis-title" font-style="italic"');
  return svgDocument(W, H, id, alt, body);
}
