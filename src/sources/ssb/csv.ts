import { msg, type Message } from '../../base/messages.js';
import type { ValidateFunction } from 'ajv';
import type { AgeGroup, Observation, Period, Sex } from '../../model/observation.js';
import { ageFromLabel, dimensionsKey, isKnownAge, isReversedAge, measureFromLabel, readValueCell, schemaValue, sexFromLabel, type MeasureInfo, type ValueCell } from '../../ingest/cells.js';
import type { ReadContext, ResolvedGeography } from '../../ingest/context.js';
import { isNoteRow, stackedHeader } from '../../ingest/header-rows.js';
import { observation, fromCell } from '../../ingest/observation.js';
import { periodKey } from '../../ingest/period.js';
import type { CsvLayout } from '../../ingest/sniff.js';
import { validator } from '../../validate/schemas.js';
import { classifySsbColumns, ssbShape as shapeOf, ssbTableId, type SsbColumns, type WideColumn } from './columns.js';

export { classifySsbColumns, ssbTableId, type SsbColumns, type WideColumn };
export { parseHeading } from './heading.js';

/** Wide when the heading carries the variables and years ("Sysselsatte personer 2021"), else long. */
export function ssbShape(layout: CsvLayout): 'wide' | 'long' {
  return shapeOf(layout, stackedHeader(layout));
}

/** The variables of a row that every value cell of it shares. */
interface SsbRow {
  regionRaw: string;
  geo: ResolvedGeography;
  sex: Sex;
  age: AgeGroup | null;
  dimensions: Record<string, string>;
  variable: string | null;
  periodText: string | null;
}

/** One value cell of a row: its column, the variable and period it holds (from the heading or the row). */
interface Target {
  index: number;
  variable: string;
  periodText: string;
  wide: WideColumn | null;
}

/** What the cells of one file share: the columns, the schema of a cell, the caches. */
interface SsbReading {
  source: 'ssb' | 'kostra';
  header: string[];
  cols: SsbColumns;
  table: string;
  cellSchema: ValidateFunction;
  infoFor: (variable: string) => MeasureInfo;
  /** Regions already said to have cells for years their code was not in use (once per region). */
  notInUse: Set<string>;
}

/** The row's region, sex, age and other dimensions; null when one cannot be read (reported). */
function readRow(ctx: ReadContext, r: SsbReading, cells: string[], line: number): SsbRow | null {
  const { header, cols } = r;
  let geo: ResolvedGeography | null;
  let regionRaw: string;
  if (cols.region === null) {
    // A national table: every row is the whole country.
    regionRaw = '0';
    geo = ctx.geography(ctx.geo.fromCode('0'), '0', line, 'region', null);
  } else {
    regionRaw = (cells[cols.region] ?? '').trim();
    if (regionRaw === '') {
      ctx.issues.report({ code: 'missing-cell', line, column: header[cols.region]!, columnNumber: cols.region + 1, note: msg('issue.note.regionEmpty') });
      return null;
    }
    // IMDi's `Region;Navn`: the name (and the years it had) beside the code.
    const name = cols.regionName !== null ? (cells[cols.regionName] ?? '').trim() : '';
    const label = name !== '' && !regionRaw.includes(' ') ? `${regionRaw} ${name}` : regionRaw;
    geo = ctx.geography(ctx.geo.fromLabel(label), regionRaw, line, header[cols.region]!, cols.region + 1);
  }
  if (!geo) return null;
  const sexLabel = cols.sex !== null ? cells[cols.sex]!.trim() : '';
  const sex = sexLabel === '' ? 'total' : sexFromLabel(sexLabel.replace(/^\d\s+/, ''));
  if (sex === null) {
    ctx.issues.report({ code: 'type-error', line, column: header[cols.sex!]!, columnNumber: cols.sex! + 1, value: sexLabel, note: msg('issue.note.unknownSex', { value: sexLabel, known: "'Begge kjønn', 'Menn', 'Kvinner'; 'Both sexes', 'Males', 'Females'" }) });
    return null;
  }
  const age = cols.age !== null ? ssbAge(cells[cols.age]!) : null;
  if (age && isReversedAge(age)) {
    ctx.issues.report({ code: 'constraint-error', line, column: header[cols.age!]!, columnNumber: cols.age! + 1, value: age.label, note: msg('issue.note.ageBackwards', { age: age.label, from: age.from ?? '', to: age.to ?? '' }) });
    return null;
  }
  const dimensions: Record<string, string> = {};
  for (const d of cols.dimensions) dimensions[header[d]!.trim()] = (cells[d] ?? '').trim();
  return { regionRaw, geo, sex, age, dimensions, variable: cols.variable !== null ? cells[cols.variable]!.trim() : null, periodText: cols.time !== null ? cells[cols.time]!.trim() : null };
}

/**
 * A cell for a year in which its region's code was not in use: SSB's placeholder 0, a symbol
 * (`.` `..` from the API, IMDi's empty cells) — not a value, and not a repeat of the row the other
 * number has for that year. Said once per region.
 */
