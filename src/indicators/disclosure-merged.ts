/**
 * Merged municipalities in disclosure control: a current municipality's history before a merger,
 * computed from its former parts' counts so that its series and its parts are decided together.
 */
import type { GeoRegister, HistoricEntry } from '../geo/register.js';
import type { Observation, Period } from '../model/observation.js';
import { areaValue } from './area-value.js';
import type { Indicator } from './catalogue.js';
import { areaCells, type AreaCells } from './disclosure-cells.js';
import type { SuppressionLimits } from './methods/suppression.js';
import type { AreaValue } from './result.js';

/** Former municipalities merged into this one (not renumbered ones: the readers harmonise those). */
export function mergedInto(register: GeoRegister, code: string): HistoricEntry[] {
  return register.mergedInto(code);
}

/**
 * A merged municipality's history as the sum of its parts: for a period in which every former
 * municipality that existed then has counts, the current one's value is computed from the summed
 * numerators and denominators (and its own row, when it existed under the same number: data for
 * the dissolved numbers means the source is on the old borders). Counts of people are summed as
 * values. Anything else (standardised rates, years) cannot be summed and is left as it is.
 */
export function sumMergedParts(cells: Map<string, AreaCells>, code: string, merged: HistoricEntry[], ind: Indicator, measure: string, limits: SuppressionLimits, options: { register: GeoRegister; level: number }): void {
  if (!['proportion', 'rate', 'count'].includes(ind.measureType)) return;
  const periods = new Map<string, Period>();
  for (const h of merged) for (const [pk, v] of cells.get(h.code)?.total ?? []) periods.set(pk, v.period);
  if (periods.size === 0) return;
  const target = areaCells(cells, code);
  for (const [pk, period] of periods) {
    const live = merged.filter((h) => (h.validFrom === null || h.validFrom <= period.from) && (h.validTo === null || h.validTo >= period.to));
    if (live.length === 0) continue;
    const values = live.map((h) => cells.get(h.code)?.total.get(pk));
    const ownValue = target.total.get(pk);
    if (ownValue) values.push(ownValue);
    const counted = (v: AreaValue | undefined): v is AreaValue => !!v && !v.absent && (ind.measureType === 'count' ? v.value !== null : v.numerator !== null && v.denominator !== null);
    if (!values.every(counted)) continue;
    const geo = ownValue?.geo ?? { code, level: 'kommune' as const, name: options.register.current('kommune', code)?.name ?? code };
    const sum = (f: (v: AreaValue) => number) => values.reduce((acc, v) => acc + f(v), 0);
    const synthetic: Observation = {
      source: ind.select.source,
      table: ind.select.table,
      measure,
      measureType: 'value',
      unit: null,
      multiplier: ind.multiplier ?? null,
      standardisation: 'none',
      geo,
      harmonisedFrom: live.map((h) => h.code).join('+'),
      period,
      sex: 'total',
      age: null,
      dimensions: {},
      value: ind.measureType === 'count' ? sum((v) => v.value!) : null,
      missing: null,
      provisional: false,
      numerator: ind.measureType === 'count' ? null : sum((v) => v.numerator!),
      denominator: ind.measureType === 'count' ? null : sum((v) => v.denominator!),
      // The parts' counts are already the period's sums (period-counts.ts): not to be scaled again.
      countColumns: { numerator: 'sum', denominator: 'sum', years: null },
      origin: values[0]!.origins[0] ?? { file: '', line: null },
    };
    if (synthetic.value === null) synthetic.value = (synthetic.numerator! / synthetic.denominator!) * (ind.multiplier ?? 1);
    const v = areaValue(ind, geo, period, [synthetic], limits, options.level);
    const counts = values.find((x) => x.counts)?.counts ?? v.counts;
    target.total.set(pk, { ...v, counts, origins: values.flatMap((x) => x.origins) });
  }
}
