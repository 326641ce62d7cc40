/** The statistical methods, one per module (formula and reference in each doc comment). */
export { normalQuantile, normalCdf, chiSquareQuantile, chiSquareUpper, gammaQuantile, zFor } from './quantiles.js';
export { studentTQuantile, betaRegularised } from './student-t.js';
export { wilson } from './wilson.js';
export { poissonRate, poissonLimits, type RateResult, type CountLimits } from './poisson.js';
export { dsr, type DsrBand, type DsrResult } from './dsr.js';
export { smr, meisInterval, type SmrBand, type SmrResult } from './smr.js';
export { mean, type MeanResult } from './mean.js';
export { lifeExpectancy, lifeExpectancyTable, LIFE_TABLE_AGES, type LifeTableBand, type LifeExpectancyRow, type LifeExpectancyOptions, type LifeExpectancyTable, type LifeExpectancySuppression } from './life-expectancy.js';
export { compare, type Polarity, type Verdict } from './compare.js';
export { recentTrend, chiSquareTrend, weightedSlope, olsSlope, nonOverlapping, TREND_THRESHOLD, type TrendPoint, type TrendResult, type TrendDirection, type TrendReason, type TrendOptions } from './trend.js';
export { socialGradient, type SocialGradient, type GradientGroup, type GradientGroupInput } from './gradient.js';
export { sii, type SiiResult } from './sii.js';
export { primarySuppression, applySecondarySuppression, seriesSuppressed, DEFAULT_LIMITS, type SuppressionLimits, type SuppressionCell, type Hierarchy, type SuppressionReason } from './suppression.js';
export { MethodInputError, confidenceLevel, type Interval, type LevelOptions } from './errors.js';
export { agreesWithPublished, decimalsOf, crudeValue } from './published.js';
