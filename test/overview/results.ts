import { loadData } from '../../src/sources/load.js';
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import { computeIndicators } from '../../src/indicators/engine.js';
import type { AreaValue, IndicatorResult } from '../../src/indicators/result.js';
import { INNHERRED, SYNTHETIC_CATALOGUE } from '../helpers.js';

const cache = new Map<string, Promise<IndicatorResult[]>>();

/**
 * The synthetic data's indicator results for one municipality, computed with the synthetic data's own
 * catalogue (its tables are not the real ones the default catalogue reads); once per test file.
 */
export function innherredResults(kommune: string): Promise<IndicatorResult[]> {
  let p = cache.get(kommune);
  if (!p) {
    p = loadData([INNHERRED]).then((d) => computeIndicators(d.observations, loadCatalogue(SYNTHETIC_CATALOGUE), { kommune, comparisons: { kostragruppe: 'EKG11' } }));
    cache.set(kommune, p);
  }
  return p;
}

export function areaValue(value: number | null, lower: number | null = null, upper: number | null = null, numerator: number | null = null, denominator: number | null = null): AreaValue {
  return { geo: { code: '9999', level: 'kommune', name: 'Test' }, period: { from: 2024, to: 2024, kind: 'year', label: '2024' }, value, lower, upper, numerator, denominator, method: null, absent: null, origins: [] };
}

/** A hand-made result: value with interval vs land, a verdict and a trend judgement. */
export function fakeResult(id: string, o: Partial<IndicatorResult> & { v?: number; land?: number; verdict?: IndicatorResult['comparisons']['land']['verdict']; judgement?: 'better' | 'worse' | null; x?: number; n?: number } = {}): IndicatorResult {
  const v = o.v ?? 10;
  const land = o.land ?? 10;
  return {
    id,
    theme: 'b',
    title: { nb: id, nn: id },
    phrase: { nb: id, nn: id },
    howToRead: { nb: '', nn: '' },
    source: { nb: 'FHI', nn: 'FHI' },
    unit: { nb: 'prosent', nn: 'prosent' },
    decimals: 1,
    multiplier: 100,
    measureType: 'proportion',
    polarity: 'low-is-good',
    chart: 'line',
    kommune: { code: '9999', level: 'kommune', name: 'Test' },
    status: 'ok',
    message: null,
    period: { from: 2024, to: 2024, kind: 'year', label: '2024' },
    value: areaValue(v, v - 1, v + 1, o.x ?? null, o.n ?? null),
    comparisons: { land: { value: areaValue(land), verdict: o.verdict ?? 'similar', reason: null, note: null }, fylke: { value: areaValue(land), verdict: 'similar', reason: null, note: null }, kostragruppe: null, neighbours: [] },
    series: { kommune: [], fylke: [], land: [], neighbours: [], hidden: false },
    trend: { direction: o.judgement === 'worse' ? 'increasing' : o.judgement === 'better' ? 'decreasing' : 'no-significant-change', judgement: o.judgement ?? null, statistic: null, method: null, points: 5, independentPoints: null, reasonCode: null, reason: null },
    gradient: null,
    bySex: null,
    provenance: { source: 'fhi', table: 't', measure: 'm', files: [], periods: [], observations: 0 },
    ...o,
  } as IndicatorResult;
}
