import { scaleLinear, scalePoint } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { AreaValue } from '../../indicators/result.js';
import { formatNumber, formatPeriod } from '../format.js';
import { COLORS, marker, n, svgDocument, text, type MarkerShape } from './svg.js';

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

/**
 * Time series of the municipality against county and land, with the municipality's 95 % interval
 * as a band. Withheld points are gaps. The y axis starts at 0 unless `zero` is false (years).
 */
export function lineChart(id: string, alt: string, series: LineSeries[], opts: { decimals: number; zero: boolean; intervalLabel: string }): string {
  const W = 640;
  const H = 300;
  const M = { top: 44, right: 20, bottom: 44, left: 56 };
  const periods = [...new Map(series.flatMap((s) => s.values.map((v) => [`${v.period.from}_${v.period.to}`, v.period] as const))).values()].sort((a, b) => a.to - b.to || a.from - b.from);
  const keys = periods.map((p) => `${p.from}_${p.to}`);
  const x = scalePoint<string>().domain(keys).range([M.left, W - M.right]).padding(0.4);
  const numbers = series.flatMap((s) => s.values.flatMap((v) => (v.absent ? [] : [v.value, ...(s.role === 'kommune' ? [v.lower, v.upper] : [])]))).filter((v): v is number => v !== null);
  const lo = Math.min(...numbers);
  const hi = Math.max(...numbers);
  const pad = hi - lo > 0 ? (hi - lo) * 0.15 : Math.abs(hi) * 0.05 || 1;
  const y = scaleLinear()
    // From zero when that still shows the variation; a high share (85–90 %) gets a tighter axis.
    .domain(opts.zero && lo >= 0 && lo <= hi / 3 ? [0, hi * 1.05 || 1] : [Math.max(opts.zero ? 0 : -Infinity, lo - pad), hi + pad])
    .nice(5)
    .range([H - M.bottom, M.top]);
  // Room for the longest tick label (about 6.5 px a character at 11 px).
  M.left = Math.max(40, 14 + Math.max(...y.ticks(5).map((t) => formatNumber(t, tickDecimals(y.ticks(5))).length)) * 6.5);
  x.range([M.left, W - M.right]);
  let body = '';
  for (const t of y.ticks(5)) {
    body += `<line x1="${M.left}" x2="${W - M.right}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${COLORS.grid}"/>\n`;
    body += text(M.left - 6, y(t) + 4, formatNumber(t, tickDecimals(y.ticks(5))), 'text-anchor="end"');
  }
  const every = Math.ceil(keys.length / 8);
  periods.forEach((p, i) => {
    if (i % every !== 0 && i !== periods.length - 1) return;
    body += text(x(keys[i]!)!, H - M.bottom + 16, formatPeriod(p), 'text-anchor="middle"');
  });
  body += `<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#888888"/>\n`;
  const kommune = series.find((s) => s.role === 'kommune');
  if (kommune) {
    const withBand = kommune.values.filter((v) => !v.absent && v.lower !== null && v.upper !== null);
    if (withBand.length > 0) {
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
  let lx = M.left;
  for (const s of series) {
    const st = STYLE[s.role];
    body += `<line x1="${n(lx)}" x2="${n(lx + 26)}" y1="16" y2="16" stroke="${st.color}" stroke-width="${st.width}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>\n`;
    body += marker(st.shape, lx + 13, 16, 6, st.color);
    body += text(lx + 32, 20, s.label);
    lx += 44 + s.label.length * 6.6;
  }
  if (kommune) {
    body += `<rect x="${n(lx)}" y="10" width="18" height="12" fill="${COLORS.band}" fill-opacity="0.25"/>\n`;
    body += text(lx + 24, 20, opts.intervalLabel);
  }
  return svgDocument(W, H, id, alt, body);
}

function tickDecimals(ticks: number[]): number {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  return step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
}

/** d3 paths carry full floating precision; round their numbers for stable, small files. */
export function roundPath(d: string): string {
  return d.replace(/-?\d+\.?\d*(e-?\d+)?/g, (m) => n(Number(m)));
}
