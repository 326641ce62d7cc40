import type { AgeGroup, Observation, Sex, SourceId } from '../../model/observation.js';
import { cellProblems, validator } from '../../validate/schemas.js';
import { ageFromCode, ageFromLabel, dimensionsKey, isReversedAge, measureFromLabel, readValueCell, sexFromCode, sexFromLabel } from '../cells.js';
import type { ReadContext } from '../context.js';
import { observation } from '../observation.js';
import { countsProblem, observationsFromMeasures, type MeasureCell, type ObservationBase } from '../fhi-measures.js';
import { parsePeriod } from '../period.js';
import { readWholeText } from '../source-file.js';
import { missingFromSymbol } from '../symbols.js';

interface Dimension {
  id: string;
  codes: string[];
  labels: string[];
  units: Record<string, { base?: string; decimals?: number }>;
}

export interface JsonStatDataset {
  id: string[];
  size: number[];
  label?: string | null;
  dimension: Record<string, { label?: string | null; category: { index?: string[] | Record<string, number>; label?: Record<string, string>; unit?: Record<string, { base?: string; decimals?: number }> } }>;
  value: (number | string | null)[] | Record<string, number | string | null>;
  status?: string | null | (string | null)[] | Record<string, string>;
  extension?: Record<string, unknown> | null;
  role?: { time?: string[]; geo?: string[]; metric?: string[] } | null;
}

const GEO_IDS = ['GEO', 'Region', 'KOKkommuneregion0000'];
const TIME_IDS = ['AAR', 'Tid'];
const MEASURE_IDS = ['MEASURE_TYPE', 'ContentsCode'];
const SEX_IDS = ['KJONN', 'Kjonn'];
const AGE_IDS = ['ALDER', 'Alder'];

/** Parses JSON text, reporting a syntax error with its line and column. */
export function parseJson(ctx: ReadContext, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let line: number | null = null;
    let col: number | null = null;
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      line = before.split('\n').length;
      col = Number(pos[1]) - before.lastIndexOf('\n');
    }
    ctx.issues.report({ code: 'syntax-error', line, columnNumber: col, note: `the file is not valid JSON (${msg.replace(/^Unexpected/, 'unexpected')})` });
    return undefined;
  }
}

/**
 * JSON-stat 2.0 datasets from FHI Statistikk (flags as strings inside `value`, legend in
 * `extension.flags`) and SSB/KOSTRA (PxWebApi: `null` values with a `status` object).
 * `category.index` may be an array or an object, `value` an array or a sparse object.
 * There are no lines in a JSON cube: problems name the cell as `value[i]` with its dimensions.
 */
