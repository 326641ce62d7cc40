/**
 * Disclosure control across editions. An attacker holds every edition's results files, documents,
 * diffs and annual updates, so this edition's decision takes the earlier editions' publications as
 * constraints (README "Suppression", rule 5):
 *
 * - A number withheld in an earlier edition stays withheld for that period, for as long as the
 *   data has the period: whether a withheld number was revised cannot be told (no results file
 *   keeps it, and none may), so it is taken as unchanged.
 * - A number an earlier edition published, whose value is unchanged, is known: withholding it now
 *   protects nothing, and it counts as published in the rank test.
 * - A number an earlier edition published with another value (a revision) is another unknown: the
 *   earlier edition's equations (county = Σ municipalities then) hold with that value, so they are
 *   added as equations of their own beside this edition's.
 *
 * Over this edition's families together with the earlier editions' equations, no withheld count
 * may be determined; where one is, the smallest published (and not already known) member of an
 * equation it is in is withheld too, until none is.
 */
import { withhold } from './area-value.js';
import type { Indicator } from './catalogue.js';
import { cellOf, collect, isSuppressed, knownCount, seriesOf, setCell, slotsOf, type AreaCells, type Slot } from './disclosure-cells.js';
import { familiesOf, type Family } from './disclosure-secondary.js';
import { firstDetermined } from './methods/determined-cells.js';
import type { SuppressionLimits } from './methods/suppression.js';
import type { GeoRegister } from '../geo/register.js';
import type { Observation } from '../model/observation.js';

/** A number as an earlier edition showed it: its counts and value, or withheld. */
export type EarlierCell = { numerator: number | null; denominator: number | null; value: number | null } | 'withheld';

/** One earlier edition (all its municipalities' files together): indicator id → `area|slot|period` → the cell. */
export interface EarlierEdition {
  /** "2027", "2028-lopende": for messages. */
  label: string;
  indicators: Map<string, Map<string, EarlierCell>>;
}

/** The key of a cell: area code, slot (total, male, female, g:<group>) and period key (2021_2023). */
export const earlierKey = (area: string, slot: Slot, pk: string): string => `${area}|${slot}|${pk}`;

const CARRIER = Symbol('folkehelse.earlierEditions');

/** Limits that carry the run's earlier editions to the disclosure decision (the engine passes its limits through). */
export type LimitsWithEditions = Partial<SuppressionLimits> & { [CARRIER]?: EarlierEdition[] };

/**
 * The run's limits with its earlier editions attached: every disclosure decision made with them
 * keeps those editions' withheld numbers withheld and counts their published ones as known.
 */
export function withEarlierEditions(limits: Partial<SuppressionLimits> | undefined, editions: EarlierEdition[]): LimitsWithEditions {
  const out: LimitsWithEditions = { ...(limits ?? {}) };
  if (editions.length > 0) Object.defineProperty(out, CARRIER, { value: editions, enumerable: false });
  return out;
}

/** The earlier editions the limits carry (none for plain limits). */
export function earlierEditionsOf(limits: Partial<SuppressionLimits> | undefined): EarlierEdition[] {
  return (limits as LimitsWithEditions | undefined)?.[CARRIER] ?? [];
}

/** Earlier editions by identity, for a cache key (the same editions, the same decision); 0 for none. */
const editionIds = new WeakMap<EarlierEdition[], number>();
let lastEditionId = 0;
export function editionsKey(editions: EarlierEdition[]): number {
  if (editions.length === 0) return 0;
  let id = editionIds.get(editions);
  if (id === undefined) editionIds.set(editions, (id = ++lastEditionId));
  return id;
}

/** What the earlier editions say about one indicator's cells, prepared for the decision. */
export interface EditionMemory {
  ind: Indicator;
  /** Per edition, its cells of this indicator. */
  editions: Map<string, EarlierCell>[];
  /** Cells an earlier edition published with the value they have now: `area|slot|period` → which counts are known. */
  known: Map<string, { count: boolean; denominator: boolean }>;
}

