import { readValueCell } from '../../ingest/cells.js';
import { titleVariables, type StackedHeader } from '../../ingest/header-rows.js';
import { parsePeriod } from '../../ingest/period.js';
import type { CsvLayout } from '../../ingest/sniff.js';
import { headingFromParts, parseHeading, type WideColumn } from './heading.js';

const REGION_NAMES = ['region', 'kokkommuneregion0000', 'kommuneregion', 'kommune', 'fylke', 'region (kostra)', 'kommunenummer', 'regionkode'];
/** A name column beside the region's code (IMDi: `Region;Navn`): it gives the name and the years. */
const REGION_NAME_NAMES = ['navn', 'name', 'regionnavn', 'kommunenavn', 'region name'];
// Norwegian and English (SSB's English downloads: region, age, sex, contents, year).
const TIME_NAMES = ['år', 'tid', 'aar', 'year', 'kvartal', 'måned', 'uke', 'halvår', 'skoleår', 'time', 'quarter', 'month', 'week', 'school year'];
const VARIABLE_NAMES = ['statistikkvariabel', 'contentscode', 'statistikkvariabler', 'contents', 'statistical variable', 'variabel'];
/** Words of a title's variables that are regions: a title without one is a national table. */
const REGION_WORDS = /region|kommune|fylke|bydel|område|county|municipal/i;
const SEX_NAMES = ['kjønn', 'kjonn', 'sex'];
const AGE_NAMES = ['alder', 'age'];
/** Names of a long table's value column; SSB also names it after the table ("07459: Befolkning, …"). */
const VALUE_NAMES = ['value', 'values', 'verdi', 'verdier', 'tall', 'antall', 'andel'];
const REGION_VALUE = /^((K|F)[-._]?)?\d{1,6}[a-z]{0,2}(\s|$)|^(EAK|EAKUO|EKA\d{2}|EKG\d{2})(\s|$)/;

export interface SsbColumns {
  /** The region's column; null for a national table (no region in the rows). */
  region: number | null;
  /** A column with the region's name beside its code. */
  regionName: number | null;
  time: number | null;
  variable: number | null;
  sex: number | null;
  age: number | null;
  /** Wide value columns: one per "<statistikkvariabel> <år> [<kjønn>|<alder>|…]" (or per column of a header of several rows). */
  wide: WideColumn[];
  /** Long layout: the column that holds the values (not necessarily the last). */
  value: number | null;
  dimensions: number[];
  /** Every column's name as read: a header of several rows gives its value columns' parts joined. */
  names: string[];
  /** Rows under the first header row that belong to the header. */
  headerRows: number;
}

export type { WideColumn };

