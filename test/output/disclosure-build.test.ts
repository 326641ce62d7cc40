import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { build } from '../../src/app/build.js';
import { INNHERRED, tempDir } from '../helpers.js';

async function appendixWith(suppression: Record<string, number>): Promise<string> {
  const config = loadConfig(join(INNHERRED, 'folkehelse.config.json'));
  config.suppression = suppression;
  const out = tempDir();
  await build({ config, out, formats: ['md'], kommuner: ['5037'] });
  const md = readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
  return /Små tall er skjult[^\n]*/.exec(md)![0];
}

describe('the method appendix states the limits that were applied', () => {
  it('a stricter configured limit (5) is applied and stated', async () => {
    expect(await appendixWith({ numerator: 5 })).toMatch(/telleren er høyst 5,/);
  });
  it('a weaker configured limit (1) does not loosen the default (3), and the appendix says 3', async () => {
    const text = await appendixWith({ numerator: 1, denominator: 4 });
    expect(text).toMatch(/telleren er høyst 3,/);
    expect(text).toMatch(/høyst 10 personer/);
  });
  it('a configured group limit stricter than Ungdata\'s own 20 is stated for Ungdata too', async () => {
    const text = await appendixWith({ denominator: 25 });
    expect(text).toMatch(/høyst 25 personer \(for Ungdata høyst 25\)/);
    expect(await appendixWith({})).toMatch(/høyst 10 personer \(for Ungdata høyst 20\)/);
  });
});