type Counts = { numerator: number | null; denominator: number | null; value: number | null };

/**
 * Applies the earlier editions to one indicator's cells before secondary suppression: withholds
 * what an earlier edition withheld, and finds what an earlier edition published unchanged. Null
 * when no earlier edition has this indicator. `candidates` and the limits are the decision's own,
 * for the counts of cells that primary suppression has already withheld.
 */
export function rememberEditions(cells: Map<string, AreaCells>, ind: Indicator, editions: EarlierEdition[], raw: () => Map<string, AreaCells>): EditionMemory | null {
  const mine = editions.map((e) => e.indicators.get(ind.id)).filter((m): m is Map<string, EarlierCell> => m !== undefined && m.size > 0);
  if (mine.length === 0) return null;
  const known = new Map<string, { count: boolean; denominator: boolean }>();
  let rawCells: Map<string, AreaCells> | null = null;
  for (const [code] of cells) {
    for (const slot of slotsOf(ind)) {
      const series = seriesOf(cells.get(code)!, slot);
      if (!series) continue;
      for (const [pk, v] of series) {
        const key = earlierKey(code, slot, pk);
        const seen = mine.map((m) => m.get(key)).filter((c): c is EarlierCell => c !== undefined);
        if (seen.length === 0) continue;
        // The counts it has now, also when primary suppression has withheld it already.
        let now: Counts | null = v.absent ? null : v;
        if (!now && v.absent?.symbol !== ':' && seen.some((c) => c !== 'withheld')) {
          rawCells ??= raw();
          const r = cellOf(rawCells, code, slot, pk);
          now = r && !r.absent ? r : null;
        }
        for (const c of seen) {
          if (c === 'withheld' || !now) continue;
          const k = sameCounts(c, now);
          if (!k) continue;
          const prev = known.get(key) ?? { count: false, denominator: false };
          known.set(key, { count: prev.count || k.count, denominator: prev.denominator || k.denominator });
        }
        // Withheld before: withheld now (while the data has the period).
        if (seen.includes('withheld') && !v.absent) series.set(pk, withhold(v, 'secondary-suppression'));
      }
    }
  }
  return { ind, editions: mine, known };
}

/**
 * Which of a cell's counts an earlier edition gave away, when what it published is what the cell
 * holds now (null when it changed, or when the earlier edition gave only a value: a results file
 * leaves the counts out where a part is withheld, and a value alone fixes no count).
 */
function sameCounts(before: Counts, now: Counts): { count: boolean; denominator: boolean } | null {
  const eq = (a: number | null, b: number | null) => a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (before.numerator === null && before.denominator === null) return null;
  if (before.numerator !== null && !eq(before.numerator, now.numerator)) return null;
  if (before.denominator !== null && !eq(before.denominator, now.denominator)) return null;
  if (before.value !== null && now.value !== null && !eq(before.value, now.value)) return null;
  return { count: before.numerator !== null || (before.value !== null && before.denominator !== null), denominator: before.denominator !== null };
}

/** Equations as firstDetermined takes them, over cell ids `area|slot|period` (and constants). */
interface Equation {
  total: string;
  parts: string[];
}

/** An earlier edition's own value of a member that has changed since: known, a constant. */
const CONSTANT = '\u0001';

/**
 * Makes sure that, with the earlier editions' publications, no withheld count of this indicator is
 * determined: across areas period by period (the families of disclosure-secondary.ts) and within
 * each series whose periods overlap (pools and their years). Returns whether anything was withheld.
 */
