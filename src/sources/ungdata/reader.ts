import { msg } from '../../base/messages.js';
import type { Observation, Sex } from '../../model/observation.js';
import type { ReadContext } from '../../ingest/context.js';
import { readGroupTable, type GroupTableSpec } from './group-table.js';

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
const SEX: Record<string, Sex> = { alle: 'total', total: 'total', gutter: 'male', male: 'male', jenter: 'female', female: 'female' };

const UNGDATA: GroupTableSpec = {
  source: 'ungdata',
  table: 'ungdata',
  schema: 'ungdata',
  formatName: msg('issue.word.formatUngdata'),
  needs: msg('issue.word.needsUngdata'),
  columns: (header) => header.map((h) => UNGDATA_COLUMNS[h.toLowerCase()] ?? h),
  required: ['kommune', 'year', 'indicator', 'grouping', 'group', 'n_respondents'],
  expected: ['kommune', 'year', 'indicator', 'grouping', 'group', 'n_respondents', 'n_yes', 'percent'],
  numeric: new Set(['n_respondents', 'n_yes', 'percent']),
  sex: SEX,
  dimensionColumns: { grade: 'trinn' },
  shareWithoutCount: false,
};

/**
 * Ungdata group tables, in the format this project defines (`src/sources/ungdata/ungdata.schema.json`,
 * README "Ungdata format"): per kommune, year (or pooled years), indicator, grouping variable and
 * group, the number of respondents and the number answering yes (or the percentage).
 * The row for all respondents has grouping `total`.
 */
export function readUngdata(ctx: ReadContext): AsyncGenerator<Observation[]> {
  return readGroupTable(ctx, UNGDATA);
}
