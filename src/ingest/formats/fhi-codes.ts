import type { Observation } from '../../model/observation.js';
import { validator } from '../../validate/schemas.js';
import { ageFromCode, dimensionsKey, readValueCell, schemaValue, sexFromCode, type ValueCell } from '../cells.js';
import type { ReadContext } from '../context.js';
import { csvRecords } from '../csv-records.js';
import { FHI_MEASURE_COLUMNS, observationsFromMeasures, type MeasureCell, type ObservationBase } from '../fhi-measures.js';
import { parsePeriod } from '../period.js';
import { SPVFLAGG_SYMBOL, missingFromSymbol } from '../symbols.js';

const DIMENSION_COLUMNS = ['GEO', 'AAR', 'KJONN', 'ALDER'];
const CANONICAL = [...DIMENSION_COLUMNS, ...FHI_MEASURE_COLUMNS, 'SPVFLAGG', 'MEASURE_TYPE', 'value'];

/**
 * FHI files with codes: the cube files FHI's statistics bank loads
 * (`GEO;AAR;KJONN;ALDER;…;TELLER;NEVNER;RATE;SMR;MEIS;sumTELLER;sumNEVNER;RATE.n;SPVFLAGG`) and the
 * open API's csv3 (codes; long with MEASURE_TYPE and value, or one column per measure).
 * GEO has lost its leading zeros in cube files; flags are SPVFLAGG 1/2/3 = `..` / `.` / `:`.
 */