export function acrossEditions(cells: Map<string, AreaCells>, register: GeoRegister, memory: EditionMemory): boolean {
  let changed = false;
  const periods = new Set<string>();
  for (const a of cells.values()) for (const slot of slotsOf(memory.ind)) for (const pk of seriesOf(a, slot)?.keys() ?? []) periods.add(pk);
  const families = editionFamilies(cells, memory.ind, register);
  for (const pk of [...periods].sort()) {
    // A member not in the data is an unknown of its own — the same in every edition, so that
    // county now − county then = the municipalities' changes is an equation too.
    const id = (code: string, slot: Slot) => (cellOf(cells, code, slot, pk) === undefined ? `${CONSTANT}latent|${code}|${slot}|${pk}` : earlierKey(code, slot, pk));
    const equations = families.filter((f) => cellOf(cells, ...f.total, pk) !== undefined).map((f) => ({ total: id(...f.total), parts: f.parts.map(([c, s]) => id(c, s)) }));
    changed = protect(cells, memory, withEditions(cells, equations, memory), []) || changed;
  }
  for (const [code, area] of cells) {
    for (const slot of slotsOf(memory.ind)) {
      const equations = poolEquations(code, slot, seriesOf(area, slot));
      if (equations.length === 0) continue;
      // A pool first: hiding it takes no year from the series.
      const pools = new Set(equations.map((e) => e.total));
      changed = protect(cells, memory, withEditions(cells, equations, memory), [...pools]) || changed;
    }
  }
  return changed;
}

/**
 * The additive families of disclosure-secondary.ts, also those with members missing from the data
 * (county = Σ municipalities when some municipality has no rows): within one edition such a family
 * cannot be subtracted, but across editions the missing members cancel out.
 */
function editionFamilies(cells: Map<string, AreaCells>, ind: Indicator, register: GeoRegister): Family[] {
  return familiesOf(cells, ind, register, { incomplete: true });
}

/** Within one series whose periods overlap: each pool = Σ its years (years not in the data are unknowns of their own). */
function poolEquations(code: string, slot: Slot, series: Map<string, { period: { from: number; to: number; kind?: string } }> | undefined): Equation[] {
  if (!series || series.size < 2) return [];
  const periods = [...series].filter(([, v]) => v.period.kind !== 'school-year').map(([pk, v]) => [pk, v.period] as const);
  if (!periods.some(([a, p]) => periods.some(([b, q]) => a !== b && p.from <= q.to && q.from <= p.to))) return [];
  const years = new Map<number, string>();
  for (const [pk, p] of periods) if (p.from === p.to) years.set(p.from, pk);
  return periods
    .filter(([, p]) => p.to > p.from)
    .map(([pk, p]) => ({
      total: earlierKey(code, slot, pk),
      parts: Array.from({ length: p.to - p.from + 1 }, (_, i) => (years.has(p.from + i) ? earlierKey(code, slot, years.get(p.from + i)!) : `${CONSTANT}latent|${code}|${slot}|${p.from + i}_${p.from + i}`)),
    }));
}

/**
 * This edition's equations and, for each earlier edition that published a member which has changed
 * since and is withheld now, that edition's equation, with the member's old value as a constant.
 * Null when the earlier editions add nothing (then secondary suppression has settled it already).
 */
function withEditions(cells: Map<string, AreaCells>, equations: Equation[], memory: EditionMemory): Equation[] | null {
  let adds = false;
  const out = [...equations];
  const ids = (e: Equation) => [e.total, ...e.parts];
  for (const e of equations) {
    for (const [i, edition] of memory.editions.entries()) {
      const swapped = (id: string) => {
        // A member not in this edition's data that the earlier one published: a constant there.
        if (id.startsWith(`${CONSTANT}latent|`)) {
          const before = edition.get(id.slice(`${CONSTANT}latent|`.length));
          return before !== undefined && before !== 'withheld' ? `${CONSTANT}${i}|${id}` : id;
        }
        if (id.startsWith(CONSTANT) || memory.known.has(id)) return id;
        const before = edition.get(id);
        const v = cellAt(cells, id);
        return before !== undefined && before !== 'withheld' && v?.absent ? `${CONSTANT}${i}|${id}` : id;
      };
      const variant = { total: swapped(e.total), parts: e.parts.map(swapped) };
      if (ids(variant).some((id, j) => id !== ids(e)[j])) {
        out.push(variant);
        adds = true;
      }
    }
  }
  // Withheld cells that are known from an earlier edition change what is known, too.
  if (!adds && !equations.some((e) => ids(e).some((id) => memory.known.has(id) && cellAt(cells, id)?.absent))) return null;
  return out;
}

