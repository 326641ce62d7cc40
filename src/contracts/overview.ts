// Generated from schemas/overview.schema.json by scripts/generate-contracts.mjs: do not edit by hand.
// After changing the schema: node scripts/generate-contracts.mjs (or UPDATE_GOLDEN=1 npx vitest run test/contracts).

export type Slug = string;

/**
 * data/overview/utfordringsbilde.json: challenge groups and the per-indicator data the ranked utfordringsbilde, resources, inequality chapter and wording use.
 */
export interface Priorities {
  $schema?: string;
  description?: string;
  groups: {
    id: Slug;
    title: Text;
    /**
     * @minItems 1
     */
    indicators: Slug[];
  }[];
  indicators: {
    [k: string]: {
      /**
       * how serious the health consequences are: 1 low, 3 high (default 2)
       */
      severity?: number;
      /**
       * how much the municipality can influence it: 1 little, 3 much (default 2)
       */
      influence?: number;
      /**
       * whether being significantly better than land makes it a resource (default false)
       */
      asset?: boolean;
      /**
       * who the indicator describes; youth gives gutter/jenter (default from the age)
       */
      population?: 'youth' | 'adult';
      rate?: {
        numerator: Text;
        denominator: Text;
      };
      /**
       * lower-case word stems that identify the indicator in a text
       */
      keywords?: string[];
    };
  };
  /**
   * low-income and inequality indicators shown in the inequality chapter
   */
  inequality?: Slug[];
}
export interface Text {
  nb: string;
  nn: string;
}
