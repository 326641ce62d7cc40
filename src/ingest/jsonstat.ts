import { msg, type Message } from '../base/messages.js';
import { categoryCodes, statusAt, strides, valueAt, type Dataset } from '../jsonstat/dataset.js';
import type { AgeGroup, Observation, Period, Sex, SourceId } from '../model/observation.js';
import { LAND } from '../model/observation.js';
import { validator, cellProblems } from '../validate/schemas.js';
import { ageFromCode, ageFromLabel, dimensionsKey, isReversedAge, readValueCell, sexFromCode, sexFromLabel } from './cells.js';
import type { Resolution } from '../geo/resolve.js';
import type { ReadContext, ResolvedGeography } from './context.js';
import type { ObservationBase, ValueOrMissing } from './observation.js';
import { backwardsPeriod, parsePeriod, periodKey } from './period.js';
import { readWholeText } from './source-file.js';
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

interface Dimension {
  id: string;
  codes: string[];
  labels: string[];
  units: Record<string, { base?: string; decimals?: number }>;
}

// FHI's cause-of-death register (`daar`) has its own: FYLKE (with `Total` for the country) and DAAR.
const GEO_IDS = ['GEO', 'Region', 'KOKkommuneregion0000', 'FYLKE', 'BOFYLKE'];
const TIME_IDS = ['AAR', 'Tid', 'DAAR'];
const MEASURE_IDS = ['MEASURE_TYPE', 'ContentsCode'];
const SEX_IDS = ['KJONN', 'Kjonn'];
const AGE_IDS = ['ALDER', 'Alder'];

/** Parses JSON text, reporting a syntax error with its line and column. */
export function parseJson(ctx: ReadContext, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const detail = (e as Error).message;
    const pos = /position (\d+)/.exec(detail);
    let line: number | null = null;
    let col: number | null = null;
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      line = before.split('\n').length;
      col = Number(pos[1]) - before.lastIndexOf('\n');
    }
    ctx.issues.report({ code: 'syntax-error', line, columnNumber: col, note: msg('issue.note.notJson', { detail: detail.replace(/^Unexpected/, 'unexpected') }) });
    return undefined;
  }
}

/** The file as a dataset whose dimensions and sizes agree; null (reported) when it is not one. */
async function readDataset(ctx: ReadContext): Promise<{ ds: Dataset; dims: Dimension[] } | null> {
  const doc = parseJson(ctx, await readWholeText(ctx.file));
  if (doc === undefined) return null;
  const shape = validator('jsonstat2');
  if (!shape(doc)) {
    for (const p of cellProblems(shape.errors)) {
      ctx.issues.report({ code: p.code === 'missing-cell' ? 'missing-column' : 'type-error', column: p.property, note: p.code === 'missing-cell' ? msg('issue.note.jsonStatMissing', { property: p.property ?? '' }) : msg('issue.note.jsonStatShape', { property: p.property ?? msg('issue.note.theDocument'), keyword: p.keyword }) });
    }
    return null;
  }
  const ds = doc as Dataset;
  if (ds.id.length !== ds.size.length) {
    ctx.issues.report({ code: 'type-error', column: 'size', note: msg('issue.note.sizeMismatch', { dimensions: ds.id.length, sizes: ds.size.length }) });
    return null;
  }
  const dims: Dimension[] = [];
  for (let d = 0; d < ds.id.length; d++) {
    const id = ds.id[d]!;
    // Own properties only: a dimension or category called "__proto__" or "constructor" is data.
    const dim = Object.hasOwn(ds.dimension, id) ? ds.dimension[id] : undefined;
    if (!dim) {
      ctx.issues.report({ code: 'missing-column', column: `dimension.${id}`, note: msg('issue.note.dimensionUndescribed', { id }) });
      return null;
    }
    const codes = categoryCodes(dim);
    if (codes.length !== ds.size[d]) {
      ctx.issues.report({ code: 'type-error', column: `dimension.${id}`, note: msg('issue.note.categoriesMismatch', { id, categories: codes.length, size: String(ds.size[d]) }) });
      return null;
    }
    const labels = dim.category.label ?? {};
    dims.push({ id, codes, labels: codes.map((c) => (Object.hasOwn(labels, c) && typeof labels[c] === 'string' ? labels[c]! : c)), units: dim.category.unit ?? {} });
  }
  return { ds, dims };
}

