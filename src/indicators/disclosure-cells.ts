/**
 * The cells disclosure control decides over: one indicator's values per area, period, sex and
 * gradient group, as the engine computes them before any secondary suppression.
 */
import type { Observation } from '../model/observation.js';
import { areaValue, derivedCount } from './area-value.js';
import type { Indicator } from './catalogue.js';
import type { SuppressionLimits } from './methods/suppression.js';
import type { AbsentReason, AreaValue } from './result.js';
import { criteriaFor, select, type Criteria } from './select.js';

/** Values of one area: period key → the total, male and female values and gradient groups. */
export interface AreaCells {
  total: Map<string, AreaValue>;
  male: Map<string, AreaValue>;
  female: Map<string, AreaValue>;
  groups: Map<string, Map<string, AreaValue>>; // group value → period → value
}

const SUPPRESSION_REASONS = new Set<AbsentReason>(['suppressed', 'primary-suppression', 'secondary-suppression', 'series-suppression', 'too-few-events']);

/** Whether a value is withheld for confidentiality (by the source or by folkehelse). */
export function isSuppressed(v: AreaValue | undefined): boolean {
  return !!v?.absent && (v.absent.symbol === ':' || SUPPRESSION_REASONS.has(v.absent.reason));
}

/** Computes the values of every area from the selections (total, each sex, each gradient group). */
export function collect(ind: Indicator, candidates: Observation[], limits: SuppressionLimits, level: number): Map<string, AreaCells> {
  const bands = ageBands(ind);
  const out = new Map<string, AreaCells>();
  for (const { slot, criteria } of selectionsOf(ind)) {
    for (const [code, byPeriod] of select(candidates, criteria, bands)) {
      const a = areaCells(out, code);
      if (slot.startsWith('g:') && !a.groups.has(slot.slice(2))) a.groups.set(slot.slice(2), new Map());
      for (const [pk, cell] of byPeriod) setCell(out, code, slot, pk, areaValue(ind, cell.observations[0]!.geo, cell.period, cell.observations, limits, level));
    }
  }
  return out;
}

/**
 * The rows an indicator's cells are selected by: the total, each sex (when the total is of both
 * sexes) and each gradient group. Nothing else of a table is read (src/indicators/gather.ts keeps
 * only rows that fit one of these).
 */
export function selectionsOf(ind: Indicator): { slot: Slot; criteria: Criteria }[] {
  const total = criteriaFor(ind);
  const out: { slot: Slot; criteria: Criteria }[] = [{ slot: 'total', criteria: total }];
  if (total.sex === 'total') out.push({ slot: 'male', criteria: { ...total, sex: 'male' } }, { slot: 'female', criteria: { ...total, sex: 'female' } });
  const g = ind.gradient;
  if (g) for (const group of g.groups) out.push({ slot: `g:${group.value}`, criteria: criteriaFor(ind, { dimensions: { [g.dimension]: group.value }, without: [], ...(g.select ?? {}) }) });
  return out;
}

/** The age bands an indicator is computed over (direct standardisation, life tables), if any. */
export function ageBands(ind: Indicator): string[] | undefined {
  if (ind.measureType === 'directly-standardised-rate') return ind.standard!.bands.map((b) => b.age);
  if (ind.measureType === 'life-expectancy') return ind.lifeTable!.bands;
  return undefined;
}

/** The cells of one area, made empty when the area has none yet. */
export function areaCells(out: Map<string, AreaCells>, code: string): AreaCells {
  let a = out.get(code);
  if (!a) out.set(code, (a = { total: new Map(), male: new Map(), female: new Map(), groups: new Map() }));
  return a;
}

// ---- slots: the total, each sex, each group ------------------------------------------------

export type Slot = string; // 'total' | 'male' | 'female' | 'g:<group>'

/** Every slot of an indicator: the total, each sex and each gradient group. */
export function slotsOf(ind: Indicator): Slot[] {
  return ['total', 'male', 'female', ...(ind.gradient?.groups.map((g) => `g:${g.value}`) ?? [])];
}

export function cellOf(cells: Map<string, AreaCells>, code: string, slot: Slot, pk: string): AreaValue | undefined {
  const a = cells.get(code);
  if (!a) return undefined;
  if (slot === 'total') return a.total.get(pk);
  if (slot === 'male') return a.male.get(pk);
  if (slot === 'female') return a.female.get(pk);
  return a.groups.get(slot.slice(2))?.get(pk);
}

export function setCell(cells: Map<string, AreaCells>, code: string, slot: Slot, pk: string, v: AreaValue): void {
  const a = cells.get(code)!;
  if (slot === 'total') a.total.set(pk, v);
  else if (slot === 'male') a.male.set(pk, v);
  else if (slot === 'female') a.female.set(pk, v);
  else a.groups.get(slot.slice(2))!.set(pk, v);
}

/** One series of an area: the total's, one sex's or one group's values by period. */
export function seriesOf(area: AreaCells, slot: Slot): Map<string, AreaValue> | undefined {
  return slot === 'total' ? area.total : slot === 'male' ? area.male : slot === 'female' ? area.female : area.groups.get(slot.slice(2));
}

/** The count a published cell gives away (its numerator, or value × denominator). */
export function knownCount(v: AreaValue, ind: Indicator): number | null {
  if (v.absent) return null;
  if (v.numerator !== null) return v.numerator;
  return derivedCount(ind, v.value, v.denominator);
}
