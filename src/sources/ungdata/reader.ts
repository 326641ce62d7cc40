import type { Observation, Sex } from '../../model/observation.js';
import { dimensionsKey, readValueCell, schemaValue, type ValueCell } from '../../ingest/cells.js';
import type { ReadContext } from '../../ingest/context.js';
import { observation } from '../../ingest/observation.js';
import { validator } from '../../validate/schemas.js';

/** Column names of the Ungdata group table, with Norwegian spellings accepted. */
export const UNGDATA_COLUMNS: Record<string, string> = {
  kommune: 'kommune',
  region: 'kommune',
  year: 'year',
  år: 'year',
  aar: 'year',
  indicator: 'indicator',
  indikator: 'indicator',
  indicator_label: 'indicator_label',
  indikatornavn: 'indicator_label',
  grouping: 'grouping',
  gruppering: 'grouping',
  group: 'group',
  gruppe: 'group',
  sex: 'sex',
  kjønn: 'sex',
  kjonn: 'sex',
  grade: 'grade',
  trinn: 'grade',
  n_respondents: 'n_respondents',
  antall_svart: 'n_respondents',
  n_yes: 'n_yes',
  antall_ja: 'n_yes',
  percent: 'percent',
  prosent: 'percent',
};
const NUMERIC = new Set(['n_respondents', 'n_yes', 'percent']);
const UNGDATA_MEASURE = { measureType: 'proportion' as const, unit: 'prosent', multiplier: 100, standardisation: 'none' as const };
const SEX: Record<string, Sex> = { alle: 'total', total: 'total', gutter: 'male', male: 'male', jenter: 'female', female: 'female' };

/**
 * Ungdata group tables, in the format this project defines (`src/sources/ungdata/ungdata.schema.json`,
 * README "Ungdata format"): per kommune, year (or pooled years), indicator, grouping variable and
 * group, the number of respondents and the number answering yes (or the percentage).
 * The row for all respondents has grouping `total`.
 */
export async function* readUngdata(ctx: ReadContext): AsyncGenerator<Observation[]> {
  const layout = ctx.layout!;
  const header = layout.header.map((h) => UNGDATA_COLUMNS[h.toLowerCase().trim()] ?? h.trim());
  if (!ctx.checkHeader(header, layout.headerLine)) return;
  if (!ctx.checkNearMisses(header, ['kommune', 'year', 'indicator', 'grouping', 'group', 'n_respondents', 'n_yes', 'percent'], layout.headerLine, 'Ungdata group table')) return;
  if (!ctx.requireColumns(header, ['kommune', 'year', 'indicator', 'grouping', 'group', 'n_respondents'], layout.headerLine, 'an Ungdata group table needs')) return;
  if (!header.includes('n_yes') && !header.includes('percent')) {
    ctx.issues.report({ code: 'missing-column', line: layout.headerLine, column: 'n_yes', note: 'the header needs either an "n_yes" column (number answering yes) or a "percent" column' });
    return;
  }
  const index = new Map(header.map((h, i) => [h, i]));
  const columnOf = (p: string): number | null => (index.has(p) ? index.get(p)! + 1 : null);
  const validate = validator('ungdata');

  for await (const batch of ctx.records()) {
    const out: Observation[] = [];
    for (const { cells, line } of batch) {
      if (line <= layout.headerLine) continue;
      if (!ctx.checkCellCount(cells, header, line)) continue;
      const raw: Record<string, string> = {};
      const row: Record<string, unknown> = {};
      const num = new Map<string, ValueCell>();
      let bad = false;
      header.forEach((h, i) => {
        if (h === '') return;
        const cell = cells[i] ?? '';
        raw[h] = cell;
        if (NUMERIC.has(h)) {
          const v = readValueCell(cell, 'ungdata');
          num.set(h, v);
          if (v.kind === 'unknown-symbol') {
            bad = true;
            ctx.issues.report({ code: 'unknown-symbol', line, column: h, columnNumber: i + 1, value: cell, note: `"${cell}" in column ${h} is not a number and not one of the symbols . .. :` });
          }
          const sv = schemaValue(v);
          if (sv !== undefined) row[h] = sv;
        } else if (cell.trim() !== '') row[h] = cell.trim();
      });
      if (!ctx.checkRow(validate, row, raw, columnOf, line) || bad) continue;

      const n = num.get('n_respondents')!;
      const yes = num.get('n_yes');
      const pct = num.get('percent');
      if (n.kind === 'number' && yes?.kind === 'number' && yes.value > n.value) {
        ctx.issues.report({ code: 'constraint-error', line, column: 'n_yes', columnNumber: columnOf('n_yes'), value: raw.n_yes ?? null, note: `n_yes (${yes.value}) is larger than n_respondents (${n.value}): more yes-answers than respondents` });
        continue;
      }
      if ((yes === undefined || yes.kind === 'empty') && (pct === undefined || pct.kind === 'empty')) {
        ctx.issues.report({ code: 'missing-cell', line, column: yes ? 'n_yes' : 'percent', columnNumber: columnOf(yes ? 'n_yes' : 'percent'), note: 'the row has neither the number answering yes nor the percentage' });
        continue;
      }
      const regionRaw = raw.kommune!.trim();
      const geo = ctx.geography(ctx.geo.fromLabel(regionRaw), regionRaw, line, 'kommune', columnOf('kommune'));
      if (!geo) continue;
      const period = ctx.period(raw.year!, line, 'year', columnOf('year'));
      if (!period) continue;
      const sex = SEX[(raw.sex ?? 'alle').trim().toLowerCase() || 'alle']!;
      const grouping = raw.grouping!.trim();
      const dimensions: Record<string, string> = {};
      if (grouping !== 'total') dimensions[grouping] = raw.group!.trim();
      if (raw.grade?.trim()) dimensions.trinn = raw.grade.trim();
      const indicator = raw.indicator!.trim();
      const key = `${geo.code}|${period.from}_${period.to}|${sex}|${dimensionsKey(dimensions)}|${indicator}`;
      if (!ctx.checkDuplicate(key, line)) continue;

      let value: number | null = null;
      let numerator: number | null = null;
      let denominator: number | null = null;
      let missing: Observation['missing'] = null;
      const firstMissing = [n, yes, pct].find((c) => c?.kind === 'missing');
      if (firstMissing && firstMissing.kind === 'missing') missing = firstMissing.missing;
      else if (n.kind === 'number' && n.value === 0) missing = { symbol: '.', reason: 'not-applicable' };
      else if (n.kind === 'number') {
        denominator = n.value;
        if (yes?.kind === 'number') {
          numerator = yes.value;
          value = (100 * yes.value) / n.value;
        } else if (pct?.kind === 'number') {
          // Only the percentage was published: the count is derived from it (rounded shares give
          // non-integer counts, which the interval methods accept).
          value = pct.value;
          numerator = (pct.value * n.value) / 100;
        }
      }
      if (missing) {
        value = null;
        numerator = null;
        denominator = null;
      }
      out.push(observation({ source: 'ungdata', table: 'ungdata', geo: geo.geo, harmonisedFrom: geo.harmonisedFrom, period, sex, age: null, dimensions, origin: { file: ctx.file.display, line } }, indicator, UNGDATA_MEASURE, missing ? { missing } : value === null ? { missing: { symbol: '..', reason: 'missing' } } : { value }, numerator, denominator));
    }
    if (out.length > 0) yield out;
  }
}
