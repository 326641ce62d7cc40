/**
 * Run-wide disclosure control: which numbers may be published, decided once per run for every
 * (indicator, area, period, sex, group), so every document of the run — each municipality's report,
 * the neighbours shown in it, the region report, `indicators --json/--csv` — shows the same
 * decision.
 *
 * The decision is taken over everything in the data, not over what one report shows: a cell that
 * is published anywhere is treated as published everywhere. The rules (README "Small numbers"):
 *
 * 1. Primary: a cell resting on few cases is hidden (area-value.ts, with the strictest limits).
 * 2. Series: a municipality's series of which more than 20 % is hidden or more than half rests on
 *    few cases is hidden entirely.
 * 3. Secondary: over every additive family — total = men + women, total = Σ gradient groups,
 *    county = Σ its municipalities (for the total, each sex and each group), land = Σ counties,
 *    and within one series a pooled period = Σ its years —
 *    no hidden count (numerator or denominator) may be determined by linear algebra from the
 *    published counts. Where one is, the smallest published part of a family it is in is hidden
 *    too, until none is. Rules 2 and 3 repeat until nothing changes.
 */
import type { GeoRegister, HistoricEntry } from '../geo/register.js';
import type { Observation, Period } from '../model/observation.js';
import { areaValue, derivedCount, withhold } from './area-value.js';
import type { Indicator } from './catalogue.js';
import { DEFAULT_LIMITS, seriesSuppressed, type SuppressionLimits } from './methods/suppression.js';
import type { AbsentReason, AreaValue } from './result.js';
import { comparePeriods, criteriaFor, measureIn, type ObservationIndex, select, type Selection } from './select.js';

/** Values of one area: period key → the total, male and female values and gradient groups. */
export interface AreaCells {
  total: Map<string, AreaValue>;
  male: Map<string, AreaValue>;
  female: Map<string, AreaValue>;
  groups: Map<string, Map<string, AreaValue>>; // group value → period → value
}

/** One indicator's decided values over every area of the data. */
export interface IndicatorDisclosure {
  limits: SuppressionLimits;
  cells: Map<string, AreaCells>;
  /** Areas whose whole (total) series is hidden by the series rule. */
  hiddenSeries: Set<string>;
}

const SUPPRESSION_REASONS = new Set<AbsentReason>(['suppressed', 'primary-suppression', 'secondary-suppression', 'series-suppression', 'too-few-events']);

/** Whether a value is withheld for confidentiality (by the source or by folkehelse). */
export function isSuppressed(v: AreaValue | undefined): boolean {
  return !!v?.absent && (v.absent.symbol === ':' || SUPPRESSION_REASONS.has(v.absent.reason));
}

/**
 * The strictest applicable limits: each limit is the largest of the built-in default, the
 * configuration's and the indicator's own. A configuration can tighten a catalogue's limit, never
 * loosen it (and the reverse).
 */
export function strictestLimits(...limits: (Partial<SuppressionLimits> | undefined)[]): SuppressionLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const l of limits) {
    if (!l) continue;
    for (const k of Object.keys(out) as (keyof SuppressionLimits)[]) {
      const v = l[k];
      if (typeof v === 'number' && Number.isFinite(v) && v > out[k]) out[k] = v;
    }
  }
  return out;
}

export interface DisclosureOptions {
  register: GeoRegister;
  /** The run's (configured) limits; the strictest of these, the defaults and the indicator's apply. */
  suppression?: Partial<SuppressionLimits>;
  level: number;
}

/** Per observation index: one Disclosure per limits and level, so every call of a run shares it. */
const cache = new WeakMap<ObservationIndex, Map<string, Disclosure>>();

/** The run's disclosure decisions for this data (shared by every call with the same index and options). */
export function disclosureFor(index: ObservationIndex, options: DisclosureOptions): Disclosure {
  let byIndex = cache.get(index);
  if (!byIndex) cache.set(index, (byIndex = new Map()));
  const key = JSON.stringify([strictestLimits(options.suppression), options.level]);
  let d = byIndex.get(key);
  if (!d || d.register !== options.register) byIndex.set(key, (d = new Disclosure(index, options)));
  return d;
}

