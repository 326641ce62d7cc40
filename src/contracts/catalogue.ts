// Generated from schemas/catalogue.schema.json by scripts/generate-contracts.mjs: do not edit by hand.
// After changing the schema: node scripts/generate-contracts.mjs (or UPDATE_GOLDEN=1 npx vitest run test/contracts).

/**
 * lower-case letters a–z, digits and '-'
 */
export type IndicatorId = string;

/**
 * A file of indicators. The default catalogue is data/catalogue/*.json; a user's catalogue file has the same form: an indicator with an id that already exists replaces it, a new id is added, and ids in `exclude` are removed.
 */
export interface CatalogueFile {
  $schema?: string;
  description?: string;
  /**
   * true: this catalogue stands alone — the shipped default catalogue (data/catalogue/) is not loaded when a run uses this file (e.g. a catalogue for data that is not from the real FHI and SSB tables)
   */
  standalone?: boolean;
  /**
   * ids of indicators to leave out
   */
  exclude?: IndicatorId[];
  indicators: CatalogueIndicator[];
}
export interface CatalogueIndicator {
  id: IndicatorId;
  /**
   * forskrift om oversikt over folkehelsen § 3 a–f
   */
  theme: 'a' | 'b' | 'c' | 'd' | 'e' | 'f';
  title: Text;
  /**
   * what the document uses the indicator for besides its own place: 'population' (the population at 1 January, the base of the population change), 'population-change' (the change shown against each population)
   */
  role?: 'population' | 'population-change';
  /**
   * the subject of the generated status sentence, e.g. 'Andelen som bor alene …' (default: the title)
   */
  phrase?: Text;
  /**
   * one line on how to read the number
   */
  howToRead: Text;
  /**
   * the source as the document names it, e.g. 'FHI, Kommunehelsa (Reseptregisteret)'
   */
  source: Text;
  /**
   * how to find the indicator's observations
   */
  select: {
    source: 'fhi' | 'fylkesundersokelse' | 'ungdata' | 'kostra' | 'ssb';
    /**
     * Observation.table: SSB table number or FHI table/file name
     */
    table: string;
    /**
     * Observation.measure: FHI measure (RATE, MEIS …), SSB statistikkvariabel (its ContentsCode, as fetched, or its label, as in a CSV download) or Ungdata indicator; a list: the first the data has
     */
    measure: string | string[];
    /**
     * default total
     */
    sex?: 'total' | 'male' | 'female';
    /**
     * age code ('0_74') or label ('ved fødsel')
     */
    age?: string;
    /**
     * other dimensions that must have these values
     */
    dimensions?: {
      [k: string]: string;
    };
  };
  /**
   * proportion: Wilson interval from counts; rate: exact/Byar; indirectly standardised (FHI's MEIS): exact/Byar of the observed count; directly standardised: Dobson from age bands; life-expectancy: Chiang II with Silcocks' variance (PHE) from deaths and population in 20 age bands; the rest as published, not tested
   */
  measureType:
    'proportion' | 'rate' | 'indirectly-standardised-rate' | 'directly-standardised-rate' | 'life-expectancy' | 'mean' | 'years' | 'ratio' | 'count' | 'value';
  /**
   * 100 for percent, 1000 per thousand …
   */
  multiplier?: number;
  unit: Text;
  /**
   * decimals shown (default: 1)
   */
  decimals?: number;
  polarity: 'high-is-good' | 'low-is-good' | 'none';
  periods?: {
    /**
     * years in each published period (3 for 3-year averages); trends use per-year counts
     */
    pooled?: number;
    /**
     * what the counts of a multi-year period are: yearly averages (multiplied by the number of years for every test and suppression rule) or the period's sums. Default: FHI's TELLER and NEVNER are yearly averages, sumTELLER and sumNEVNER sums; other sources' counts as published
     */
    counts?: 'yearly-average' | 'sum';
    note?: Text;
  };
  suppression?: SuppressionOverrides;
  /**
   * how the municipality is tested against land, the county and the KOSTRA group: 'barometer' — FHI's barometer tests with the benchmark fixed (exact binomial for shares, exact Poisson for rates and MEIS, Chiang for life expectancy; the default for FHI's indicators); 'interval' — the benchmark inside the municipality's 95 % interval (Fingertips' comparator 1; the default for other sources)
   */
  test?: 'barometer' | 'interval';
  /**
   * a social gradient: the dimension and its ordered groups, from the most to the least advantaged
   */
  gradient?: {
    dimension: string;
    title: Text;
    /**
     * @minItems 2
     */
    groups: {
      value: string;
      label: Text;
    }[];
    /**
     * overrides of select for the group rows (e.g. another age)
     */
    select?: {
      age?: string;
      sex?: 'total' | 'male' | 'female';
    };
  };
  /**
   * for directly standardised rates: the age bands (Observation age codes) and their standard population weights
   */
  standard?: {
    name: string;
    /**
     * @minItems 1
     */
    bands: {
      age: string;
      weight: number;
    }[];
  };
  /**
   * for life expectancy from deaths (numerator) and population (denominator) by age: the observation age codes of the 20 abridged bands 0, 1–4, 5–9, …, 85–89, 90+ in this order, and the start age shown
   */
  lifeTable?: {
    /**
     * age codes, e.g. "0_0", "1_4", …, "90_120"
     *
     * @minItems 20
     * @maxItems 20
     */
    bands: string[];
    /**
     * start age whose life expectancy is shown (default 0)
     */
    at?: 0 | 1 | 5 | 10 | 15 | 20 | 25 | 30 | 35 | 40 | 45 | 50 | 55 | 60 | 65 | 70 | 75 | 80 | 85 | 90;
  };
  /**
   * units: a share of a few units (waterworks, schools), not a sample of persons; projection: a projected value (e.g. SSB's main alternative), not an observation — either way no confidence interval, no significance test, no trend test; shown as 'not tested' with the reason (default persons)
   */
  sampling?: 'persons' | 'units' | 'projection';
  /**
   * where `folkehelse fetch` downloads the indicator's table: FHI Statistikk open API (select.source fhi; select.table must be '<source>-<table>') or SSB PxWebApi v2 (ssb, kostra; select.table the table number)
   */
  api?: {
    /**
     * FHI Statistikk source id, e.g. nokkel (default nokkel; not used for SSB)
     */
    source?: string;
    /**
     * the table id: FHI table id (e.g. 507) or SSB table number (e.g. 07459)
     */
    table: string;
    /**
     * the table's title at FHI, to find it again when its id changes
     */
    title?: string;
    /**
     * dimension code → the category codes to ask for (e.g. KJONN: ["0"], ContentsCode: ["Personer1"]); dimensions not named: every category; the areas are set by fetch
     */
    dimensions?: {
      /**
       * @minItems 1
       */
      [k: string]: string[];
    };
    /**
     * only the newest N periods (default: all)
     */
    years?: number;
    /**
     * FHI publishes TELLER and a crude RATE but no denominator: derive NEVNER = TELLER × multiplier / RATE (proportions and crude rates only)
     */
    denominator?: 'derived';
    /**
     * SSB: a share computed at fetch time from one table's counts — the categories of `dimension` that are ages `from` and older (or the listed `codes`) over all its categories (or its `total`), in per cent; written as ContentsCode `code` with `label` (select.measure) and unit prosent. Needs exactly one ContentsCode in api.dimensions
     */
    share?: {
      dimension: string;
      from?: number;
      /**
       * @minItems 1
       */
      codes?: string[];
      total?: string;
      code: string;
      label: string;
    };
    /**
     * SSB projections: only the periods from this year + horizon[0] to this year + horizon[1] (e.g. [10, 20])
     *
     * @minItems 2
     * @maxItems 2
     */
    horizon?: [number, number];
  };
  /**
   * default chart in the document
   */
  chart?: 'line' | 'gradient-bars' | 'bars' | 'pyramid' | 'none';
}
/**
 * the same text in bokmål (nb) and nynorsk (nn)
 */
export interface Text {
  nb: string;
  nn: string;
}
/**
 * small-number suppression limits (see README: suppression)
 */
export interface SuppressionOverrides {
  /**
   * suppress when the numerator is at most this
   */
  numerator?: number;
  /**
   * suppress when denominator − numerator is at most this
   */
  complement?: number;
  /**
   * suppress when the denominator is at most this (Ungdata: minimum group size)
   */
  denominator?: number;
  /**
   * a point below this numerator rests on few cases (series rule)
   */
  fewCases?: number;
}
