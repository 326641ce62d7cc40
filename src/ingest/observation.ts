import type { MissingValue, Observation } from '../model/observation.js';
import type { MeasureInfo, ValueCell } from './cells.js';

/** What every observation of one row shares: everything but the measure and its number. */
export type ObservationBase = Omit<Observation, 'measure' | 'measureType' | 'unit' | 'multiplier' | 'standardisation' | 'value' | 'missing' | 'provisional' | 'numerator' | 'denominator'>;

/** A number, or why there is none. */
export type ValueOrMissing = { value: number; provisional?: boolean } | { missing: MissingValue };

/** Turns a parsed cell into a number or a typed missing value (an empty cell is missing). */
export function fromCell(cell: ValueCell): ValueOrMissing {
  if (cell.kind === 'number') return { value: cell.value, provisional: cell.provisional };
  if (cell.kind === 'missing') return { missing: cell.missing };
  return { missing: { symbol: '', reason: 'missing' } };
}

/**
 * Assembles an observation. An explicit literal, not a spread: readers call this once per number
 * of national files. A missing value carries no counts either: nothing of a hidden cell is kept.
 */
export function observation(base: ObservationBase, measure: string, info: MeasureInfo, v: ValueOrMissing, numerator: number | null = null, denominator: number | null = null): Observation {
  const missing = 'missing' in v ? v.missing : null;
  return {
    source: base.source,
    table: base.table,
    measure,
    measureType: info.measureType,
    unit: info.unit,
    multiplier: info.multiplier,
    standardisation: info.standardisation,
    geo: base.geo,
    harmonisedFrom: base.harmonisedFrom,
    period: base.period,
    sex: base.sex,
    age: base.age,
    dimensions: base.dimensions,
    value: missing ? null : (v as { value: number }).value,
    missing,
    provisional: !missing && (v as { provisional?: boolean }).provisional === true,
    numerator: missing ? null : numerator,
    denominator: missing ? null : denominator,
    origin: base.origin,
  };
}
