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
import { withhold } from './area-value.js';
import type { Indicator } from './catalogue.js';
import { collect, type AreaCells } from './disclosure-cells.js';
import { mergedInto, sumMergedParts } from './disclosure-merged.js';
import { pooled } from './disclosure-pooled.js';
import { acrossEditions, earlierEditionsOf, editionsKey, rememberEditions, unsuppressedCells } from './disclosure-editions.js';
import { familiesOf, secondary } from './disclosure-secondary.js';
import { DEFAULT_LIMITS, seriesSuppressed, type SuppressionLimits } from './methods/suppression.js';
import type { AreaValue } from './result.js';
import { comparePeriods, measureIn, withPairedCounts, type ObservationIndex } from './select.js';

export { ageBands, isSuppressed, type AreaCells } from './disclosure-cells.js';
export { determinedCells, firstDetermined } from './methods/determined-cells.js';

/** One indicator's decided values over every area of the data. */
export interface IndicatorDisclosure {
  limits: SuppressionLimits;
  cells: Map<string, AreaCells>;
  /** Areas whose whole (total) series is hidden by the series rule. */
  hiddenSeries: Set<string>;
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
  const key = JSON.stringify([strictestLimits(options.suppression), options.level, editionsKey(earlierEditionsOf(options.suppression))]);
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
  const candidates = withPairedCounts(index, ind.select, measure, index.get(ind.select.source, ind.select.table, measure));
  const cells = collect(ind, candidates, limits, options.level);
  // Merged municipalities' history as the sum of their parts, for every current municipality.
  for (const { code, merged } of kommunerWithMergers(options.register)) {
    if (merged.some((h) => cells.has(h.code))) sumMergedParts(cells, code, merged, ind, measure, limits, options);
  }
  // Earlier editions (README "Suppression", rule 5): what they withheld stays withheld, what they
  // published unchanged is known (disclosure-editions.ts).
  const memory = rememberEditions(cells, ind, earlierEditionsOf(options.suppression), () => unsuppressedCells(ind, candidates, options.level));
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
    if (memory && acrossEditions(cells, options.register, memory)) more = true;
    if (!more) break;
  }
  return { limits, cells, hiddenSeries };
}

/** Per register: the current municipalities that former ones were merged into, in its order (most have none; asked for every indicator). */
const mergers = new WeakMap<GeoRegister, { code: string; merged: HistoricEntry[] }[]>();

function kommunerWithMergers(register: GeoRegister): { code: string; merged: HistoricEntry[] }[] {
  let list = mergers.get(register);
  if (!list) {
    list = [];
    for (const k of register.data.kommuner) {
      const merged = mergedInto(register, k.code);
      if (merged.length > 0) list.push({ code: k.code, merged });
    }
    mergers.set(register, list);
  }
  return list;
}

/** The periods of a series, in order. */
export function sortValues(values: AreaValue[]): AreaValue[] {
  return values.sort((a, b) => comparePeriods(a.period, b.period));
}