export async function* readFhiCodes(ctx: ReadContext, format: 'fhi-cube' | 'fhi-csv3'): AsyncGenerator<Observation> {
  const layout = ctx.layout!;
  const header = layout.header.map((h) => CANONICAL.find((c) => c.toLowerCase() === h.toLowerCase()) ?? h);
  if (!ctx.checkHeader(header, layout.headerLine)) return;
  const required = format === 'fhi-cube' ? ['GEO', 'AAR', 'SPVFLAGG'] : ['GEO', 'AAR'];
  if (!ctx.requireColumns(header, required, layout.headerLine, 'every FHI file with codes has')) return;
  const long = header.includes('MEASURE_TYPE');
  if (long && !ctx.requireColumns(header, ['value'], layout.headerLine, 'holds the numbers in a long csv3 export')) return;
  const measureCols = long ? [] : header.filter((h) => FHI_MEASURE_COLUMNS.includes(h));
  if (!long && measureCols.length === 0) {
    ctx.issues.report({ code: 'missing-column', line: layout.headerLine, column: 'TELLER', message: 'the header has no measure column (TELLER, NEVNER, RATE, SMR, MEIS …)' });
    return;
  }
  const numericCols = new Set([...measureCols, ...(long ? ['value'] : [])]);
  const dimCols = header.filter((h) => !CANONICAL.includes(h) && h !== '');
  const index = new Map(header.map((h, i) => [h, i]));
  const columnOf = (p: string): number | null => (index.has(p) ? index.get(p)! + 1 : null);
  const validate = validator(format === 'fhi-cube' ? 'fhi-cube.row' : 'fhi-csv3.row');
  const iGeo = index.get('GEO')!;
  const iAar = index.get('AAR')!;
  const iKjonn = index.get('KJONN');
  const iAlder = index.get('ALDER');
  const iFlag = index.get('SPVFLAGG');
  const iMeasure = index.get('MEASURE_TYPE');
  const table = ctx.file.stem;

  // csv3 long: the measures of one key come on consecutive rows; group them.
  let group: { key: string; base: ObservationBase; cells: Map<string, MeasureCell>; line: number } | null = null;
  const flush = function* (): Generator<Observation> {
    if (group) yield* observationsFromMeasures(group.base, group.cells);
    group = null;
  };

  for await (const rec of csvRecords(ctx.file, layout.delimiter)) {
    if (rec.line <= layout.headerLine) continue;
    const { cells, line } = rec;
    if (!ctx.checkCellCount(cells, header, line)) continue;
    const raw: Record<string, string> = {};
    const row: Record<string, unknown> = {};
    const parsed = new Map<string, ValueCell>();
    let bad = false;
    for (let i = 0; i < header.length; i++) {
      const name = header[i]!;
      if (name === '') continue;
      const cell = cells[i] ?? '';
      raw[name] = cell;
      if (numericCols.has(name)) {
        const v = readValueCell(cell, 'fhi');
        parsed.set(name, v);
        if (v.kind === 'unknown-symbol') {
          bad = true;
          ctx.issues.report({ code: 'unknown-symbol', line, column: name, columnNumber: i + 1, value: cell, message: `"${cell}" in column ${name} is not a number and not one of the symbols . .. : (FHI)` });
        }
        const sv = schemaValue(v);
        if (sv !== undefined) row[name] = sv;
      } else {
        const t = cell.trim();
        if (t !== '') row[name] = t;
      }
    }
    if (!ctx.checkRow(validate, row, raw, columnOf, line) || bad) continue;

    const flag = iFlag !== undefined ? (cells[iFlag] ?? '').trim() : '0';
    const teller = parsed.get('TELLER');
    const nevner = parsed.get('NEVNER');
    if (flag === '0' && teller?.kind === 'number' && nevner?.kind === 'number' && teller.value > nevner.value) {
      ctx.issues.report({ code: 'constraint-error', line, column: 'TELLER', columnNumber: columnOf('TELLER'), value: cells[index.get('TELLER')!] ?? null, message: `TELLER (${teller.value}) is larger than NEVNER (${nevner.value}): more cases than people at risk` });
      continue;
    }
    const geoRaw = cells[iGeo]!.trim();
    const geo = ctx.geography(ctx.geo.fromCode(geoRaw), 'fhi', geoRaw, line, 'GEO', iGeo + 1);
    if (!geo) continue;
    const aar = cells[iAar]!.trim();
    const period = parsePeriod(aar)!;
    const sex = iKjonn !== undefined ? sexFromCode(cells[iKjonn]!) ?? 'total' : 'total';
    const age = iAlder !== undefined ? ageFromCode(cells[iAlder]!) : null;
    const dimensions: Record<string, string> = {};
    for (const d of dimCols) {
      const v = (cells[index.get(d)!] ?? '').trim();
      if (v !== '') dimensions[d] = v;
    }
    const measure = iMeasure !== undefined ? cells[iMeasure]!.trim() : '';
    const baseKey = `${geo.code}|${period.from}_${period.to}|${sex}|${age?.code ?? ''}|${dimensionsKey(dimensions)}`;
    if (!ctx.checkDuplicate(long ? `${baseKey}|${measure}` : baseKey, line)) continue;

    const base: ObservationBase = {
      source: 'fhi',
      table,
      geo: { code: geo.code, level: geo.level, name: geo.name },
      harmonisedFrom: geo.harmonisedFrom,
      period,
      sex,
      age,
      dimensions,
      origin: { file: ctx.file.display, line },
    };
    if (long) {
      if (!group || group.key !== baseKey) {
        yield* flush();
        group = { key: baseKey, base, cells: new Map(), line };
      }
      group.cells.set(measure, toMeasureCell(parsed.get('value')!));
      continue;
    }
    const measures = new Map<string, MeasureCell>();
    if (flag !== '0') {
      // The flag wins: whatever numbers the row still carries are never kept.
      measures.set(measureCols.includes('RATE') ? 'RATE' : measureCols[0]!, { missing: missingFromSymbol(SPVFLAGG_SYMBOL[flag]!, 'fhi')! });
    } else {
      for (const m of measureCols) {
        const v = parsed.get(m)!;
        if (v.kind === 'empty') continue;
        measures.set(m, toMeasureCell(v));
      }
    }
    yield* observationsFromMeasures(base, measures);
  }
  yield* flush();
}

function toMeasureCell(v: ValueCell): MeasureCell {
  if (v.kind === 'number') return { value: v.value, provisional: v.provisional };
  if (v.kind === 'missing') return { missing: v.missing };
  return { missing: { symbol: '', reason: 'missing' } };
}
