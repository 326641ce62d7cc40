/**
 * The default catalogue against FHI tables built from a county's real production queries
 * (../shared/real-exports/fhi-api/queries/telemark: the dimensions and category codes FHI accepted),
 * not from the catalogue itself: every table a query records must be fetched without a missing
 * code, and every indicator on it must find its rows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import { computeIndicators } from '../../src/indicators/engine.js';
import { areasFor, type ApiIndicator } from '../../src/fetch/plan.js';
import { runFetch, type FetchSummary } from '../../src/fetch/run.js';
import { loadData } from '../../src/sources/load.js';
import { HAVE_REAL_EXPORTS, REAL_EXPORTS, tempDir } from '../helpers.js';
import { ApiServer, type DimDef } from './server.js';

const QUERIES = join(REAL_EXPORTS, 'fhi-api', 'queries', 'telemark');
const AREAS = [
  { value: '0', label: 'Hele landet' },
  { value: '50', label: 'Trøndelag' },
  { value: '5037', label: 'Levanger' },
  { value: '5038', label: 'Verdal' },
];

/** The pooling a query's file name states (trearig = 3-year …); else single years. */
function pooling(name: string): number {
  if (/tiarig/.test(name)) return 10;
  if (/7-arig/.test(name)) return 7;
  if (/femarig/.test(name)) return 5;
  if (/firearig/.test(name)) return 4;
  if (/trearig/.test(name)) return 3;
  return 1;
}

/** Tables by id: the union of the dimensions and codes of every recorded query on it. */
function recordedTables(): Map<string, { dims: Map<string, Set<string>>; pooled: number; title: string }> {
  const out = new Map<string, { dims: Map<string, Set<string>>; pooled: number; title: string }>();
  for (const f of readdirSync(QUERIES).filter((f) => f.startsWith('nokkel-')).sort()) {
    const id = /^nokkel-(\d+)_/.exec(f)![1]!;
    const body = JSON.parse(readFileSync(join(QUERIES, f), 'utf8').split('\n')[1]!) as { dimensions: { code: string; filter: string; values: string[] }[] };
    let t = out.get(id);
    if (!t) out.set(id, (t = { dims: new Map(), pooled: pooling(f), title: f.replace(/^nokkel-\d+_|\.txt$/g, '') }));
    t.pooled = Math.max(t.pooled, pooling(f));
    for (const d of body.dimensions) {
      if (d.code === 'GEO' || d.code === 'AAR') continue;
      let set = t.dims.get(d.code);
      if (!set) t.dims.set(d.code, (set = new Set()));
      for (const v of d.values) set.add(v);
    }
  }
  return out;
}

describe.skipIf(!HAVE_REAL_EXPORTS)('the default catalogue against FHI tables with the codes of real production queries', () => {
  let server: ApiServer;
  let summary: FetchSummary;
  let catalogue: ApiIndicator[];
  let dir: string;
  const tables = HAVE_REAL_EXPORTS ? recordedTables() : new Map();

  beforeAll(async () => {
    server = await new ApiServer().start();
    for (const [id, t] of tables) {
      const dims: DimDef[] = [
        { code: 'GEO', label: 'Geografi', categories: AREAS },
        { code: 'AAR', label: 'År', categories: Array.from({ length: 8 }, (_, i) => 2018 + i).map((to) => ({ value: `${to - t.pooled + 1}_${to}`, label: t.pooled === 1 ? String(to) : `${to - t.pooled + 1}-${to}` })) },
      ];
      for (const [code, values] of t.dims) if (code !== 'MEASURE_TYPE') dims.push({ code, label: code, categories: [...values].map((v) => ({ value: v, label: code === 'ALDER' && /^\d+$/.test(v) ? `${v} år` : v })) });
      dims.push({ code: 'MEASURE_TYPE', label: 'Måltall', categories: [...(t.dims.get('MEASURE_TYPE') ?? [])].map((v) => ({ value: v, label: v })) });
      server.addFhi({ source: 'nokkel', tableId: Number(id), title: t.title, publishedAt: '2026-01-01T05:00:00Z', modifiedAt: '2026-05-01T05:00:00Z', dims });
    }
    catalogue = (loadCatalogue() as ApiIndicator[]).filter((i) => i.select.source === 'fhi' && tables.has(i.api!.table));
    dir = tempDir();
    summary = await runFetch({ dataDir: dir, areas: areasFor([{ code: '5037', kostragruppe: 'EKG11', neighbours: ['5038'] }]), catalogue, ssbBase: server.ssbBase, fhiBase: server.fhiBase, pyramid: false });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('covers most of the catalogue\'s FHI tables', () => {
    expect(new Set(catalogue.map((i) => i.api!.table)).size).toBeGreaterThanOrEqual(20);
  });

  it('fetches every table with codes the table has, and every indicator\'s measure', () => {
    for (const t of summary.tables) {
      expect(t.status, `${t.table}: ${t.error?.message ?? ''}`).toBe('downloaded');
      expect(t.missingCategories ?? [], t.table).toEqual([]);
      expect(t.unselectable ?? [], t.table).toEqual([]);
      expect(t.unmatched ?? [], t.table).toEqual([]);
    }
  });

  it('gives every indicator a value for the municipality from those tables', async () => {
    const data = await loadData([dir]);
    const results = computeIndicators(data.observations, catalogue, { kommune: '5037' });
    for (const r of results) {
      expect(r.status, `${r.id}: ${r.message ?? ''}`).not.toMatch(/no-data|invalid-selection/);
      expect(r.series.kommune.length, r.id).toBeGreaterThan(0);
    }
  });
});
