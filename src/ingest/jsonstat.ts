import { msg, type Message } from '../base/messages.js';
import { statusAt, strides, valueAt, type Dataset } from '../jsonstat/dataset.js';
import type { AgeGroup, Observation, Period, Sex, SourceId } from '../model/observation.js';
import { LAND } from '../model/observation.js';
import { ageFromCode, ageFromLabel, dimensionsKey, isReversedAge, readValueCell, sexFromCode, sexFromLabel } from './cells.js';
import type { Resolution } from '../geo/resolve.js';
import type { ReadContext, ResolvedGeography } from './context.js';
import type { ObservationBase, ValueOrMissing } from './observation.js';
import { backwardsPeriod, parsePeriod, periodKey } from './period.js';
import { readDataset, valuesFit, type Dimension } from './jsonstat-dataset.js';
import { missingFromSymbol } from './symbols.js';

/**
 * Reading a JSON-stat 2.0 dataset (src/jsonstat/dataset.ts) into observations, the same for every
 * source: its shape checked, its cells walked key by key (region, period, sex, age, the other
 * dimensions), each key's cells — one per measure — handed to the source, which makes the
 * observations. There are no lines in a JSON cube: problems name the cell as `value[i]` with its
 * dimensions.
 */
export interface JsonStatReading {
  source: SourceId;
  /** A dataset without a region dimension holds figures for the whole country (SSB's 05300, survey tables). */
  national: boolean;
  /**
   * SSB writes 0 for years in which a region code did not exist: a slice of zeros outside the
   * code's validity is not a value (as the CSV reader).
   */
  zerosOutsideValidity: boolean;
  /** The table's name from the dataset's label and the file's stem. */
  table: (label: string | null, stem: string) => string;
  /** The observations of the cells of one key; an empty list when the source refused them (and said why). */
  observations: (group: CellGroup, ctx: ReadContext) => Observation[];
}

/** The cells of one key: one per measure code (or `value` without a measure dimension). */
export interface CellGroup {
  base: ObservationBase;
  period: Period;
  cells: Map<string, ValueOrMissing>;
  /** Each measure code's label. */
  measureLabels: Map<string, string>;
  /** A measure's unit as the dataset gives it (SSB: "prosent", "personer"). */
  unitOf: (measureCode: string) => string | undefined;
  /** The cell in messages: `value[12] (Region=5037, Tid=2023)`. */
  where: string;
}

// FHI's cause-of-death register (`daar`) has its own: FYLKE (with `Total` for the country) and DAAR.
const GEO_IDS = ['GEO', 'Region', 'KOKkommuneregion0000', 'FYLKE', 'BOFYLKE'];
const TIME_IDS = ['AAR', 'Tid', 'DAAR'];
const MEASURE_IDS = ['MEASURE_TYPE', 'ContentsCode'];
const SEX_IDS = ['KJONN', 'Kjonn'];
const AGE_IDS = ['ALDER', 'Alder'];

/** A dataset being walked: its dimensions, the roles they play, and the caches of one file. */
interface Cube {
  ds: Dataset;
  dims: Dimension[];
  strides: number[];
  iGeo: number;
  iTime: number;
  iMeasure: number;
  iSex: number;
  iAge: number;
  national: boolean;
  /** Every dimension but the measure's: each combination is one key. */
  outerDims: number[];
  /** Each dimension's place in `outerDims` (-1 for the measure's). */
  outerPos: number[];
  /** The region, age group, sex and period of each category, read once per file (a cube repeats them for every key). */
  geoAt: (Resolution | undefined)[];
  ageAt: (AgeGroup | null | undefined)[];
  sexAt: (Sex | null | undefined)[];
  periodAt: (Period | null | undefined)[];
  periodKeyAt: (string | undefined)[];
  droppedZeros: Set<string>;
  /** The (region, period) slices that hold any number but 0 (SSB: zeros outside a code's validity). */
  nonZero: Set<number>;
  /** The outer dimensions that are neither region, period, sex nor age: a key's `dimensions`. */
  otherDims: number[];
  /** The `dimensions` of every key when there are no other dimensions (shared, as the run's interner would). */
  noDimensions: Record<string, string>;
  /** The region dimension as problems name it (`dimension.Region`), made at the first key. */
  geoColumn: string | null;
  /** A dense cube has every measure's cell at every key (a sparse one's `value` is an object of cells). */
  dense: boolean;
  /** Every measure's label, for a dense cube (empty for a sparse one: each key has its own). Never null: every cube has one shape. */
  measureLabels: Map<string, string>;
}

