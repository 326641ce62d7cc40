import type { ValidateFunction } from 'ajv';
import type { AgeGroup, Observation, Period, Sex } from '../../model/observation.js';
import { ageFromLabel, dimensionsKey, isKnownAge, isReversedAge, measureFromLabel, readValueCell, schemaValue, sexFromLabel, type MeasureInfo } from '../../ingest/cells.js';
import type { ReadContext, ResolvedGeography } from '../../ingest/context.js';
import { observation, fromCell } from '../../ingest/observation.js';
import { parsePeriod } from '../../ingest/period.js';
import type { CsvLayout } from '../../ingest/sniff.js';
import { validator } from '../../validate/schemas.js';

const REGION_NAMES = ['region', 'kokkommuneregion0000', 'kommuneregion', 'kommune', 'fylke', 'region (kostra)'];
// Norwegian and English (SSB's English downloads: region, age, sex, contents, year).
const TIME_NAMES = ['år', 'tid', 'aar', 'year', 'kvartal', 'måned', 'skoleår', 'time', 'quarter', 'month', 'school year'];
const VARIABLE_NAMES = ['statistikkvariabel', 'contentscode', 'statistikkvariabler', 'contents', 'statistical variable'];
const SEX_NAMES = ['kjønn', 'kjonn', 'sex'];
const AGE_NAMES = ['alder', 'age'];

export interface SsbColumns {
  region: number;
  time: number | null;
  variable: number | null;
  sex: number | null;
  age: number | null;
  /** Wide value columns: one per "<statistikkvariabel> <år> [<kjønn>|<alder>|…]". */
  wide: WideColumn[];
  /** Long layout: the value column (the last, named after the table). */
  value: number | null;
  dimensions: number[];
}

/** A value column whose heading carries variables: "Persons 2023 Males", "Personer 2023 0-17 år". */
export interface WideColumn {
  index: number;
  variable: string;
  period: Period;
  sex?: Sex;
  age?: AgeGroup;
  /** Any other heading variable (a value of a dimension SSB moved into the heading). */
  qualifier?: string;
}

const PERIOD_TOKEN = /(?:^|\s)(\d{4}(?:[_-]\d{4}|\/\d{2,4}|K[1-4]|M(?:0[1-9]|1[0-2])|H[12])?)(?=\s|$)/g;

/** Reads a part of a heading as a sex or an age, the way SSB writes them in either language. */
function headingPart(text: string): { sex?: Sex; age?: AgeGroup } | null {
  const t = text.trim();
  if (t === '') return {};
  // A bare number is not an age in a heading ("Dødsfall per 100 2023").
  if (/^\d+$/.test(t) || /^per\b/i.test(t)) return null;
  const sex = sexFromLabel(t);
  if (sex) return { sex };
  const age = ageFromLabel(t);
  if (isKnownAge(age) && age.code !== 'alle' && !/^total$/i.test(t)) return { age };
  if (/^(alle aldre|all ages|alder i alt)$/i.test(t)) return { age };
  return null;
}

/**
 * Splits a wide column heading into its variables: the statistikkvariabel, the period, and any sex
 * or age (or other value) SSB wrote into the heading when those variables were placed in the head
 * of the table: "Persons 2023 Males", "Personer 2023 Begge kjønn", "Sysselsatte 2021".
 */
