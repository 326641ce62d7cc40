import { gradientChart, type GradientBar } from './gradient.js';
import { lineChart, type LineOptions, type LineSeries } from './line.js';
import { pyramidChart, type PyramidRow } from './pyramid.js';
import { spineChart, type SpineLabels, type SpineRow } from './spine.js';

/** A figure described by its data; `renderChart` draws it as SVG. */
export type ChartSpec =
  | { type: 'line'; id: string; alt: string; series: LineSeries[]; options: LineOptions }
  | { type: 'gradient'; id: string; alt: string; bars: GradientBar[]; options: { decimals: number; zero: boolean; unit: string; total?: { label: string; value: number } } }
  | { type: 'pyramid'; id: string; alt: string; rows: PyramidRow[]; labels: { men: string; women: string; axis: string } }
  | { type: 'spine'; id: string; alt: string; rows: SpineRow[]; labels: SpineLabels };

/** The chart as a standalone SVG document (the same data gives the same bytes). */
export function renderChart(spec: ChartSpec): string {
  switch (spec.type) {
    case 'line':
      return lineChart(spec.id, spec.alt, spec.series, spec.options);
    case 'gradient':
      return gradientChart(spec.id, spec.alt, spec.bars, spec.options);
    case 'pyramid':
      return pyramidChart(spec.id, spec.alt, spec.rows, spec.labels);
    case 'spine':
      return spineChart(spec.id, spec.alt, spec.rows, spec.labels);
  }
}
