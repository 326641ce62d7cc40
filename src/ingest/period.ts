import type { Period } from '../model/observation.js';

/**
 * Reads the periods the sources write: `2023`, FHI's `2023_2023` and `2021_2023`, label exports'
 * `2017-2023`, school years `2020/2021` or `2020/21`, SSB's `2021K4` and `2021M03` (→ that year).
 * Returns null when the text is not a period.
 */
export function parsePeriod(text: string): Period | null {
  const label = text.trim();
  let m = /^(\d{4})$/.exec(label);
  if (m) return { from: Number(m[1]), to: Number(m[1]), kind: 'year', label };
  m = /^(\d{4})\s*[_-]\s*(\d{4})$/.exec(label);
  if (m) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (to < from) return null;
    return { from, to, kind: from === to ? 'year' : 'pool', label };
  }
  m = /^(?:skoleåret?\s*)?(\d{4})\/(\d{2}|\d{4})$/i.exec(label);
  if (m) {
    const from = Number(m[1]);
    const to = m[2]!.length === 2 ? Math.floor(from / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (to !== from + 1) return null;
    return { from, to, kind: 'school-year', label };
  }
  m = /^(\d{4})(?:K[1-4]|M(?:0[1-9]|1[0-2])|H[12])$/.exec(label);
  if (m) return { from: Number(m[1]), to: Number(m[1]), kind: 'year', label };
  return null;
}

/** A period token at the end of an SSB wide column name: "Sysselsatte personer 2021". */
export function splitTrailingPeriod(header: string): { name: string; period: Period } | null {
  const m = /^(.*\S)\s+(\d{4}(?:[_-]\d{4}|\/\d{2,4}|K[1-4]|M(?:0[1-9]|1[0-2])|H[12])?)$/.exec(header.trim());
  if (!m) return null;
  const period = parsePeriod(m[2]!);
  return period ? { name: m[1]!, period } : null;
}

export function periodKey(p: Period): string {
  return p.kind === 'school-year' ? `${p.from}/${p.to}` : `${p.from}_${p.to}`;
}

/**
 * Whether a text is a period written backwards (`2018_2014`, `2018-2014`, `2018/2014`): an error in
 * the data, never to be read as another period (nor replaced by a label that reads as one).
 */
export function isBackwardsPeriod(text: string): boolean {
  const m = /^(\d{4})\s*[_\-/]\s*(\d{4})$/.exec(text.trim());
  return m !== null && Number(m[2]) < Number(m[1]);
}
