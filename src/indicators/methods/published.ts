/**
 * Comparing a computed value with a value as FHI published it. FHI rounds at publication (to a
 * few significant digits in the statistics bank, to many decimals in producer cubes), so a value
 * agrees when it rounds to the published value at the published precision:
 *   |computed − published| ≤ ½·10^−d, d = the decimals the published value has
 * (ties count as agreeing, whichever way FHI breaks them).
 */

/** Decimals in the shortest decimal representation of a number (95.786 → 3, 100 → 0). */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const s = String(Math.abs(value));
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) return 0;
  const frac = m[2]?.length ?? 0;
  const exp = m[3] ? Number(m[3]) : 0;
  return Math.max(0, frac - exp);
}

/** Whether `computed` rounds to `published` at `decimals` (default: the published value's decimals). */
export function agreesWithPublished(computed: number, published: number, decimals = decimalsOf(published)): boolean {
  if (!Number.isFinite(computed) || !Number.isFinite(published)) return false;
  const half = 0.5 * 10 ** -decimals;
  // A relative slack of 1e-12 for binary representation of both numbers.
  return Math.abs(computed - published) <= half + 1e-12 * Math.max(1, Math.abs(published));
}

/** The crude value x / n × multiplier that FHI publishes as RATE for shares and crude rates. */
export function crudeValue(numerator: number, denominator: number, multiplier: number): number | null {
  if (!(denominator > 0) || !(numerator >= 0)) return null;
  return (numerator / denominator) * multiplier;
}
