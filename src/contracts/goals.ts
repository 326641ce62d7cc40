// Generated from schemas/goals.schema.json by scripts/generate-contracts.mjs: do not edit by hand.
// After changing the schema: node scripts/generate-contracts.mjs (or UPDATE_GOLDEN=1 npx vitest run test/contracts).

/**
 * The municipality's public-health goals (Trøndelagsmodellen step 4): per goal an indicator, a baseline, a target, the measures and who is responsible. Referenced from the configuration as "goals".
 */
export interface GoalsFile {
  $schema?: string;
  goals: {
    /**
     * a short name of lower-case letters, digits and hyphens, e.g. ensomhet-unge
     */
    id: string;
    /**
     * the goal in words: a text, or { "nb": …, "nn": … }
     */
    title:
      | string
      | {
          nb: string;
          nn: string;
        };
    /**
     * the municipality the goal is for (default: every municipality built)
     */
    kommune?: string;
    /**
     * the id of an indicator in the catalogue, e.g. ensomhet
     */
    indicator: string;
    /**
     * level (the indicator's value) or equity (the gap between the best and the worst group of its social gradient)
     */
    type?: 'level' | 'equity';
    /**
     * the referansemåling: { "edition": 2027 } (the value that edition published) or { "period": "2022-2024" }
     */
    baseline:
      | {
          /**
           * an edition, e.g. 2027
           */
          edition: number;
        }
      | {
          /**
           * a year, years or a school year, e.g. 2024, 2022-2024 or 2023/24
           */
          period: string;
        };
    target: {
      /**
       * the target value in the indicator's unit (for an equity goal: the gap)
       */
      value: number;
      /**
       * the year the target should be reached
       */
      year: number;
    };
    /**
     * the measures (tiltak)
     */
    measures?: string[];
    /**
     * who is responsible
     */
    responsible?: string;
  }[];
}
