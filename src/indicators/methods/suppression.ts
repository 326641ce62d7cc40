/**
 * Small-number suppression ("prikking"), following FHI's production rules.
 *
 * - Primary: a cell is suppressed when its numerator ≤ the limit, when the denominator minus the
 *   numerator ≤ the limit (everyone but a few), or when the denominator ≤ the denominator limit.
 * - Secondary: where a total and all its parts are published (both sexes and each sex; all
 *   respondents and each economy group), one suppressed member could be recovered by subtraction,
 *   so the smallest other member is suppressed too — repeated until no member can be derived.
 * - Series: a whole series is hidden when more than 50 % of its points rest on few cases or more
 *   than 20 % are suppressed.
 * A suppressed cell keeps none of its numbers: callers drop value, interval, numerator and
 * denominator, and show `:`.
 *
 * These are the building blocks. The engine decides a whole run at once in
 * `../disclosure.ts`: the strictest limits, the series rule for every municipality, and secondary
 * suppression over all families together (sexes, groups, county, land), checked by linear algebra
 * rather than family by family — overlapping families can leak where each one alone does not.
 */

export interface SuppressionLimits {
  /** Suppress when numerator ≤ this (default 3). */
  numerator: number;
  /** Suppress when denominator − numerator ≤ this (default 3). */
  complement: number;
  /** Suppress when denominator ≤ this (default 10). */
  denominator: number;
  /** A point "rests on few cases" below this numerator (default 10). */
  fewCases: number;
}

export const DEFAULT_LIMITS: SuppressionLimits = { numerator: 3, complement: 3, denominator: 10, fewCases: 10 };

export type SuppressionReason = 'source' | 'primary' | 'secondary' | 'series';

export interface SuppressionCell {
  id: string;
  numerator: number | null;
  denominator: number | null;
  /** Null while published; the reason once suppressed ('source' when the source already hid it). */
  suppressed: SuppressionReason | null;
}

/** A total and the parts it is the sum of (ids of cells). */
export interface Hierarchy {
  total: string;
  parts: string[];
}

/** Why a single cell must be suppressed on its own, or null. */
export function primarySuppression(numerator: number | null, denominator: number | null, limits: SuppressionLimits = DEFAULT_LIMITS): 'primary' | null {
  if (numerator !== null && numerator <= limits.numerator) return 'primary';
  if (numerator !== null && denominator !== null && denominator - numerator <= limits.complement) return 'primary';
  if (denominator !== null && denominator <= limits.denominator) return 'primary';
  return null;
}

/**
 * Applies secondary suppression in place over the hierarchies; returns the ids it suppressed.
 * Only complete hierarchies (total and every part present) can leak a value by subtraction.
 * Family by family only: for several overlapping families use the engine's run-wide decision
 * (`disclosure.ts`), which also catches what follows from two families together.
 */
export function applySecondarySuppression(cells: Map<string, SuppressionCell>, hierarchies: Hierarchy[]): string[] {
  const added: string[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const h of hierarchies) {
      const members = [h.total, ...h.parts].map((id) => cells.get(id));
      if (members.some((c) => c === undefined)) continue;
      const hidden = members.filter((c) => c!.suppressed !== null);
      if (hidden.length !== 1) continue;
      const candidates = h.parts.map((id) => cells.get(id)!).filter((c) => c.suppressed === null);
      const pool = candidates.length > 0 ? candidates : [cells.get(h.total)!];
      const smallest = pool.sort((a, b) => size(a) - size(b) || a.id.localeCompare(b.id))[0]!;
      smallest.suppressed = 'secondary';
      added.push(smallest.id);
      changed = true;
    }
  }
  return added;
}

function size(c: SuppressionCell): number {
  return c.numerator ?? c.denominator ?? Number.POSITIVE_INFINITY;
}

/** Whether a whole series must be hidden: > 50 % of points on few cases or > 20 % suppressed. */
export function seriesSuppressed(points: { numerator: number | null; suppressed: boolean }[], limits: SuppressionLimits = DEFAULT_LIMITS): boolean {
  if (points.length === 0) return false;
  const suppressed = points.filter((p) => p.suppressed).length;
  const few = points.filter((p) => !p.suppressed && p.numerator !== null && p.numerator < limits.fewCases).length;
  return suppressed / points.length > 0.2 || few / points.length > 0.5;
}
