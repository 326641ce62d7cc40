import { defaultRegister, type GeoRegister } from '../geo/register.js';
import type { Indicator } from '../indicators/catalogue.js';
import { resolveKommune } from '../indicators/engine.js';
import type { SourceId } from '../model/observation.js';
import { UsageError } from '../base/errors.js';
import { currentCode, formerCodes, type CodeChange } from './klass.js';

/** The `api` block of a catalogue indicator (schemas/catalogue.schema.json). */
export interface IndicatorApi {
  /** FHI Statistikk source id (default `nokkel`); not used for SSB. */
  source?: string;
  table: string;
  /** FHI: the table's title, to find the table again when its id has changed. */
  title?: string;
  /** Dimension code → the category codes to ask for; dimensions not named: every category. */
  dimensions?: Record<string, string[]>;
  /** Only the newest N periods. */
  years?: number;
  /** "derived": add NEVNER = TELLER × multiplier / RATE (crude measures only). */
  denominator?: 'derived';
  /** SSB: a share computed from one table's cells (e.g. persons 67+ of all persons); see ShareSpec. */
  share?: ShareSpec;
  /** SSB: only the periods from this year + horizon[0] to this year + horizon[1] (projections). */
  horizon?: [number, number];
}

/**
 * A share derived at fetch time from the cells of one SSB table: the sum of the dimension's
 * categories that are ages `from` and older (or the listed `codes`) over the sum of all its
 * categories (or its `total` category), × 100. The dimension is fetched whole and then summed
 * away; the share becomes a ContentsCode `code` with `label` and unit "prosent".
 */
export interface ShareSpec {
  dimension: string;
  from?: number;
  codes?: string[];
  total?: string;
  code: string;
  label: string;
}

export type ApiIndicator = Indicator & { api?: IndicatorApi };

/** One table to fetch, with everything the catalogue asks of it. */
export interface TablePlan {
  api: 'fhi' | 'ssb';
  /** The reader's source: fhi, ssb or kostra. */
  source: SourceId;
  /** FHI source id (nokkel …) or 'ssb'. */
  collection: string;
  table: string;
  title?: string;
  /** Path of the JSON-stat file under the data folder, e.g. `fhi/nokkel-507.json`, `ssb/07459.json`. */
  file: string;
  /** Restricted dimensions (union over the indicators); absent = all categories. */
  dimensions: Record<string, string[]>;
  years?: number;
  /** Multiplier for a derived denominator, when asked for. */
  deriveDenominator?: number;
  /** Shares derived from the table's cells (SSB). */
  shares?: ShareSpec[];
  horizon?: [number, number];
  indicators: string[];
}

/** The areas a run asks for. */
export interface AreaSet {
  kommuner: string[];
  fylker: string[];
  /** KOSTRA groups (EKGnn). */
  kostragrupper: string[];
  /** Municipalities whose KOSTRA group is not known (not in the configuration or the register). */
  withoutGroup: string[];
  /**
   * Former numbers of each municipality (renumbered or merged into it; from the register and
   * Klass): SSB tables are asked for them too, for the history SSB keeps only under them.
   */
  former?: Record<string, string[]>;
  /** Numbers in the configuration asked for as their current number (Klass or the register). */
  renumbered?: { from: string; to: string; how: string }[];
}

export interface FetchTarget {
  code: string;
  kostragruppe?: string;
  neighbours?: string[];
}

/**
 * The municipalities, their counties, neighbours and KOSTRA groups (from the configuration, else the
 * geography register). The country is always included.
 */
