import { FolkehelseError, EXIT_USAGE } from '../errors.js';
import { defaultRegister, type GeoRegister, type HistoricEntry } from '../geo/register.js';
import { periodKey } from '../ingest/period.js';
import type { Geography, Observation, Period } from '../model/observation.js';
import { absentValue, areaValue, standardError, withhold } from './area-value.js';
import { limitsFor, type Indicator } from './catalogue.js';
import { compare } from './methods/compare.js';
import { confidenceLevel } from './methods/errors.js';
import { zFor } from './methods/quantiles.js';
import { socialGradient, type GradientGroupInput } from './methods/gradient.js';
import { applySecondarySuppression, DEFAULT_LIMITS, seriesSuppressed, type Hierarchy, type SuppressionCell, type SuppressionLimits } from './methods/suppression.js';
import { nonOverlapping, recentTrend, type TrendPoint } from './methods/trend.js';
import type { AreaValue, Comparison, GradientResult, IndicatorResult, NotTestedReason } from './result.js';
import { AmbiguousSelectionError, comparePeriods, criteriaFor, ObservationIndex, select, type Selection } from './select.js';

const SUPPRESSION_REASONS = new Set<string>(['suppressed', 'primary-suppression', 'secondary-suppression', 'series-suppression', 'too-few-events']);

/** Per observation index: indicator|fylke → period → kommuner to hide so none can be derived. */
const hierarchyCache = new WeakMap<ObservationIndex, Map<string, Map<string, Set<string>>>>();

/**
 * Secondary suppression across municipalities: when a county's total and every one of its
 * municipalities are published for a period, one hidden municipality would follow from the county
 * minus the others, so the smallest other one is hidden too. Deterministic (smallest numerator,
 * then code), so every municipality's report hides the same ones; cached per index.
 */
function kommuneHierarchy(index: ObservationIndex, ind: Indicator, ctx: Context, limits: SuppressionLimits): Map<string, Set<string>> {
  let byIndex = hierarchyCache.get(index);
  if (!byIndex) hierarchyCache.set(index, (byIndex = new Map()));
  const key = `${ind.id}|${ctx.fylke}|${JSON.stringify(limits)}`;
  const cached = byIndex.get(key);
  if (cached) return cached;
  const result = new Map<string, Set<string>>();
  byIndex.set(key, result);
  const members = ctx.register.kommunerIn(ctx.fylke).map((k) => k.code);
  if (members.length === 0) return result;
  const bands = ageBands(ind);
  let sel: Selection;
  try {
    sel = select(index.get(ind.select.source, ind.select.table, ind.select.measure, [ctx.fylke, ...members]), criteriaFor(ind), bands);
  } catch (e) {
    if (e instanceof AmbiguousSelectionError) return result;
    throw e;
  }
  if (!members.every((m) => sel.has(m))) return result;
  for (const [pk, cell] of sel.get(ctx.fylke) ?? []) {
    const cells = new Map<string, SuppressionCell>();
    const add = (id: string, c: { period: Period; observations: Observation[] } | undefined): void => {
      if (!c) return;
      const v = areaValue(ind, c.observations[0]!.geo, c.period, c.observations, limits, ctx.level);
      cells.set(id, { id, numerator: v.numerator, denominator: v.denominator, suppressed: v.absent ? 'source' : null });
    };
    add(ctx.fylke, cell);
    for (const m of members) add(m, sel.get(m)?.get(pk));
    const hidden = applySecondarySuppression(cells, [{ total: ctx.fylke, parts: members }]);
    if (hidden.length) result.set(pk, new Set(hidden));
  }
  return result;
}

