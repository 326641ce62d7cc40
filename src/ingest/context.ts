import type { ValidateFunction } from 'ajv';
import { msg, type Message, type MessageKey } from '../base/messages.js';
import type { GeoResolver, Resolution } from '../geo/resolve.js';
import { isResolved } from '../geo/resolve.js';
import type { Geography, Observation, Period } from '../model/observation.js';
import { parsePeriod } from './period.js';
import { plausibility } from './plausibility.js';
import { quotedList, type IssueCollector } from '../validate/issues.js';
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

/** The note of a repeated observation: the line of the first one, when it has one. */
function repeats(first: number): Message {
  return first > 0 ? msg('issue.note.repeatsLine', { line: first }) : msg('issue.note.repeatsEarlier');
}

/**
 * What a row schema's column must hold, in the user's language: the schema's description
 * (English, the contract's) is said by `issue.expected.<schema>.<column>` in data/cli/<lang>.json.
 */
function expectedOf(schema: { $id?: string; properties?: Record<string, { description?: string }> }, column: string | null): Message | string | null {
  const description = column !== null && schema.properties && Object.hasOwn(schema.properties, column) ? schema.properties[column]?.description : undefined;
  if (!description) return null;
  const name = /([\w-]+?)(\.row)?\.schema\.json$/.exec(schema.$id ?? '')?.[1];
  return name ? msg(`issue.expected.${name}.${column!.replace(/\./g, '_')}` as MessageKey) : description;
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
      this.issues.report({ code: 'encoding-damage', line, column: header[cell] ?? null, columnNumber: cell + 1, value: text, note: msg('issue.note.encodingDamage', { text }) });
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
      note: repeats(first),
    });
    return false;
  }

  /**
   * Holds back a number given for a year its area's code was not in use (SSB's back-calculated
   * series under a new number, or the old number's after the change): it yields to the row of the
   * number that was in use that year (`inUse`), whichever comes first in the file, and is released
   * at the end (`releaseHeld`) when there is none.
   */
  holdBack(key: string, o: Observation[], line: number | null, column: string | null | (() => string)): void {
    const before = this.held.get(key);
    if (before) {
      if (typeof column === 'function') column = column(); // spelled out only for a row reported
      this.issues.report({ code: 'duplicate-row', line, column, note: repeats(before.line ?? 0) });
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
    const schema = validate.schema as { $id?: string; properties?: Record<string, { description?: string }> };
    for (const p of cellProblems(validate.errors)) {
      const col = p.property;
      const value = col !== null ? (raw[col] ?? null) : null;
      const expected = expectedOf(schema, col) ?? p.expected ?? msg('issue.note.validValue');
      const at = { column: col ?? '', value: value ?? '', expected };
      let note: Message;
      if (p.code === 'missing-cell') note = msg('issue.note.cellEmpty', at);
      else if (p.code === 'type-error') note = msg('issue.note.notExpected', at);
      else if (p.keyword === 'minimum') note = msg('issue.note.belowMinimum', { ...at, limit: String(p.params.limit) });
      else if (p.keyword === 'maximum') note = msg('issue.note.aboveMaximum', { ...at, limit: String(p.params.limit) });
      else note = msg('issue.note.notAllowed', at);
      this.issues.report({ code: p.code, line, column: col, columnNumber: col !== null ? columnOf(col) : null, value, note });
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
        this.issues.report({ code: 'blank-header', line, columnNumber: i + 1, note: msg('issue.note.blankHeader', { number: i + 1 }) });
        return;
      }
      const prev = seen.get(name);
      if (prev !== undefined) {
        ok = false;
        this.issues.report({ code: 'duplicate-header', line, column: name, columnNumber: i + 1, value: name, note: msg('issue.note.duplicateHeader', { first: prev + 1, second: i + 1, name }) });
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
      this.issues.report({ code: 'extra-cell', line, columnNumber: header.length + 1, value: extra.find((c) => c.trim() !== '') ?? null, note: msg('issue.note.extraCells', { cells: cells.length, columns: width }) });
      return false;
    }
    if (cells.length < width) {
      this.issues.report({ code: 'missing-cell', line, column: header[cells.length] ?? null, columnNumber: cells.length + 1, note: msg(width - cells.length === 1 ? 'issue.note.missingCellsOne' : 'issue.note.missingCellsMany', { cells: cells.length, columns: width, names: quotedList(header.slice(cells.length, width)) }) });
      return false;
    }
    return true;
  }

  /**
   * Reports a header name that is a near miss of a column the format expects and the header lacks
   * (`GE0` for GEO, `TELER` for TELLER): an error naming the expected column, so a misspelt column
   * never silently becomes a dimension. Returns false when there is one.
   */
  checkNearMisses(header: string[], expected: string[], line: number, formatName: Message): boolean {
    let ok = true;
    const present = new Set(header.map((h) => h.toLowerCase()));
    header.forEach((name, i) => {
      if (name.trim() === '' || expected.some((e) => e.toLowerCase() === name.toLowerCase())) return;
      const meant = expected.find((e) => !present.has(e.toLowerCase()) && isNearMiss(name.trim(), e));
      if (!meant) return;
      ok = false;
      this.issues.report({ code: 'missing-column', line, column: meant, columnNumber: i + 1, value: name, note: msg('issue.note.nearMiss', { number: i + 1, name, format: formatName, meant }) });
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
      this.issues.report({ code: 'constraint-error', line, column, columnNumber, value: t, note: msg('issue.note.periodBackwards', { period: t, forwards: `${m[2]}-${m[1]}` }) });
    } else {
      this.issues.report({ code: 'type-error', line, column, columnNumber, value: t, note: msg('issue.note.notPeriod', { text: t }) });
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
  requireColumns(header: string[], required: string[], line: number, hint: Message): boolean {
    const missing = required.filter((r) => !header.includes(r));
    for (const m of missing) {
      this.issues.report({ code: 'missing-column', line, column: m, note: msg('issue.note.noColumn', { column: m, hint }) });
    }
    return missing.length === 0;
  }
}