/** Works out which column is what in an SSB web CSV header (one row, or several with a stub). */
export function classifySsbColumns(header: string[], layout?: Pick<CsvLayout, 'title' | 'sample'>, stacked?: StackedHeader | null): SsbColumns | { missing: string } {
  const names = stacked ? stackedNames(header, stacked, layout?.title ?? null) : header.map((h) => h.trim());
  const lower = names.map((h) => h.toLowerCase().trim());
  const stub = stacked ? stacked.stub : names.length;
  const sample = (layout?.sample ?? []).slice(stacked?.extra ?? 0);
  const column = (i: number) => sample.map((r) => (r[i] ?? '').trim()).filter((c) => c !== '');
  let region: number | null = lower.findIndex((h, i) => i < stub && REGION_NAMES.includes(h));
  if (region === -1 && stacked) region = range(stub).find((i) => column(i).length > 0 && column(i).every((c) => REGION_VALUE.test(c))) ?? -1;
  // One header row: the first column is the region — unless the title names the table's variables
  // and none of them is a region, nor looks the column like one (10467: "etter fornavn, år og
  // statistikkvariabel"): a national table.
  if (region === -1) {
    const vars = titleVariables(layout?.title ?? null);
    const national = stacked || (vars.length > 0 && !vars.some((v) => REGION_WORDS.test(v)) && !column(0).every((c) => REGION_VALUE.test(c)));
    region = national ? null : 0;
  }
  const find = (list: string[]): number | null => {
    const i = lower.findIndex((h, j) => j < stub && j !== region && list.includes(h));
    return i === -1 ? null : i;
  };
  const regionName = region !== null && REGION_NAME_NAMES.includes(lower[region + 1] ?? '') ? region + 1 : null;
  let time = find(TIME_NAMES);
  // A year down the side with no name (10484): the stub column whose cells are periods.
  if (time === null && stacked) time = range(stub).find((i) => i !== region && column(i).length > 0 && column(i).every((c) => parsePeriod(c) !== null)) ?? null;
  const variable = find(VARIABLE_NAMES);
  const sex = find(SEX_NAMES);
  const age = find(AGE_NAMES);
  const used = new Set([region, regionName, time, variable, sex, age].filter((x): x is number => x !== null));
  const wide = stacked ? stackedColumns(stacked, layout?.title ?? null) : wideColumns(header, used, time, variable);
  if (stacked && wide.length === 0) return { missing: 'value' };
  let value: number | null = null;
  if (wide.length === 0) {
    if (time === null) return { missing: 'år' };
    const values = valueColumns(names, lower, used, column, layout?.title ?? null);
    if (values.length === 0) return { missing: 'value' };
    // Several measures side by side, each named by its column (10467: "Andel av fødte (prosent)", "Fødte").
    if (values.length > 1 && variable === null) wide.push(...values.map((i) => ({ index: i, variable: names[i]!.trim() })));
    else value = values[0]!;
  } else if (time === null && wide.some((w) => !w.period)) return { missing: 'år' };
  const taken = new Set([...used, ...wide.map((w) => w.index), ...(value !== null ? [value] : [])]);
  const dimensions = names.map((_, i) => i).filter((i) => !taken.has(i) && i < (stacked ? stub : names.length) && names[i]!.trim() !== '');
  return { region, regionName, time, variable, sex, age, wide, value, dimensions, names, headerRows: stacked?.extra ?? 0 };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** One header row: "<variable> <year> …" headings; or bare years beside a statistikkvariabel column. */
function wideColumns(header: string[], used: Set<number>, time: number | null, variable: number | null): WideColumn[] {
  const wide: WideColumn[] = [];
  if (time !== null) return wide;
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
  return wide;
}

/** The names of a header of several rows: the stub's (a blank one from the title's variables), then each value column's parts. */
function stackedNames(header: string[], s: StackedHeader, title: string | null): string[] {
  const fromTitle = titleVariables(title);
  const stub = s.stubNames.map((n, i) => (n !== '' ? n : (fromTitle[i] ?? `kolonne ${i + 1}`)));
  return [...stub, ...s.parts.map((p) => p.filter((x) => x !== '').join(' / '))].concat(header.slice(stub.length + s.parts.length));
}

/**
 * The value columns of a header of several rows. The title names the table's variables in order
 * (the stub's first): the rest name the header rows, when they are as many.
 */
function stackedColumns(s: StackedHeader, title: string | null): WideColumn[] {
  const vars = titleVariables(title);
  const rest = vars.slice(s.stub);
  const rowNames: (string | null)[] = rest.length === s.rows.length ? rest : s.rows.map(() => null);
  const out: WideColumn[] = [];
  s.parts.forEach((parts, j) => {
    if (parts.every((p) => p === '')) return;
    const h = headingFromParts(parts, rowNames);
    if (h) out.push({ index: s.stub + j, ...h });
  });
  return out;
}

/**
 * A long table's value columns: the one named so (value, verdi, the table's title); else those whose
 * cells are numbers or symbols, but not one constant number — a CSV may carry columns after the
 * value that hold a constant number (SSB 13600's `Framskriving`, `Tabell`); else the last column.
 */
function valueColumns(names: string[], lower: string[], used: Set<number>, column: (i: number) => string[], title: string | null): number[] {
  const candidates = names.map((_, i) => i).filter((i) => !used.has(i) && names[i]!.trim() !== '');
  if (candidates.length === 0) return [];
  const byName = candidates.find((i) => VALUE_NAMES.includes(lower[i]!) || /^\d{5}\s*:/.test(names[i]!) || (title !== null && names[i]!.trim() === title.trim()));
  if (byName !== undefined) return [byName];
  const numeric = candidates.filter((i) => {
    const cells = column(i);
    return cells.length > 0 && cells.every((c) => {
      const v = readValueCell(c, 'ssb');
      return v.kind === 'number' || v.kind === 'missing';
    });
  });
  if (numeric.length === 0) return [candidates.at(-1)!];
  // A column holding one and the same number on every row is a label of the extract, not values.
  const constant = (i: number) => {
    const cells = column(i);
    return cells.length > 1 && new Set(cells).size === 1 && readValueCell(cells[0]!, 'ssb').kind === 'number';
  };
  const values = numeric.filter((i) => !constant(i));
  return values.length > 0 ? values : [numeric.at(-1)!];
}

/** Wide when the heading carries the variables and years ("Sysselsatte personer 2021"), else long. */
export function ssbShape(layout: CsvLayout, stacked?: StackedHeader | null): 'wide' | 'long' {
  const c = classifySsbColumns(layout.header, layout, stacked);
  return 'missing' in c || c.wide.length === 0 ? 'long' : 'wide';
}

/** "11616: Sysselsatte per 4. kvartal …" → "11616"; else the file name's leading table number. */
export function ssbTableId(title: string | null, stem: string): string {
  const m = title ? /^(\d{5})\s*:/.exec(title) : null;
  if (m) return m[1]!;
  const f = /^(\d{5})(\D|$)/.exec(stem);
  return f ? f[1]! : stem;
}
