/**
 * The string formats the schemas use, checked here rather than with ajv-formats. Each check is a
 * self-contained function (no imports, no closures): the build copies its source into the
 * compiled validators (dist/validators/formats.cjs).
 */

/** YYYY-MM-DD naming a day that exists (2026-02-30 is refused): RFC 3339 full-date. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Format name → check, for strings. */
export const FORMATS: Readonly<Record<string, (text: string) => boolean>> = { date: isIsoDate };
