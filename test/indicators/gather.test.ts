import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue, type Indicator } from '../../src/indicators/catalogue.js';
import { computeIndicators } from '../../src/indicators/engine.js';
import { catalogueKeeps } from '../../src/indicators/gather.js';
import type { Observation } from '../../src/model/observation.js';
import { DataSummary } from '../../src/model/summary.js';
import { loadData } from '../../src/sources/load.js';
import { EXAMPLE, INNHERRED, SYNTHETIC_CATALOGUE, tempDir } from '../helpers.js';

// The mechanism behind README's memory bound for `indicators` and `build` (README "Benchmarks"):
// rows no indicator selects are not kept, and what is computed from the rows kept is what is
// computed from every row.

const indicator = {
  id: 'kube',
  theme: 'b',
  title: { nb: 'Kube', nn: 'Kube' },
  howToRead: { nb: 'Syntetisk.', nn: 'Syntetisk.' },
  source: { nb: 'Syntetisk', nn: 'Syntetisk' },
  select: { source: 'fhi', table: 'kube', measure: 'RATE', age: '0_120', dimensions: { UTDANN: '0' } },
  gradient: { title: { nb: 'Utdanning', nn: 'Utdanning' }, dimension: 'UTDANN', groups: ['1', '2'].map((value) => ({ value, label: { nb: value, nn: value } })) },
  measureType: 'proportion',
  multiplier: 100,
  unit: { nb: 'prosent', nn: 'prosent' },
  polarity: 'low-is-good',
};

function catalogueFile(dir: string): string {
  const file = join(dir, 'katalog.json');
  writeFileSync(file, JSON.stringify({ indicators: [indicator] }));
  return file;
}

function obs(over: Omit<Partial<Observation>, 'age'> & { age?: string; dims?: Record<string, string> }): Observation {
  const { age = '0_120', dims = { UTDANN: '0' }, ...rest } = over;
  return {
    source: 'fhi',
    table: 'kube',
    measure: 'RATE',
    measureType: 'rate',
    unit: null,
    multiplier: 100,
    standardisation: 'none',
    geo: { code: '5037', level: 'kommune', name: 'Levanger' },
    harmonisedFrom: null,
    period: { from: 2020, to: 2022, kind: 'pool', label: '2020_2022' },
    sex: 'total',
    age: { code: age, label: age, from: null, to: null },
    dimensions: dims,
    value: 10,
    missing: null,
    provisional: false,
    numerator: 10,
    denominator: 100,
    origin: { file: 'kube.csv', line: 2 },
    ...rest,
  } as Observation;
}

describe('catalogueKeeps: the rows a catalogue can select', () => {
  const dir = tempDir();
  const keep = catalogueKeeps(loadCatalogue([catalogueFile(dir)], null), [{ source: 'ssb', table: '07459' }]);

  it("keeps the total's, each sex's and each gradient group's rows, of every area", () => {
    for (const sex of ['total', 'male', 'female'] as const) expect(keep(obs({ sex }))).toBe(true);
    for (const g of ['1', '2']) expect(keep(obs({ dims: { UTDANN: g } }))).toBe(true);
    for (const geo of [{ code: '0', level: 'land', name: 'Hele landet' }, { code: '50', level: 'fylke', name: 'Trøndelag' }, { code: '5038', level: 'kommune', name: 'Verdal' }] as const) expect(keep(obs({ geo }))).toBe(true);
  });

  it('drops other ages, other dimension values, other measures and tables, city districts', () => {
    expect(keep(obs({ age: '45_74' }))).toBe(false);
    expect(keep(obs({ dims: { UTDANN: '9' } }))).toBe(false);
    expect(keep(obs({ dims: { UTDANN: '0', INNVKAT: '1' } }))).toBe(true); // a dimension the selection does not name
    expect(keep(obs({ measure: 'MEIS' }))).toBe(false);
    expect(keep(obs({ table: 'annen' }))).toBe(false);
    expect(keep(obs({ source: 'ssb' }))).toBe(false);
    expect(keep(obs({ geo: { code: '030101', level: 'bydel', name: 'Gamle Oslo' } }))).toBe(false);
  });

  it('keeps an FHI count without its denominator that a share pairs with, and a table read whole', () => {
    expect(keep(obs({ measure: 'antall', measureType: 'count', numerator: null, denominator: null }))).toBe(true);
    expect(keep(obs({ measure: 'antall', measureType: 'count', numerator: null, denominator: null, age: '45_74' }))).toBe(false);
    expect(keep(obs({ source: 'ssb', table: '07459', measure: 'Personer', age: '45_45', dims: {} }))).toBe(true);
  });
});

describe('loadData with keep', () => {
  it('keeps only the selected rows of a cube, and counts every row in the summary', async () => {
    const dir = tempDir();
    const lines = ['GEO;AAR;KJONN;ALDER;UTDANN;TELLER;NEVNER;RATE;sumTELLER;sumNEVNER;RATE.n;SPVFLAGG'];
    const geos = ['0', '50', '5037', '5038'];
    const ages = ['0_120', '45_74', '0_17'];
    for (const g of geos) for (const y of [2018, 2019, 2020]) for (const sex of [0, 1, 2]) for (const age of ages) for (const utd of ['0', '1', '2', '9']) lines.push(`${g};${y - 2}_${y};${sex};${age};${utd};20;200;10;60;600;3;0`);
    writeFileSync(join(dir, 'kube.csv'), lines.join('\n') + '\n');
    const catalogue = loadCatalogue([catalogueFile(dir)], null);
    const all = await loadData([join(dir, 'kube.csv')]);
    const kept = await loadData([join(dir, 'kube.csv')], { keep: () => catalogueKeeps(catalogue) });
    // One age of three; UTDANN 0 (the total) by sex, and the groups 1 and 2 of both sexes:
    // 4 areas × 3 periods × (3 + 2) — of 4 × 3 × 3 × 3 × 4 rows.
    expect(all.observations.length).toBe(lines.length - 1);
    expect(kept.observations.length).toBe(4 * 3 * (3 + 2));
    expect(kept.observations.every((o) => o.age?.code === '0_120' && o.dimensions.UTDANN !== '9' && (o.sex === 'total' || o.dimensions.UTDANN === '0'))).toBe(true);
    expect(kept.summary).toEqual(all.summary);
    expect(computeIndicators(kept, catalogue, { kommune: '5037' })).toEqual(computeIndicators(all.observations, catalogue, { kommune: '5037' }));
  });

  const cases: [string, string, () => Indicator[], string[]][] = [
    ['the synthetic Innherred data and its catalogue', INNHERRED, () => loadCatalogue(SYNTHETIC_CATALOGUE), ['5037', '5038', '5053', '5054']],
    ['the Innherred example and the default catalogue', join(EXAMPLE, 'data'), () => loadCatalogue(), ['5037', '5038']],
  ];
  for (const [name, data, catalogueOf, kommuner] of cases) {
    it(`computes from the rows kept exactly what it computes from every row: ${name}`, async () => {
      const catalogue = catalogueOf();
      const all = await loadData([data]);
      const kept = await loadData([data], { keep: () => catalogueKeeps(catalogue) });
      expect(kept.observations.length).toBeLessThanOrEqual(all.observations.length);
      expect(kept.summary).toEqual(DataSummary.of(all.observations));
      for (const kommune of kommuner) {
        const options = { kommune, comparisons: { kostragruppe: 'EKG11' } };
        expect(computeIndicators(kept, catalogue, options)).toEqual(computeIndicators(all.observations, catalogue, options));
      }
    }, 120_000);
  }
});
