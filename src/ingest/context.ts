import type { ValidateFunction } from 'ajv';
import type { GeoResolver, Resolution } from '../geo/resolve.js';
import { isResolved } from '../geo/resolve.js';
import type { Geography, Observation, Period } from '../model/observation.js';
import { parsePeriod } from './period.js';
import { plausibility } from './plausibility.js';
import type { IssueCollector } from '../validate/issues.js';
import { RowKeyIndex } from '../validate/row-keys.js';
import { cellProblems } from '../validate/schemas.js';
import { isNearMiss } from './near-miss.js';
import { csvBatches, type CsvRecord } from './csv-records.js';
import type { CsvLayout } from './sniff.js';
import type { SourceFile } from './source-file.js';

export interface ResolvedGeography extends Geography {
  /** The same geography as a plain object, shared by every observation of the area. */
  geo: Geography;
  harmonisedFrom: string | null;
  validFrom: number | null;
  validTo: number | null;
}

/** Everything a format reader needs: the file, where to report problems, the geography register. */
export class ReadContext {
  readonly keys = new RowKeyIndex();
  private readonly notedGeo = new Set<string>();
  private readonly geoCache = new Map<Resolution, ResolvedGeography>();
  private readonly held = new Map<string, { o: Observation[]; line: number | null }>();

  constructor(
    readonly file: SourceFile,
    readonly issues: IssueCollector,
    readonly geo: GeoResolver,
    readonly layout: CsvLayout | null,
  ) {}

  /**
   * The records of the file, in batches (csv-parse), with encoding damage (U+FFFD where æ, ø, å
   * were) reported as a warning naming the line: codes still resolve, so the file is read.
   */
  records(): AsyncGenerator<CsvRecord[]> {
    const header = this.layout?.header ?? [];
    return csvBatches(this.file, this.layout!.delimiter, 256, (line, cell, text) => {
      this.issues.report({ code: 'encoding-damage', line, column: header[cell] ?? null, columnNumber: cell + 1, value: text, note: `"${text}" has the replacement character � where a letter (æ, ø, å …) was lost when the file was saved; the row is read, but fix the text or export the file again as UTF-8` });
    });
  }

  /** Reports `duplicate-row` when the key was seen before; returns true for a new key. */
  checkDuplicate(key: string, line: number | null, where?: string | (() => string)): boolean {
    const first = this.keys.add(key, line ?? 0);
    if (first === 0) return true;
    if (typeof where === 'function') where = where(); // spelled out only for a row reported
    this.issues.report({
      code: 'duplicate-row',
      line,
      column: where ?? null,
      note: first > 0 ? `this row repeats the observation on line ${first} (same region, period, sex, age and dimensions)` : `this value repeats an earlier one (same region, period, sex, age and dimensions)`,
    });
    return false;
  }

  /**
   * Holds back a number given for a year its area's code was not in use (SSB's back-calculated
   * series under a new number, or the old number's after the change): it yields to the row of the
   * number that was in use that year (`inUse`), whichever comes first in the file, and is released
   * at the end (`releaseHeld`) when there is none.
   */
  holdBack(key: string, o: Observation[], line: number | null, column: string | null): void {
    const before = this.held.get(key);
    if (before) {
      this.issues.report({ code: 'duplicate-row', line, column, note: before.line ? `this row repeats the observation on line ${before.line} (same region, period, sex, age and dimensions)` : 'this value repeats an earlier one (same region, period, sex, age and dimensions)' });
      return;
    }
    this.held.set(key, { o, line });
  }

  /** A row of the number in use has this key: a number held back for it is not kept. */
  inUse(key: string): void {
    if (this.held.size > 0) this.held.delete(key);
  }

  /** The numbers held back that no row of a number in use replaced. */
  releaseHeld(): Observation[] {
    const out: Observation[] = [];
    for (const [key, h] of this.held) if (this.keys.add(key, h.line ?? 0) === 0) out.push(...h.o);
    this.held.clear();
    return out;
  }

  /** Turns a resolution into a geography, reporting unknown-geography or a once-per-code note. */
  geography(r: Resolution, raw: string, line: number | null, column: string, columnNumber: number | null): ResolvedGeography | null {
    if (!isResolved(r)) {
      this.issues.report({ code: 'unknown-geography', line, column, columnNumber, value: raw, note: r.error });
      return null;
    }
    if (r.note && !this.notedGeo.has(r.note.onceKey ?? raw)) {
      this.notedGeo.add(r.note.onceKey ?? raw);
      this.issues.report({ code: r.note.code, line, column, columnNumber, value: raw, note: r.note.message });
    }
    // Resolutions are cached per text by the resolver, so one shared geography object each.
    let g = this.geoCache.get(r);
    if (!g) {
      g = { geo: r.geo, harmonisedFrom: r.harmonisedFrom, validFrom: r.validFrom, validTo: r.validTo, code: r.geo.code, level: r.geo.level, name: r.geo.name };
      this.geoCache.set(r, g);
    }
    return g;
  }

