import { FolkehelseError, EXIT_USAGE, msg, say } from '../base/errors.js';
import { defaultRegister, type GeoRegister } from '../geo/register.js';
import { periodKey } from '../ingest/period.js';
import type { Geography, Observation, Period } from '../model/observation.js';
import { LAND } from '../model/observation.js';
import type { DataSummary } from '../model/summary.js';
import { absentValue } from './area-value.js';
import type { Indicator } from './catalogue.js';
import { disclosureFor, sortValues, type AreaCells, type Disclosure, type IndicatorDisclosure } from './disclosure.js';
import { comparison } from './comparison.js';
import { developmentOf } from './development.js';
import { confidenceLevel } from './methods/errors.js';
import { zFor } from './methods/quantiles.js';
import { socialGradient, type GradientGroupInput } from './methods/gradient.js';
import type { SuppressionLimits } from './methods/suppression.js';
import type { AreaValue, Comparison, GradientGroupResult, GradientGroupsAt, GradientResult, IndicatorResult } from './result.js';
import { AmbiguousSelectionError, comparePeriods, measureIn, measuresOf, ObservationIndex } from './select.js';

const SUPPRESSION_REASONS = new Set<string>(['suppressed', 'primary-suppression', 'secondary-suppression', 'series-suppression', 'too-few-events']);

/** Data as loadData gives it: the observations kept and the summary of every row read (src/indicators/gather.ts). */
export interface GatheredData {
  observations: Observation[];
  summary: DataSummary;
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
  /** The run's suppression limits: for each limit the strictest of these, the default and the indicator's own applies. */
  suppression?: Partial<SuppressionLimits>;
  /** Confidence level, default 0.95. */
  level?: number;
  register?: GeoRegister;
}

/** The municipality asked for is not in the register. */
export class UnknownKommuneError extends FolkehelseError {
  constructor(code: string, role: 'kommune' | 'neighbour' = 'kommune') {
    super(msg(role === 'neighbour' ? 'errors.kommune.unknownNeighbour' : 'errors.kommune.unknown', { code }), EXIT_USAGE);
  }
}

