// Generated from schemas/config.schema.json by scripts/generate-contracts.mjs: do not edit by hand.
// After changing the schema: node scripts/generate-contracts.mjs (or UPDATE_GOLDEN=1 npx vitest run test/contracts).

/**
 * What `folkehelse build` makes. Paths are relative to this file.
 */
export interface ConfigFile {
  $schema?: string;
  /**
   * the municipalities to build a document for
   *
   * @minItems 1
   */
  kommuner: (
    | string
    | {
        /**
         * a municipality number
         */
        code: string;
        /**
         * the municipality's KOSTRA group, e.g. EKG11
         */
        kostragruppe?: string;
        /**
         * municipalities to show side by side
         */
        neighbours?: string[];
        /**
         * an SVG or PNG file of the coat of arms
         */
        coatOfArms?: string;
      }
  )[];
  /**
   * with two or more municipalities, a report that puts them side by side
   */
  region?: {
    /**
     * the region's name, e.g. Innherred
     */
    name: string;
  };
  /**
   * folders or files with the exports
   *
   * @minItems 1
   */
  data: string[];
  /**
   * the edition, e.g. 2027 (the year the planstrategi is made)
   */
  edition?: number;
  /**
   * bokmål or nynorsk
   */
  lang?: 'nb' | 'nn';
  /**
   * @minItems 1
   */
  formats?: ('md' | 'html' | 'pdf' | 'docx' | 'kortversjon')[];
  /**
   * the output folder (default: ./out where folkehelse runs)
   */
  out?: string;
  comparisons?: {
    /**
     * KOSTRA group for every municipality without its own
     */
    kostragruppe?: string;
  };
  /**
   * folder of human-written assessments: <kommune>/<theme letter>.md, <kommune>/<indicator id>.md, <kommune>/innledning.md, utfordringer.md, ressurser.md, planbehov.md
   */
  assessments?: string;
  /**
   * your own catalogue files
   */
  catalogue?: string[];
  suppression?: {
    numerator?: number;
    complement?: number;
    denominator?: number;
    fewCases?: number;
  };
  /**
   * a folder of template files that replace the shipped ones of the same name
   */
  templates?: string;
  /**
   * folders or files outside this file's folder that the coat of arms, assessments, templates and catalogue paths may point into (by default every such path, also through a symbolic link, must stay inside the configuration's folder)
   */
  allowPaths?: string[];
  /**
   * addresses of the APIs `folkehelse fetch` uses (FOLKEHELSE_SSB_API and FOLKEHELSE_FHI_API override them)
   */
  apis?: {
    /**
     * an http(s) address, default https://data.ssb.no/api/pxwebapi/v2
     */
    ssb?: string;
    /**
     * an http(s) address, default https://statistikk-data.fhi.no/api/open/v1
     */
    fhi?: string;
    /**
     * an http(s) address, default https://data.ssb.no/api/klass/v1 (KOSTRA groups)
     */
    klass?: string;
    /**
     * the largest answer `folkehelse fetch` accepts from an API, after decompression, e.g. "200MB" (the default) or "1GB"; --max-answer-size overrides it
     */
    maxAnswerSize?: string;
  };
  /**
   * the date printed on the front page (YYYY-MM-DD); without it no date is printed, so the output stays the same for the same input
   */
  generatedOn?: string;
  /**
   * a goals file (schemas/goals.schema.json): per goal the indicator, baseline, target, measures and who is responsible
   */
  goals?: string;
}
