import { LAND } from '../model/observation.js';
/**
 * Secondary suppression across additive families of one period: total = men + women, total = Σ
 * gradient groups, county = Σ municipalities, land = Σ counties (README "Small numbers", rule 3).
 */
import type { GeoRegister } from '../geo/register.js';
import { withhold } from './area-value.js';
import type { Indicator } from './catalogue.js';
import { cellOf, isSuppressed, knownCount, setCell, slotsOf, type AreaCells, type Slot } from './disclosure-cells.js';
import { firstDetermined } from './methods/determined-cells.js';

/** A total and the parts it is the sum of, as [area, slot] pairs. */
export interface Family {
  total: [string, Slot];
  parts: [string, Slot][];
}

/**
 * The additive families: within each area, total = men + women and total = Σ gradient groups;
 * across areas, for the total, each sex and each group, county = Σ its current municipalities and
 * land = Σ counties.
 */
export function familiesOf(cells: Map<string, AreaCells>, ind: Indicator, register: GeoRegister, options: { incomplete?: boolean } = {}): Family[] {
  // `incomplete`: also families with members missing from the data (across editions they cancel out).
  const complete = (members: string[]) => options.incomplete || members.every((m) => cells.has(m));
  const out: Family[] = [];
  const groups = ind.gradient?.groups.map((g) => `g:${g.value}`) ?? [];
  for (const code of cells.keys()) {
    out.push({ total: [code, 'total'], parts: [[code, 'male'], [code, 'female']] });
    if (groups.length) out.push({ total: [code, 'total'], parts: groups.map((g) => [code, g]) });
  }
  const slots = slotsOf(ind);
  const fylker = register.data.fylker.map((f) => f.code);
  for (const f of fylker) {
    if (!cells.has(f)) continue;
    const members = register.kommunerIn(f).map((k) => k.code);
    if (members.length === 0 || !complete(members)) continue;
    for (const s of slots) out.push({ total: [f, s], parts: members.map((m) => [m, s]) });
  }
  if (cells.has(LAND) && fylker.length > 0 && complete(fylker)) for (const s of slots) out.push({ total: [LAND, s], parts: fylker.map((f) => [f, s]) });
  return out;
}

/**
 * Makes sure no hidden count of one period can be determined: over every family whose members are
 * all in the data, the counts of published cells are known and the others unknown; a hidden cell
 * whose numerator or denominator is fixed by the equations gets company (the smallest published
 * part of a family it is in), until no hidden count is fixed.
 */
export function secondary(cells: Map<string, AreaCells>, allFamilies: Family[], ind: Indicator, pk: string): void {
  const id = (code: string, slot: Slot) => `${code}\u0000${slot}`;
  const split = (cid: string) => cid.split('\u0000') as [string, Slot];
  // Nothing hidden in this period: nothing to protect.
  let anyHidden = false;
  for (const a of cells.values()) {
    if (isSuppressed(a.total.get(pk)) || isSuppressed(a.male.get(pk)) || isSuppressed(a.female.get(pk)) || [...a.groups.values()].some((g) => isSuppressed(g.get(pk)))) {
      anyHidden = true;
      break;
    }
  }
  if (!anyHidden) return;
  const families = allFamilies.filter((f) => [f.total, ...f.parts].every(([c, s]) => cellOf(cells, c, s, pk) !== undefined));
  if (families.length === 0) return;
  const members = (f: Family) => [f.total, ...f.parts];
  const equations = families.map((f) => ({ total: id(...f.total), parts: f.parts.map((p) => id(...p)) }));
  for (;;) {
    if (!families.some((f) => members(f).some(([c, s]) => isSuppressed(cellOf(cells, c, s, pk))))) return;
    let determined: string | null = null;
    for (const which of ['numerator', 'denominator'] as const) {
      const known = (cid: string): boolean => {
        const v = cellOf(cells, ...split(cid), pk)!;
        if (v.absent) return false;
        return which === 'numerator' ? knownCount(v, ind) !== null : v.denominator !== null;
      };
      determined = firstDetermined(equations, known, (cid) => isSuppressed(cellOf(cells, ...split(cid), pk)));
      if (determined) break;
    }
    if (!determined) return;
    // Hide the smallest published part of a family the determined cell is in (the total only when
    // no part is left), in the family with the fewest unknowns first.
    const [dc, ds] = split(determined);
    const unknowns = (f: Family) => members(f).filter(([c, s]) => cellOf(cells, c, s, pk)!.absent).length;
    const containing = families.filter((f) => members(f).some(([c, s]) => c === dc && s === ds)).sort((a, b) => unknowns(a) - unknowns(b));
    let chosen: [string, Slot] | null = null;
    for (const f of containing) {
      const open = (list: [string, Slot][]) => list.filter(([c, s]) => !cellOf(cells, c, s, pk)!.absent);
      const pool = open(f.parts).length ? open(f.parts) : open([f.total]);
      if (pool.length === 0) continue;
      const size = ([c, s]: [string, Slot]) => {
        const v = cellOf(cells, c, s, pk)!;
        return knownCount(v, ind) ?? v.denominator ?? Number.POSITIVE_INFINITY;
      };
      chosen = pool.sort((a, b) => size(a) - size(b) || id(...a).localeCompare(id(...b)))[0]!;
      break;
    }
    if (!chosen) return; // cannot happen: a fixed cell has a published member in one of its families
    setCell(cells, chosen[0], chosen[1], pk, withhold(cellOf(cells, ...chosen, pk)!, 'secondary-suppression'));
  }
}