export class Disclosure {
  readonly register: GeoRegister;
  private readonly decided = new Map<string, IndicatorDisclosure>();
  constructor(
    private readonly index: ObservationIndex,
    private readonly options: DisclosureOptions,
  ) {
    this.register = options.register;
  }

  /** The limits applied to an indicator. */
  limits(ind: Indicator): SuppressionLimits {
    return strictestLimits(this.options.suppression, ind.suppression);
  }

  /**
   * Every area's values for an indicator, with every suppression decided. Throws
   * AmbiguousSelectionError when the catalogue's selection does not pick one row per cell.
   */
  indicator(ind: Indicator): IndicatorDisclosure {
    const key = `${ind.id}|${JSON.stringify(ind.select)}|${JSON.stringify(ind.suppression ?? {})}|${JSON.stringify(ind.gradient ?? null)}|${ind.measureType}`;
    let d = this.decided.get(key);
    if (!d) {
      d = decide(this.index, ind, this.limits(ind), this.options);
      this.decided.set(key, d);
    }
    return d;
  }
}

function decide(index: ObservationIndex, ind: Indicator, limits: SuppressionLimits, options: DisclosureOptions): IndicatorDisclosure {
  const measure = measureIn(index, ind.select);
  const candidates = index.get(ind.select.source, ind.select.table, measure);
  const cells = collect(ind, candidates, limits, options.level);
  // Merged municipalities' history as the sum of their parts, for every current municipality.
  for (const k of options.register.data.kommuner) {
    const merged = mergedInto(options.register, k.code);
    if (merged.length > 0 && merged.some((h) => cells.has(h.code))) sumMergedParts(cells, k.code, merged, ind, measure, limits, options);
  }
  const hiddenSeries = new Set<string>();
  const families = familiesOf(cells, ind, options.register);
  const periods = new Set<string>();
  for (const a of cells.values()) for (const m of [a.total, a.male, a.female, ...a.groups.values()]) for (const pk of m.keys()) periods.add(pk);
  const kommuner = [...cells.keys()].filter((code) => [...cells.get(code)!.total.values()][0]?.geo.level === 'kommune');
  for (;;) {
    for (const pk of [...periods].sort()) secondary(cells, families, ind, pk);
    // Pooled periods next to their years (or overlapping pools) of one series.
    let more = pooled(cells, ind);
    // Series rule, for every municipality in the data (not only the one a report is about).
    for (const code of kommuner) {
      if (hiddenSeries.has(code)) continue;
      const area = cells.get(code)!;
      const series = [...area.total.values()];
      if (!seriesSuppressed(series.map((v) => ({ numerator: v.numerator, suppressed: v.absent?.symbol === ':' })), limits)) continue;
      hiddenSeries.add(code);
      for (const [pk, v] of area.total) if (!v.absent) area.total.set(pk, withhold(v, 'series-suppression'));
      more = true;
    }
    if (!more) break;
  }
  return { limits, cells, hiddenSeries };
}

// ---- cells ----------------------------------------------------------------------------------

/** Computes the values of every area from the selections (total, each sex, each gradient group). */
function collect(ind: Indicator, candidates: Observation[], limits: SuppressionLimits, level: number): Map<string, AreaCells> {
  const bands = ageBands(ind);
  const out = new Map<string, AreaCells>();
  const fill = (sel: Selection, put: (a: AreaCells, pk: string, v: AreaValue) => void): void => {
    for (const [code, byPeriod] of sel) {
      for (const [pk, cell] of byPeriod) put(areaCells(out, code), pk, areaValue(ind, cell.observations[0]!.geo, cell.period, cell.observations, limits, level));
    }
  };
  const total = criteriaFor(ind);
  fill(select(candidates, total, bands), (a, pk, v) => a.total.set(pk, v));
  if (total.sex === 'total') {
    fill(select(candidates, { ...total, sex: 'male' }, bands), (a, pk, v) => a.male.set(pk, v));
    fill(select(candidates, { ...total, sex: 'female' }, bands), (a, pk, v) => a.female.set(pk, v));
  }
  if (ind.gradient) {
    const g = ind.gradient;
    for (const group of g.groups) {
      const c = criteriaFor(ind, { dimensions: { [g.dimension]: group.value }, without: [], ...(g.select ?? {}) });
      fill(select(candidates, c, bands), (a, pk, v) => {
        let m = a.groups.get(group.value);
        if (!m) a.groups.set(group.value, (m = new Map()));
        m.set(pk, v);
      });
    }
  }
  return out;
}

