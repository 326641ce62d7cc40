import { describe, expectTypeOf, it } from 'vitest';
import type { OutputFormat } from '../../src/config/config.js';
import type { CatalogueIndicator, SuppressionOverrides } from '../../src/contracts/catalogue.js';
import type { ConfigFile } from '../../src/contracts/config.js';
import type { Observation as ObservationContract } from '../../src/contracts/observation.js';
import type { ResultsIndicator, ResultsValue, ResultsVerdict } from '../../src/contracts/results.js';
import type { IndicatorMeasureType, Theme } from '../../src/indicators/catalogue.js';
import type { Polarity, Verdict } from '../../src/indicators/methods/compare.js';
import type { SuppressionLimits } from '../../src/indicators/methods/suppression.js';
import type { TrendDirection } from '../../src/indicators/methods/trend.js';
import type { ResultStatus, ValueMethod } from '../../src/indicators/result.js';
import type { Observation } from '../../src/model/observation.js';
import type { DocumentLang as Lang } from '../../src/language/tags.js';

/**
 * The vocabularies the code declares itself and the schemas' lists must be the same (checked by
 * `npm run typecheck`): a method the engine can give that results.schema.json does not allow
 * makes a results file that cannot be read back (as 'chiang' once did).
 */
describe('the code and the schemas use the same words', () => {
  it('results: what the engine computes, the results file can hold', () => {
    expectTypeOf<ValueMethod | null>().toEqualTypeOf<ResultsValue['method']>();
    expectTypeOf<IndicatorMeasureType>().toEqualTypeOf<ResultsIndicator['measureType']>();
    expectTypeOf<Theme>().toEqualTypeOf<ResultsIndicator['theme']>();
    expectTypeOf<Polarity>().toEqualTypeOf<ResultsIndicator['polarity']>();
    expectTypeOf<Verdict>().toEqualTypeOf<ResultsVerdict>();
    expectTypeOf<ResultStatus>().toEqualTypeOf<ResultsIndicator['status']>();
    expectTypeOf<TrendDirection>().toEqualTypeOf<ResultsIndicator['trend']['direction']>();
  });
  it('catalogue: polarity and suppression limits', () => {
    expectTypeOf<Polarity>().toEqualTypeOf<CatalogueIndicator['polarity']>();
    expectTypeOf<Partial<SuppressionLimits>>().toEqualTypeOf<SuppressionOverrides>();
  });
  it('configuration: formats and languages', () => {
    expectTypeOf<OutputFormat[] | undefined>().toEqualTypeOf<ConfigFile['formats']>();
    expectTypeOf<Lang | undefined>().toEqualTypeOf<ConfigFile['lang']>();
  });
  it('observation: the model is the schema', () => {
    expectTypeOf<Observation>().toEqualTypeOf<ObservationContract>();
  });
});
