/** The statistical methods, one per module (formula and reference in each doc comment). */
export { normalQuantile, normalCdf, chiSquareQuantile, chiSquareUpper, gammaQuantile, zFor } from './quantiles.js';
export { wilson } from './wilson.js';
export { poissonRate, poissonLimits, type RateResult } from './poisson.js';
export { dsr, type DsrBand } from './dsr.js';
export { smr, meisInterval, type SmrBand, type SmrResult } from './smr.js';
export { compare, type Polarity, type Verdict } from './compare.js';
export { recentTrend, chiSquareTrend, weightedSlope, TREND_THRESHOLD, type TrendPoint, type TrendResult, type TrendDirection } from './trend.js';
export { socialGradient, type SocialGradient, type GradientGroup, type GradientGroupInput } from './gradient.js';
export { sii } from './sii.js';
export { primarySuppression, applySecondarySuppression, seriesSuppressed, DEFAULT_LIMITS, type SuppressionLimits, type SuppressionCell, type Hierarchy, type SuppressionReason } from './suppression.js';
export { MethodInputError, type Interval, type LevelOptions } from './errors.js';