/** True when the values fit the dimensions: as many as the cube has cells, or a sparse object of its cells (else reported). */
function valuesFit(ctx: ReadContext, ds: Dataset): boolean {
  const total = ds.size.reduce((a, b) => a * b, 1);
  const values = ds.value;
  if (Array.isArray(values) && values.length !== total) {
    ctx.issues.report({ code: values.length < total ? 'missing-cell' : 'extra-cell', column: 'value', note: msg('issue.note.valueCount', { values: values.length, total }) });
    return false;
  }
  if (!Array.isArray(values)) {
    // A sparse value object: every key must be a cell of the cube.
    let bad = 0;
    for (const k of Object.keys(values)) {
      if (/^(0|[1-9]\d*)$/.test(k) && Number(k) < total) continue;
      if (bad++ < 20) ctx.issues.report({ code: 'constraint-error', column: `value["${k}"]`, value: k, note: msg('issue.note.valueKeyOutside', { key: k, last: total - 1 }) });
    }
    return bad === 0;
  }
  return true;
}

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
  /** The region and the age group of each category, read once per file (a cube repeats them for every key). */
  geoAt: (Resolution | undefined)[];
  ageAt: (AgeGroup | null | undefined)[];
  periods: Map<string, Period | null>;
  droppedZeros: Set<string>;
  /** The (region, period) slices that hold any number but 0 (SSB: zeros outside a code's validity). */
  nonZero: Set<number>;
  /** The outer dimensions that are neither region, period, sex nor age: a key's `dimensions`. */
  otherDims: number[];
  /** The `dimensions` of every key when there are no other dimensions (shared, as the run's interner would). */
  noDimensions: Record<string, string>;
  /** Every measure's label, for a dense cube (made at its first key). */
  measureLabels?: Map<string, string>;
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
  const otherDims = outerDims.filter((d) => d !== iGeo && d !== iTime && d !== iSex && d !== iAge);
  return { ds, dims, strides: strides(ds.size), iGeo, iTime, iMeasure, iSex, iAge, national, outerDims, outerPos, geoAt: [], ageAt: [], periods: new Map(), droppedZeros: new Set(), nonZero: new Set(), otherDims, noDimensions: {} };
}

/** One key's cells, one per measure; null when the key has no cell or a cell holds an unknown symbol (reported). */
function cellsAt(ctx: ReadContext, cube: Cube, offset: number, where: () => string, source: SourceId): { cells: Map<string, ValueOrMissing>; measureLabels: Map<string, string> } | null {
  const { ds, dims, iMeasure } = cube;
  const measureCount = iMeasure === -1 ? 1 : ds.size[iMeasure]!;
  const cells = new Map<string, ValueOrMissing>();
  // A dense cube has every measure's cell at every key: one map of their labels serves every key.
  const dense = Array.isArray(ds.value);
  const measureLabels = dense ? (cube.measureLabels ??= new Map(iMeasure === -1 ? [] : dims[iMeasure]!.codes.map((c, m) => [c, dims[iMeasure]!.labels[m]!]))) : new Map<string, string>();
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
  return anyPresent && !bad ? { cells, measureLabels } : null;
}

/**
 * The key's region, period, sex, age and other dimensions; null when one cannot be read (reported).
 * `at` is the key's category of each dimension of `outerDims`.
 */