/** Current municipalities whose name (or official name, or name without its county) is `name`, ignoring case. */
function kommunerNamed(name: string, register: GeoRegister): { code: string; name: string; fylke?: string }[] {
  const norm = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('nb').replace(/\s+/g, ' ');
  const wanted = norm(name);
  return register.data.kommuner.filter((k) => k.validTo === null && [k.name, k.officialName ?? '', k.name.replace(/\s*\(.*\)$/, '')].some((n) => n !== '' && norm(n) === wanted));
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
      const into = divided.successors.map((c) => `${c} ${register.current('kommune', c)?.name ?? ''}`.trim()).join(` ${say('errors.kommune.and')} `);
      throw new FolkehelseError(msg('errors.kommune.divided', { code: divided.code, name: divided.name, from: divided.validFrom ?? '', to: divided.validTo ?? '', into }), EXIT_USAGE);
    }
    // A name instead of a number ("Levanger", "herøy (nordland)"): the one current municipality it names.
    const named = /\p{L}/u.test(code) ? kommunerNamed(code, register) : [];
    if (named.length === 1) {
      const k = named[0]!;
      return { code: k.code, level: 'kommune', name: k.name, fylke: k.fylke!, note: `"${code}" is ${k.code} ${k.name}` };
    }
    if (named.length > 1) throw new FolkehelseError(msg('errors.kommune.ambiguousName', { name: code, count: named.length, list: named.map((k) => `${k.code} ${k.name}`).join(', ') }), EXIT_USAGE);
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
export function computeIndicators(observations: Observation[] | ObservationIndex | GatheredData, catalogue: Indicator[], options: ComputeOptions): IndicatorResult[] {
  const register = options.register ?? defaultRegister();
  const kommune = resolveKommune(options.kommune, register);
  const index = observations instanceof ObservationIndex ? observations : Array.isArray(observations) ? new ObservationIndex(observations) : new ObservationIndex(observations.observations, observations.summary);
  const level = confidenceLevel(options.level, 'computeIndicators');
  const neighbours = (options.comparisons?.neighbours ?? []).map((code) => {
    try {
      return resolveKommune(code, register).code;
    } catch (e) {
      if (e instanceof UnknownKommuneError) throw new UnknownKommuneError(code, 'neighbour');
      throw e;
    }
  });
  const ctx: Context = {
    register,
    kommune: { code: kommune.code, level: 'kommune', name: kommune.name },
    fylke: options.comparisons?.fylke ?? kommune.fylke,
    kostragruppe: options.comparisons?.kostragruppe ?? null,
    neighbours: neighbours.filter((code, i) => code !== kommune.code && neighbours.indexOf(code) === i),
    level,
    z: zFor(level),
  };
  const disclosure = disclosureFor(index, { register, suppression: options.suppression, level: ctx.level });
  return catalogue.map((ind) => computeOne(disclosure, index, ind, ctx));
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

function computeOne(disclosure: Disclosure, index: ObservationIndex, ind: Indicator, ctx: Context): IndicatorResult {
  const wanted = [ctx.kommune.code, ctx.fylke, LAND, ...(ctx.kostragruppe ? [ctx.kostragruppe] : []), ...ctx.neighbours];
  const measure = measureIn(index, ind.select);
  const result = emptyResult(ind, ctx.kommune, index.count(ind.select.source, ind.select.table, measure, wanted), measure);
  if (!index.has(ind.select.source, ind.select.table, measure)) {
    const measures = index.tables(ind.select.source, ind.select.table);
    result.message = measures.length
      ? `table ${ind.select.table} (${ind.select.source}) is in the data, but not measure ${measuresOf(ind.select).map((m) => `"${m}"`).join(' or ')}; it has ${measures.map((m) => `"${m}"`).join(', ')}`
      : `no data for this indicator: table ${ind.select.table} from ${ind.select.source} is not in the data folder`;
    return result;
  }
  // Every value comes from the run's one disclosure decision (primary, series and secondary
  // suppression over all areas of the data), so every document shows the same numbers.
  let decided: IndicatorDisclosure;
  try {
    decided = disclosure.indicator(ind);
  } catch (e) {
    if (!(e instanceof AmbiguousSelectionError)) throw e;
    result.status = 'invalid-selection';
    result.message = say('warnings.invalidSelection', { file: ind.definedIn ?? '', id: ind.id, reason: e.message }) + say('warnings.ownCatalogue');
    return result;
  }
  const cells = decided.cells;
  const mine = cells.get(ctx.kommune.code);
  if (!mine || mine.total.size === 0) {
    const areas = index.areas(ind.select.source, ind.select.table, measure);
    result.message = `${ctx.kommune.name} (${ctx.kommune.code}) has no rows in table ${ind.select.table} that fit the indicator; the table has ${areas.length} ${areas.length === 1 ? 'area' : 'areas'} (${areas.slice(0, 6).join(', ')}${areas.length > 6 ? ' …' : ''})`;
    return result;
  }
  const hidden = decided.hiddenSeries.has(ctx.kommune.code);
  const kommuneSeries = sortValues([...mine.total.values()]);
  result.series = {
    kommune: kommuneSeries,
    fylke: sortValues([...(cells.get(ctx.fylke)?.total.values() ?? [])]),
    land: sortValues([...(cells.get(LAND)?.total.values() ?? [])]),
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
  // The files behind the areas this result shows (the decision covers every area of the data).
  const shown = wanted.map((code) => cells.get(code)).filter((a): a is AreaCells => a !== undefined);
  result.provenance.files = [...new Set(shown.flatMap((a) => [...a.total.values()].flatMap((v) => v.origins.map((o) => o.file))))].sort();
  if (latest.absent) {
    result.status = 'absent';
    result.message = absentMessage(latest, hidden);
  } else result.status = 'ok';

  const benchmark = (code: string | null, label: string): Comparison | null => {
    if (code === null) return null;
    const v = cells.get(code)?.total.get(pk) ?? null;
    return comparison(latest, v, ind, label, ctx.level);
  };
  result.comparisons = {
    land: benchmark(LAND, 'land')!,
    fylke: benchmark(ctx.fylke, 'fylke')!,
    kostragruppe: benchmark(ctx.kostragruppe, 'KOSTRA-gruppe'),
    neighbours: ctx.neighbours.map((code) => cells.get(code)?.total.get(pk)).filter((v): v is AreaValue => v !== undefined),
  };
  result.trend = developmentOf(kommuneSeries, ind, ctx.z);
  if (mine.male.has(pk) || mine.female.has(pk)) result.bySex = { male: mine.male.get(pk) ?? null, female: mine.female.get(pk) ?? null };
  result.gradient = ind.gradient ? gradientOf(ind, mine, latest.period, { fylke: cells.get(ctx.fylke), land: cells.get(LAND) }) : null;
  return result;
}

function emptyResult(ind: Indicator, kommune: Geography, observations: number, measure = measuresOf(ind.select)[0]!): IndicatorResult {
  const notTested = { value: null, verdict: 'not-tested' as const, method: null, p: null, reason: 'kommune-absent' as const, note: 'no value for the municipality' };
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
    ...(ind.role ? { role: ind.role } : {}),
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
    provenance: { source: ind.select.source, table: ind.select.table, measure, files: [], periods: [], observations },
  };
}

/** The periods (not after `latest`) in which an area has any of the gradient's groups, oldest first. */
function groupPeriods(area: AreaCells, latest: Period): Period[] {
  const periods = new Map<string, Period>();
  for (const byPeriod of area.groups.values()) for (const v of byPeriod.values()) if (comparePeriods(v.period, latest) <= 0) periods.set(periodKey(v.period), v.period);
  return [...periods.values()].sort(comparePeriods);
}

/** The gradient's groups of an area in one period; a group without a number is absent ("..", missing). */
function groupsAt(ind: Indicator, area: AreaCells, period: Period): GradientGroupResult[] {
  const pk = periodKey(period);
  return ind.gradient!.groups.map((group) => ({
    key: group.value,
    label: group.label,
    value: area.groups.get(group.value)?.get(pk) ?? absentValue({ code: '', level: 'kommune', name: '' }, period, '..', 'missing', []),
  }));
}

function historyOf(ind: Indicator, area: AreaCells | undefined, latest: Period): GradientGroupsAt[] {
  return area ? groupPeriods(area, latest).map((period) => ({ period, groups: groupsAt(ind, area, period) })) : [];
}

function gradientOf(ind: Indicator, mine: AreaCells, latest: Period, others: { fylke: AreaCells | undefined; land: AreaCells | undefined }): GradientResult | null {
  const g = ind.gradient!;
  // The latest period (not after the indicator's) for which the groups are published.
  const periods = groupPeriods(mine, latest);
  if (periods.length === 0) return null;
  const period = periods[periods.length - 1]!;
  const groups = groupsAt(ind, mine, period);
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
    history: { kommune: historyOf(ind, mine, period), fylke: historyOf(ind, others.fylke, period), land: historyOf(ind, others.land, period) },
  };
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
