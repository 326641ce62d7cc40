import { msg } from '../../base/messages.js';
import type { ValidateFunction } from 'ajv';
import type { AgeGroup, Observation, Period } from '../../model/observation.js';
import { ageFromCode, isReversedAge, readValueCell, schemaValue, sexFromCode, sexFromLabel, type ValueCell } from '../../ingest/cells.js';
import type { ReadContext } from '../../ingest/context.js';
import { fromCell } from '../../ingest/observation.js';
import { parsePeriod } from '../../ingest/period.js';
import { SPVFLAGG_SYMBOL, missingFromSymbol } from '../../ingest/symbols.js';
import { validator } from '../../validate/schemas.js';
import { countsProblem, FHI_MEASURE_COLUMNS, isFhiMeasureColumn, isUnsuppressedColumn, observationsFromMeasures, type MeasureCell, type ObservationBase } from './measures.js';

const DIMENSION_COLUMNS = ['GEO', 'AAR', 'KJONN', 'ALDER'];
const CANONICAL = [...DIMENSION_COLUMNS, ...FHI_MEASURE_COLUMNS, 'SPVFLAGG', 'MEASURE_TYPE', 'value'];
/** Other spellings of the fixed columns: the daar source's time dimension. */
const ALIASES: Record<string, string> = { daar: 'AAR' };

/** A trailing comment in a cell, as in FHI's own example cube: `3 //anonymisert data`. */
const CELL_COMMENT = /^(.*?)\s*\/\/(.*)$/;

/** What the header says: which column is what, and the caches of one file. */
interface CodesLayout {
  header: string[];
  headerLine: number;
  /** csv3 long: a MEASURE_TYPE column and a value column. */
  long: boolean;
  measureCols: string[];
  dimCols: string[];
  sortedDimCols: string[];
  /** Columns never read: blank names and counts before suppression. */
  skip: boolean[];
  isNumeric: boolean[];
  index: Map<string, number>;
  columnOf: (p: string) => number | null;
  validate: ValidateFunction;
  iGeo: number;
  iAar: number;
  iKjonn: number | undefined;
  iAlder: number | undefined;
  iFlag: number | undefined;
  iMeasure: number | undefined;
  iValue: number | undefined;
  measureIdx: number[];
  dimIdx: number[];
  periods: Map<string, Period>;
  ages: Map<string, AgeGroup>;
}

/** Reads and checks the header; null when the file cannot be read (reported). */
function codesLayout(ctx: ReadContext, format: 'fhi-cube' | 'fhi-csv3'): CodesLayout | null {
  const layout = ctx.layout!;
  // The cause-of-death register's FYLKE is its geography when the file has no GEO.
  const hasGeo = layout.header.some((h) => h.toLowerCase() === 'geo');
  const header = layout.header.map((h) => (!hasGeo && /^(bo)?fylke$/i.test(h) ? 'GEO' : (ALIASES[h.toLowerCase()] ?? CANONICAL.find((c) => c.toLowerCase() === h.toLowerCase()) ?? h)));
  if (!ctx.checkHeader(header, layout.headerLine)) return null;
  const required = format === 'fhi-cube' ? ['GEO', 'AAR', 'SPVFLAGG'] : ['GEO', 'AAR'];
  // A misspelt fixed column (GE0, TELER) is an error naming the column meant, never a dimension.
  if (!ctx.checkNearMisses(header, [...required, 'KJONN', 'ALDER', 'TELLER', 'NEVNER', 'RATE', 'MEASURE_TYPE', 'SPVFLAGG', 'sumTELLER', 'sumNEVNER'], layout.headerLine, msg('issue.word.formatFhiCodes'))) return null;
  if (!ctx.requireColumns(header, required, layout.headerLine, msg('issue.word.needsFhiCodes'))) return null;
  const long = header.includes('MEASURE_TYPE');
  if (long && !ctx.requireColumns(header, ['value'], layout.headerLine, msg('issue.word.needsCsv3Long'))) return null;
  for (const u of header.filter(isUnsuppressedColumn)) {
    ctx.issues.report({ code: 'unsuppressed-column', line: layout.headerLine, column: u, columnNumber: header.indexOf(u) + 1, value: u, note: msg('issue.note.unsuppressed', { column: u }) });
  }
  const measureCols = long ? [] : header.filter((h) => isFhiMeasureColumn(h) && !isUnsuppressedColumn(h) && h !== 'SPVFLAGG');
  if (!long && measureCols.length === 0) {
    ctx.issues.report({ code: 'missing-column', line: layout.headerLine, column: 'TELLER', note: msg('issue.note.noMeasureColumn') });
    return null;
  }
  const numericCols = new Set([...measureCols, ...(long ? ['value'] : [])]);
  const dimCols = header.filter((h) => !CANONICAL.includes(h) && !isFhiMeasureColumn(h) && h !== '');
  const index = new Map(header.map((h, i) => [h, i]));
  return {
    header,
    headerLine: layout.headerLine,
    long,
    measureCols,
    dimCols,
    sortedDimCols: [...dimCols].sort(),
    skip: header.map((h) => h === '' || isUnsuppressedColumn(h)),
    isNumeric: header.map((h) => numericCols.has(h)),
    index,
    columnOf: (p) => (index.has(p) ? index.get(p)! + 1 : null),
    validate: validator(format),
    iGeo: index.get('GEO')!,
    iAar: index.get('AAR')!,
    iKjonn: index.get('KJONN'),
    iAlder: index.get('ALDER'),
    iFlag: index.get('SPVFLAGG'),
    iMeasure: index.get('MEASURE_TYPE'),
    iValue: index.get('value'),
    measureIdx: measureCols.map((m) => index.get(m)!),
    dimIdx: dimCols.map((d) => index.get(d)!),
    periods: new Map(),
    ages: new Map(),
  };
}

