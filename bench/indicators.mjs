#!/usr/bin/env node
// Benchmark, not a test: builds a synthetic national dataset (land, 15 counties, 357 municipalities,
// 10 periods, every indicator of the default catalogue, sexes, gradient groups and age bands) and
// prints the time to compute the whole catalogue for every municipality.
//   npm run bench:indicators
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { loadCatalogue } = await import(join(root, 'dist/indicators/catalogue.js'));
const { computeIndicators } = await import(join(root, 'dist/indicators/engine.js'));
const { ObservationIndex } = await import(join(root, 'dist/indicators/select.js'));

const register = JSON.parse(readFileSync(join(root, 'data/geography/register.json'), 'utf8'));
const areas = [
  { code: '0', level: 'land', name: 'Hele landet', pop: 5_550_000 },
  ...register.fylker.map((f) => ({ code: f.code, level: 'fylke', name: f.name, pop: 370_000 })),
  ...register.kommuner.map((k, i) => ({ code: k.code, level: 'kommune', name: k.name, pop: 800 + ((i * 7919) % 60_000) })),
];
const catalogue = loadCatalogue();
let seed = 1;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

const t0 = performance.now();
const observations = [];
for (const ind of catalogue) {
  const pooled = ind.periods?.pooled ?? 1;
  const periods = Array.from({ length: 10 }, (_, i) => {
    const to = 2015 + i;
    const from = to - pooled + 1;
    return { from, to, kind: from === to ? 'year' : 'pool', label: `${from}_${to}` };
  });
  const sexes = ind.select.source === 'fhi' ? ['total', 'male', 'female'] : ['total'];
  const groups = ind.gradient ? [null, ...ind.gradient.groups.map((g) => g.value)] : [null];
  const bands = ind.measureType === 'directly-standardised-rate' ? ind.standard.bands.map((b) => b.age) : [ind.select.age ?? null];
  for (const area of areas) {
    const geo = { code: area.code, level: area.level, name: area.name };
    for (const period of periods) {
      for (const sex of sexes) {
        for (const group of groups) {
          for (const age of bands) {
            const n = Math.round(area.pop * 0.3 * pooled * (sex === 'total' ? 1 : 0.5) * (group ? 0.33 : 1));
            const p = 0.05 + 0.2 * rand();
            const x = Math.round(n * p);
            const dimensions = { ...(ind.select.dimensions ?? {}) };
            if (group) dimensions[ind.gradient.dimension] = group;
            const counted = ['proportion', 'rate', 'indirectly-standardised-rate', 'directly-standardised-rate'].includes(ind.measureType);
            observations.push({
              source: ind.select.source,
              table: ind.select.table,
              measure: Array.isArray(ind.select.measure) ? ind.select.measure[0] : ind.select.measure,
              measureType: 'rate',
              unit: null,
              multiplier: null,
              standardisation: 'none',
              geo,
              harmonisedFrom: null,
              period,
              sex,
              age: age ? { code: age, label: age, from: null, to: null } : null,
              dimensions,
              value: counted ? (x / n) * (ind.multiplier ?? 1) : 50 + 30 * rand(),
              missing: null,
              provisional: false,
              numerator: counted ? x : null,
              denominator: counted ? n : null,
              origin: { file: 'synthetic', line: null },
            });
          }
        }
      }
    }
  }
}
const t1 = performance.now();
const index = new ObservationIndex(observations);
const t2 = performance.now();
console.log(`synthetic national dataset: ${observations.length.toLocaleString('en')} observations, ${catalogue.length} indicators, ${areas.length} areas, 10 periods (built in ${((t1 - t0) / 1000).toFixed(1)} s, indexed in ${((t2 - t1) / 1000).toFixed(2)} s)`);

const kommuner = areas.filter((a) => a.level === 'kommune');
let results = 0;
const start = performance.now();
for (const k of kommuner) results += computeIndicators(index, catalogue, { kommune: k.code }).length;
const seconds = (performance.now() - start) / 1000;
console.log(`computeIndicators, whole catalogue, ${kommuner.length} municipalities: ${seconds.toFixed(2)} s in all, ${((seconds / kommuner.length) * 1000).toFixed(1)} ms per municipality (${results.toLocaleString('en')} indicator results)`);
console.log(`peak memory (RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