function keyAt(ctx: ReadContext, cube: Cube, at: readonly number[], where: () => string) {
  const { dims, iGeo, iTime, iSex, iAge, national, outerPos } = cube;
  const code = (d: number): string => dims[d]!.codes[at[outerPos[d]!]!]!;
  const label = (d: number): string => dims[d]!.labels[at[outerPos[d]!]!]!;
  const geoRaw = national ? LAND : code(iGeo);
  const g = national ? 0 : at[outerPos[iGeo]!]!;
  const resolution = (cube.geoAt[g] ??= national ? ctx.geo.fromCode(geoRaw) : ctx.geo.fromCodeAndLabel(geoRaw, label(iGeo)));
  const geo = ctx.geography(resolution, geoRaw, null, national ? 'dimension' : `dimension.${dims[iGeo]!.id}`, null);
  if (!geo) return null;
  const timeCode = code(iTime);
  let period = cube.periods.get(timeCode);
  if (period === undefined) {
    // A code written backwards is an error in the data: its label ("2014-2018") must not stand in for it.
    const backwards = backwardsPeriod(timeCode);
    if (backwards) ctx.issues.report({ code: 'constraint-error', column: `dimension.${dims[iTime]!.id}`, value: timeCode, note: msg('issue.note.periodBackwardsIn', { period: timeCode, where: where(), forwards: backwards.forwards }) });
    period = backwards ? null : parsePeriod(timeCode) ?? parsePeriod(label(iTime));
    if (!period && !backwards) ctx.period(timeCode, null, `dimension.${dims[iTime]!.id}`, null);
    cube.periods.set(timeCode, period);
  }
  if (!period) return null;
  let sex: Sex = 'total';
  if (iSex !== -1) {
    const sx = sexFromCode(code(iSex)) ?? sexFromLabel(label(iSex));
    if (!sx) {
      ctx.issues.report({ code: 'type-error', column: `dimension.${dims[iSex]!.id}`, value: code(iSex), note: msg('issue.note.notSexCode', { value: code(iSex) }) });
      return null;
    }
    sex = sx;
  }
  let age: AgeGroup | null = null;
  if (iAge !== -1) {
    const a = at[outerPos[iAge]!]!;
    age = cube.ageAt[a] !== undefined ? cube.ageAt[a] : (cube.ageAt[a] = /^\d+_\d+$/.test(code(iAge)) ? ageFromCode(code(iAge), label(iAge)) : ageFromLabel(label(iAge)));
  }
  const dimensions: Record<string, string> = cube.otherDims.length === 0 ? cube.noDimensions : {};
  for (const d of cube.otherDims) Object.defineProperty(dimensions, dims[d]!.id, { value: code(d), enumerable: true, writable: true, configurable: true });
  if (age && isReversedAge(age)) {
    ctx.issues.report({ code: 'constraint-error', column: `dimension.${dims[iAge]!.id}`, value: code(iAge), note: msg('issue.note.ageBackwardsIn', { age: code(iAge), where: where(), from: age.from ?? '', to: age.to ?? '' }) });
    return null;
  }
  return { geoRaw, geo, period, sex, age, dimensions };
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
  const { ds, dims, outerDims, iGeo, iTime, iMeasure } = cube;
  const table = reading.table(ds.label ?? null, ctx.file.stem);
  const counter = new Array<number>(outerDims.length).fill(0);
  const outerTotal = outerDims.reduce((a, d) => a * ds.size[d]!, 1);
  const unitOf = (mCode: string): string | undefined => (iMeasure !== -1 ? dims[iMeasure]!.units[mCode]?.base : undefined);
  const outerSizes = outerDims.map((d) => ds.size[d]!);
  let out: Observation[] = [];
  // `at` is the key's category of each outer dimension, advanced in place from the second key on.
  const at = counter;
  for (let n = 0; n < outerTotal; n++) {
    if (n > 0) advance(counter, outerSizes);
    if (out.length >= 2000) {
      yield out;
      out = [];
    }
    let offset = 0;
    for (let k = 0; k < outerDims.length; k++) offset += at[k]! * cube.strides[outerDims[k]!]!;
    // The cell in messages, spelled out only when one is written.
    const where = (): string => `value[${offset}] (${outerDims.map((d, k) => `${dims[d]!.id}=${dims[d]!.codes[at[k]!]}`).join(', ')})`;

    const found = cellsAt(ctx, cube, offset, where, reading.source);
    if (!found) continue;
    const key = keyAt(ctx, cube, at, where);
    if (!key) continue;
    const { geo, period, sex, age, dimensions } = key;
    const outside = !cube.national && outsideValidity(period, geo.validFrom, geo.validTo);
    // A (region, period) slice with no number but 0 is a code not in use; one with numbers is a
    // back-calculated series, whose symbols are missing values like any other.
    if (outside && !cube.nonZero.has(at[cube.outerPos[iGeo]!]! * ds.size[iTime]! + at[cube.outerPos[iTime]!]!)) {
      dropNotInUse(ctx, cube, found.cells, key.geoRaw, geo, period, reading.zerosOutsideValidity);
      if (found.cells.size === 0) continue;
    }
    const rowKey = `${geo.code}|${periodKey(period)}|${sex}|${age?.code ?? ''}|${dimensionsKey(dimensions)}`;
    const base: ObservationBase = { source: reading.source, table, geo: geo.geo, harmonisedFrom: geo.harmonisedFrom, period, sex, age, dimensions, origin: { file: ctx.file.display, line: null } };
    const made = () =>
      reading
        .observations({ base, period, cells: found.cells, measureLabels: found.measureLabels, unitOf, get where() { return where(); } }, ctx)
        .filter((o) => ctx.plausible(o, null, where, null));
    // A number for a year its code was not in use (a back-calculated series) yields to the cell of
    // the number in use that year.
    if (outside) {
      ctx.holdBack(rowKey, made(), null, where());
      continue;
    }
    if (!ctx.checkDuplicate(rowKey, null, where)) continue;
    ctx.inUse(rowKey);
    out.push(...made());
  }
  const held = ctx.releaseHeld();
  if (out.length + held.length > 0) yield [...out, ...held];
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
