import type { AgeGroup, Observation, Period } from '../../model/observation.js';
import { validator } from '../../validate/schemas.js';
import { ageFromCode, isReversedAge, readValueCell, schemaValue, sexFromCode, type ValueCell } from '../cells.js';
import type { ReadContext } from '../context.js';
import { fromCell } from '../observation.js';
import { countsProblem, FHI_MEASURE_COLUMNS, isFhiMeasureColumn, isUnsuppressedColumn, observationsFromMeasures, type MeasureCell, type ObservationBase } from '../fhi-measures.js';
import { parsePeriod } from '../period.js';
import { SPVFLAGG_SYMBOL, missingFromSymbol } from '../symbols.js';

const DIMENSION_COLUMNS = ['GEO', 'AAR', 'KJONN', 'ALDER'];
const CANONICAL = [...DIMENSION_COLUMNS, ...FHI_MEASURE_COLUMNS, 'SPVFLAGG', 'MEASURE_TYPE', 'value'];
/** Other spellings of the fixed columns: the daar source's time dimension. */
const ALIASES: Record<string, string> = { daar: 'AAR' };

/** A trailing comment in a cell, as in FHI's own example cube: `3 //anonymisert data`. */
const CELL_COMMENT = /^(.*?)\s*\/\/(.*)$/;

/**
 * FHI files with codes: the cube files FHI's statistics bank loads
 * (`GEO;AAR;KJONN;ALDER;…;TELLER;NEVNER;RATE;SMR;MEIS;sumTELLER;sumNEVNER;RATE.n;SPVFLAGG`) and the
 * open API's csv3 (codes; long with MEASURE_TYPE and value, or one column per measure).
 * GEO has lost its leading zeros in cube files; flags are SPVFLAGG 1/2/3 = `..` / `.` / `:`.
 */
