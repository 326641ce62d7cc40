import { categoryCodes, type Cell, type Dataset } from '../../jsonstat/dataset.js';
import { decode, encode, SEP } from '../../jsonstat/cells.js';

export interface DerivedDenominator {
  measure: string;
  from: [string, string];
  multiplier: number;
  cells: number;
}

/**
 * Adds a derived denominator NEVNER = TELLER × multiplier / RATE to an FHI dataset that publishes a
 * count and a crude rate or share but no denominator. Only for crude measures (RATE): a standardised
 * measure (MEIS, SMR) has no such relation. The result is rounded to whole persons; a cell without
 * both numbers, or with RATE 0, gets the flag "." (cannot be computed). Returns null when the
 * dataset has no TELLER and RATE, or already a denominator.
 */
export function deriveDenominator(ds: Dataset, multiplier: number, measureDim = 'MEASURE_TYPE'): { dataset: Dataset; derived: DerivedDenominator } | null {
  if (!ds.id.includes(measureDim)) return null;
  const measures = categoryCodes(ds.dimension[measureDim]!);
  if (!measures.includes('TELLER') || !measures.includes('RATE') || measures.some((m) => m === 'NEVNER' || m === 'sumNEVNER')) return null;
  const dec = decode(ds);
  const m = ds.id.indexOf(measureDim);
  dec.codes.set(measureDim, [...measures, 'NEVNER']);
  let count = 0;
  const added: [string, { value: Cell; status: string | null }][] = [];
  for (const [key, cell] of dec.cells) {
    const parts = key.split(SEP);
    if (parts[m] !== 'RATE') continue;
    const tParts = parts.slice();
    tParts[m] = 'TELLER';
    const teller = dec.cells.get(tParts.join(SEP))?.value;
    const rate = cell.value;
    parts[m] = 'NEVNER';
    if (typeof teller === 'number' && typeof rate === 'number' && rate > 0) {
      added.push([parts.join(SEP), { value: Math.round((teller * multiplier) / rate), status: null }]);
      count++;
    } else {
      const flagInline = ds.status === '' || typeof ds.status === 'string' || ds.status == null;
      added.push([parts.join(SEP), flagInline ? { value: '.', status: null } : { value: null, status: '.' }]);
    }
  }
  for (const [k, v] of added) dec.cells.set(k, v);
  const dim = structuredClone(ds.dimension[measureDim]!);
  dim.category.label = { ...(dim.category.label ?? {}), NEVNER: `Nevner (avledet: TELLER × ${multiplier} / RATE)` };
  dec.base = { ...ds, dimension: { ...ds.dimension, [measureDim]: dim } };
  return { dataset: encode(dec), derived: { measure: 'NEVNER', from: ['TELLER', 'RATE'], multiplier, cells: count } };
}