/** The age bands an indicator is computed over (direct standardisation, life tables), if any. */
export function ageBands(ind: Indicator): string[] | undefined {
  if (ind.measureType === 'directly-standardised-rate') return ind.standard!.bands.map((b) => b.age);
  if (ind.measureType === 'life-expectancy') return ind.lifeTable!.bands;
  return undefined;
}

function areaCells(out: Map<string, AreaCells>, code: string): AreaCells {
  let a = out.get(code);
  if (!a) out.set(code, (a = { total: new Map(), male: new Map(), female: new Map(), groups: new Map() }));
  return a;
}

/** Former municipalities merged into this one (not renumbered ones: the readers harmonise those). */
function mergedInto(register: GeoRegister, code: string): HistoricEntry[] {
  return register.mergedInto(code);
}

/**
 * A merged municipality's history as the sum of its parts: for a period in which every former
 * municipality that existed then has counts, the current one's value is computed from the summed
 * numerators and denominators (and its own row, when it existed under the same number: data for
 * the dissolved numbers means the source is on the old borders). Counts of people are summed as
 * values. Anything else (standardised rates, years) cannot be summed and is left as it is.
 */
function sumMergedParts(cells: Map<string, AreaCells>, code: string, merged: HistoricEntry[], ind: Indicator, measure: string, limits: SuppressionLimits, options: DisclosureOptions): void {
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
      origin: values[0]!.origins[0] ?? { file: '', line: null },
    };
    if (synthetic.value === null) synthetic.value = (synthetic.numerator! / synthetic.denominator!) * (ind.multiplier ?? 1);
    const v = areaValue(ind, geo, period, [synthetic], limits, options.level);
    target.total.set(pk, { ...v, origins: values.flatMap((x) => x.origins) });
  }
}

// ---- secondary suppression ------------------------------------------------------------------

type Slot = string; // 'total' | 'male' | 'female' | 'g:<group>'

function slotsOf(ind: Indicator): Slot[] {
  return ['total', 'male', 'female', ...(ind.gradient?.groups.map((g) => `g:${g.value}`) ?? [])];
}

function cellOf(cells: Map<string, AreaCells>, code: string, slot: Slot, pk: string): AreaValue | undefined {
  const a = cells.get(code);
  if (!a) return undefined;
  if (slot === 'total') return a.total.get(pk);
  if (slot === 'male') return a.male.get(pk);
  if (slot === 'female') return a.female.get(pk);
  return a.groups.get(slot.slice(2))?.get(pk);
}

function setCell(cells: Map<string, AreaCells>, code: string, slot: Slot, pk: string, v: AreaValue): void {
  const a = cells.get(code)!;
  if (slot === 'total') a.total.set(pk, v);
  else if (slot === 'male') a.male.set(pk, v);
  else if (slot === 'female') a.female.set(pk, v);
  else a.groups.get(slot.slice(2))!.set(pk, v);
}

/** A total and the parts it is the sum of, as [area, slot] pairs. */
interface Family {
  total: [string, Slot];
  parts: [string, Slot][];
}

/**
 * The additive families: within each area, total = men + women and total = Σ gradient groups;
 * across areas, for the total, each sex and each group, county = Σ its current municipalities and
 * land = Σ counties.
 */