/**
 * Which (region, period) slices hold any number but 0: SSB's placeholder for a year in which a
 * region code did not exist is a slice of zeros; a back-calculated series (5038 Verdal for 2015)
 * has real numbers, and its zeros are real too.
 */
function nonZeroSlices(ds: Dataset, stride: number[], iGeo: number, iTime: number): Set<number> {
  const nonZero = new Set<number>();
  const sizeT = ds.size[iTime]!;
  const mark = (i: number, v: unknown): void => {
    if (typeof v === 'number' && v !== 0) nonZero.add((Math.floor(i / stride[iGeo]!) % ds.size[iGeo]!) * sizeT + (Math.floor(i / stride[iTime]!) % sizeT));
  };
  const values = ds.value;
  if (Array.isArray(values)) values.forEach((v, i) => mark(i, v));
  else for (const k of Object.keys(values)) mark(Number(k), values[k]);
  return nonZero;
}

/** The roles of the dimensions; null (reported) when the dataset has no region or no time. */
function cubeOf(ctx: ReadContext, ds: Dataset, dims: Dimension[], reading: JsonStatReading): Cube | null {
  const pick = (ids: string[], role?: string[]): number => dims.findIndex((d) => ids.includes(d.id) || (role ?? []).includes(d.id));
  const iGeo = pick(GEO_IDS, ds.role?.geo);
  const iTime = pick(TIME_IDS, ds.role?.time);
  const iMeasure = pick(MEASURE_IDS, ds.role?.metric);
  const iSex = pick(SEX_IDS);
  const iAge = pick(AGE_IDS);
  const national = iGeo === -1 && reading.national;
  if ((iGeo === -1 && !national) || iTime === -1) {
    ctx.issues.report({ code: 'missing-column', column: iGeo === -1 ? 'GEO' : 'AAR', note: msg(iGeo === -1 ? 'issue.note.noRegionDimension' : 'issue.note.noTimeDimension') });
    return null;
  }
  const outerDims = dims.map((_, d) => d).filter((d) => d !== iMeasure);
  const outerPos = dims.map((_, d) => outerDims.indexOf(d));
  const dense = Array.isArray(ds.value);
  const otherDims = outerDims.filter((d) => d !== iGeo && d !== iTime && d !== iSex && d !== iAge);
  return { ds, dims, strides: strides(ds.size), iGeo, iTime, iMeasure, iSex, iAge, national, outerDims, outerPos, geoAt: [], ageAt: [], sexAt: [], periodAt: [], periodKeyAt: [], droppedZeros: new Set(), nonZero: new Set(), otherDims, noDimensions: {}, geoColumn: null, dense, measureLabels: new Map(dense && iMeasure !== -1 ? dims[iMeasure]!.codes.map((c, m) => [c, dims[iMeasure]!.labels[m]!]) : []) };
}

/**
 * One key's cells, one per measure; null when the key has no cell or a cell holds an unknown
 * symbol (reported). A sparse cube's present measures' labels go into `measureLabels`.
 */
function cellsAt(ctx: ReadContext, cube: Cube, offset: number, where: () => string, source: SourceId, measureLabels: Map<string, string>): Map<string, ValueOrMissing> | null {
  const { ds, dims, iMeasure, dense } = cube;
  const measureCount = iMeasure === -1 ? 1 : ds.size[iMeasure]!;
  const cells = new Map<string, ValueOrMissing>();
  let anyPresent = false;
  let bad = false;
  for (let m = 0; m < measureCount; m++) {
    const i = offset + (iMeasure === -1 ? 0 : m * cube.strides[iMeasure]!);
    const raw = valueAt(ds, i);
    if (raw === undefined && !dense) continue; // sparse: absent cell
    const mCode = iMeasure === -1 ? 'value' : dims[iMeasure]!.codes[m]!;
    if (iMeasure !== -1 && !dense) measureLabels.set(mCode, dims[iMeasure]!.labels[m]!);
    anyPresent = true;
    if (typeof raw === 'number') {
      cells.set(mCode, { value: raw });
      continue;
    }
    const symbol = typeof raw === 'string' ? raw.trim() : (statusAt(ds, i) ?? '..');
    if (typeof raw === 'string') {
      const parsed = readValueCell(symbol, source);
      if (parsed.kind === 'number') {
        cells.set(mCode, { value: parsed.value, provisional: parsed.provisional });
        continue;
      }
    }
    const missing = missingFromSymbol(symbol, source);
    if (!missing) {
      bad = true;
      ctx.issues.report({ code: 'unknown-symbol', column: `value[${i}]`, value: symbol, note: msg('issue.note.unknownSymbolIn', { value: symbol, where: where(), symbols: '. .. : ... -' }) });
      continue;
    }
    cells.set(mCode, { missing });
  }
  return anyPresent && !bad ? cells : null;
}

