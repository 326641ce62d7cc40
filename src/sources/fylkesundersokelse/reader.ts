import { msg } from '../../base/messages.js';
import type { Observation, Sex } from '../../model/observation.js';
import type { ReadContext } from '../../ingest/context.js';
import { readGroupTable, type GroupTableSpec } from '../ungdata/group-table.js';

/** Column names of the county survey group table, with Norwegian spellings accepted. */
export const SURVEY_COLUMNS: Record<string, string> = {
  survey: 'survey',
  undersokelse: 'survey',
  undersøkelse: 'survey',
  kommune: 'kommune',
  region: 'kommune',
  year: 'year',
  år: 'year',
  aar: 'year',
  indicator: 'indicator',
  indikator: 'indicator',
  indicator_label: 'indicator_label',
  indikatornavn: 'indicator_label',
  question: 'question',
  spørsmål: 'question',
  sporsmal: 'question',
  answer: 'answer',
  svar: 'answer',
  grouping: 'grouping',
  gruppering: 'grouping',
  group: 'group',
  gruppe: 'group',
  sex: 'sex',
  kjønn: 'sex',
  kjonn: 'sex',
  age: 'age',
  alder: 'age',
  n_respondents: 'n_respondents',
  antall_svart: 'n_respondents',
  n_yes: 'n_yes',
  antall_ja: 'n_yes',
  percent: 'percent',
  prosent: 'percent',
  share: 'share',
  andel: 'share',
  percent_weighted: 'percent_weighted',
  prosent_vektet: 'percent_weighted',
  response_rate: 'response_rate',
  svarprosent: 'response_rate',
};

const SEX: Record<string, Sex> = { alle: 'total', total: 'total', menn: 'male', mann: 'male', male: 'male', kvinner: 'female', kvinne: 'female', female: 'female' };
const NUMERIC = new Set(['n_respondents', 'n_yes', 'percent', 'share', 'percent_weighted', 'response_rate']);
const COMMON = { source: 'fylkesundersokelse', table: 'fylkesundersokelse', schema: 'fylkesundersokelse', numeric: NUMERIC, sex: SEX, shareWithoutCount: true } as const;

/**
 * The county survey group table (`fylkesundersokelse.schema.json`):
 * Ungdata's group table for adults, with the survey named, age crossed with the grouping, and
 * shares, derived respondents or percentages alone accepted.
 */
export const GROUP_TABLE: GroupTableSpec = {
  ...COMMON,
  formatName: msg('issue.word.formatCountySurvey'),
  needs: msg('issue.word.needsCountySurvey'),
  columns: (header) => header.map((h) => SURVEY_COLUMNS[h.toLowerCase()] ?? h),
  required: ['survey', 'kommune', 'year', 'indicator', 'grouping', 'group'],
  expected: ['survey', 'kommune', 'year', 'indicator', 'grouping', 'group', 'n_respondents', 'n_yes', 'percent'],
  dimensionColumns: { age: 'alder' },
};

/**
 * The long frequency table a county publishes from Folkehelseundersøkelsen i fylkene (Telemark's
 * `Kommunenummer;Kommunenummer_2025;Kommune;Kategori;Gruppe;Variabel;Spørsmål;Svartype;Verdi;Svar;
 * Antall_original;Andel_original;Antall_vektet;Andel_vektet;Spørsmålskode;Årstall`): one row per area
 * and question, the answer counted as yes, its unweighted count and share. The indicator is the
 * variable (lower-cased), the respondents are derived from count and share, the area is the
 * current municipality number where the file gives both.
 */
export function frequencyColumns(header: string[]): string[] {
  const lower = header.map((h) => h.toLowerCase());
  const current = lower.includes('kommunenummer_2025');
  const map: Record<string, string> = {
    kommunenummer_2025: 'kommune',
    kommunenummer: current ? '' : 'kommune',
    årstall: 'year',
    aarstall: 'year',
    variabel: 'indicator',
    spørsmål: 'question',
    svar: 'answer',
    antall_original: 'n_yes',
    andel_original: 'share',
  };
  return lower.map((h) => map[h] ?? '');
}

export const FREQUENCY_TABLE: GroupTableSpec = {
  ...COMMON,
  formatName: msg('issue.word.formatCountyFrequency'),
  needs: msg('issue.word.needsCountyFrequency'),
  columns: frequencyColumns,
  required: ['kommune', 'year', 'indicator', 'n_yes', 'share'],
  expected: [],
  dimensionColumns: {},
  fixed: { survey: 'fhus', grouping: 'total', group: 'alle' },
  lowerCaseIndicator: true,
};

export function readSurveyTable(ctx: ReadContext): AsyncGenerator<Observation[]> {
  return readGroupTable(ctx, GROUP_TABLE);
}

export function readFrequencyTable(ctx: ReadContext): AsyncGenerator<Observation[]> {
  return readGroupTable(ctx, FREQUENCY_TABLE);
}