function familiesOf(cells: Map<string, AreaCells>, ind: Indicator, register: GeoRegister): Family[] {
  const out: Family[] = [];
  const groups = ind.gradient?.groups.map((g) => `g:${g.value}`) ?? [];
  for (const code of cells.keys()) {
    out.push({ total: [code, 'total'], parts: [[code, 'male'], [code, 'female']] });
    if (groups.length) out.push({ total: [code, 'total'], parts: groups.map((g) => [code, g]) });
  }
  const slots = slotsOf(ind);
  const fylker = register.data.fylker.map((f) => f.code);
  for (const f of fylker) {
    if (!cells.has(f)) continue;
    const members = register.kommunerIn(f).map((k) => k.code);
    if (members.length === 0 || !members.every((m) => cells.has(m))) continue;
    for (const s of slots) out.push({ total: [f, s], parts: members.map((m) => [m, s]) });
  }
  if (cells.has('0') && fylker.length > 0 && fylker.every((f) => cells.has(f))) for (const s of slots) out.push({ total: ['0', s], parts: fylker.map((f) => [f, s]) });
  return out;
}

/** The count a published cell gives away (its numerator, or value × denominator). */
function knownCount(v: AreaValue, ind: Indicator): number | null {
  if (v.absent) return null;
  if (v.numerator !== null) return v.numerator;
  return derivedCount(ind, v.value, v.denominator);
}

/**
 * Makes sure no hidden count of one period can be determined: over every family whose members are
 * all in the data, the counts of published cells are known and the others unknown; a hidden cell
 * whose numerator or denominator is fixed by the equations gets company (the smallest published
 * part of a family it is in), until no hidden count is fixed.
 */
function secondary(cells: Map<string, AreaCells>, allFamilies: Family[], ind: Indicator, pk: string): void {
  const id = (code: string, slot: Slot) => `${code}\u0000${slot}`;
  const split = (cid: string) => cid.split('\u0000') as [string, Slot];
  // Nothing hidden in this period: nothing to protect.
  let anyHidden = false;
  for (const a of cells.values()) {
    if (isSuppressed(a.total.get(pk)) || isSuppressed(a.male.get(pk)) || isSuppressed(a.female.get(pk)) || [...a.groups.values()].some((g) => isSuppressed(g.get(pk)))) {
      anyHidden = true;
      break;
    }
  }
  if (!anyHidden) return;
  const families = allFamilies.filter((f) => [f.total, ...f.parts].every(([c, s]) => cellOf(cells, c, s, pk) !== undefined));
  if (families.length === 0) return;
  const members = (f: Family) => [f.total, ...f.parts];
  const equations = families.map((f) => ({ total: id(...f.total), parts: f.parts.map((p) => id(...p)) }));
  for (;;) {
    if (!families.some((f) => members(f).some(([c, s]) => isSuppressed(cellOf(cells, c, s, pk))))) return;
    let determined: string | null = null;
    for (const which of ['numerator', 'denominator'] as const) {
      const known = (cid: string): boolean => {
        const v = cellOf(cells, ...split(cid), pk)!;
        if (v.absent) return false;
        return which === 'numerator' ? knownCount(v, ind) !== null : v.denominator !== null;
      };
      determined = firstDetermined(equations, known, (cid) => isSuppressed(cellOf(cells, ...split(cid), pk)));
      if (determined) break;
    }
    if (!determined) return;
    // Hide the smallest published part of a family the determined cell is in (the total only when
    // no part is left), in the family with the fewest unknowns first.
    const [dc, ds] = split(determined);
    const unknowns = (f: Family) => members(f).filter(([c, s]) => cellOf(cells, c, s, pk)!.absent).length;
    const containing = families.filter((f) => members(f).some(([c, s]) => c === dc && s === ds)).sort((a, b) => unknowns(a) - unknowns(b));
    let chosen: [string, Slot] | null = null;
    for (const f of containing) {
      const open = (list: [string, Slot][]) => list.filter(([c, s]) => !cellOf(cells, c, s, pk)!.absent);
      const pool = open(f.parts).length ? open(f.parts) : open([f.total]);
      if (pool.length === 0) continue;
      const size = ([c, s]: [string, Slot]) => {
        const v = cellOf(cells, c, s, pk)!;
        return knownCount(v, ind) ?? v.denominator ?? Number.POSITIVE_INFINITY;
      };
      chosen = pool.sort((a, b) => size(a) - size(b) || id(...a).localeCompare(id(...b)))[0]!;
      break;
    }
    if (!chosen) return; // cannot happen: a fixed cell has a published member in one of its families
    setCell(cells, chosen[0], chosen[1], pk, withhold(cellOf(cells, ...chosen, pk)!, 'secondary-suppression'));
  }
}