/**
 * The key's region, period, sex, age and other dimensions; null when one cannot be read (reported).
 * `at` is the key's category of each dimension of `outerDims`. What a category means is worked
 * out at its first key (periodOf, ageOf, the sex by its code or label) and kept by its number.
 */
function keyAt(ctx: ReadContext, cube: Cube, at: readonly number[], where: () => string) {
  const { dims, iGeo, iTime, iSex, iAge, national, outerPos } = cube;
  const g = national ? 0 : at[outerPos[iGeo]!]!;
  const geoRaw = national ? LAND : dims[iGeo]!.codes[g]!;
  const resolution = (cube.geoAt[g] ??= national ? ctx.geo.fromCode(geoRaw) : ctx.geo.fromCodeAndLabel(geoRaw, dims[iGeo]!.labels[g]!));
  const geo = ctx.geography(resolution, geoRaw, null, (cube.geoColumn ??= national ? 'dimension' : `dimension.${dims[iGeo]!.id}`), null);
  if (!geo) return null;
  const t = at[outerPos[iTime]!]!;
  let period = cube.periodAt[t];
  if (period === undefined) period = cube.periodAt[t] = periodOf(ctx, dims[iTime]!, t, where);
  if (!period) return null;
  let sex: Sex = 'total';
  if (iSex !== -1) {
    const x = at[outerPos[iSex]!]!;
    const sx = cube.sexAt[x] !== undefined ? cube.sexAt[x] : (cube.sexAt[x] = sexFromCode(dims[iSex]!.codes[x]!) ?? sexFromLabel(dims[iSex]!.labels[x]!));
    if (!sx) {
      const value = dims[iSex]!.codes[x]!;
      ctx.issues.report({ code: 'type-error', column: `dimension.${dims[iSex]!.id}`, value, note: msg('issue.note.notSexCode', { value }) });
      return null;
    }
    sex = sx;
  }
  let age: AgeGroup | null = null;
  if (iAge !== -1) {
    const a = at[outerPos[iAge]!]!;
    age = cube.ageAt[a] !== undefined ? cube.ageAt[a] : (cube.ageAt[a] = ageOf(dims[iAge]!, a));
  }
  const dimensions: Record<string, string> = cube.otherDims.length === 0 ? cube.noDimensions : {};
  for (const d of cube.otherDims) Object.defineProperty(dimensions, dims[d]!.id, { value: dims[d]!.codes[at[outerPos[d]!]!]!, enumerable: true, writable: true, configurable: true });
  if (age && isReversedAge(age)) {
    const code = dims[iAge]!.codes[at[outerPos[iAge]!]!]!;
    ctx.issues.report({ code: 'constraint-error', column: `dimension.${dims[iAge]!.id}`, value: code, note: msg('issue.note.ageBackwardsIn', { age: code, where: where(), from: age.from ?? '', to: age.to ?? '' }) });
    return null;
  }
  return { geoRaw, geo, period, periodKey: (cube.periodKeyAt[t] ??= periodKey(period)), sex, age, dimensions };
}

/** A time category's period; null (reported) when it is none or written backwards. */
function periodOf(ctx: ReadContext, dim: Dimension, t: number, where: () => string): Period | null {
  const timeCode = dim.codes[t]!;
  // A code written backwards is an error in the data: its label ("2014-2018") must not stand in for it.
  const backwards = backwardsPeriod(timeCode);
  if (backwards) ctx.issues.report({ code: 'constraint-error', column: `dimension.${dim.id}`, value: timeCode, note: msg('issue.note.periodBackwardsIn', { period: timeCode, where: where(), forwards: backwards.forwards }) });
  const period = backwards ? null : parsePeriod(timeCode) ?? parsePeriod(dim.labels[t]!);
  if (!period && !backwards) ctx.period(timeCode, null, `dimension.${dim.id}`, null);
  return period;
}

