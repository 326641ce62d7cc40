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
  /** Confidence level, default 0.95. */
  level?: number;
  /** Scale of the result: 100 for percent, 100 000 per 100 000. Default 1. */
  multiplier?: number;
}

/** Null, undefined and NaN are "not available"; a method returns null values for them, never NaN. */
export function isMissing(x: number | null | undefined): x is null | undefined {
  return x === null || x === undefined || Number.isNaN(x);
}
