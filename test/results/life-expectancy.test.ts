import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../src/indicators/catalogue.js';
import { computeIndicators } from '../../src/indicators/engine.js';
import type { Observation } from '../../src/model/observation.js';
import { findPrevious, resultsFileName, serializeResults, toResultsFile } from '../../src/results/archive.js';
import { tempDir } from '../helpers.js';

/**
 * A results file is read back as the previous edition; it must hold whatever the engine computes,
 * also a life expectancy from deaths and population (measure type life-expectancy, method chiang).
 */
describe('a results file with a computed life expectancy', () => {
  const ages = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];
  const codes = ages.map((a, i) => `${a}_${i === ages.length - 1 ? 120 : ages[i + 1]! - 1}`);
  const POPS = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936];
  const DEATHS = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937];
  const indicator: Indicator = {
    id: 'levealder',
    theme: 'f',
    title: { nb: 'Forventet levealder', nn: 'Forventa levealder' },
    howToRead: { nb: 'År', nn: 'År' },
    source: { nb: 'Test', nn: 'Test' },
    select: { source: 'fhi', table: 'dode', measure: 'TELLER' },
    measureType: 'life-expectancy',
    unit: { nb: 'år', nn: 'år' },
    polarity: 'high-is-good',
    lifeTable: { bands: codes },
  };
  const observation = (code: string, name: string, level: 'kommune' | 'land', band: number): Observation => ({
    source: 'fhi',
    table: 'dode',
    measure: 'TELLER',
    measureType: 'count',
    unit: null,
    multiplier: null,
    standardisation: 'none',
    geo: { code, level, name },
    harmonisedFrom: null,
    period: { from: 2022, to: 2024, kind: 'pool', label: '2022_2024' },
    sex: 'total',
    age: { code: codes[band]!, label: codes[band]!, from: ages[band]!, to: ages[band]! },
    dimensions: {},
    value: null,
    missing: null,
    provisional: false,
    numerator: DEATHS[band]!,
    denominator: POPS[band]!,
    origin: { file: 'dode.csv', line: band + 2 },
  });

  it('is written and read back as the previous edition', () => {
    const data = ages.flatMap((_, i) => [observation('5037', 'Levanger', 'kommune', i), observation('0', 'Norge', 'land', i)]);
    const results = computeIndicators(data, [indicator], { kommune: '5037' });
    expect(results[0]!.value).toMatchObject({ method: 'chiang' });
    const file = toResultsFile({ tool: 'folkehelse test', edition: 2027, kind: 'full', generatedOn: null, kommune: { code: '5037', name: 'Levanger' }, fylke: { code: '50', name: 'Trøndelag' }, previous: null, results, sources: new Map(), challenges: new Set(), resources: new Set() });
    const out = join(tempDir(), '5037-levanger');
    mkdirSync(out);
    writeFileSync(join(out, resultsFileName(2027, 'full')), serializeResults(file));
    const previous = findPrevious(join(out, '..'), '5037', { edition: 2031, kind: 'full' });
    expect(previous).toEqual(file);
    expect(previous!.indicators[0]).toMatchObject({ measureType: 'life-expectancy', value: { method: 'chiang' } });
  });
});