/**
 * Pooled periods: a pool of several years is the sum of its single years (or, for FHI's yearly
 * averages, that sum divided by the number of years — the same unknowns are fixed), so within one
 * series (an area's total, one sex or one group) a pool and its years, or two overlapping pools
 * and the years they do not share, form a family too: 2020–2022 − 2021–2023 + 2020 gives 2023.
 * Years not in the data are unknowns. Where a hidden cell of the series is fixed, the smallest
 * published pool of an equation it is in (else the smallest year) is hidden as well, until none is. Only series that mix
 * overlapping periods are looked at. Returns whether anything was hidden.
 */
function pooled(cells: Map<string, AreaCells>, ind: Indicator): boolean {
  let changed = false;
  for (const [code, area] of cells) {
    for (const slot of slotsOf(ind)) {
      const series = slot === 'total' ? area.total : slot === 'male' ? area.male : slot === 'female' ? area.female : area.groups.get(slot.slice(2));
      if (!series || series.size < 2) continue;
      const periods = [...series].filter(([, v]) => v.period.kind !== 'school-year').map(([pk, v]) => [pk, v.period] as const);
      const overlap = periods.some(([a, p]) => periods.some(([b, q]) => a !== b && p.from <= q.to && q.from <= p.to));
      if (!overlap) continue;
      const yearKey = new Map<number, string>();
      for (const [pk, p] of periods) if (p.from === p.to) yearKey.set(p.from, pk);
      const latent = (y: number) => `\u0000year ${y}`;
      const equations = periods
        .filter(([, p]) => p.to > p.from)
        .map(([pk, p]) => ({ total: pk, parts: Array.from({ length: p.to - p.from + 1 }, (_, i) => yearKey.get(p.from + i) ?? latent(p.from + i)) }));
      const cell = (id: string) => (id.startsWith('\u0000') ? undefined : series.get(id));
      for (;;) {
        if (![...series.values()].some(isSuppressed)) break;
        let determined: string | null = null;
        for (const which of ['numerator', 'denominator'] as const) {
          const known = (id: string): boolean => {
            const v = cell(id);
            if (!v || v.absent) return false;
            return which === 'numerator' ? knownCount(v, ind) !== null : v.denominator !== null;
          };
          determined = firstDetermined(equations, known, (id) => isSuppressed(cell(id)));
          if (determined) break;
        }
        if (!determined) break;
        const size = (id: string) => {
          const v = cell(id)!;
          return knownCount(v, ind) ?? v.denominator ?? Number.POSITIVE_INFINITY;
        };
        // A pool first: hiding it breaks the equation without taking years from the series.
        // The equations the fixed cell is in; when none of them has a published cell (a pool of
        // years not in the data), those linked to them through a shared cell, and so on.
        const open = (ids: string[]) => [...new Set(ids)].filter((id) => cell(id) && !cell(id)!.absent).sort((a, b) => size(a) - size(b) || a.localeCompare(b));
        const reached = new Set<string>([determined]);
        let chosen: string | undefined;
        for (let layer = equations.filter((e) => e.total === determined || e.parts.includes(determined!)); layer.length > 0 && chosen === undefined; ) {
          chosen = open(layer.map((e) => e.total))[0] ?? open(layer.flatMap((e) => e.parts))[0];
          for (const e of layer) for (const id of [e.total, ...e.parts]) reached.add(id);
          layer = equations.filter((e) => !layer.includes(e) && [e.total, ...e.parts].some((id) => reached.has(id)) && ![e.total, ...e.parts].every((id) => reached.has(id)));
        }
        if (chosen === undefined) break; // cannot happen: a fixed cell is linked to a published one
        series.set(chosen, withhold(series.get(chosen)!, 'secondary-suppression'));
        changed = true;
      }
    }
  }
  return changed;
}