export function areasFor(targets: FetchTarget[], defaultGroup?: string, register: GeoRegister = defaultRegister(), changes: CodeChange[] = []): AreaSet {
  const kommuner = new Set<string>();
  const fylker = new Set<string>();
  const grupper = new Set<string>();
  const without: string[] = [];
  const renumbered: { from: string; to: string; how: string }[] = [];
  // A number the register does not know (a change after its date) may be known to Klass.
  const resolve = (code: string) => {
    const padded = code.padStart(4, '0');
    if (!register.kommune(padded) && !register.formerKommune(padded) && changes.length) {
      const cur = currentCode(padded, changes);
      if (cur && cur.code !== padded && register.kommune(cur.code)) {
        renumbered.push({ from: padded, to: cur.code, how: `SSB Klass: ${cur.path.map((c) => `${c.oldCode} → ${c.newCode} (${c.changeOccurred})`).join(', ')}` });
        return resolveKommune(cur.code, register);
      }
    }
    const k = resolveKommune(padded, register);
    if (k.code !== padded) renumbered.push({ from: padded, to: k.code, how: k.note ?? 'register' });
    return k;
  };
  for (const t of targets) {
    const k = resolve(t.code);
    kommuner.add(k.code);
    fylker.add(k.fylke);
    const group = t.kostragruppe ?? defaultGroup ?? register.current('kommune', k.code)?.kostragruppe ?? undefined;
    if (group) grupper.add(group);
    else without.push(k.code);
    for (const n of t.neighbours ?? []) {
      const nk = resolve(n);
      kommuner.add(nk.code);
      fylker.add(nk.fylke);
    }
  }
  const former: Record<string, string[]> = {};
  for (const k of kommuner) {
    const old = [...new Set([...register.dataCodesFor(k).filter((c) => c !== k), ...formerCodes(k, changes)])].filter((c) => !kommuner.has(c)).sort();
    if (old.length) former[k] = old;
  }
  return { kommuner: [...kommuner].sort(), fylker: [...fylker].sort(), kostragrupper: [...grupper].sort(), withoutGroup: without, former, renumbered };
}

/** FHI GEO codes: land 0, counties, municipalities. */
export function fhiGeoCodes(a: AreaSet): string[] {
  return ['0', ...a.fylker, ...a.kommuner];
}

/** The municipalities' former numbers (for SSB's history under them). */
export function formerOf(a: AreaSet): string[] {
  return [...new Set(Object.values(a.former ?? {}).flat())].sort();
}

/** SSB Region codes (ordinary tables): 0 Hele landet, counties, municipalities and their former numbers. */
export function ssbRegionCodes(a: AreaSet): string[] {
  return ['0', ...a.fylker, ...a.kommuner, ...formerOf(a)];
}

/** KOSTRA region codes: municipalities (and former numbers), EKAnn (county), EAK (land), EAKUO (land without Oslo), EKGnn. */
export function kostraRegionCodes(a: AreaSet): string[] {
  return [...a.kommuner, ...formerOf(a), ...a.fylker.map((f) => `EKA${f}`), 'EAK', 'EAKUO', ...a.kostragrupper];
}

/**
 * The population pyramid of theme a (src/report/model.ts) is drawn from SSB 07459 by sex and single
 * year of age, which no indicator selects: the table is always fetched with both kept.
 */
export const PYRAMID_TABLE = { table: '07459', dimensions: { ContentsCode: ['Personer1'], Kjonn: ['1', '2'], Alder: ['*'] } } as const;

export const GEO_DIMENSIONS = new Set(['GEO', 'Region', 'KOKkommuneregion0000', 'KOKfylkesregion0000', 'KOKbydelsregion0000']);

/**
 * Groups the catalogue's indicators with an `api` block into tables: one plan per table, with the
 * union of the categories its indicators need (a dimension one indicator leaves open stays open),
 * and the population pyramid's table (unless `pyramid: false`).
 */
