import { msg, say, UsageError } from '../base/errors.js';
import { currentCode, formerCodes, type CodeChange } from '../geo/klass.js';
import { defaultRegister, type GeoRegister } from '../geo/register.js';
import { resolveKommune } from '../indicators/engine.js';
import type { ApiIndicator, AreaSet, TablePlan } from '../sources/fetch-adapter.js';
import { FETCH_APIS, FETCHABLE_SOURCES, sourceFetch } from '../sources/registry.js';

export type { ApiIndicator, AreaSet, IndicatorApi, ShareSpec, TablePlan } from '../sources/fetch-adapter.js';
export { formerOf } from '../sources/fetch-adapter.js';

export interface FetchTarget {
  code: string;
  kostragruppe?: string;
  neighbours?: string[];
}

/**
 * The municipalities, their counties, neighbours and KOSTRA groups (from the configuration, else the
 * geography register). The country is always included; with `county`, so are the other municipalities of
 * each configured municipality's county, for the short version's "spenn i fylket" over all of them.
 */
export function areasFor(targets: FetchTarget[], defaultGroup?: string, register: GeoRegister = defaultRegister(), changes: CodeChange[] = [], options: { county?: boolean } = {}): AreaSet {
  const kommuner = new Set<string>();
  const fylker = new Set<string>();
  const grupper = new Set<string>();
  const ownFylker = new Set<string>();
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
    ownFylker.add(k.fylke);
    const group = t.kostragruppe ?? defaultGroup ?? register.current('kommune', k.code)?.kostragruppe ?? undefined;
    if (group) grupper.add(group);
    else without.push(k.code);
    for (const n of t.neighbours ?? []) {
      const nk = resolve(n);
      kommuner.add(nk.code);
      fylker.add(nk.fylke);
    }
  }
  const own = [...kommuner];
  if (options.county) for (const f of ownFylker) for (const m of register.kommunerIn(f)) kommuner.add(m.code);
  const former: Record<string, string[]> = {};
  // Former numbers (for history) only for the configured municipalities and their neighbours.
  for (const k of own) {
    const old = [...new Set([...register.dataCodesFor(k).filter((c) => c !== k), ...formerCodes(k, changes)])].filter((c) => !kommuner.has(c)).sort();
    if (old.length) former[k] = old;
  }
  return { kommuner: [...kommuner].sort(), fylker: [...fylker].sort(), kostragrupper: [...grupper].sort(), withoutGroup: without, former, renumbered };
}

/**
 * The population pyramid of theme a (src/report/model.ts) is drawn from SSB 07459 by sex and single
 * year of age, which no indicator selects: the table is always fetched with both kept.
 */
export const PYRAMID_TABLE = { table: '07459', dimensions: { ContentsCode: ['Personer1'], Kjonn: ['1', '2'], Alder: ['*'] } } as const;

/** "a, b and c". */
function list(xs: readonly string[]): string {
  return xs.length > 1 ? `${xs.slice(0, -1).join(', ')}${say('fetch.usage.and')}${xs[xs.length - 1]}` : (xs[0] ?? '');
}

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
    const api = sourceFetch(ind.select.source)?.api;
    if (!api) throw new UsageError(msg('fetch.usage.noApi', { id: ind.id, source: ind.select.source, sources: list(FETCHABLE_SOURCES) }));
    const planned = api.planTable(a);
    const { collection, table, stem } = planned;
    if (ind.select.table !== stem) {
      throw new UsageError(msg('fetch.usage.tableMismatch', { file: ind.definedIn ?? '', id: ind.id, table: api.describeTable(planned), stem, selectTable: ind.select.table ?? '' }));
    }
    const key = `${api.id}:${collection}:${table}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { plan: { api: api.id, source: ind.select.source, collection, table, title: a.title, file: `${ind.select.source}/${stem}.json`, dimensions: {}, indicators: [] }, wants: [], years: [] };
      byKey.set(key, entry);
    }
    const p = entry.plan;
    p.indicators.push(ind.id);
    p.title ??= a.title;
    entry.years.push(a.years);
    if (a.denominator === 'derived') {
      if (ind.measureType !== 'proportion' && ind.measureType !== 'rate') throw new UsageError(msg('fetch.usage.derivedDenominator', { id: ind.id, type: ind.measureType }));
      p.deriveDenominator = ind.multiplier ?? 100;
    }
    if (a.share) {
      if (!api.shares) throw new UsageError(msg('fetch.usage.shareOnly', { id: ind.id, apis: list(FETCH_APIS.filter((x) => x.shares).map((x) => x.name)) }));
      if (!p.shares?.some((s) => s.code === a.share!.code)) (p.shares ??= []).push(a.share);
      if (p.shares.some((s) => s.dimension !== a.share!.dimension)) throw new UsageError(msg('fetch.usage.shareDimension', { table }));
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