/**
 * The row as its schema sees it (numbers parsed, symbols null) and each numeric cell parsed; a
 * trailing comment in a cell is removed (and said), an unknown symbol makes the row unreadable.
 */
function parseRow(ctx: ReadContext, lay: CodesLayout, cells: string[], line: number): { row: Record<string, unknown>; parsed: ValueCell[] } | null {
  const { header } = lay;
  const row: Record<string, unknown> = {};
  const parsed: ValueCell[] = new Array(header.length);
  let bad = false;
  for (let i = 0; i < header.length; i++) {
    if (lay.skip[i]) continue;
    const name = header[i]!;
    let cell = cells[i] ?? '';
    if (cell.length > 2 && cell.includes('//')) {
      const m = CELL_COMMENT.exec(cell)!;
      ctx.issues.report({ code: 'comment-in-cell', line, column: name, columnNumber: i + 1, value: cell, note: msg('issue.note.commentInCell', { cell: cell.trim(), comment: m[2]!.trimEnd(), value: m[1]!.trim() }) });
      cell = m[1]!;
      cells[i] = cell;
    }
    if (lay.isNumeric[i]) {
      const v = readValueCell(cell, 'fhi');
      parsed[i] = v;
      if (v.kind === 'unknown-symbol') {
        bad = true;
        ctx.issues.report({ code: 'unknown-symbol', line, column: name, columnNumber: i + 1, value: cell, note: msg('issue.note.unknownSymbol', { value: cell, column: name, symbols: '. .. : (FHI)' }) });
      }
      const sv = schemaValue(v);
      if (sv !== undefined) row[name] = sv;
    } else if (cell !== '') {
      const t = cell.trim();
      if (t !== '') row[name] = t;
    }
  }
  return bad ? null : { row, parsed };
}

/** The row's region, period, sex, age and other dimensions, and its key; null when one cannot be read (reported). */
function rowKey(ctx: ReadContext, lay: CodesLayout, cells: string[], line: number): { base: ObservationBase; key: string; measure: string } | null {
  const geoRaw = cells[lay.iGeo]!.trim();
  const geo = ctx.geography(ctx.geo.fromCode(geoRaw), geoRaw, line, 'GEO', lay.iGeo + 1);
  if (!geo) return null;
  // The cause-of-death register marks a provisional year with * ("2024*").
  const aar = cells[lay.iAar]!.trim().replace(/\*$/, '');
  let period = lay.periods.get(aar);
  if (!period) {
    const p = parsePeriod(aar);
    if (!p) {
      ctx.issues.report({ code: 'constraint-error', line, column: 'AAR', columnNumber: lay.iAar + 1, value: aar, note: msg('issue.note.periodBackwards', { period: aar, forwards: msg('issue.word.like', { example: '2013_2015' }) }) });
      return null;
    }
    period = p;
    lay.periods.set(aar, period);
  }
  const sex = lay.iKjonn !== undefined ? (sexFromCode(cells[lay.iKjonn]!) ?? sexFromLabel(cells[lay.iKjonn]!) ?? 'total') : 'total';
  let age: AgeGroup | null = null;
  if (lay.iAlder !== undefined) {
    const a = cells[lay.iAlder]!.trim();
    age = lay.ages.get(a) ?? null;
    if (!age) {
      age = ageFromCode(a);
      lay.ages.set(a, age);
    }
    if (isReversedAge(age)) {
      ctx.issues.report({ code: 'constraint-error', line, column: 'ALDER', columnNumber: lay.iAlder + 1, value: a, note: msg('issue.note.ageBackwardsLike', { age: a, from: age.from ?? '', to: age.to ?? '', example: '65_120' }) });
      return null;
    }
  }
  const dimensions: Record<string, string> = {};
  for (let k = 0; k < lay.dimCols.length; k++) {
    const v = (cells[lay.dimIdx[k]!] ?? '').trim();
    if (v !== '') dimensions[lay.dimCols[k]!] = v;
  }
  const measure = lay.iMeasure !== undefined ? cells[lay.iMeasure]!.trim() : '';
  let dimKey = '';
  for (const d of lay.sortedDimCols) dimKey += `${d}=${dimensions[d] ?? ''}|`;
  const key = `${geo.code}|${aar}|${sex}|${age?.code ?? ''}|${dimKey}`;
  const base: ObservationBase = { source: 'fhi', table: ctx.file.stem, geo: geo.geo, harmonisedFrom: geo.harmonisedFrom, period, sex, age, dimensions, origin: { file: ctx.file.display, line } };
  return { base, key, measure };
}

