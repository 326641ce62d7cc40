import type { AgeGroup, MeasureType, MissingValue, Sex, SourceId, Standardisation } from '../model/observation.js';
import { parseNumber } from './numbers.js';
import { looksLikeSymbol, missingFromSymbol } from './symbols.js';

export type ValueCell =
  | { kind: 'number'; value: number; provisional: boolean }
  | { kind: 'missing'; missing: MissingValue }
  | { kind: 'empty' }
  | { kind: 'unknown-symbol'; raw: string }
  | { kind: 'text'; raw: string };

/** Reads a value cell: a number (decimal comma or point), a known symbol, or what it is not. */
const EMPTY: ValueCell = Object.freeze({ kind: 'empty' }) as ValueCell;

export function readValueCell(raw: string, source: SourceId): ValueCell {
  if (raw === '') return EMPTY;
  const cell = raw.trim();
  if (cell === '') return EMPTY;
  const n = parseNumber(cell);
  if (!Number.isNaN(n)) return { kind: 'number', value: n, provisional: false };
  const missing = missingFromSymbol(cell, source);
  if (missing) return { kind: 'missing', missing };
  if (cell.endsWith('*')) {
    const p = parseNumber(cell.slice(0, -1));
    if (!Number.isNaN(p)) return { kind: 'number', value: p, provisional: true };
  }
  if (looksLikeSymbol(cell)) return { kind: 'unknown-symbol', raw: cell };
  return { kind: 'text', raw: cell };
}

/** The value a row schema sees for a numeric cell: number, null for a symbol, the text otherwise. */
export function schemaValue(cell: ValueCell): number | string | null | undefined {
  switch (cell.kind) {
    case 'number':
      return cell.value;
    case 'missing':
      return null;
    case 'empty':
      return undefined;
    case 'unknown-symbol':
      return null; // reported on its own as unknown-symbol
    case 'text':
      return cell.raw;
  }
}

const SEX_CODES: Record<string, Sex> = { '0': 'total', '1': 'male', '2': 'female' };
const SEX_LABELS: Record<string, Sex> = {
  'kjønn samlet': 'total',
  'begge kjønn': 'total',
  'kjønn i alt': 'total',
  'begge kjønn i alt': 'total',
  alle: 'total',
  total: 'total',
  samlet: 'total',
  menn: 'male',
  mann: 'male',
  gutter: 'male',
  gutt: 'male',
  male: 'male',
  kvinner: 'female',
  kvinne: 'female',
  jenter: 'female',
  jente: 'female',
  female: 'female',
  // SSB's English downloads.
  'both sexes': 'total',
  'sexes, total': 'total',
  'all sexes': 'total',
  males: 'male',
  men: 'male',
  boys: 'male',
  females: 'female',
  women: 'female',
  girls: 'female',
};

export function sexFromCode(code: string): Sex | null {
  return SEX_CODES[code.trim()] ?? null;
}

export function sexFromLabel(label: string): Sex | null {
  const l = label.trim().toLowerCase();
  return SEX_LABELS[l] ?? SEX_CODES[l] ?? null;
}

/** FHI's age codes: "0_120", "17_17". */
export function ageFromCode(code: string, label?: string): AgeGroup {
  const m = /^(\d{1,3})_(\d{1,3})$/.exec(code.trim());
  if (m) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    return { code: `${from}_${to}`, label: label ?? (from === to ? `${from} år` : `${from}-${to} år`), from, to };
  }
  return { code: code.trim(), label: label ?? code.trim(), from: null, to: null };
}

const YEARS = String.raw`(?:\s*(?:år|years?|yrs?))?`;
const AGE_RANGE = new RegExp(String.raw`^(\d{1,3})\s*[-–]\s*(\d{1,3})${YEARS}$`, 'i');
const AGE_SINGLE = new RegExp(String.raw`^(\d{1,3})${YEARS}$`, 'i');
const AGE_OPEN = new RegExp(String.raw`^(\d{1,3})${YEARS}\s*(\+|eller eldre|og over|og eldre|or older|and older|and over|or more|\+ years)$`, 'i');

/**
 * Age labels, Norwegian and English: "0-74 år", "30 år", "80 år +", "80 år eller eldre", "ved fødsel",
 * SSB's "000", "0 years", "1 year", "105 years or older", "All ages". A reversed band ("120-65") is
 * not an age group: it is returned with from > to for the reader to refuse.
 */