export async function* readFhiCodes(ctx: ReadContext, format: 'fhi-cube' | 'fhi-csv3'): AsyncGenerator<Observation[]> {
  const layout = ctx.layout!;
  const header = layout.header.map((h) => ALIASES[h.toLowerCase()] ?? CANONICAL.find((c) => c.toLowerCase() === h.toLowerCase()) ?? h);
  if (!ctx.checkHeader(header, layout.headerLine)) return;
  const required = format === 'fhi-cube' ? ['GEO', 'AAR', 'SPVFLAGG'] : ['GEO', 'AAR'];
  // A misspelt fixed column (GE0, TELER) is an error naming the column meant, never a dimension.
  if (!ctx.checkNearMisses(header, [...required, 'KJONN', 'ALDER', 'TELLER', 'NEVNER', 'RATE', 'MEASURE_TYPE', 'SPVFLAGG', 'sumTELLER', 'sumNEVNER'], layout.headerLine, 'FHI file with codes')) return;
  if (!ctx.requireColumns(header, required, layout.headerLine, 'every FHI file with codes has')) return;
  const long = header.includes('MEASURE_TYPE');
  if (long && !ctx.requireColumns(header, ['value'], layout.headerLine, 'holds the numbers in a long csv3 export')) return;
  const unsuppressed = header.filter(isUnsuppressedColumn);
  for (const u of unsuppressed) {
    ctx.issues.report({ code: 'unsuppressed-column', line: layout.headerLine, column: u, columnNumber: header.indexOf(u) + 1, value: u, note: `column "${u}" holds counts before suppression; folkehelse never reads it, so none of its numbers can reach a document` });
  }
  const measureCols = long ? [] : header.filter((h) => isFhiMeasureColumn(h) && !isUnsuppressedColumn(h) && h !== 'SPVFLAGG');
  if (!long && measureCols.length === 0) {
    ctx.issues.report({ code: 'missing-column', line: layout.headerLine, column: 'TELLER', note: 'the header has no measure column (TELLER, NEVNER, RATE, SMR, MEIS …)' });
    return;
  }
  const numericCols = new Set([...measureCols, ...(long ? ['value'] : [])]);
  const dimCols = header.filter((h) => !CANONICAL.includes(h) && !isFhiMeasureColumn(h) && h !== '');
  const skip = header.map((h) => h === '' || isUnsuppressedColumn(h));
  const sortedDimCols = [...dimCols].sort();
  const index = new Map(header.map((h, i) => [h, i]));
  const columnOf = (p: string): number | null => (index.has(p) ? index.get(p)! + 1 : null);
  const validate = validator(format === 'fhi-cube' ? 'fhi-cube.row' : 'fhi-csv3.row');
  const iGeo = index.get('GEO')!;
  const iAar = index.get('AAR')!;
  const iKjonn = index.get('KJONN');
  const iAlder = index.get('ALDER');
  const iFlag = index.get('SPVFLAGG');
  const iMeasure = index.get('MEASURE_TYPE');
  const iValue = index.get('value');
  const measureIdx = measureCols.map((m) => index.get(m)!);
  const dimIdx = dimCols.map((d) => index.get(d)!);
  const table = ctx.file.stem;

  // csv3 long: the measures of one key come on consecutive rows; group them.
  let group: { key: string; base: ObservationBase; cells: Map<string, MeasureCell>; line: number } | null = null;
  const flush = (): Observation[] => {
    const g = group;
    group = null;
    if (!g) return [];
    const problem = countsProblem(g.cells, g.base.period.from === g.base.period.to);
    if (problem) {
      ctx.issues.report({ code: 'constraint-error', line: g.line, column: 'value', columnNumber: iValue! + 1, value: String(problem.value), note: `${problem.message} (the MEASURE_TYPE rows of this key, from line ${g.line})` });
      return [];
    }
    return observationsFromMeasures(g.base, g.cells);
  };

  const isNumeric = header.map((h) => numericCols.has(h));
  const periods = new Map<string, Period>();
  const ages = new Map<string, AgeGroup>();
  const rawOf = (cells: string[]): Record<string, string> => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));

  for await (const batch of ctx.records()) {
    const out: Observation[] = [];
    for (const rec of batch) {
      if (rec.line <= layout.headerLine) continue;
      const { cells, line } = rec;
      if (!ctx.checkCellCount(cells, header, line)) continue;
      const row: Record<string, unknown> = {};
      const parsed: ValueCell[] = new Array(header.length);
      let bad = false;
      for (let i = 0; i < header.length; i++) {
        if (skip[i]) continue;
        const name = header[i]!;
        let cell = cells[i] ?? '';
        if (cell.length > 2 && cell.includes('//')) {
          const m = CELL_COMMENT.exec(cell)!;
          ctx.issues.report({ code: 'comment-in-cell', line, column: name, columnNumber: i + 1, value: cell, note: `the cell "${cell.trim()}" ends with a comment (//${m[2]!.trimEnd()}); folkehelse reads "${m[1]!.trim()}" and ignores the comment` });
          cell = m[1]!;
          cells[i] = cell;
        }
        if (isNumeric[i]) {
          const v = readValueCell(cell, 'fhi');
          parsed[i] = v;
          if (v.kind === 'unknown-symbol') {
            bad = true;
            ctx.issues.report({ code: 'unknown-symbol', line, column: name, columnNumber: i + 1, value: cell, note: `"${cell}" in column ${name} is not a number and not one of the symbols . .. : (FHI)` });
          }
          const sv = schemaValue(v);
          if (sv !== undefined) row[name] = sv;
        } else if (cell !== '') {
          const t = cell.trim();
          if (t !== '') row[name] = t;
        }
      }
      if (bad) continue;
      if (!validate(row)) {
        ctx.checkRow(validate, row, rawOf(cells), columnOf, line);
        continue;
      }

      const flag = iFlag !== undefined ? (cells[iFlag] ?? '').trim() : '0';
      if (long && parsed[iValue!]!.kind === 'empty') {
        ctx.issues.report({ code: 'missing-cell', line, column: 'value', columnNumber: iValue! + 1, note: 'the value cell is empty; write the number or a symbol (. .. :)' });
        continue;
      }
      const geoRaw = cells[iGeo]!.trim();
      const geo = ctx.geography(ctx.geo.fromCode(geoRaw), geoRaw, line, 'GEO', iGeo + 1);
      if (!geo) continue;
      const aar = cells[iAar]!.trim();
      let period = periods.get(aar);
      if (!period) {
        const p = parsePeriod(aar);
        if (!p) {
          ctx.issues.report({ code: 'constraint-error', line, column: 'AAR', columnNumber: iAar + 1, value: aar, note: `the period "${aar}" ends before it starts; write the first year first (like 2013_2015)` });
          continue;
        }
        period = p;
        periods.set(aar, period);
      }
      const sex = iKjonn !== undefined ? (sexFromCode(cells[iKjonn]!) ?? 'total') : 'total';
      let age: AgeGroup | null = null;
      if (iAlder !== undefined) {
        const a = cells[iAlder]!.trim();
        age = ages.get(a) ?? null;
        if (!age) {
          age = ageFromCode(a);
          ages.set(a, age);
        }
        if (isReversedAge(age)) {
          ctx.issues.report({ code: 'constraint-error', line, column: 'ALDER', columnNumber: iAlder + 1, value: a, note: `the age group "${a}" runs backwards (from ${age.from} to ${age.to}); write the lower age first (like 65_120)` });
          continue;
        }
      }
      const dimensions: Record<string, string> = {};
      for (let k = 0; k < dimCols.length; k++) {
        const d = dimCols[k]!;
        const v = (cells[dimIdx[k]!] ?? '').trim();
        if (v !== '') dimensions[d] = v;
      }
      const measure = iMeasure !== undefined ? cells[iMeasure]!.trim() : '';
      let dimKey = '';
      for (const d of sortedDimCols) dimKey += `${d}=${dimensions[d] ?? ''}|`;
      const baseKey = `${geo.code}|${aar}|${sex}|${age?.code ?? ''}|${dimKey}`;
      if (!ctx.checkDuplicate(long ? `${baseKey}|${measure}` : baseKey, line)) continue;

      const base: ObservationBase = {
        source: 'fhi',
        table,
        geo: geo.geo,
        harmonisedFrom: geo.harmonisedFrom,
        period,
        sex,
        age,
        dimensions,
        origin: { file: ctx.file.display, line },
      };
      if (long) {
        if (!group || group.key !== baseKey) {
          out.push(...flush());
          group = { key: baseKey, base, cells: new Map(), line };
        }
        group.cells.set(measure, fromCell(parsed[iValue!]!));
        continue;
      }
      const measures = new Map<string, MeasureCell>();
      if (flag !== '0') {
        // The flag wins: whatever numbers the row still carries are never kept.
        measures.set(measureCols.includes('RATE') ? 'RATE' : measureCols[0]!, { missing: missingFromSymbol(SPVFLAGG_SYMBOL[flag]!, 'fhi')! });
      } else {
        for (const i of measureIdx) {
          const v = parsed[i]!;
          if (v.kind === 'empty') continue;
          measures.set(header[i]!, fromCell(v));
        }
        const problem = countsProblem(measures, period.from === period.to);
        if (problem) {
          const col = index.get(problem.column)!;
          ctx.issues.report({ code: 'constraint-error', line, column: problem.column, columnNumber: col + 1, value: cells[col] ?? null, note: problem.message });
          continue;
        }
      }
      out.push(...observationsFromMeasures(base, measures));
    }
    if (out.length > 0) yield out;
  }
  const last = flush();
  if (last.length > 0) yield last;
}