function notInUse(ctx: ReadContext, r: SsbReading, row: SsbRow, period: Period, v: ValueCell, rawCell: string, line: number, t: Target): boolean {
  const { geo } = row;
  if (!outside(period, geo.validFrom, geo.validTo)) return false;
  const placeholder = v.kind === 'empty' || v.kind === 'missing' || (v.kind === 'number' && v.value === 0);
  if (!placeholder) return false;
  if (!r.notInUse.has(row.regionRaw)) {
    r.notInUse.add(row.regionRaw);
    const what = v.kind === 'number' ? msg('issue.word.zeros') : v.kind === 'empty' ? msg('issue.word.emptyCells') : msg('issue.word.symbols', { symbols: rawCell.trim() });
    ctx.issues.report({ code: 'code-not-valid-in-period', line, column: r.header[t.index]!, columnNumber: t.index + 1, value: rawCell, note: msg('issue.note.notInUseRows', { region: row.regionRaw, period: period.label, from: geo.validFrom ?? '', to: geo.validTo ?? '', what }) });
  }
  return true;
}

/** The problems of a cell the schema cannot see: unknown symbols, empty cells, impossible counts. Returns the cell, or null (reported). */
function checkedCell(ctx: ReadContext, r: SsbReading, t: Target, rawCell: string, line: number): ValueCell | null {
  const v = readValueCell(rawCell, r.source);
  const column = r.header[t.index]!;
  if (v.kind === 'unknown-symbol') {
    ctx.issues.report({ code: 'unknown-symbol', line, column, columnNumber: t.index + 1, value: v.raw, note: msg('issue.note.unknownSymbolSsb', { value: v.raw, column }) });
    return null;
  }
  return v;
}

/** The measure problems of a number SSB's schema allows: a negative or fractional count of persons. */
function countProblem(t: Target, info: MeasureInfo, value: number): Message | null {
  if (info.measureType !== 'count') return null;
  if (value < 0 && !/endring|netto|vekst|tilvekst|overskudd/i.test(t.variable)) return msg('issue.note.negativeCount', { variable: t.variable, value });
  if (info.unit === 'personer' && !Number.isInteger(value)) return msg('issue.note.fractionalPersons', { variable: t.variable, value });
  return null;
}

/** The observation of one value cell; null when the cell holds none (a problem reported, or a cell for a year its code was not in use). */
function readCell(ctx: ReadContext, r: SsbReading, row: SsbRow, t: Target, cells: string[], line: number): Observation | null {
  const { header, cols, source } = r;
  const rawCell = cells[t.index] ?? '';
  const v = checkedCell(ctx, r, t, rawCell, line);
  if (!v) return null;
  const column = header[t.index]!;
  const { regionRaw, geo } = row;
  const cellRow: Record<string, unknown> = { region: regionRaw, period: t.periodText, variable: t.variable };
  const sv = schemaValue(v);
  if (sv !== undefined) cellRow.value = sv;
  const raw: Record<string, string> = { region: regionRaw, period: t.periodText, variable: t.variable, value: rawCell };
  const colOf = (p: string): number | null => (p === 'value' ? t.index + 1 : p === 'region' && cols.region !== null ? cols.region + 1 : p === 'period' && cols.time !== null ? cols.time + 1 : null);
  if (!ctx.checkRow(r.cellSchema, cellRow, raw, colOf, line)) return null;
  const period = ctx.period(t.periodText, line, cols.time !== null ? header[cols.time]! : column, cols.time !== null ? cols.time + 1 : t.index + 1);
  if (!period) return null;
  if (notInUse(ctx, r, row, period, v, rawCell, line, t)) return null;
  if (v.kind === 'empty') {
    ctx.issues.report({ code: 'empty-cell', line, column, columnNumber: t.index + 1, note: msg('issue.note.emptyValueSsb', { column }) });
  }
  const info = r.infoFor(t.variable);
  const problem = v.kind === 'number' ? countProblem(t, info, v.value) : null;
  if (problem) {
    ctx.issues.report({ code: 'constraint-error', line, column, columnNumber: t.index + 1, value: rawCell, note: problem });
    return null;
  }
  // Variables SSB wrote into the heading win over the row's own (there is none then).
  const sex = t.wide?.sex ?? row.sex;
  const age = t.wide?.age ?? row.age;
  let dims = row.dimensions;
  if (t.wide?.named) dims = { ...dims, ...t.wide.named };
  if (t.wide?.qualifier) dims = { ...dims, heading: t.wide.qualifier };
  const o = observation({ source, table: r.table, geo: geo.geo, harmonisedFrom: geo.harmonisedFrom, period, sex, age, dimensions: dims, origin: { file: ctx.file.display, line } }, t.variable, info, fromCell(v));
  if (!ctx.plausible(o, line, column, t.index + 1, rawCell)) return null;
  const key = `${geo.code}|${periodKey(period)}|${t.variable}|${sex}|${age?.code ?? ''}|${dimensionsKey(dims)}`;
  // A number for a year before (or after) its code was in use — a back-calculated series — yields
  // to the row of the number in use that year, whichever comes first.
  if (outside(period, geo.validFrom, geo.validTo)) {
    ctx.holdBack(key, [o], line, column);
    return null;
  }
  if (!ctx.checkDuplicate(key, line, column)) return null;
  ctx.inUse(key);
  return o;
}