export function ageFromLabel(label: string): AgeGroup {
  const l = label.trim();
  let m = AGE_RANGE.exec(l);
  if (m) return { code: `${Number(m[1])}_${Number(m[2])}`, label: l, from: Number(m[1]), to: Number(m[2]) };
  m = AGE_SINGLE.exec(l);
  if (m) return { code: `${Number(m[1])}_${Number(m[1])}`, label: l, from: Number(m[1]), to: Number(m[1]) };
  m = AGE_OPEN.exec(l) ?? /^(\d{1,3})\s*\+\s*(?:år|years?)?$/i.exec(l);
  if (m) return { code: `${Number(m[1])}_120`, label: l, from: Number(m[1]), to: 120 };
  m = /^(?:under|younger than|less than)\s+(\d{1,3})(?:\s*(?:år|years?))?$/i.exec(l);
  if (m && Number(m[1]) > 0) return { code: `0_${Number(m[1]) - 1}`, label: l, from: 0, to: Number(m[1]) - 1 };
  if (/^(ved fødsel|at birth)$/i.test(l)) return { code: '0_0', label: l, from: 0, to: 0 };
  if (/^(alle aldre|alder i alt|i alt|alle|all ages|age,? total|total|ages, total)$/i.test(l)) return { code: 'alle', label: l, from: null, to: null };
  return { code: l.toLowerCase().replace(/\s+/g, '-'), label: l, from: null, to: null };
}

/** True for an age label a reader understood (a band, a single age, an open band, all ages). */
export function isKnownAge(a: AgeGroup): boolean {
  return a.from !== null || a.code === 'alle';
}

/** True for a reversed age band such as FHI's "120_65" or "80-67 år": an error, not a group. */
export function isReversedAge(a: AgeGroup): boolean {
  return a.from !== null && a.to !== null && a.from > a.to;
}

export interface MeasureInfo {
  measureType: MeasureType;
  unit: string | null;
  multiplier: number | null;
  standardisation: Standardisation;
}

/** What FHI's measure labels ("Måltall") and SSB's variable names say about the number. */
export function measureFromLabel(label: string): MeasureInfo {
  const l = label.toLowerCase();
  const standardisation: Standardisation = /standardisert|justert/.test(l) ? (/indirekte|meis|smr/.test(l) ? 'indirect' : 'unspecified') : 'none';
  let m = /per\s*(1[  .]?000[  .]?000|100[  .]?000|10[  .]?000|1[  .]?000|100)\b/.exec(l);
  if (m) {
    const multiplier = Number(m[1]!.replace(/[  .]/g, ''));
    return { measureType: 'rate', unit: `per ${m[1]!.replace(/[  .]/g, ' ').trim()}`, multiplier, standardisation };
  }
  m = /per\s*(1[  ,.]?000[  ,.]?000|100[  ,.]?000|10[  ,.]?000|1[  ,.]?000|100)\s*(inhabitants|population|persons|residents|capita)?\b/.exec(l);
  if (m && /\b(inhabitants|population|persons|residents|capita)\b/.test(l)) {
    const multiplier = Number(m[1]!.replace(/[  ,.]/g, ''));
    return { measureType: 'rate', unit: `per ${multiplier.toLocaleString('nb-NO').replace(/\s/g, ' ')}`, multiplier, standardisation };
  }
  if (/andel|prosent|\(%\)|\bpct\b|per cent|percent|percentage|\bshare\b|proportion/.test(l)) return { measureType: 'proportion', unit: 'prosent', multiplier: 100, standardisation };
  if (/leveår|forventet levealder|life expectancy/.test(l)) return { measureType: 'years', unit: 'år', multiplier: null, standardisation };
  if (/\bsmr\b/.test(l)) return { measureType: 'smr', unit: null, multiplier: 100, standardisation: 'indirect' };
  if (/\bmeis\b/.test(l)) return { measureType: 'meis', unit: null, multiplier: null, standardisation: 'indirect' };
  if (/gjennomsnitt|snitt|median|average|\bmean\b/.test(l)) return { measureType: 'mean', unit: null, multiplier: null, standardisation };
  if (/forhold|ratio|p90\/p10/.test(l)) return { measureType: 'ratio', unit: null, multiplier: null, standardisation };
  if (/^antall|antall\b|personer|innbyggere|sysselsatte|besøk|folkemengde|^number\b|\bpersons\b|\bpopulation\b|\binhabitants\b|\bemployed\b|\bpeople\b/.test(l)) {
    return { measureType: 'count', unit: /personer|innbyggere|sysselsatte|folkemengde|persons|population|inhabitants|employed|people/.test(l) ? 'personer' : 'antall', multiplier: null, standardisation: 'none' };
  }
  return { measureType: 'value', unit: null, multiplier: null, standardisation };
}

/** Stable text for the dimensions part of a row key. */
export function dimensionsKey(dims: Record<string, string>): string {
  const keys = Object.keys(dims);
  if (keys.length === 0) return '';
  keys.sort();
  let s = '';
  for (const k of keys) s += `${k}=${dims[k]}|`;
  return s;
}
