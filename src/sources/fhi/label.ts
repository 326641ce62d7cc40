import type { Observation } from '../../model/observation.js';
import { ageFromLabel, dimensionsKey, isReversedAge, measureFromLabel, readValueCell, schemaValue, sexFromLabel, type MeasureInfo } from '../../ingest/cells.js';
import type { ReadContext } from '../../ingest/context.js';
import { observation, fromCell } from '../../ingest/observation.js';
import { validator } from '../../validate/schemas.js';

/** Header names of label exports, with the spellings seen in the wild. */
const ALIASES: Record<string, string> = {
  geografi: 'Geografi',
  geo: 'Geografi',
  år: 'År',
  aar: 'År',
  kjønn: 'Kjønn',
  kjonn: 'Kjønn',
  alder: 'Alder',
  måltall: 'Måltall',
  maltall: 'Måltall',
  value: 'value',
  verdi: 'value',
};

/**
 * FHI exports by label: the open API's csv2 and the downloads in `real-exports/fhi/`:
 * `Geografi,År,Kjønn,Alder,<other dimensions…>,Måltall,value`. Geography is a name and is mapped
 * to a code through the register; an unknown or ambiguous name is an error, never a guess.
 */
export async function* readFhiLabel(ctx: ReadContext): AsyncGenerator<Observation[]> {
  const layout = ctx.layout!;
  const header = layout.header.map((h) => ALIASES[h.toLowerCase()] ?? h);
  if (!ctx.checkHeader(header, layout.headerLine)) return;
  if (!ctx.checkNearMisses(header, ['Geografi', 'År', 'Kjønn', 'Alder', 'Måltall', 'value'], layout.headerLine, 'FHI label export')) return;
  if (!ctx.requireColumns(header, ['Geografi', 'År', 'Måltall', 'value'], layout.headerLine, 'every FHI label export has')) return;
  const index = new Map(header.map((h, i) => [h, i]));
  const columnOf = (p: string): number | null => (index.has(p) ? index.get(p)! + 1 : null);
  const known = new Set(['Geografi', 'År', 'Kjønn', 'Alder', 'Måltall', 'value']);
  const dimCols = header.filter((h) => !known.has(h) && h !== '');
  const validate = validator('fhi-label');
  const iGeo = index.get('Geografi')!;
  const iYear = index.get('År')!;
  const iSex = index.get('Kjønn');
  const iAge = index.get('Alder');
  const iMeasure = index.get('Måltall')!;
  const iValue = index.get('value')!;
  const measureInfo = new Map<string, MeasureInfo>();
  const table = ctx.file.stem;

  for await (const batch of ctx.records()) {
    const out: Observation[] = [];
    for (const { cells, line } of batch) {
      if (line <= layout.headerLine) continue;
      if (!ctx.checkCellCount(cells, header, line)) continue;
      const raw: Record<string, string> = {};
      const row: Record<string, unknown> = {};
      header.forEach((h, i) => {
        if (h === '') return;
        raw[h] = cells[i] ?? '';
        if (i !== iValue && raw[h]!.trim() !== '') row[h] = raw[h]!.trim();
      });
      const v = readValueCell(cells[iValue] ?? '', 'fhi');
      if (v.kind === 'unknown-symbol') {
        ctx.issues.report({ code: 'unknown-symbol', line, column: 'value', columnNumber: iValue + 1, value: v.raw, note: `"${v.raw}" in column value is not a number and not one of the symbols . .. : -` });
        continue;
      }
      if (v.kind === 'empty') {
        ctx.issues.report({ code: 'missing-cell', line, column: 'value', columnNumber: iValue + 1, note: 'the value cell is empty; write the number or a symbol (. .. : -)' });
        continue;
      }
      row.value = schemaValue(v);
      if (!ctx.checkRow(validate, row, raw, columnOf, line)) continue;

      const measure = cells[iMeasure]!.trim();
      let info = measureInfo.get(measure);
      if (!info) {
        info = measureFromLabel(measure);
        measureInfo.set(measure, info);
      }
      if (v.kind === 'number' && info.measureType === 'proportion' && info.multiplier === 100 && (v.value > 100 || v.value < 0)) {
        ctx.issues.report({ code: 'constraint-error', line, column: 'value', columnNumber: iValue + 1, value: cells[iValue] ?? null, note: `a share in percent cannot be ${v.value < 0 ? 'negative' : 'above 100'}, but this one is ${v.value}` });
        continue;
      }
      const sexLabel = iSex !== undefined ? cells[iSex]!.trim() : '';
      const sex = sexLabel === '' ? 'total' : sexFromLabel(sexLabel);
      if (sex === null) {
        ctx.issues.report({ code: 'type-error', line, column: 'Kjønn', columnNumber: iSex! + 1, value: sexLabel, note: `"${sexLabel}" is not a sex label folkehelse knows ('kjønn samlet', 'menn', 'kvinner', 'gutter', 'jenter')` });
        continue;
      }
      const geoRaw = cells[iGeo]!.trim();
      let geo = ctx.geography(ctx.geo.fromLabel(geoRaw), geoRaw, line, 'Geografi', iGeo + 1);
      if (!geo) continue;
      const period = ctx.period(cells[iYear]!, line, 'År', iYear + 1);
      if (!period) continue;
      const age = iAge !== undefined ? ageFromLabel(cells[iAge]!) : null;
      if (age && isReversedAge(age)) {
        ctx.issues.report({ code: 'constraint-error', line, column: 'Alder', columnNumber: iAge! + 1, value: age.label, note: `the age band "${age.label}" runs backwards (from ${age.from} to ${age.to}); write the lower age first` });
        continue;
      }
      const dimensions: Record<string, string> = {};
      for (const d of dimCols) dimensions[d] = (cells[index.get(d)!] ?? '').trim();
      const rest = `|${period.from}_${period.to}|${sex}|${age?.code ?? ''}|${dimensionsKey(dimensions)}|${measure}`;
      // Oslo is both a county (03) and a municipality (0301) named "Oslo": the second row with the
      // same key is the other one, not a duplicate.
      if (geo.code === '0301' && /^oslo$/i.test(geoRaw) && ctx.keys.add(`0301${rest}`, line) !== 0) {
        const county = ctx.geography(ctx.geo.fromCode('03'), '03', line, 'Geografi', iGeo + 1)!;
        if (!ctx.checkDuplicate(`03${rest}`, line)) continue;
        geo = county;
      } else if (!(geo.code === '0301' && /^oslo$/i.test(geoRaw)) && !ctx.checkDuplicate(`${geo.code}${rest}`, line)) continue;
      out.push(observation({ source: 'fhi', table, geo: geo.geo, harmonisedFrom: geo.harmonisedFrom, period, sex, age, dimensions, origin: { file: ctx.file.display, line } }, measure, info, fromCell(v)));
    }
    if (out.length > 0) yield out;
  }
}
