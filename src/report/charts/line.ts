import { scaleLinear, scalePoint } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { AreaValue } from '../../indicators/result.js';
import { formatNumber } from '../../language/intl.js';
import { formatPeriod } from '../format.js';
import { charWidth, COLORS, marker, n, svgDocument, text, tickDecimals, type MarkerShape } from './svg.js';

export interface LineSeries {
  label: string;
  values: AreaValue[];
  role: 'kommune' | 'fylke' | 'land';
}

const STYLE: Record<LineSeries['role'], { color: string; dash: string; width: number; shape: MarkerShape }> = {
  kommune: { color: COLORS.kommune, dash: '', width: 2.5, shape: 'circle' },
  fylke: { color: COLORS.fylke, dash: '6 3', width: 2, shape: 'square' },
  land: { color: COLORS.land, dash: '2 3', width: 2, shape: 'triangle' },
};

export interface LineOptions {
  decimals: number;
  zero: boolean;
  intervalLabel: string;
  /** The y axis's title: the indicator's unit ("prosent", "per 1000"). */
  unit?: string;
  /** The x axis's title ("Periode"). */
  periodLabel?: string;
  /**
   * A change (befolkningsendring): 0 is the reference and always on the axis, so that growth and
   * decline are read against it rather than against a span like 142–156.
   */
  signed?: boolean;
  /** Said by the y axis when a share's axis does not start at 0 ("Aksen starter ikke på 0"). */
  notFromZero?: string;
}

/**
 * Time series of the municipality against county and land, with the municipality's 95 % interval
 * as a band. Withheld points are gaps. The y axis starts at 0 unless `zero` is false (years).
 * Ticks are d3's even ("nice") steps; the legend wraps to more rows rather than run off the chart.
 */