/**
 * The first protected cell (in a stable order) whose value the families fix, given which cells are
 * known. Linear algebra: the equations total − Σ parts = 0 restricted to the unknown cells; a cell
 * is fixed exactly when its unit vector lies in their row space, i.e. when the reduced row echelon
 * form has a row with its only non-zero entry in that cell's column.
 */
export function firstDetermined(families: { total: string; parts: string[] }[], known: (id: string) => boolean, protect: (id: string) => boolean): string | null {
  const determined = determinedCells(families, known);
  const ids = [...determined].filter(protect).sort();
  return ids[0] ?? null;
}

/** Every unknown cell that the equations total = Σ parts fix, given the known ones. */
export function determinedCells(families: { total: string; parts: string[] }[], known: (id: string) => boolean): Set<string> {
  const columns = new Map<string, number>();
  const rows: Map<number, number>[] = [];
  let anyKnown = false;
  for (const f of families) {
    const row = new Map<number, number>();
    let hasKnown = false;
    const add = (cid: string, coef: number): void => {
      if (known(cid)) {
        hasKnown = true;
        return;
      }
      let col = columns.get(cid);
      if (col === undefined) columns.set(cid, (col = columns.size));
      row.set(col, (row.get(col) ?? 0) + coef);
    };
    add(f.total, 1);
    for (const p of f.parts) add(p, -1);
    for (const [k, v] of row) if (v === 0) row.delete(k);
    if (row.size > 0) {
      rows.push(row);
      anyKnown ||= hasKnown;
    }
  }
  const out = new Set<string>();
  // With nothing known, sums of unknown parts fix nothing.
  if (!anyKnown) return out;
  // Every equation counts: one with a column of its own still fixes that column when the sum of
  // its other columns is fixed (2017–2020 − 2018–2020 gives 2017 though 2018, 2019 and 2020 are
  // each unknown), so no equation is set aside.
  const fixed = new Set<number>();
  for (const [col, row] of rref(rows)) if (row.size === 1) fixed.add(col);
  const names = [...columns.keys()];
  for (const c of fixed) out.add(names[c]!);
  return out;
}

/** Reduced row echelon form of sparse rows; returns pivot column → its row. */
function rref(input: Map<number, number>[]): Map<number, Map<number, number>> {
  const EPS = 1e-9;
  const pivots = new Map<number, Map<number, number>>();
  for (const original of input) {
    const row = new Map(original);
    // Eliminate existing pivots from the new row.
    for (const [col, prow] of pivots) {
      const c = row.get(col);
      if (c === undefined) continue;
      for (const [k, v] of prow) {
        const nv = (row.get(k) ?? 0) - c * v;
        if (Math.abs(nv) < EPS) row.delete(k);
        else row.set(k, nv);
      }
    }
    if (row.size === 0) continue;
    const col = Math.min(...row.keys());
    const lead = row.get(col)!;
    for (const [k, v] of row) row.set(k, v / lead);
    // Eliminate the new pivot from the existing rows.
    for (const prow of pivots.values()) {
      const c = prow.get(col);
      if (c === undefined) continue;
      for (const [k, v] of row) {
        const nv = (prow.get(k) ?? 0) - c * v;
        if (Math.abs(nv) < EPS) prow.delete(k);
        else prow.set(k, nv);
      }
    }
    pivots.set(col, row);
  }
  return pivots;
}

/** The periods of a series, in order. */
export function sortValues(values: AreaValue[]): AreaValue[] {
  return values.sort((a, b) => comparePeriods(a.period, b.period));
}