  /**
   * Validates one row object against a compiled row schema and reports each problem with its
   * column. Returns true when the row is valid.
   */
  checkRow(validate: ValidateFunction, row: Record<string, unknown>, raw: Record<string, string>, columnOf: (property: string) => number | null, line: number): boolean {
    if (validate(row)) return true;
    const props = ((validate.schema as { properties?: Record<string, { description?: string }> }).properties ?? {}) as Record<string, { description?: string }>;
    for (const p of cellProblems(validate.errors)) {
      const col = p.property;
      const value = col !== null ? (raw[col] ?? null) : null;
      const expected = (col !== null ? props[col]?.description : null) ?? p.expected ?? 'a valid value';
      let message: string;
      if (p.code === 'missing-cell') message = `the ${col} cell is empty; it must hold ${expected}`;
      else if (p.code === 'type-error') message = `"${value}" in column ${col} is not ${expected}`;
      else if (p.keyword === 'minimum') message = `${col} is ${value}, but it cannot be below ${String(p.params.limit)}`;
      else if (p.keyword === 'maximum') message = `${col} is ${value}, but it cannot be above ${String(p.params.limit)}`;
      else message = `"${value}" in column ${col} is not allowed; it must be ${expected}`;
      this.issues.report({ code: p.code, line, column: col, columnNumber: col !== null ? columnOf(col) : null, value, note: message });
    }
    return false;
  }

  /** Reports blank and duplicate header names; returns false when the header cannot be used. */
  checkHeader(header: string[], line: number): boolean {
    let ok = true;
    const seen = new Map<string, number>();
    header.forEach((name, i) => {
      if (name.trim() === '') {
        // A trailing empty column (a stray delimiter at line end) is harmless.
        if (i === header.length - 1 && i > 0) return;
        ok = false;
        this.issues.report({ code: 'blank-header', line, columnNumber: i + 1, note: `column ${i + 1} has no name in the header row` });
        return;
      }
      const prev = seen.get(name);
      if (prev !== undefined) {
        ok = false;
        this.issues.report({ code: 'duplicate-header', line, column: name, columnNumber: i + 1, value: name, note: `columns ${prev + 1} and ${i + 1} are both called "${name}"; rename one of them` });
      } else seen.set(name, i);
    });
    return ok;
  }

  /** Reports a row that is shorter or longer than the header; returns false when it must be skipped. */
  checkCellCount(cells: string[], header: string[], line: number): boolean {
    let width = header.length;
    if (header[width - 1] === '') width--; // trailing delimiter in the header
    if (cells.length > header.length) {
      const extra = cells.slice(header.length);
      if (extra.every((c) => c.trim() === '')) return true;
      this.issues.report({ code: 'extra-cell', line, columnNumber: header.length + 1, value: extra.find((c) => c.trim() !== '') ?? null, note: `this row has ${cells.length} cells but the header has ${width} columns; a value may contain an unquoted delimiter` });
      return false;
    }
    if (cells.length < width) {
      this.issues.report({ code: 'missing-cell', line, column: header[cells.length] ?? null, columnNumber: cells.length + 1, note: `this row has ${cells.length} cells but the header has ${width} columns; ${header.slice(cells.length, width).map((h) => `"${h}"`).join(', ')} ${width - cells.length === 1 ? 'is' : 'are'} missing` });
      return false;
    }
    return true;
  }

  /**
   * Reports a header name that is a near miss of a column the format expects and the header lacks
   * (`GE0` for GEO, `TELER` for TELLER): an error naming the expected column, so a misspelt column
   * never silently becomes a dimension. Returns false when there is one.
   */
  checkNearMisses(header: string[], expected: string[], line: number, formatName: string): boolean {
    let ok = true;
    const present = new Set(header.map((h) => h.toLowerCase()));
    header.forEach((name, i) => {
      if (name.trim() === '' || expected.some((e) => e.toLowerCase() === name.toLowerCase())) return;
      const meant = expected.find((e) => !present.has(e.toLowerCase()) && isNearMiss(name.trim(), e));
      if (!meant) return;
      ok = false;
      this.issues.report({ code: 'missing-column', line, column: meant, columnNumber: i + 1, value: name, note: `column ${i + 1} is called "${name}"; a ${formatName} has a column "${meant}" here — correct the spelling of the header` });
    });
    return ok;
  }

  /**
   * Reads a period cell; a reversed period (`2015-2013`) is a constraint-error, anything else that is
   * not a period a type-error. Returns null when the row must be skipped.
   */
  period(text: string, line: number | null, column: string, columnNumber: number | null): Period | null {
    const t = text.trim();
    const p = parsePeriod(t);
    if (p) return p;
    const m = /^(\d{4})\s*[_\-/]\s*(\d{2,4})$/.exec(t);
    if (m && Number(m[2]) < Number(m[1]) && m[2]!.length === 4) {
      this.issues.report({ code: 'constraint-error', line, column, columnNumber, value: t, note: `the period "${t}" ends before it starts; write the first year first (${m[2]}-${m[1]})` });
    } else {
      this.issues.report({ code: 'type-error', line, column, columnNumber, value: t, note: `"${t}" is not a period (a year like 2023, or years like 2021-2023 or 2021_2023)` });
    }
    return null;
  }

  /**
   * Checks a number against its measure (src/ingest/plausibility.ts): an impossible one is an error
   * named with its line and column and the observation is left out (false); a share a little over
   * 100 % is a warning and kept.
   */
  plausible(o: Observation, line: number | null, column: string | null | (() => string), columnNumber: number | null, raw?: string | null): boolean {
    const p = plausibility(o);
    if (!p) return true;
    if (typeof column === 'function') column = column(); // spelled out only for a number reported
    this.issues.report({ code: p.code, line, column, columnNumber, value: raw ?? String(o.value), note: p.note });
    return p.code !== 'impossible-value';
  }

  /** Reports required columns that are missing from the header. */
  requireColumns(header: string[], required: string[], line: number, hint: string): boolean {
    const missing = required.filter((r) => !header.includes(r));
    for (const m of missing) {
      this.issues.report({ code: 'missing-column', line, column: m, note: `the header has no "${m}" column, which ${hint}` });
    }
    return missing.length === 0;
  }
}

