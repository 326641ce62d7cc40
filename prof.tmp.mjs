import { build } from './dist/output/build.js';
import { defaultRegister } from './dist/geo/register.js';
const kommuner = defaultRegister().data.kommuner.slice(0, 80).map((k) => ({ code: k.code }));
const config = { file: null, kommuner, data: ['bench/out/national/data'], edition: 2027, lang: 'nb', formats: ['md'], out: '/tmp/profout', catalogue: [], suppression: {}, generatedOn: '2026-11-22' };
const t = performance.now();
const o = await build({ config, formats: ['md'], concurrency: 1, force: true });
const docs = o.documents.filter((d) => d.kind === 'kommune');
console.log('per report', (docs.reduce((s, d) => s + d.seconds, 0) / docs.length).toFixed(3), 'total', ((performance.now() - t) / 1000).toFixed(1));