/** The measures of a wide row: none of its numbers when SPVFLAGG flags it; null when its counts contradict each other (reported). */
function rowMeasures(ctx: ReadContext, lay: CodesLayout, cells: string[], line: number, parsed: ValueCell[], period: Period): Map<string, MeasureCell> | null {
  const measures = new Map<string, MeasureCell>();
  const flag = lay.iFlag !== undefined ? (cells[lay.iFlag] ?? '').trim() : '0';
  if (flag !== '0') {
    // The flag wins: whatever numbers the row still carries are never kept.
    measures.set(lay.measureCols.includes('RATE') ? 'RATE' : lay.measureCols[0]!, { missing: missingFromSymbol(SPVFLAGG_SYMBOL[flag]!, 'fhi')! });
    return measures;
  }
  for (const i of lay.measureIdx) {
    const v = parsed[i]!;
    if (v.kind === 'empty') continue;
    measures.set(lay.header[i]!, fromCell(v));
  }
  const problem = countsProblem(measures, period.from === period.to);
  if (problem) {
    const col = lay.index.get(problem.column)!;
    ctx.issues.report({ code: 'constraint-error', line, column: problem.column, columnNumber: col + 1, value: cells[col] ?? null, note: problem.message });
    return null;
  }
  return measures;
}

/**
 * FHI files with codes: the cube files FHI's statistics bank loads
 * (`GEO;AAR;KJONN;ALDER;…;TELLER;NEVNER;RATE;SMR;MEIS;sumTELLER;sumNEVNER;RATE.n;SPVFLAGG`) and the
 * open API's csv3 (codes; long with MEASURE_TYPE and value, or one column per measure).
 * GEO has lost its leading zeros in cube files; flags are SPVFLAGG 1/2/3 = `..` / `.` / `:`.
 */
export async function* readFhiCodes(ctx: ReadContext, format: 'fhi-cube' | 'fhi-csv3'): AsyncGenerator<Observation[]> {
  const lay = codesLayout(ctx, format);
  if (!lay) return;
  const { header, long, iValue } = lay;
  const rawOf = (cells: string[]): Record<string, string> => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));

  // csv3 long: the measures of one key come on consecutive rows; group them.
  let group: { key: string; base: ObservationBase; cells: Map<string, MeasureCell>; line: number } | null = null;
  const flush = (): Observation[] => {
    const g = group;
    group = null;
    if (!g) return [];
    const problem = countsProblem(g.cells, g.base.period.from === g.base.period.to);
    if (problem) {
      ctx.issues.report({ code: 'constraint-error', line: g.line, column: 'value', columnNumber: iValue! + 1, value: String(problem.value), note: msg('issue.note.countsInGroup', { problem: problem.message, line: g.line }) });
      return [];
    }
    return observationsFromMeasures(g.base, g.cells).filter((o) => ctx.plausible(o, g.line, 'value', iValue! + 1));
  };

  for await (const batch of ctx.records()) {
    const out: Observation[] = [];
    for (const { cells, line } of batch) {
      if (line <= lay.headerLine) continue;
      if (!ctx.checkCellCount(cells, header, line)) continue;
      const read = parseRow(ctx, lay, cells, line);
      if (!read) continue;
      if (!lay.validate(read.row)) {
        ctx.checkRow(lay.validate, read.row, rawOf(cells), lay.columnOf, line);
        continue;
      }
      if (long && read.parsed[iValue!]!.kind === 'empty') {
        ctx.issues.report({ code: 'missing-cell', line, column: 'value', columnNumber: iValue! + 1, note: msg('issue.note.valueEmpty', { symbols: '. .. :' }) });
        continue;
      }
      const k = rowKey(ctx, lay, cells, line);
      if (!k || !ctx.checkDuplicate(long ? `${k.key}|${k.measure}` : k.key, line)) continue;
      if (long) {
        if (!group || group.key !== k.key) {
          out.push(...flush());
          group = { key: k.key, base: k.base, cells: new Map(), line };
        }
        group.cells.set(k.measure, fromCell(read.parsed[iValue!]!));
        continue;
      }
      const measures = rowMeasures(ctx, lay, cells, line, read.parsed, k.base.period);
      if (measures) for (const o of observationsFromMeasures(k.base, measures)) if (ctx.plausible(o, line, o.measure, (lay.index.get(o.measure) ?? -1) + 1 || null, cells[lay.index.get(o.measure) ?? -1] ?? null)) out.push(o);
    }
    if (out.length > 0) yield out;
  }
  const last = flush();
  if (last.length > 0) yield last;
}