export function planTables(catalogue: ApiIndicator[], options: { pyramid?: boolean } = {}): { tables: TablePlan[]; without: string[] } {
  const byKey = new Map<string, { plan: TablePlan; wants: Record<string, string[]>[]; years: (number | undefined)[] }>();
  const without: string[] = [];
  for (const ind of catalogue) {
    const a = ind.api;
    if (!a) {
      without.push(ind.id);
      continue;
    }
    const api = ind.select.source === 'fhi' ? 'fhi' : ind.select.source === 'ssb' || ind.select.source === 'kostra' ? 'ssb' : null;
    if (!api) throw new UsageError(`catalogue: indicator "${ind.id}" has an "api" block but its source "${ind.select.source}" has no API (only fhi, ssb and kostra)`);
    const collection = api === 'fhi' ? (a.source ?? 'nokkel') : 'ssb';
    const table = api === 'ssb' ? a.table.padStart(5, '0') : a.table;
    const stem = api === 'fhi' ? `${collection}-${table}` : table;
    if (ind.select.table !== stem) {
      throw new UsageError(`catalogue (${ind.definedIn ?? 'file'}): indicator "${ind.id}" fetches ${api === 'fhi' ? `FHI ${collection} table ${table}` : `SSB table ${table}`}, whose file is read as table "${stem}", but its select.table is "${ind.select.table}"; make them the same`);
    }
    const key = `${api}:${collection}:${table}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { plan: { api, source: ind.select.source, collection, table, title: a.title, file: `${ind.select.source}/${stem}.json`, dimensions: {}, indicators: [] }, wants: [], years: [] };
      byKey.set(key, entry);
    }
    const p = entry.plan;
    p.indicators.push(ind.id);
    p.title ??= a.title;
    entry.years.push(a.years);
    if (a.denominator === 'derived') {
      if (ind.measureType !== 'proportion' && ind.measureType !== 'rate') throw new UsageError(`catalogue: indicator "${ind.id}" asks for a derived denominator, but that is only sound for crude proportions and rates, not "${ind.measureType}"`);
      p.deriveDenominator = ind.multiplier ?? 100;
    }
    if (a.share) {
      if (api !== 'ssb') throw new UsageError(`catalogue: indicator "${ind.id}" has "api.share", which is only for SSB tables`);
      if (!p.shares?.some((s) => s.code === a.share!.code)) (p.shares ??= []).push(a.share);
      if (p.shares.some((s) => s.dimension !== a.share!.dimension)) throw new UsageError(`catalogue: the shares of SSB table ${table} must sum over the same dimension`);
    }
    if (a.horizon) p.horizon = a.horizon;
    const want: Record<string, string[]> = {};
    for (const [d, values] of Object.entries(a.dimensions ?? {})) want[d] = [...values];
    // A gradient's groups are fetched with the total.
    if (ind.gradient && want[ind.gradient.dimension]) want[ind.gradient.dimension]!.push(...ind.gradient.groups.map((g) => g.value));
    entry.wants.push(want);
  }
  if (options.pyramid !== false) {
    // Its own request and file when indicators read 07459 too, so that their totals stay as they ask.
    const shared = byKey.has(`ssb:ssb:${PYRAMID_TABLE.table}`);
    byKey.set(`ssb:ssb:${PYRAMID_TABLE.table}${shared ? ':pyramid' : ''}`, {
      plan: { api: 'ssb', source: 'ssb', collection: 'ssb', table: PYRAMID_TABLE.table, title: 'Befolkning etter kjønn og alder (befolkningspyramiden)', file: `ssb/${PYRAMID_TABLE.table}${shared ? '-pyramide' : ''}.json`, dimensions: {}, indicators: [] },
      wants: [Object.fromEntries(Object.entries(PYRAMID_TABLE.dimensions).map(([d, v]) => [d, [...v]]))],
      years: [10],
    });
  }
  const tables: TablePlan[] = [];
  for (const { plan, wants, years } of byKey.values()) {
    // A dimension stays restricted only when every indicator of the table restricts it.
    const dims = new Set(wants.flatMap((w) => Object.keys(w)));
    for (const d of dims) if (wants.every((w) => w[d])) plan.dimensions[d] = [...new Set(wants.flatMap((w) => w[d]!))];
    if (years.every((y) => y !== undefined)) plan.years = Math.max(...(years as number[]));
    tables.push(plan);
  }
  tables.sort((a, b) => a.file.localeCompare(b.file));
  return { tables, without };
}