/** The age bands an indicator is computed over (direct standardisation, life tables), if any. */
function ageBands(ind: Indicator): string[] | undefined {
  if (ind.measureType === 'directly-standardised-rate') return ind.standard!.bands.map((b) => b.age);
  if (ind.measureType === 'life-expectancy') return ind.lifeTable!.bands;
  return undefined;
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
function sumMergedParts(cells: Map<string, AreaCells>, code: string, merged: HistoricEntry[], ind: Indicator, limits: SuppressionLimits, ctx: Context): void {
  if (!['proportion', 'rate', 'count'].includes(ind.measureType)) return;
  const periods = new Map<string, Period>();
  for (const h of merged) for (const [pk, v] of cells.get(h.code)?.total ?? []) periods.set(pk, v.period);
  if (periods.size === 0) return;
  let target = cells.get(code);
  if (!target) cells.set(code, (target = { total: new Map(), male: new Map(), female: new Map(), groups: new Map() }));
  for (const [pk, period] of periods) {
    const live = merged.filter((h) => (h.validFrom === null || h.validFrom <= period.from) && (h.validTo === null || h.validTo >= period.to));
    if (live.length === 0) continue;
    const values = live.map((h) => cells.get(h.code)?.total.get(pk));
    const ownValue = target.total.get(pk);
    if (ownValue) values.push(ownValue);
    const counted = (v: AreaValue | undefined): v is AreaValue => !!v && !v.absent && (ind.measureType === 'count' ? v.value !== null : v.numerator !== null && v.denominator !== null);
    if (!values.every(counted)) continue;
    const geo = ownValue?.geo ?? { code, level: 'kommune' as const, name: ctx.register.current('kommune', code)?.name ?? code };
    const sum = (f: (v: AreaValue) => number) => values.reduce((acc, v) => acc + f(v), 0);
    const synthetic: Observation = {
      source: ind.select.source,
      table: ind.select.table,
      measure: ind.select.measure,
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
    const v = areaValue(ind, geo, period, [synthetic], limits, ctx.level);
    target.total.set(pk, { ...v, origins: values.flatMap((x) => x.origins) });
  }
}

export interface ComputeOptions {
  /** The municipality (four digits). */
  kommune: string;
  comparisons?: {
    /** County to compare with; default the municipality's own county. */
    fylke?: string;
    /** KOSTRA group code as in the data, e.g. 'EKG11'. */
    kostragruppe?: string;
    /** Other municipalities to show side by side. */
    neighbours?: string[];
  };
  /** Default suppression limits; an indicator's own limits override them. */
  suppression?: Partial<SuppressionLimits>;
  /** Confidence level, default 0.95. */
  level?: number;
  register?: GeoRegister;
}

/** The municipality asked for is not in the register. */
export class UnknownKommuneError extends FolkehelseError {
  constructor(code: string) {
    super(`"${code}" is not a municipality number in the register (four digits, e.g. 5037 for Levanger)`, EXIT_USAGE);
  }
}

/**
 * Resolves a municipality number to its current geography, also a former one: 1719 (renumbered)
 * → 5037, 0104 (merged) → 3103. `note` then says which municipality the old number became.
 */
export function resolveKommune(code: string, register: GeoRegister = defaultRegister()): Geography & { fylke: string; note: string | null } {
  const found = register.kommune(code);
  if (!found) {
    const divided = register.formerKommune(code)?.historic;
    if (divided && divided.successors.length > 1) {
      const into = divided.successors.map((c) => `${c} ${register.current('kommune', c)?.name ?? ''}`.trim()).join(' and ');
      throw new FolkehelseError(`municipality ${divided.code} ${divided.name} (${divided.validFrom ?? ''}-${divided.validTo ?? ''}) was divided into ${into}; ask for one of them`, EXIT_USAGE);
    }
    throw new UnknownKommuneError(code);
  }
  const k = found.area;
  return { code: k.code, level: 'kommune', name: k.name, fylke: k.fylke!, note: found.note };
}

/**
 * Computes every indicator of the catalogue for one municipality: the latest value with its
 * interval, fylke, land (and KOSTRA group) for the same period with verdicts, the series and its
 * trend, the social gradient, values by sex, suppression and provenance. Suppression happens here:
 * a suppressed number is absent from the result, never present-but-hidden.
 */
export function computeIndicators(observations: Observation[] | ObservationIndex, catalogue: Indicator[], options: ComputeOptions): IndicatorResult[] {
  const register = options.register ?? defaultRegister();
  const kommune = resolveKommune(options.kommune, register);
  const index = observations instanceof ObservationIndex ? observations : new ObservationIndex(observations);
  const defaults = { ...DEFAULT_LIMITS, ...(options.suppression ?? {}) };
  const level = confidenceLevel(options.level, 'computeIndicators');
  const ctx: Context = {
    register,
    kommune: { code: kommune.code, level: 'kommune', name: kommune.name },
    fylke: options.comparisons?.fylke ?? kommune.fylke,
    kostragruppe: options.comparisons?.kostragruppe ?? null,
    neighbours: options.comparisons?.neighbours ?? [],
    level,
    z: zFor(level),
  };
  return catalogue.map((ind) => computeOne(index, ind, ctx, limitsFor(ind, defaults)));
}

interface Context {
  register: GeoRegister;
  kommune: Geography;
  fylke: string;
  kostragruppe: string | null;
  neighbours: string[];
  level: number;
  z: number;
}

/** Values of one area: period key → the total, male and female values and gradient groups. */
interface AreaCells {
  total: Map<string, AreaValue>;
  male: Map<string, AreaValue>;
  female: Map<string, AreaValue>;
  groups: Map<string, Map<string, AreaValue>>; // group value → period → value
}

function computeOne(index: ObservationIndex, ind: Indicator, ctx: Context, limits: SuppressionLimits): IndicatorResult {
  // Only the areas this report shows: the municipality and what it is compared with, and the
  // former municipalities merged into them (their history is the sum of the parts).
  const own = [ctx.kommune.code, ...ctx.neighbours];
  const parts = new Map(own.map((code) => [code, mergedInto(ctx.register, code)]));
  const wanted = [ctx.kommune.code, ctx.fylke, '0', ...(ctx.kostragruppe ? [ctx.kostragruppe] : []), ...ctx.neighbours, ...[...parts.values()].flat().map((h) => h.code)];
  const candidates = index.get(ind.select.source, ind.select.table, ind.select.measure, wanted);
  const result = emptyResult(ind, ctx.kommune, candidates.length);
  if (!index.has(ind.select.source, ind.select.table, ind.select.measure)) {
    const measures = index.tables(ind.select.source, ind.select.table);
    result.message = measures.length
      ? `table ${ind.select.table} (${ind.select.source}) is in the data, but not measure "${ind.select.measure}"; it has ${measures.map((m) => `"${m}"`).join(', ')}`
      : `no data for this indicator: table ${ind.select.table} from ${ind.select.source} is not in the data folder`;
    return result;
  }
  let cells: Map<string, AreaCells>;
  try {
    cells = collect(ind, candidates, ctx, limits);
  } catch (e) {
    if (!(e instanceof AmbiguousSelectionError)) throw e;
    result.status = 'invalid-selection';
    result.message = `catalogue ${ind.definedIn ?? ''}, indicator ${ind.id}: ${e.message}`;
    return result;
  }
  for (const [code, merged] of parts) if (merged.length > 0) sumMergedParts(cells, code, merged, ind, limits, ctx);
  const mine = cells.get(ctx.kommune.code);
  if (!mine || mine.total.size === 0) {
    const areas = index.areas(ind.select.source, ind.select.table, ind.select.measure);
    result.message = `${ctx.kommune.name} (${ctx.kommune.code}) has no rows in table ${ind.select.table} that fit the indicator; the table has ${areas.length} ${areas.length === 1 ? 'area' : 'areas'} (${areas.slice(0, 6).join(', ')}${areas.length > 6 ? ' …' : ''})`;
    return result;
  }

  // Secondary suppression, per area and period, over total = men + women and total = Σ groups.
  for (const area of cells.values()) suppressFamilies(area, ind);
  // … and over fylke = Σ its kommuner, when every kommune of the county is in the data.
  const acrossKommuner = kommuneHierarchy(index, ind, ctx, limits);
  for (const [code, area] of cells) {
    for (const [pk, v] of area.total) if (!v.absent && acrossKommuner.get(pk)?.has(code)) area.total.set(pk, withhold(v, 'secondary-suppression'));
  }

  // Series rule: a series resting mostly on few cases, or much suppressed, is hidden entirely.
  const series = sortValues([...mine.total.values()]);
  const hidden = seriesSuppressed(series.map((v) => ({ numerator: v.numerator, suppressed: v.absent?.symbol === ':' })), limits);
  const kommuneSeries = hidden ? series.map((v) => (v.absent ? v : withhold(v, 'series-suppression'))) : series;
  result.series = {
    kommune: kommuneSeries,
    fylke: sortValues([...(cells.get(ctx.fylke)?.total.values() ?? [])]),
    land: sortValues([...(cells.get('0')?.total.values() ?? [])]),
    neighbours: ctx.neighbours.filter((code) => cells.get(code)?.total.size).map((code) => {
      const values = sortValues([...cells.get(code)!.total.values()]);
      return { geo: values[0]!.geo, values };
    }),
    hidden,
  };
  // The latest period with a number, or with a suppressed one: trailing periods the source has no
  // data for (".", "..", "...") are not "the latest value".
  const latest = [...kommuneSeries].reverse().find((v) => !v.absent || SUPPRESSION_REASONS.has(v.absent.reason)) ?? kommuneSeries[kommuneSeries.length - 1]!;
  const pk = periodKey(latest.period);
  result.period = latest.period;
  result.value = latest;
  result.provenance.periods = kommuneSeries.map((v) => v.period.label);
  result.provenance.files = [...new Set([...cells.values()].flatMap((a) => [...a.total.values()].flatMap((v) => v.origins.map((o) => o.file))))].sort();
  if (latest.absent) {
    result.status = 'absent';
    result.message = absentMessage(latest, hidden);
  } else result.status = 'ok';

  const benchmark = (code: string | null, label: string): Comparison | null => {
    if (code === null) return null;
    const v = cells.get(code)?.total.get(pk) ?? null;
    return comparison(latest, v, ind, label);
  };
  result.comparisons = {
    land: benchmark('0', 'land')!,
    fylke: benchmark(ctx.fylke, 'fylke')!,
    kostragruppe: benchmark(ctx.kostragruppe, 'KOSTRA-gruppe'),
    neighbours: ctx.neighbours.map((code) => cells.get(code)?.total.get(pk)).filter((v): v is AreaValue => v !== undefined),
  };
  result.trend = trendOf(kommuneSeries, ind, ctx);
  if (mine.male.has(pk) || mine.female.has(pk)) result.bySex = { male: mine.male.get(pk) ?? null, female: mine.female.get(pk) ?? null };
  result.gradient = ind.gradient ? gradientOf(ind, mine, latest.period) : null;
  return result;
}

function emptyResult(ind: Indicator, kommune: Geography, observations: number): IndicatorResult {
  const notTested = { value: null, verdict: 'not-tested' as const, reason: 'kommune-absent' as const, note: 'no value for the municipality' };
  return {
    id: ind.id,
    theme: ind.theme,
    title: ind.title,
    phrase: ind.phrase ?? ind.title,
    howToRead: ind.howToRead,
    source: ind.source,
    unit: ind.unit,
    decimals: ind.decimals ?? 1,
    multiplier: ind.multiplier ?? null,
    measureType: ind.measureType,
    polarity: ind.polarity,
    chart: ind.chart ?? 'line',
    kommune,
    status: 'no-data',
    message: null,
    period: null,
    value: null,
    comparisons: { land: notTested, fylke: notTested, kostragruppe: null, neighbours: [] },
    series: { kommune: [], fylke: [], land: [], neighbours: [], hidden: false },
    trend: { direction: 'cannot-be-calculated', judgement: null, statistic: null, method: null, points: 0, independentPoints: null, reasonCode: 'few-points', reason: 'no series' },
    gradient: null,
    bySex: null,
    provenance: { source: ind.select.source, table: ind.select.table, measure: ind.select.measure, files: [], periods: [], observations },
  };
}

/** Computes the values of every area from the selections (total, each sex, each gradient group). */
function collect(ind: Indicator, candidates: Observation[], ctx: Context, limits: SuppressionLimits): Map<string, AreaCells> {
  const bands = ageBands(ind);
  const out = new Map<string, AreaCells>();
  const area = (code: string): AreaCells => {
    let a = out.get(code);
    if (!a) out.set(code, (a = { total: new Map(), male: new Map(), female: new Map(), groups: new Map() }));
    return a;
  };
  const fill = (sel: Selection, put: (a: AreaCells, pk: string, v: AreaValue) => void): void => {
    for (const [code, byPeriod] of sel) {
      for (const [pk, cell] of byPeriod) put(area(code), pk, areaValue(ind, cell.observations[0]!.geo, cell.period, cell.observations, limits, ctx.level));
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

/** Secondary suppression over the published families of one area, period by period. */
function suppressFamilies(area: AreaCells, ind: Indicator): void {
  for (const pk of area.total.keys()) {
    const cells = new Map<string, SuppressionCell>();
    const values = new Map<string, AreaValue>();
    const add = (id: string, v: AreaValue | undefined): void => {
      if (!v) return;
      values.set(id, v);
      cells.set(id, { id, numerator: v.numerator, denominator: v.denominator, suppressed: v.absent ? 'source' : null });
    };
    add('total', area.total.get(pk));
    add('male', area.male.get(pk));
    add('female', area.female.get(pk));
    const hierarchies: Hierarchy[] = [{ total: 'total', parts: ['male', 'female'] }];
    if (ind.gradient) {
      const ids = ind.gradient.groups.map((g) => `group:${g.value}`);
      ind.gradient.groups.forEach((g) => add(`group:${g.value}`, area.groups.get(g.value)?.get(pk)));
      // Only a total that is the sum of the groups (not a separate "all" category) can leak.
      hierarchies.push({ total: 'total', parts: ids });
    }
    for (const id of applySecondarySuppression(cells, hierarchies)) {
      const v = withhold(values.get(id)!, 'secondary-suppression');
      if (id === 'total') area.total.set(pk, v);
      else if (id === 'male') area.male.set(pk, v);
      else if (id === 'female') area.female.set(pk, v);
      else area.groups.get(id.slice('group:'.length))!.set(pk, v);
    }
  }
}

function comparison(mine: AreaValue, bench: AreaValue | null, ind: Indicator, label: string): Comparison {
  const notTested = (reason: NotTestedReason, note: string): Comparison => ({ value: bench, verdict: 'not-tested', reason, note });
  if (mine.absent) return notTested('kommune-absent', `the municipality's value is not published (${mine.absent.reason})`);
  if (!bench) return { value: null, verdict: 'not-tested', reason: 'no-benchmark', note: `no ${label} value for ${mine.period.label}` };
  if (bench.absent) return notTested('benchmark-absent', `the ${label} value for ${mine.period.label} is not published`);
  if (ind.measureType === 'count' || ind.measureType === 'value') return notTested('not-comparable', 'a count or amount: not compared for significance');
  if (ind.sampling === 'units') return notTested('not-a-sample', 'a share of a few units (waterworks, schools), not a sample of persons: no significance test');
  if (mine.lower === null || mine.upper === null) return notTested('no-counts', 'only the value is published, without counts: no significance test is possible');
  return { value: bench, verdict: compare(mine, bench.value, ind.polarity), reason: null, note: null };
}

function trendOf(series: AreaValue[], ind: Indicator, ctx: Context): IndicatorResult['trend'] {
  if (ind.sampling === 'units') {
    return { direction: 'cannot-be-calculated', judgement: null, statistic: null, method: null, points: 0, independentPoints: null, reasonCode: 'not-a-sample', reason: 'a share of a few units, not a sample of persons: no trend test' };
  }
  const published = series.filter((v) => !v.absent && v.value !== null);
  // Rolling pools (2020–2022, 2021–2023 …) share years: only non-overlapping periods are
  // independent points (2016–2018, 2019–2021, 2022–2024).
  const overlap = published.some((v, i) => published.some((w, j) => j !== i && v.period.from <= w.period.to && w.period.from <= v.period.to));
  const used = overlap ? nonOverlapping(published) : published;
  const points: TrendPoint[] = used.map((v) => {
    const p: TrendPoint = { t: v.period.to, value: v.value, se: standardError(v, ctx.z) };
    // Proportions with counts: χ² test for trend on the period's counts, as Fingertips (the
    // periods no longer overlap, so no one is counted in two points).
    if (ind.measureType === 'proportion' && v.numerator !== null && v.denominator !== null) {
      p.x = v.numerator;
      p.n = v.denominator;
    }
    return p;
  });
  const pooledSeries = overlap || (ind.periods?.pooled ?? 1) > 1;
  return recentTrend(points, { polarity: ind.polarity, independentPoints: pooledSeries ? used.length : null });
}

function gradientOf(ind: Indicator, mine: AreaCells, latest: Period): GradientResult | null {
  const g = ind.gradient!;
  // The latest period (not after the indicator's) for which the groups are published.
  const periods = new Map<string, Period>();
  for (const byPeriod of mine.groups.values()) for (const v of byPeriod.values()) if (comparePeriods(v.period, latest) <= 0) periods.set(periodKey(v.period), v.period);
  if (periods.size === 0) return null;
  const period = [...periods.values()].sort(comparePeriods).pop()!;
  const pk = periodKey(period);
  const groups = g.groups.map((group) => ({
    key: group.value,
    label: group.label,
    value: mine.groups.get(group.value)?.get(pk) ?? absentValue({ code: '', level: 'kommune', name: '' }, period, '..', 'missing', []),
  }));
  const input: GradientGroupInput[] = groups.map((x) => ({
    key: x.key,
    x: x.value.absent ? null : x.value.numerator,
    n: x.value.absent ? null : x.value.denominator,
    value: x.value.absent ? null : x.value.value,
  }));
  const usable = ind.measureType === 'proportion' ? input : input.map((x) => ({ ...x, x: null }));
  const sg = socialGradient(usable, { polarity: ind.polarity, multiplier: ind.multiplier ?? 1 });
  const hiddenGroups = groups.filter((x) => x.value.absent).length;
  return {
    title: g.title,
    dimension: g.dimension,
    period,
    groups,
    best: sg.best,
    worst: sg.worst,
    absoluteRange: sg.absoluteRange,
    relativeRange: sg.relativeRange,
    trendTest: sg.trendTest,
    sii: sg.sii,
    note: hiddenGroups ? `${hiddenGroups} of ${groups.length} groups are not published; ranges use the others and the test needs them all` : null,
  };
}

function sortValues(values: AreaValue[]): AreaValue[] {
  return values.sort((a, b) => comparePeriods(a.period, b.period));
}

function absentMessage(v: AreaValue, hidden: boolean): string {
  if (hidden) return 'the whole series is hidden: too many of its points are suppressed or rest on few cases';
  switch (v.absent!.reason) {
    case 'primary-suppression':
      return `the latest value (${v.period.label}) rests on so few cases that it is suppressed`;
    case 'secondary-suppression':
      return `the latest value (${v.period.label}) is suppressed so that a suppressed number cannot be worked out from the others`;
    case 'suppressed':
      return `the source has suppressed the latest value (${v.period.label}) for confidentiality`;
    case 'too-few-events':
      return `fewer than 10 events in ${v.period.label}: no standardised rate`;
    default:
      return `the source has no value for ${v.period.label} (${v.absent!.symbol} ${v.absent!.reason})`;
  }
}
