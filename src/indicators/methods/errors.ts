/** A statistical method was given inputs it cannot use (n = 0, x > n, too few groups …). */
export class MethodInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MethodInputError';
  }
}

export interface Interval {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

export interface LevelOptions {
  /** Confidence level, default 0.95 (0.9–1, or 90–100 as in PHEindicatormethods). */
  level?: number;
  /** Scale of the result: 100 for percent, 100 000 per 100 000. Default 1. */
  multiplier?: number;
}

/** Null, undefined and NaN are "not available"; a method returns null values for them, never NaN. */
export function isMissing(x: number | null | undefined): x is null | undefined {
  return x === null || x === undefined || Number.isNaN(x);
}

/**
 * The confidence level as a fraction. As in PHEindicatormethods, a level must be between 0.9 and 1
 * or between 90 and 100 (a percentage); anything else is an input error.
 */
export function confidenceLevel(level: number | undefined, method: string): number {
  if (level === undefined) return 0.95;
  if (typeof level !== 'number' || Number.isNaN(level) || level < 0.9 || (level > 1 && level < 90) || level > 100) {
    throw new MethodInputError(`${method}: the confidence level must be between 90 and 100 or between 0.9 and 1, got ${String(level)}`);
  }
  return level >= 90 ? level / 100 : level;
}