function ageOf(dim: Dimension, a: number): AgeGroup | null {
  const code = dim.codes[a]!;
  return /^\d+_\d+$/.test(code) ? ageFromCode(code, dim.labels[a]!) : ageFromLabel(dim.labels[a]!);
}

/**
 * Drops the cells of a period in which the region code was not in use: SSB's status symbols
 * (`.`, `..` — what PxWebApi answers for a former number) and, when the whole (region, period)
 * slice is zeros, SSB's placeholder zeros. They are not values, and not repeats of the other
 * number's cells. Says so once per code.
 */
function dropNotInUse(ctx: ReadContext, cube: Cube, cells: Map<string, ValueOrMissing>, geoRaw: string, geo: ResolvedGeography, period: Period, zeros: boolean): void {
  const dropped = new Set<string>();
  for (const [mCode, cell] of cells) {
    if ('missing' in cell) dropped.add(cell.missing.symbol || 'empty');
    else if (zeros && cell.value === 0) dropped.add('0');
    else continue;
    cells.delete(mCode);
  }
  if (dropped.size > 0 && !cube.droppedZeros.has(geoRaw)) {
    cube.droppedZeros.add(geoRaw);
    const symbols = [...dropped].filter((d) => d !== '0');
    const parts: Message[] = [...(symbols.length ? [msg('issue.word.symbols', { symbols: symbols.join(' ') })] : []), ...(dropped.has('0') ? [msg('issue.word.zeros')] : [])];
    const what = parts.length === 2 ? msg('issue.word.and', { first: parts[0]!, second: parts[1]! }) : parts[0]!;
    ctx.issues.report({ code: 'code-not-valid-in-period', column: `dimension.${cube.dims[cube.iGeo]!.id}`, value: geoRaw, note: msg('issue.note.notInUseCells', { region: geoRaw, period: period.label, from: geo.validFrom ?? '', to: geo.validTo ?? '', what }) });
  }
}

/**
 * JSON-stat 2.0 datasets from FHI Statistikk (flags as strings inside `value`, legend in
 * `extension.flags`) and SSB/KOSTRA (PxWebApi: `null` values with a `status` object).
 * `category.index` may be an array or an object, `value` an array or a sparse object.
 */
export async function* readJsonStat(ctx: ReadContext, reading: JsonStatReading): AsyncGenerator<Observation[]> {
  const read = await readDataset(ctx);
  if (!read) return;
  const cube = cubeOf(ctx, read.ds, read.dims, reading);
  if (!cube || !valuesFit(ctx, read.ds)) return;
  if (!cube.national) cube.nonZero = nonZeroSlices(cube.ds, cube.strides, cube.iGeo, cube.iTime);
  const { ds, dims, outerDims, iMeasure } = cube;
  const walk: Walk = {
    ctx,
    cube,
    reading,
    table: reading.table(ds.label ?? null, ctx.file.stem),
    unitOf: (mCode: string): string | undefined => (iMeasure !== -1 ? dims[iMeasure]!.units[mCode]?.base : undefined),
    // A cube has no lines: every observation of the file has the same origin.
    origin: { file: ctx.file.display, line: null },
    at: new Array<number>(outerDims.length).fill(0),
    sizes: outerDims.map((d) => ds.size[d]!),
    n: 0,
    total: outerDims.reduce((a, d) => a * ds.size[d]!, 1),
    offset: 0,
    // The key's cell in messages, spelled out only when one is written — while the key is read
    // (nothing keeps it for later), so one function serves every key.
    where: () => `value[${walk.offset}] (${outerDims.map((d, k) => `${dims[d]!.id}=${dims[d]!.codes[walk.at[k]!]}`).join(', ')})`,
  };
  // The keys are walked in a plain function, batch by batch: a generator holding the whole walk
  // is what the optimising compiler took longest over (and compiled again for every source).
  let out: Observation[] = [];
  while (walk.n < walk.total) {
    if (out.length >= 2000) {
      yield out;
      out = [];
    }
    walkKeys(walk, out);
  }
  const held = ctx.releaseHeld();
  if (out.length + held.length > 0) yield [...out, ...held];
}