export function parseHeading(heading: string): Omit<WideColumn, 'index'> | null {
  const h = heading.trim();
  const matches = [...h.matchAll(PERIOD_TOKEN)];
  for (let k = matches.length - 1; k >= 0; k--) {
    const m = matches[k]!;
    const period = parsePeriod(m[1]!);
    if (!period) continue;
    const start = m.index! + m[0].length - m[1]!.length;
    const before = h.slice(0, start).trim();
    const after = h.slice(start + m[1]!.length).trim();
    const out: Omit<WideColumn, 'index'> = { variable: before, period };
    // A sex or an age before the variable ("Menn Personer 2023") or between it and the period.
    const words = before.split(/\s+/).filter((w) => w !== '');
    for (let k = Math.min(4, words.length - 1); k >= 1; k--) {
      const head = headingPart(words.slice(0, k).join(' '));
      if (head && (head.sex || head.age)) {
        Object.assign(out, head);
        out.variable = words.slice(k).join(' ');
        break;
      }
      const tail = headingPart(words.slice(words.length - k).join(' '));
      if (tail && (tail.sex || tail.age)) {
        Object.assign(out, tail);
        out.variable = words.slice(0, words.length - k).join(' ');
        break;
      }
    }
    if (after !== '') {
      // The part after the period: a sex, an age, both ("Males 0-17 years"), or another value.
      const whole = headingPart(after);
      if (whole) Object.assign(out, whole);
      else {
        const words = after.split(/\s+/);
        let split = false;
        for (let i = 1; i < words.length && !split; i++) {
          const a = headingPart(words.slice(0, i).join(' '));
          const b = headingPart(words.slice(i).join(' '));
          if (a && b && !(a.sex && b.sex) && !(a.age && b.age)) {
            Object.assign(out, a, b);
            split = true;
          }
        }
        if (!split) out.qualifier = after;
      }
    }
    if (before === '' && after === '') return null;
    return out;
  }
  return null;
}

/** Works out which column is what in an SSB web CSV header. */
export function classifySsbColumns(header: string[]): SsbColumns | { missing: string } {
  const lower = header.map((h) => h.toLowerCase().trim());
  let region = lower.findIndex((h) => REGION_NAMES.includes(h));
  if (region === -1) region = 0;
  const find = (names: string[]): number | null => {
    const i = lower.findIndex((h, j) => j !== region && names.includes(h));
    return i === -1 ? null : i;
  };
  const time = find(TIME_NAMES);
  const variable = find(VARIABLE_NAMES);
  const sex = find(SEX_NAMES);
  const age = find(AGE_NAMES);
  const wide: SsbColumns['wide'] = [];
  const used = new Set([region, time, variable, sex, age].filter((x): x is number => x !== null));
  if (time === null) {
    header.forEach((h, i) => {
      if (used.has(i)) return;
      const split = parseHeading(h);
      if (split) wide.push({ index: i, ...split });
    });
    // A bare year as column name ("2021") with a statistikkvariabel column.
    if (wide.length === 0 && variable !== null) {
      header.forEach((h, i) => {
        if (used.has(i)) return;
        const p = parsePeriod(h);
        if (p) wide.push({ index: i, variable: '', period: p });
      });
    }
  }
  let value: number | null = null;
  if (wide.length === 0) {
    if (time === null) return { missing: 'år' };
    value = header.length - 1;
    while (value > 0 && header[value]!.trim() === '') value--;
    if (used.has(value)) return { missing: 'value' };
  }
  const taken = new Set([...used, ...wide.map((w) => w.index), ...(value !== null ? [value] : [])]);
  const dimensions = header.map((_, i) => i).filter((i) => !taken.has(i) && header[i]!.trim() !== '');
  return { region, time, variable, sex, age, wide, value, dimensions };
}

/** Wide when the heading carries the variables and years ("Sysselsatte personer 2021"), else long. */
export function ssbShape(layout: CsvLayout): 'wide' | 'long' {
  const c = classifySsbColumns(layout.header);
  return 'missing' in c || c.wide.length === 0 ? 'long' : 'wide';
}

/** "11616: Sysselsatte per 4. kvartal …" → "11616"; else the file name's leading table number. */
export function ssbTableId(title: string | null, stem: string): string {
  const m = title ? /^(\d{5})\s*:/.exec(title) : null;
  if (m) return m[1]!;
  const f = /^(\d{5})(\D|$)/.exec(stem);
  return f ? f[1]! : stem;
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
  droppedZeros: Set<string>;
}

