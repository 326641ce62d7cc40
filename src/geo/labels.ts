/**
 * Splits the region labels SSB and KOSTRA write: "5037 Levanger", "07 Vestfold (-2019)",
 * "5603 Hammerfest (2024->)", "13 Bergen (t.o.m. 1971)", "K-5037", "F-50", "K.5037 Levanger",
 * "K-21-22 Svalbard og Jan Mayen", "K-Rest", "030101a Gamle Oslo", "EKG11 Kostragruppe 11",
 * "EAK Landet". Returns null for a label with no code (a bare name).
 */
export interface RegionLabel {
  /** As written, without the K-/F- prefix: "5037", "21-22", "Rest", "030100aa". */
  code: string;
  /** 'K' or 'F' when the label says which level (SSB's merged series), else null. */
  levelHint: 'K' | 'F' | null;
  name: string | null;
  validFrom: number | null;
  validTo: number | null;
}

// Bydel codes carry SSB's series letters (030101a, 030100aa); 21-22 and Rest are SSB's groups of
// areas outside the municipalities.
// IMDi's exports of SSB figures write the prefix without a separator: K3801, F01.
const LABEL = /^(?:([KF])[-._]?(?=\d))?(\d{6}[a-z]{1,2}|\d{2}-\d{2}|\d{1,6}|Rest|EAKUO|EAK|EKA\d{2}|EKG\d{2})(?:\s+(.*?))?\s*$/;
const LABEL_REST = /^(?:([KF])[-._])(Rest)(?:\s+(.*?))?\s*$/;
// "(1988-2003)", "(-2019)", "(2024->)", "(t.o.m. 1971)", "(f.o.m. 2020)", English "(until 1971)", "(from 2020)".
const VALIDITY = /\s*\((?:(\d{4})?\s*-\s*>?\s*(\d{4})?|t\.?\s*o\.?\s*m\.?\s*(\d{4})|f\.?\s*o\.?\s*m\.?\s*(\d{4})|(?:until|to)\s+(\d{4})|from\s+(\d{4}))\)\s*$/i;

/** A region code without SSB's level prefix: `K_5037`, `K-5037`, `K.5037` → `5037`; `F_50` → `50`. */
export function withoutLevelPrefix(code: string): string {
  return code.replace(/^[KFkf][-._]/, '');
}

export function parseRegionLabel(text: string): RegionLabel | null {
  const trimmed = text.trim();
  const m = LABEL.exec(trimmed) ?? LABEL_REST.exec(trimmed);
  if (!m) return null;
  let name: string | null = m[3] ?? null;
  let validFrom: number | null = null;
  let validTo: number | null = null;
  if (name) {
    const v = splitValidity(name);
    ({ validFrom, validTo } = v);
    name = v.name.replace(/\s+/g, ' ');
    if (name === '') name = null;
  }
  return { code: m[2]!, levelHint: (m[1] as 'K' | 'F' | undefined) ?? null, name, validFrom, validTo };
}

/**
 * A name with the period SSB (or IMDi) gives it: "Porsgrunn (2020-2023)", "Kragerø (1960-2019)",
 * "Bø (Telemark) (-2019)" (the first parenthesis is part of the name), "Sandefjord (f.o.m. 2017)".
 * `hasPeriod` is false for a plain name ("Våler (Østfold)" keeps its parenthesis).
 */
export function splitValidity(text: string): { name: string; validFrom: number | null; validTo: number | null; hasPeriod: boolean } {
  const v = VALIDITY.exec(text);
  if (!v) return { name: text.trim(), validFrom: null, validTo: null, hasPeriod: false };
  const from = v[1] ?? v[4] ?? v[6];
  const to = v[2] ?? v[3] ?? v[5];
  return { name: text.slice(0, v.index).trim(), validFrom: from ? Number(from) : null, validTo: to ? Number(to) : null, hasPeriod: true };
}