/** A cube's keys being walked: `at` is the key's category of each outer dimension, advanced in place. */
interface Walk {
  ctx: ReadContext;
  cube: Cube;
  reading: JsonStatReading;
  table: string;
  unitOf: (mCode: string) => string | undefined;
  origin: Observation['origin'];
  at: number[];
  sizes: number[];
  /** The next key's number, of `total`. */
  n: number;
  total: number;
  /** The key's first cell in `value`. */
  offset: number;
  where: () => string;
}

/** Reads keys into `out` until it holds 2000 observations or the keys end. */
function walkKeys(walk: Walk, out: Observation[]): void {
  const { cube, at, sizes } = walk;
  for (; walk.n < walk.total && out.length < 2000; walk.n++) {
    if (walk.n > 0) advance(at, sizes);
    let offset = 0;
    for (let k = 0; k < at.length; k++) offset += at[k]! * cube.strides[cube.outerDims[k]!]!;
    walk.offset = offset;
    readKey(walk, out);
  }
}

/** One key's observations, added to `out` (or held back, when its code was not in use that year). */
function readKey(walk: Walk, out: Observation[]): void {
  const { ctx, cube, reading, at, where } = walk;
  const { ds, iGeo, iTime } = cube;
  // A dense cube has every measure's cell at every key: one map of their labels serves every key.
  const measureLabels = cube.dense ? cube.measureLabels : new Map<string, string>();
  const cells = cellsAt(ctx, cube, walk.offset, where, reading.source, measureLabels);
  if (!cells) return;
  const key = keyAt(ctx, cube, at, where);
  if (!key) return;
  const { geo, period, sex, age, dimensions } = key;
  const outside = !cube.national && outsideValidity(period, geo.validFrom, geo.validTo);
  // A (region, period) slice with no number but 0 is a code not in use; one with numbers is a
  // back-calculated series, whose symbols are missing values like any other.
  if (outside && !cube.nonZero.has(at[cube.outerPos[iGeo]!]! * ds.size[iTime]! + at[cube.outerPos[iTime]!]!)) {
    dropNotInUse(ctx, cube, cells, key.geoRaw, geo, period, reading.zerosOutsideValidity);
    if (cells.size === 0) return;
  }
  const rowKey = `${geo.code}|${key.periodKey}|${sex}|${age?.code ?? ''}|${dimensions === cube.noDimensions ? '' : dimensionsKey(dimensions)}`;
  const base: ObservationBase = { source: reading.source, table: walk.table, geo: geo.geo, harmonisedFrom: geo.harmonisedFrom, period, sex, age, dimensions, origin: walk.origin };
  const group = new KeyCells(base, period, cells, measureLabels, walk.unitOf, where);
  // A number for a year its code was not in use (a back-calculated series) yields to the cell of
  // the number in use that year.
  if (outside) {
    ctx.holdBack(rowKey, plausibleOf(walk, group, []), null, where);
    return;
  }
  if (!ctx.checkDuplicate(rowKey, null, where)) return;
  ctx.inUse(rowKey);
  plausibleOf(walk, group, out);
}

/** The source's observations of a key that are plausible, added to `into` (which is returned). */
function plausibleOf(walk: Walk, group: KeyCells, into: Observation[]): Observation[] {
  for (const o of walk.reading.observations(group, walk.ctx)) if (walk.ctx.plausible(o, null, group.place, null)) into.push(o);
  return into;
}

/** The cells of one key as a source reads them; `where` is spelled out only when asked for. */
class KeyCells implements CellGroup {
  constructor(
    readonly base: ObservationBase,
    readonly period: Period,
    readonly cells: Map<string, ValueOrMissing>,
    readonly measureLabels: Map<string, string>,
    readonly unitOf: (measureCode: string) => string | undefined,
    readonly place: () => string,
  ) {}

  get where(): string {
    return this.place();
  }
}

function outsideValidity(p: { from: number; to: number }, from: number | null, to: number | null): boolean {
  return (from !== null && p.to < from) || (to !== null && p.from > to);
}

function advance(counter: number[], sizes: number[]): void {
  for (let k = counter.length - 1; k >= 0; k--) {
    counter[k]!++;
    if (counter[k]! < sizes[k]!) return;
    counter[k] = 0;
  }
}