/** The row's region, sex, age and other dimensions; null when one cannot be read (reported). */
function readRow(ctx: ReadContext, r: SsbReading, cells: string[], line: number): SsbRow | null {
  const { header, cols } = r;
  const regionRaw = (cells[cols.region] ?? '').trim();
  if (regionRaw === '') {
    ctx.issues.report({ code: 'missing-cell', line, column: header[cols.region]!, columnNumber: cols.region + 1, note: 'the region cell is empty' });
    return null;
  }
  const geo = ctx.geography(ctx.geo.fromLabel(regionRaw), regionRaw, line, header[cols.region]!, cols.region + 1);
  if (!geo) return null;
  const sexLabel = cols.sex !== null ? cells[cols.sex]!.trim() : '';
  const sex = sexLabel === '' ? 'total' : sexFromLabel(sexLabel.replace(/^\d\s+/, ''));
  if (sex === null) {
    ctx.issues.report({ code: 'type-error', line, column: header[cols.sex!]!, columnNumber: cols.sex! + 1, value: sexLabel, note: `"${sexLabel}" is not a sex folkehelse knows ('Begge kjønn', 'Menn', 'Kvinner'; 'Both sexes', 'Males', 'Females')` });
    return null;
  }
  const age = cols.age !== null ? ssbAge(cells[cols.age]!) : null;
  if (age && isReversedAge(age)) {
    ctx.issues.report({ code: 'constraint-error', line, column: header[cols.age!]!, columnNumber: cols.age! + 1, value: age.label, note: `the age band "${age.label}" runs backwards (from ${age.from} to ${age.to}); write the lower age first` });
    return null;
  }
  const dimensions: Record<string, string> = {};
  for (const d of cols.dimensions) dimensions[header[d]!.trim()] = (cells[d] ?? '').trim();
  return { regionRaw, geo, sex, age, dimensions, variable: cols.variable !== null ? cells[cols.variable]!.trim() : null, periodText: cols.time !== null ? cells[cols.time]!.trim() : null };
}

/** The observation of one value cell; null when the cell holds none (a problem reported, or a placeholder zero dropped). */
function readCell(ctx: ReadContext, r: SsbReading, row: SsbRow, t: Target, cells: string[], line: number): Observation | null {
  const { header, cols, source } = r;
  const rawCell = cells[t.index] ?? '';
  const v = readValueCell(rawCell, source);
  const column = header[t.index]!;
  if (v.kind === 'unknown-symbol') {
    ctx.issues.report({ code: 'unknown-symbol', line, column, columnNumber: t.index + 1, value: v.raw, note: `"${v.raw}" in column "${column}" is not a number and not one of SSB's symbols . .. : ... - *` });
    return null;
  }
  if (v.kind === 'empty') {
    ctx.issues.report({ code: 'missing-cell', line, column, columnNumber: t.index + 1, note: `the cell in column "${column}" is empty; SSB writes a symbol (. .. : ...) where a number is missing` });
    return null;
  }
  const { regionRaw, geo } = row;
  const cellRow: Record<string, unknown> = { region: regionRaw, period: t.periodText, variable: t.variable, value: schemaValue(v) };
  const raw: Record<string, string> = { region: regionRaw, period: t.periodText, variable: t.variable, value: rawCell };
  const colOf = (p: string): number | null => (p === 'value' ? t.index + 1 : p === 'region' ? cols.region + 1 : p === 'period' && cols.time !== null ? cols.time + 1 : null);
  if (!ctx.checkRow(r.cellSchema, cellRow, raw, colOf, line)) return null;
  const period = ctx.period(t.periodText, line, cols.time !== null ? header[cols.time]! : column, cols.time !== null ? cols.time + 1 : t.index + 1);
  if (!period) return null;
  if (v.kind === 'number' && v.value === 0 && outside(period, geo.validFrom, geo.validTo)) {
    if (!r.droppedZeros.has(regionRaw)) {
      r.droppedZeros.add(regionRaw);
      ctx.issues.report({ code: 'code-not-valid-in-period', line, column, columnNumber: t.index + 1, value: rawCell, note: `"${regionRaw}" did not exist in ${period.label} (valid ${geo.validFrom ?? ''}-${geo.validTo ?? ''}); its zeros for such years are not counted` });
    }
    return null;
  }
  const info = r.infoFor(t.variable);
  if (v.kind === 'number' && info.measureType === 'proportion' && (v.value > 100 || v.value < 0)) {
    ctx.issues.report({ code: 'constraint-error', line, column, columnNumber: t.index + 1, value: rawCell, note: `a share in percent cannot be ${v.value < 0 ? 'negative' : 'above 100'}, but this one is ${v.value}` });
    return null;
  }
  if (v.kind === 'number' && info.measureType === 'count' && v.value < 0 && !/endring|netto|vekst|tilvekst|overskudd/i.test(t.variable)) {
    ctx.issues.report({ code: 'constraint-error', line, column, columnNumber: t.index + 1, value: rawCell, note: `"${t.variable}" is a count and cannot be negative, but this one is ${v.value}` });
    return null;
  }
  if (v.kind === 'number' && info.measureType === 'count' && info.unit === 'personer' && !Number.isInteger(v.value)) {
    ctx.issues.report({ code: 'constraint-error', line, column, columnNumber: t.index + 1, value: rawCell, note: `"${t.variable}" counts persons and must be a whole number, but this one is ${v.value}` });
    return null;
  }
  // Variables SSB wrote into the heading win over the row's own (there is none then).
  const sex = t.wide?.sex ?? row.sex;
  const age = t.wide?.age ?? row.age;
  let dims = row.dimensions;
  if (t.wide?.qualifier) dims = { ...row.dimensions, heading: t.wide.qualifier };
  const key = `${geo.code}|${period.from}_${period.to}|${t.variable}|${sex}|${age?.code ?? ''}|${dimensionsKey(dims)}`;
  if (!ctx.checkDuplicate(key, line, column)) return null;
  return observation({ source, table: r.table, geo: geo.geo, harmonisedFrom: geo.harmonisedFrom, period, sex, age, dimensions: dims, origin: { file: ctx.file.display, line } }, t.variable, info, fromCell(v));
}