export function lineChart(id: string, alt: string, series: LineSeries[], opts: LineOptions): string {
  const W = 640;
  const kommune = series.find((s) => s.role === 'kommune');
  const banded = kommune ? kommune.values.filter((v) => !v.absent && v.lower !== null && v.upper !== null) : [];
  // Legend items, laid out in rows before the plot so the plot starts below them.
  const items: { width: number; draw: (x: number, y: number) => string }[] = series.map((s) => {
    const st = STYLE[s.role];
    return {
      width: 40 + s.label.length * charWidth(),
      draw: (x, y) =>
        `<line x1="${n(x)}" x2="${n(x + 26)}" y1="${n(y)}" y2="${n(y)}" stroke="${st.color}" stroke-width="${st.width}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>\n` +
        marker(st.shape, x + 13, y, 6, st.color) +
        text(x + 32, y + 4, s.label),
    };
  });
  // The band's key only when a band is drawn.
  if (banded.length > 0)
    items.push({
      width: 30 + opts.intervalLabel.length * charWidth(),
      draw: (x, y) => `<rect x="${n(x)}" y="${n(y - 6)}" width="18" height="12" fill="${COLORS.band}" fill-opacity="0.25"/>\n` + text(x + 24, y + 4, opts.intervalLabel),
    });
  const legendRows: (typeof items)[] = [[]];
  let rowWidth = 0;
  for (const item of items) {
    if (rowWidth > 0 && rowWidth + item.width > W - 20 - 64) {
      legendRows.push([]);
      rowWidth = 0;
    }
    legendRows[legendRows.length - 1]!.push(item);
    rowWidth += item.width + 12;
  }
  const legendHeight = legendRows.length * 18;
  const M = { top: 14 + legendHeight + (opts.unit ? 18 : 8), right: 20, bottom: opts.periodLabel ? 58 : 44, left: 56 };
  const H = M.top + 212 + M.bottom; // the plot keeps its height whatever the legend and titles take
  const periods = [...new Map(series.flatMap((s) => s.values.map((v) => [`${v.period.from}_${v.period.to}`, v.period] as const))).values()].sort((a, b) => a.to - b.to || a.from - b.from);
  const keys = periods.map((p) => `${p.from}_${p.to}`);
  const x = scalePoint<string>().domain(keys).range([M.left, W - M.right]).padding(0.4);
  const numbers = series.flatMap((s) => s.values.flatMap((v) => (v.absent ? [] : [v.value, ...(s.role === 'kommune' ? [v.lower, v.upper] : [])]))).filter((v): v is number => v !== null);
  const lo = Math.min(...numbers);
  const hi = Math.max(...numbers);
  const pad = hi - lo > 0 ? (hi - lo) * 0.15 : Math.abs(hi) * 0.05 || 1;
  // From zero when the variation still fills a sixth or more of the axis (15–20 % does); a share
  // that varies little at a high level (85–90 %) gets a tighter axis, and the axis says so (a break
  // mark, and the caller's words). A change always has 0 on its axis.
  const domain: [number, number] = opts.signed
    ? [Math.min(0, lo - (lo < 0 ? pad : 0)), Math.max(0, hi + (hi > 0 ? pad : 0))]
    : opts.zero && lo >= 0 && (lo <= hi / 3 || hi - lo >= hi * 0.15)
      ? [0, hi * 1.05 || 1]
      : [Math.max(opts.zero ? 0 : -Infinity, lo - pad), hi + pad];
  const y = scaleLinear()
    .domain(domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain)
    .nice(5)
    .range([H - M.bottom, M.top]);
  const truncated = opts.zero && y.domain()[0]! > 0;
  // Room for the longest tick label.
  M.left = Math.max(40, 14 + Math.max(...y.ticks(5).map((t) => formatNumber(t, tickDecimals(y.ticks(5))).length)) * charWidth());
  x.range([M.left, W - M.right]);
  let body = '';
  for (const t of y.ticks(5)) {
    body += `<line x1="${M.left}" x2="${W - M.right}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${COLORS.grid}"/>\n`;
    body += text(M.left - 6, y(t) + 4, formatNumber(t, tickDecimals(y.ticks(5))), 'text-anchor="end"');
  }
  body += periodTicks(periods.map(formatPeriod), (i) => x(keys[i]!)!, x.step(), H - M.bottom + 16);
  if (truncated) body += axisBreak(M.left, H - M.bottom) + (opts.notFromZero ? text(W - M.right, M.top - 12, opts.notFromZero, 'class="axis-title" font-style="italic" text-anchor="end"') : '');
  body += `<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#888888"/>\n`;
  // Axis titles: the unit over the y axis (read horizontally), the period under the x axis.
  if (opts.unit) body += text(8, M.top - 12, opts.unit, 'class="axis-title" font-style="italic" text-anchor="start"');
  if (opts.periodLabel) body += text((M.left + W - M.right) / 2, H - 12, opts.periodLabel, 'class="axis-title" font-style="italic" text-anchor="middle"');
  if (kommune) {
    if (banded.length > 0) {
      const band = area<AreaValue>()
        .defined((v) => !v.absent && v.lower !== null && v.upper !== null)
        .x((v) => x(`${v.period.from}_${v.period.to}`)!)
        .y0((v) => y(v.lower!))
        .y1((v) => y(v.upper!));
      body += `<path d="${roundPath(band(kommune.values) ?? '')}" fill="${COLORS.band}" fill-opacity="0.25" stroke="none"/>\n`;
    }
  }
  for (const s of [...series].reverse()) {
    const st = STYLE[s.role];
    const path = line<AreaValue>()
      .defined((v) => !v.absent && v.value !== null)
      .x((v) => x(`${v.period.from}_${v.period.to}`)!)
      .y((v) => y(v.value!));
    body += `<path d="${roundPath(path(s.values) ?? '')}" fill="none" stroke="${st.color}" stroke-width="${st.width}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>\n`;
    for (const v of s.values) if (!v.absent && v.value !== null) body += marker(st.shape, x(`${v.period.from}_${v.period.to}`)!, y(v.value), 6, st.color);
  }
  // Legend: line style and marker, then the label.
  legendRows.forEach((row, r) => {
    let lx = M.left;
    for (const item of row) {
      body += item.draw(lx, 16 + r * 18);
      lx += item.width + 12;
    }
  });
  return svgDocument(W, H, id, alt, body);
}

/**
 * The period labels under the x axis, thinned by their measured width so that no two touch
 * ("2022–20242023–2025"): every k-th label counted back from the latest, which is always shown.
 */
export function periodTicks(labels: string[], at: (i: number) => number, step: number, y: number): string {
  const widest = Math.max(0, ...labels.map((l) => l.length * charWidth()));
  const every = Math.max(1, Math.ceil((widest + 10) / Math.max(1, step)));
  let out = '';
  labels.forEach((l, i) => {
    if ((labels.length - 1 - i) % every === 0) out += text(at(i), y, l, 'text-anchor="middle"');
  });
  return out;
}

/** The conventional break mark (two slanted strokes) on the y axis just above the x axis: the axis does not start at 0. */
function axisBreak(x: number, y: number): string {
  return `<path d="M${n(x - 6)},${n(y - 4)}L${n(x + 6)},${n(y - 8)}M${n(x - 6)},${n(y - 9)}L${n(x + 6)},${n(y - 13)}" stroke="#444444" stroke-width="1.2" fill="none"/>
`;
}

/** d3 paths carry full floating precision; round their numbers for stable, small files. */
export function roundPath(d: string): string {
  return d.replace(/-?\d+\.?\d*(e-?\d+)?/g, (m) => n(Number(m)));
}
