import { msg, type Message } from '../base/messages.js';
import type { Observation } from '../model/observation.js';
import { measureFromLabel } from './cells.js';

/** What is wrong with a number for its measure: an error keeps it out; a warning keeps it as published. */
export interface Implausible {
  code: 'impossible-value' | 'share-above-100';
  note: Message;
}

/**
 * A published share a little over 100 % is real (KOSTRA's coverage counts children from other
 * municipalities: 104.4 % in barnehage); beyond this it is a share that cannot be.
 */
export const SHARE_WARNING_LIMIT = 150;
/** Life expectancy, remaining years or at birth: nobody lives this long. */
const MAX_YEARS = 125;

/** Shares of a whole, by their label: bounded by 100 %. A bare "Prosent" may be a ratio (settled per requested: 220 %). */
const SHARE_WORDS = /andel|dekningsgrad|dekning|\bshare\b|proportion|prosent av|per cent of|percentage of/i;
const CHANGE_WORDS = /endring|vekst|tilvekst|change|growth|differanse|avvik/i;

/**
 * Checks one published number against what its measure allows: a share in percent (a negative
 * one, one far beyond 100 %), a rate per 10 000 or 100 000 above its base (more cases than
 * people), a rate per 100 or 1000 more than ten times its base, a life expectancy beyond 125
 * years. Returns null for a plausible number.
 */
export function plausibility(o: Pick<Observation, 'source' | 'measure' | 'measureType' | 'multiplier' | 'unit' | 'value'>): Implausible | null {
  const v = o.value;
  if (v === null || !Number.isFinite(v)) return null;
  const bound = boundOf(o);
  if (bound.kind === 'share') {
    if (v < 0) return { code: 'impossible-value', note: msg('issue.note.negativeShare', { value: v, measure: o.measure }) };
    if (!bound.share || v <= 100) return null;
    if (v <= SHARE_WARNING_LIMIT) return { code: 'share-above-100', note: msg('issue.note.shareLittleOver100', { value: v, measure: o.measure }) };
    return { code: 'impossible-value', note: msg('issue.note.shareFarOver100', { value: v, measure: o.measure }) };
  }
  if (bound.kind === 'rate') {
    const multiplier = bound.multiplier;
    if (v < 0) return { code: 'impossible-value', note: msg('issue.note.negativeRate', { value: v, measure: o.measure }) };
    // The base is spelled out only for a number reported (toLocaleString costs more than the check).
    if (multiplier >= 10_000 && v > multiplier) return { code: 'impossible-value', note: msg('issue.note.rateAboveBase', { value: v, measure: o.measure, base: rateBase(multiplier) }) };
    if (multiplier < 10_000 && v > multiplier * 10) return { code: 'impossible-value', note: msg('issue.note.rateTenTimesBase', { value: v, measure: o.measure, base: rateBase(multiplier) }) };
    return null;
  }
  if (bound.kind === 'years' && (v < 0 || v > MAX_YEARS)) return { code: 'impossible-value', note: msg('issue.note.yearsOutOfRange', { value: v, measure: o.measure, max: MAX_YEARS }) };
  return null;
}

/** "per 100 000" as the notes write it: 100 000. */
function rateBase(multiplier: number): string {
  return multiplier.toLocaleString('en').replace(/,/g, ' ');
}

/** What bounds a measure's numbers, decided from its label once per measure (not per number). */
type Bound = { kind: 'share'; share: boolean } | { kind: 'rate'; multiplier: number } | { kind: 'years' } | { kind: 'none' };

type Measured = Pick<Observation, 'source' | 'measure' | 'measureType' | 'multiplier' | 'unit'>;
/**
 * The bounds decided, by measure label: each with the rest of what decided it. Looked up without
 * a key spelled out (this runs for every number read); a row's measures alternate (RATE, MEIS …).
 */
const bounds = new Map<string, { o: Measured; bound: Bound }[]>();

function boundOf(o: Measured): Bound {
  let known = bounds.get(o.measure);
  if (known) {
    for (const k of known) if (k.o.source === o.source && k.o.measureType === o.measureType && k.o.multiplier === o.multiplier && k.o.unit === o.unit) return k.bound;
  } else {
    // A run reads a few hundred measures; a hostile file with ever new labels must not grow this without end.
    if (bounds.size >= 10_000) bounds.clear();
    bounds.set(o.measure, (known = []));
  }
  const bound = classify(o);
  known.push({ o: { source: o.source, measure: o.measure, measureType: o.measureType, multiplier: o.multiplier, unit: o.unit }, bound });
  return bound;
}

function classify(o: Measured): Bound {
  const label = `${o.measure} ${o.unit ?? ''}`;
  // FHI's codes (RATE, MEIS) say little; their labels ("andel (prosent)", "per 100 000") say it.
  const byLabel = o.multiplier === null && o.unit ? measureFromLabel(o.unit) : null;
  const type = byLabel && byLabel.measureType !== 'value' ? byLabel.measureType : o.measureType;
  const multiplier = o.multiplier ?? byLabel?.multiplier ?? null;
  if (CHANGE_WORDS.test(label)) return { kind: 'none' };
  if (type === 'proportion' && multiplier === 100) {
    // FHI's codes (RATE, MEIS) carry shares and rates per 1000 or 100 000 under one label per
    // table, so a code's label does not bound it; a label download's column ("Andel …") does.
    const fhiCode = o.source === 'fhi' && /^[A-Z_]+$/.test(o.measure);
    return { kind: 'share', share: !fhiCode && (o.source === 'ungdata' || o.source === 'fhi' || SHARE_WORDS.test(label)) };
  }
  if ((type === 'rate' || type === 'meis') && multiplier !== null && multiplier >= 100) return { kind: 'rate', multiplier };
  if (type === 'years') return { kind: 'years' };
  return { kind: 'none' };
}