/** The columns, or null when the header cannot be read (reported). */
function columnsOf(ctx: ReadContext, layout: CsvLayout): { cols: SsbColumns; header: string[] } | null {
  const stacked = stackedHeader(layout);
  if (!stacked && !ctx.checkHeader(layout.header, layout.headerLine)) return null;
  const cols = classifySsbColumns(layout.header, layout, stacked);
  if ('missing' in cols) {
    ctx.issues.report({
      code: 'missing-column',
      line: layout.headerLine,
      column: cols.missing,
      note: msg(cols.missing === 'år' ? 'issue.note.ssbNoPeriod' : 'issue.note.ssbNoValueColumn'),
    });
    return null;
  }
  if (stacked && !ctx.checkHeader(cols.names, layout.headerLine)) return null;
  return { cols, header: cols.names };
}

/**
 * SSB Statistikkbanken web CSV (and KOSTRA tables, which are SSB tables by region
 * `KOKkommuneregion0000`): optional title line and blank line, then the header — one row, or
 * several (the variable over the year, a stub of row variables at the left) —, then the rows, then
 * notes ("Sist endret:", "Kilde:", footnotes) that are not data. Wide ("<variable> <year>"
 * columns) or long (`region;år;statistikkvariabel;<value>`, the value column found by its name or
 * its numbers); ISO-8859-1 or UTF-8; `;` or `,`; decimal comma or point; the symbols `. .. : ... - *`.
 * A table without a region column is national. Cells for years a region code was not in use
 * (SSB's zeros, `.` and `..`) are not values, and not repeats of the other number's rows.
 */
export async function* readSsbCsv(ctx: ReadContext, source: 'ssb' | 'kostra'): AsyncGenerator<Observation[]> {
  const layout = ctx.layout!;
  const read = columnsOf(ctx, layout);
  if (!read) return;
  const { cols, header } = read;
  const table = ssbTableId(layout.title, ctx.file.stem);
  const measureInfo = new Map<string, MeasureInfo>();
  const infoFor = (variable: string): MeasureInfo => {
    let i = measureInfo.get(variable);
    if (!i) {
      i = measureFromLabel(variable);
      measureInfo.set(variable, i);
    }
    return i;
  };
  const r: SsbReading = { source, header, cols, table, cellSchema: validator('ssb-cell'), infoFor, notInUse: new Set() };
  const tableVariable = layout.title ? layout.title.replace(/^\d{5}\s*:\s*/, '').replace(/,\s*(etter|by)\b.*$/, '') : (header[cols.value ?? 0] ?? table);
  let headerRows = cols.headerRows;
  let lastLine = layout.headerLine;
  let notes = false;
  for await (const batch of ctx.records()) {
    const out: Observation[] = [];
    for (const { cells, line } of batch) {
      if (line <= layout.headerLine || notes) continue;
      const gap = line - lastLine > 1;
      lastLine = line;
      if (headerRows > 0) {
        headerRows--;
        continue;
      }
      if (isNoteRow(cells, header.length, gap)) {
        notes = true;
        continue;
      }
      if (!ctx.checkCellCount(cells, header, line)) continue;
      const row = readRow(ctx, r, cells, line);
      if (!row) continue;
      const targets: Target[] = cols.wide.length > 0 ? cols.wide.map((w) => ({ index: w.index, variable: w.variable || row.variable || tableVariable, periodText: w.period?.label ?? row.periodText!, wide: w })) : [{ index: cols.value!, variable: row.variable ?? tableVariable, periodText: row.periodText!, wide: null }];
      for (const t of targets) {
        const o = readCell(ctx, r, row, t, cells, line);
        if (o) out.push(o);
      }
    }
    if (out.length > 0) yield out;
  }
  const held = ctx.releaseHeld();
  if (held.length > 0) yield held;
}

/**
 * SSB's age cells: a label ("0 years", "105 år eller eldre", "80-84 år") or a code with its label
 * ("000 0 år", "105 105 år eller eldre"): the label decides when it is understood.
 */
function ssbAge(cell: string): AgeGroup {
  const whole = ageFromLabel(cell);
  if (isKnownAge(whole)) return whole;
  const m = /^(\d{3})\s+(.*)$/.exec(cell.trim());
  if (m) {
    const label = ageFromLabel(m[2]!);
    return isKnownAge(label) ? label : ageFromLabel(m[1]!.replace(/^0+(\d)/, '$1'));
  }
  return whole;
}

function outside(p: Period, from: number | null, to: number | null): boolean {
  return (from !== null && p.to < from) || (to !== null && p.from > to);
}
