import type { Period, PeriodKind } from '../model/observation.js';

/** SSB's parts of a year: `2021H1`, `2021K4` (also `Q`), `2021M10`, `2021U05` (also `W`). */
const PART = /^(\d{4})\s*(H|K|Q|M|U|W)\s*(\d{1,2})$/i;
const PART_KIND: Record<string, { kind: PeriodKind; max: number; letter: string; width: number }> = {
  H: { kind: 'half-year', max: 2, letter: 'H', width: 1 },
  K: { kind: 'quarter', max: 4, letter: 'K', width: 1 },
  Q: { kind: 'quarter', max: 4, letter: 'K', width: 1 },
  M: { kind: 'month', max: 12, letter: 'M', width: 2 },
  U: { kind: 'week', max: 53, letter: 'U', width: 2 },
  W: { kind: 'week', max: 53, letter: 'U', width: 2 },
};

/**
 * Reads the periods the sources write: `2023`, FHI's `2023_2023` and `2021_2023`, label exports'
 * `2017-2023`, school years `2020/2021` or `2020/21`, and SSB's parts of a year — `2021H1`,
 * `2021K4`, `2021M03`, `2021U05` — as periods of their own kind (never the year they fall in).
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
  m = PART.exec(label);
  if (m) {
    const k = PART_KIND[m[2]!.toUpperCase()]!;
    const part = Number(m[3]);
    if (part < 1 || part > k.max) return null;
    const year = Number(m[1]);
    return { from: year, to: year, kind: k.kind, part, label };
  }
  return null;
}

/** A period token at the end of an SSB wide column name: "Sysselsatte personer 2021", "Kilopris (kr) 2023U46". */
export function splitTrailingPeriod(header: string): { name: string; period: Period } | null {
  const m = new RegExp(String.raw`^(.*\S)\s+(${PERIOD_TOKEN_SOURCE})$`, 'i').exec(header.trim());
  if (!m) return null;
  const period = parsePeriod(m[2]!);
  return period ? { name: m[1]!, period } : null;
}

/** The text of one period token in a heading: a year, years, a school year or a part of a year. */
export const PERIOD_TOKEN_SOURCE = String.raw`\d{4}(?:[_-]\d{4}|\/\d{2,4}|[HKQ][1-4]|M(?:0?[1-9]|1[0-2])|[UW](?:0?[1-9]|[1-4]\d|5[0-3]))?`;

/**
 * The key of a period: years and pools `2021_2023`, school years `2020/2021`, parts of a year as
 * SSB writes them (`2021M10`, `2021K4`, `2021U05`, `2021H1`) — so a month is never its year.
 */
export function periodKey(p: Period): string {
  if (p.kind === 'school-year') return `${p.from}/${p.to}`;
  if (p.part !== undefined) {
    const k = PART_KIND[p.kind === 'half-year' ? 'H' : p.kind === 'quarter' ? 'K' : p.kind === 'month' ? 'M' : 'U']!;
    return `${p.from}${k.letter}${String(p.part).padStart(k.width, '0')}`;
  }
  return `${p.from}_${p.to}`;
}

/** Orders periods by their end, then start, then the part of the year. */
export function comparePeriodOrder(a: Period, b: Period): number {
  return a.to - b.to || a.from - b.from || partRank(a) - partRank(b);
}

/** Where in its year a part falls, in twelfths (weeks by their month): a year sorts after its parts. */
function partRank(p: Period): number {
  if (p.part === undefined) return 100;
  switch (p.kind) {
    case 'half-year':
      return p.part * 6;
    case 'quarter':
      return p.part * 3;
    case 'month':
      return p.part;
    default:
      return (p.part * 12) / 53;
  }
}

/**
 * Whether a text is a period written backwards (`2018_2014`, `2018-2014`, `2018/2014`): an error in
 * the data, never to be read as another period (nor replaced by a label that reads as one).
 */
export function isBackwardsPeriod(text: string): boolean {
  return backwardsPeriod(text) !== null;
}

/** A period written backwards and how to write it forwards (`2018_2014` → `2014_2018`), or null. */
export function backwardsPeriod(text: string): { from: number; to: number; forwards: string } | null {
  const m = /^(\d{4})\s*([_\-/])\s*(\d{4})$/.exec(text.trim());
  if (!m || Number(m[3]) >= Number(m[1])) return null;
  return { from: Number(m[1]), to: Number(m[3]), forwards: `${m[3]}${m[2]}${m[1]}` };
}
