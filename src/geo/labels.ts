/**
 * Splits the region labels SSB and KOSTRA write: "5037 Levanger", "07 Vestfold (-2019)",
 * "5603 Hammerfest (2024->)", "K-5037", "F-50", "K.5037 Levanger", "EKG11 Kostragruppe 11",
 * "EAK Landet". Returns null for a label with no code (a bare name).
 */
export interface RegionLabel {
  code: string;
  /** 'K' or 'F' when the label says which level (SSB's merged series), else null. */
  levelHint: 'K' | 'F' | null;
  name: string | null;
  validFrom: number | null;
  validTo: number | null;
}

const LABEL = /^(?:([KF])[-.])?(\d{1,6}|EAKUO|EAK|EKA\d{2}|EKG\d{2})(?:\s+(.*?))?\s*$/;
const VALIDITY = /\s*\((\d{4})?\s*-\s*>?\s*(\d{4})?\)\s*$/;

export function parseRegionLabel(text: string): RegionLabel | null {
  const trimmed = text.trim();
  const m = LABEL.exec(trimmed);
  if (!m) return null;
  let name: string | null = m[3] ?? null;
  let validFrom: number | null = null;
  let validTo: number | null = null;
  if (name) {
    const v = VALIDITY.exec(name);
    if (v) {
      validFrom = v[1] ? Number(v[1]) : null;
      validTo = v[2] ? Number(v[2]) : null;
      name = name.slice(0, v.index).trim();
    }
    if (name === '') name = null;
  }
  return { code: m[2]!, levelHint: (m[1] as 'K' | 'F' | undefined) ?? null, name, validFrom, validTo };
}
