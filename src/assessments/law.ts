/**
 * The law as it stands on a document's date. Lov 20. juni 2025 nr. 69 om endringer i
 * folkehelseloven m.m. (Prop. 82 L, Innst. 332 L, Lovvedtak 81 (2024–2025)), in force 1 January
 * 2026 (FOR-2025-06-20-1141), adds to folkehelseloven § 5 annet ledd: «Den skal også inneholde en
 * vurdering av hvordan kommunen kan møte utfordringene, herunder planbehov.» A document dated on or
 * after that day must have that assessment (`planbehov`, and the themes' «Tiltak og planbehov»);
 * one dated before has it as an option. The dates are data (`requiredFrom` in
 * data/assessments/sections.json); this module says which date a document has.
 */

/** The day lov 20. juni 2025 nr. 69 came into force. */
export const AMENDMENT_2025 = '2026-01-01';

/**
 * The date the law is read at for a document (ISO): the configuration's `generatedOn` (the date the
 * document carries), else the 1st of January of its edition (the year of the planstrategi it
 * feeds), so a build without a date stays the same from day to day.
 */
export function documentDate(generatedOn: string | null | undefined, edition: number): string {
  return generatedOn ?? `${String(edition).padStart(4, '0')}-01-01`;
}

/** Whether the 2025 amendment applies to a document dated `date`. */
export function amendment2025InForce(date: string): boolean {
  return date >= AMENDMENT_2025;
}