/**
 * SSB Statistikkbanken web CSV (and KOSTRA tables, which are SSB tables by region
 * `KOKkommuneregion0000`): optional title line and blank line, then the header; wide
 * ("<variable> <year>" columns) or long (`region;år;statistikkvariabel;<value>`); ISO-8859-1 or UTF-8;
 * `;` or `,`; decimal comma or point; the symbols `. .. : ... - *`.
 * A zero given for a year in which the region code did not exist is not a value and is dropped.
 */
export async function* readSsbCsv(ctx: ReadContext, source: 'ssb' | 'kostra'): AsyncGenerator<Observation[]> {
  const layout = ctx.layout!;
  const header = layout.header;
  if (!ctx.checkHeader(header, layout.headerLine)) return;
  const cols = classifySsbColumns(header);
  if ('missing' in cols) {
    ctx.issues.report({
      code: 'missing-column',
      line: layout.headerLine,
      column: cols.missing,
      note: cols.missing === 'år' ? 'the header has neither "<statistikkvariabel> <år>" columns nor an "år" column, so no period can be read' : 'the header has no value column after its dimension columns',
    });
    return;
  }
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
  const r: SsbReading = { source, header, cols, table, cellSchema: validator('ssb-cell'), infoFor, droppedZeros: new Set() };
  const tableVariable = layout.title ? layout.title.replace(/^\d{5}\s*:\s*/, '').replace(/,\s*(etter|by)\b.*$/, '') : (header[cols.value ?? 0] ?? table);

  for await (const batch of ctx.records()) {
    const out: Observation[] = [];
    for (const { cells, line } of batch) {
      if (line <= layout.headerLine) continue;
      if (!ctx.checkCellCount(cells, header, line)) continue;
      const row = readRow(ctx, r, cells, line);
      if (!row) continue;
      const targets: Target[] = cols.wide.length > 0 ? cols.wide.map((w) => ({ index: w.index, variable: w.variable || row.variable || tableVariable, periodText: w.period.label, wide: w })) : [{ index: cols.value!, variable: row.variable ?? tableVariable, periodText: row.periodText!, wide: null }];
      for (const t of targets) {
        const o = readCell(ctx, r, row, t, cells, line);
        if (o) out.push(o);
      }
    }
    if (out.length > 0) yield out;
  }
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