export async function* readJsonStat(ctx: ReadContext, source: SourceId): AsyncGenerator<Observation[]> {
  const doc = parseJson(ctx, await readWholeText(ctx.file));
  if (doc === undefined) return;
  const shape = validator('jsonstat2');
  if (!shape(doc)) {
    for (const p of cellProblems(shape.errors)) {
      ctx.issues.report({ code: p.code === 'missing-cell' ? 'missing-column' : 'type-error', column: p.property, note: p.code === 'missing-cell' ? `the JSON-stat dataset has no "${p.property}"` : `"${p.property ?? 'the document'}" is not shaped as JSON-stat 2.0 requires (${p.keyword})` });
    }
    return;
  }
  const ds = doc as JsonStatDataset;
  if (ds.id.length !== ds.size.length) {
    ctx.issues.report({ code: 'type-error', column: 'size', note: `"id" lists ${ds.id.length} dimensions but "size" has ${ds.size.length} numbers` });
    return;
  }
  const dims: Dimension[] = [];
  for (let d = 0; d < ds.id.length; d++) {
    const id = ds.id[d]!;
    // Own properties only: a dimension or category called "__proto__" or "constructor" is data.
    const dim = Object.hasOwn(ds.dimension, id) ? ds.dimension[id] : undefined;
    if (!dim) {
      ctx.issues.report({ code: 'missing-column', column: `dimension.${id}`, note: `dimension "${id}" is listed in "id" but not described in "dimension"` });
      return;
    }
    const idx = dim.category.index;
    let codes: string[];
    if (Array.isArray(idx)) codes = idx;
    else if (idx) codes = Object.entries(idx).sort((a, b) => a[1] - b[1]).map(([c]) => c);
    else codes = Object.keys(dim.category.label ?? {});
    if (codes.length !== ds.size[d]) {
      ctx.issues.report({ code: 'type-error', column: `dimension.${id}`, note: `dimension "${id}" has ${codes.length} categories but "size" says ${ds.size[d]}` });
      return;
    }
    const labels = dim.category.label ?? {};
    dims.push({ id, codes, labels: codes.map((c) => (Object.hasOwn(labels, c) && typeof labels[c] === 'string' ? labels[c]! : c)), units: dim.category.unit ?? {} });
  }
  const pick = (ids: string[], role?: string[]): number => dims.findIndex((d) => ids.includes(d.id) || (role ?? []).includes(d.id));
  const iGeo = pick(GEO_IDS, ds.role?.geo);
  const iTime = pick(TIME_IDS, ds.role?.time);
  const iMeasure = pick(MEASURE_IDS, ds.role?.metric);
  const iSex = pick(SEX_IDS);
  const iAge = pick(AGE_IDS);
  // An SSB table without a region dimension (05300, survey tables) holds figures for the whole country.
  const national = iGeo === -1 && source !== 'fhi';
  if ((iGeo === -1 && !national) || iTime === -1) {
    ctx.issues.report({ code: 'missing-column', column: iGeo === -1 ? 'GEO' : 'AAR', note: iGeo === -1 ? 'the dataset has no region dimension (GEO, Region or KOKkommuneregion0000)' : 'the dataset has no time dimension (AAR or Tid)' });
    return;
  }
  const total = ds.size.reduce((a, b) => a * b, 1);
  const values = ds.value;
  if (Array.isArray(values) && values.length !== total) {
    ctx.issues.report({ code: values.length < total ? 'missing-cell' : 'extra-cell', column: 'value', note: `"value" has ${values.length} cells but the dimensions make ${total}` });
    return;
  }
  if (!Array.isArray(values)) {
    // A sparse value object: every key must be a cell of the cube.
    let bad = 0;
    for (const k of Object.keys(values)) {
      if (/^(0|[1-9]\d*)$/.test(k) && Number(k) < total) continue;
      if (bad++ < 20) ctx.issues.report({ code: 'constraint-error', column: `value["${k}"]`, value: k, note: `"value" has a cell "${k}", but the cube's cells are numbered 0 to ${total - 1}` });
    }
    if (bad > 0) return;
  }
  const status = ds.status;
  const statusOf = (i: number): string | null => {
    if (!status || typeof status === 'string') return null;
    if (Array.isArray(status)) return status[i] ?? null;
    return status[String(i)] ?? null;
  };
  const valueAt = (i: number): number | string | null | undefined => (Array.isArray(values) ? values[i] : values[String(i)]);

  // Strides: the last dimension varies fastest (JSON-stat row-major order).
  const strides = new Array<number>(dims.length);
  let s = 1;
  for (let d = dims.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= ds.size[d]!;
  }
  const table = ctx.file.stem;
  const outerDims = dims.map((_, d) => d).filter((d) => d !== iMeasure);
  const measureCount = iMeasure === -1 ? 1 : ds.size[iMeasure]!;
  const counter = new Array<number>(outerDims.length).fill(0);
  const outerTotal = outerDims.reduce((a, d) => a * ds.size[d]!, 1);
  const periodCache = new Map<string, ReturnType<typeof parsePeriod>>();
  const droppedZeros = new Set<string>();
  // Which (region, period) slices hold any number but 0: SSB's placeholder for a year in which a
  // region code did not exist is a slice of zeros; a back-calculated series (5038 Verdal for 2015)
  // has real numbers, and its zeros are real too.
  const nonZero = new Set<number>();
  if (source !== 'fhi' && !national) {
    const sizeT = ds.size[iTime]!;
    const mark = (i: number, v: unknown): void => {
      if (typeof v === 'number' && v !== 0) nonZero.add((Math.floor(i / strides[iGeo]!) % ds.size[iGeo]!) * sizeT + (Math.floor(i / strides[iTime]!) % sizeT));
    };
    if (Array.isArray(values)) values.forEach((v, i) => mark(i, v));
    else for (const k of Object.keys(values)) mark(Number(k), values[k]);
  }

  let out: Observation[] = [];
  for (let n = 0; n < outerTotal; n++) {
    if (out.length >= 2000) {
      yield out;
      out = [];
    }
    let offset = 0;
    outerDims.forEach((d, k) => (offset += counter[k]! * strides[d]!));
    const at = counter.slice();
    const code = (d: number): string => dims[d]!.codes[at[outerDims.indexOf(d)]!]!;
    const label = (d: number): string => dims[d]!.labels[at[outerDims.indexOf(d)]!]!;
    const where = `value[${offset}] (${outerDims.map((d) => `${dims[d]!.id}=${code(d)}`).join(', ')})`;
    advance(counter, outerDims.map((d) => ds.size[d]!));

    const cells = new Map<string, MeasureCell>();
    const measureLabels = new Map<string, string>();
    let anyPresent = false;
    let bad = false;
    for (let m = 0; m < measureCount; m++) {
      const i = offset + (iMeasure === -1 ? 0 : m * strides[iMeasure]!);
      const raw = valueAt(i);
      if (raw === undefined && !Array.isArray(values)) continue; // sparse: absent cell
      const mCode = iMeasure === -1 ? 'value' : dims[iMeasure]!.codes[m]!;
      if (iMeasure !== -1) measureLabels.set(mCode, dims[iMeasure]!.labels[m]!);
      anyPresent = true;
      if (typeof raw === 'number') {
        cells.set(mCode, { value: raw });
        continue;
      }
      const symbol = typeof raw === 'string' ? raw.trim() : (statusOf(i) ?? '..');
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
        ctx.issues.report({ code: 'unknown-symbol', column: `value[${i}]`, value: symbol, note: `"${symbol}" in ${where} is not a number and not one of the symbols . .. : ... -` });
        continue;
      }
      cells.set(mCode, { missing });
    }
    if (!anyPresent || bad) continue;

    const geoRaw = national ? '0' : code(iGeo);
    const geo = ctx.geography(national ? ctx.geo.fromCode(geoRaw) : ctx.geo.fromCodeAndLabel(geoRaw, label(iGeo)), geoRaw, null, national ? 'dimension' : `dimension.${dims[iGeo]!.id}`, null);
    if (!geo) continue;
    const timeCode = code(iTime);
    let period = periodCache.get(timeCode);
    if (period === undefined) {
      period = parsePeriod(timeCode) ?? parsePeriod(label(iTime));
      if (!period) ctx.period(timeCode, null, `dimension.${dims[iTime]!.id}`, null);
      periodCache.set(timeCode, period);
    }
    if (!period) continue;
    let sex: Sex = 'total';
    if (iSex !== -1) {
      const sx = sexFromCode(code(iSex)) ?? sexFromLabel(label(iSex));
      if (!sx) {
        ctx.issues.report({ code: 'type-error', column: `dimension.${dims[iSex]!.id}`, value: code(iSex), note: `"${code(iSex)}" is not a sex code (0, 1, 2)` });
        continue;
      }
      sex = sx;
    }
    let age: AgeGroup | null = null;
    if (iAge !== -1) age = /^\d+_\d+$/.test(code(iAge)) ? ageFromCode(code(iAge), label(iAge)) : ageFromLabel(label(iAge));
    const dimensions: Record<string, string> = {};
    for (const d of outerDims) if (d !== iGeo && d !== iTime && d !== iSex && d !== iAge) Object.defineProperty(dimensions, dims[d]!.id, { value: code(d), enumerable: true, writable: true, configurable: true });
    if (age && isReversedAge(age)) {
      ctx.issues.report({ code: 'constraint-error', column: `dimension.${dims[iAge]!.id}`, value: code(iAge), note: `the age group "${code(iAge)}" in ${where} runs backwards (from ${age.from} to ${age.to})` });
      continue;
    }
    if (source !== 'fhi' && outsideValidity(period, geo.validFrom, geo.validTo) && !nonZero.has(at[outerDims.indexOf(iGeo)]! * ds.size[iTime]! + at[outerDims.indexOf(iTime)]!)) {
      // SSB writes 0 for years in which a region code did not exist: not a value (as the CSV reader).
      let zeros = 0;
      for (const [mCode, cell] of cells) {
        if ('value' in cell && cell.value === 0) {
          cells.delete(mCode);
          zeros++;
        }
      }
      if (zeros > 0 && !droppedZeros.has(geoRaw)) {
        droppedZeros.add(geoRaw);
        ctx.issues.report({ code: 'code-not-valid-in-period', column: `dimension.${dims[iGeo]!.id}`, value: geoRaw, note: `"${geoRaw}" did not exist in ${period.label} (valid ${geo.validFrom ?? ''}-${geo.validTo ?? ''}); its zeros for such years are not counted` });
      }
      if (cells.size === 0) continue;
    }
    const key = `${geo.code}|${period.from}_${period.to}|${sex}|${age?.code ?? ''}|${dimensionsKey(dimensions)}`;
    if (!ctx.checkDuplicate(key, null, where)) continue;
    const base: ObservationBase = {
      source,
      table: source === 'fhi' ? table : ssbTable(ds.label ?? null, table),
      geo: geo.geo,
      harmonisedFrom: geo.harmonisedFrom,
      period,
      sex,
      age,
      dimensions,
      origin: { file: ctx.file.display, line: null },
    };
    if (source === 'fhi') {
      const problem = countsProblem(cells, period.from === period.to);
      if (problem) {
        ctx.issues.report({ code: 'constraint-error', column: `${where} ${problem.column}`, value: String(problem.value), note: `${problem.message} in ${where}` });
        continue;
      }
      out.push(...observationsFromMeasures(base, cells, measureLabels));
      continue;
    }
    // SSB: every ContentsCode is its own variable, with SSB's unit.
    for (const [mCode, cell] of cells) {

      const label = measureLabels.get(mCode) ?? mCode;
      const info = measureFromLabel(label);
      const unitBase = iMeasure !== -1 ? dims[iMeasure]!.units[mCode]?.base : undefined;
      // SSB's unit says what the label may not: "prosent" is a share.
      const share = unitBase !== undefined && /^(prosent|per cent|percent|%)$/i.test(unitBase.trim()) && info.measureType === 'value';
      const o = observation(base, label, share ? { ...info, measureType: 'proportion', unit: 'prosent', multiplier: 100 } : { ...info, unit: unitBase ?? info.unit }, cell);
      if (mCode !== label) o.measureCode = mCode;
      out.push(o);
    }
  }
  if (out.length > 0) yield out;
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

function ssbTable(label: string | null, stem: string): string {
  const m = label ? /^(\d{5})\s*:/.exec(label) : null;
  if (m) return m[1]!;
  const f = /^(\d{5})(\D|$)/.exec(stem);
  return f ? f[1]! : stem;
}

/** Looks at a parsed JSON document and says whose json-stat it is. */
export function jsonStatSource(doc: unknown): SourceId | null {
  if (!doc || typeof doc !== 'object') return null;
  const d = doc as Partial<JsonStatDataset>;
  if (!Array.isArray(d.id) || !d.dimension) return null;
  if (d.id.includes('KOKkommuneregion0000')) return 'kostra';
  if (d.id.includes('GEO') || d.id.includes('MEASURE_TYPE') || d.id.includes('AAR')) return 'fhi';
  return 'ssb';
}