function cellAt(cells: Map<string, AreaCells>, id: string) {
  if (id.startsWith(CONSTANT)) return undefined;
  const [code, slot, pk] = id.split('|') as [string, Slot, string];
  return cellOf(cells, code, slot, pk);
}

/**
 * Withholds published members until no withheld count is determined by the equations. `first`:
 * ids to choose before the others (pools before years). Returns whether anything was withheld.
 */
function protect(cells: Map<string, AreaCells>, memory: EditionMemory, equations: Equation[] | null, first: string[]): boolean {
  if (!equations) return false;
  let changed = false;
  for (;;) {
    let determined: string | null = null;
    for (const which of ['count', 'denominator'] as const) {
      const known = (id: string): boolean => {
        if (id.startsWith(CONSTANT)) return !id.startsWith(`${CONSTANT}latent|`);
        if (memory.known.get(id)?.[which]) return true;
        const v = cellAt(cells, id);
        if (!v || v.absent) return false;
        return which === 'count' ? knownCount(v, memory.ind) !== null : v.denominator !== null;
      };
      determined = firstDetermined(equations, known, (id) => isSuppressed(cellAt(cells, id)) && !known(id));
      if (determined) break;
    }
    if (!determined) return changed;
    const size = (id: string) => {
      const v = cellAt(cells, id)!;
      return knownCount(v, memory.ind) ?? v.denominator ?? Number.POSITIVE_INFINITY;
    };
    const open = (id: string) => !id.startsWith(CONSTANT) && !memory.known.has(id) && cellAt(cells, id) !== undefined && !cellAt(cells, id)!.absent;
    const members = (e: Equation) => [e.total, ...e.parts];
    const unknowns = (e: Equation) => members(e).filter((id) => !open(id)).length;
    // The equations the determined cell is in, those with the fewest unknowns first; when none of
    // them has a member left to withhold (it is fixed through another withheld cell: total = men +
    // women, the total by the groups), those linked to them through a shared cell, and so on.
    let chosen: string | undefined;
    const reached = new Set<string>([determined]);
    for (let layer = equations.filter((e) => members(e).includes(determined!)); layer.length > 0 && chosen === undefined; ) {
      for (const e of [...layer].sort((a, b) => unknowns(a) - unknowns(b))) {
        const pool = [...new Set(members(e))].filter(open);
        const preferred = pool.filter((id) => first.includes(id));
        const parts = e.parts.filter(open);
        const list = preferred.length ? preferred : parts.length ? parts : pool;
        chosen = list.sort((a, b) => size(a) - size(b) || a.localeCompare(b))[0];
        if (chosen) break;
      }
      for (const e of layer) for (const id of members(e)) reached.add(id);
      layer = equations.filter((e) => !layer.includes(e) && members(e).some((id) => reached.has(id)) && !members(e).every((id) => reached.has(id)));
    }
    // Nothing left to withhold: the earlier editions alone give it (they were decided without
    // this run's data); nothing this edition does can change that.
    if (chosen === undefined) return changed;
    const [code, slot, pk] = chosen.split('|') as [string, Slot, string];
    setCell(cells, code, slot, pk, withhold(cellOf(cells, code, slot, pk)!, 'secondary-suppression'));
    changed = true;
  }
}

/** The cells with no primary suppression at all: the counts of cells already withheld, to compare with earlier editions. */
export function unsuppressedCells(ind: Indicator, candidates: Observation[], level: number): Map<string, AreaCells> {
  return collect(ind, candidates, { numerator: -1, complement: -1, denominator: -1, fewCases: -1 }, level);
}
