import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { loadConfig } from '../../src/config/config.js';
import { INNHERRED, tempDir } from '../helpers.js';

describe('the region report is called what it is (issue 26)', () => {
  it('without a configured region it is named after its municipalities, not after their county', async () => {
    const dir = join(tempDir(), 'innherred');
    cpSync(INNHERRED, dir, { recursive: true });
    const file = join(dir, 'folkehelse.config.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete config.region;
    writeFileSync(file, JSON.stringify(config));
    const out = join(dir, 'out');
    const o = await build({ config: loadConfig(file), out, formats: ['md'] });
    expect(o.documents.find((d) => d.kind === 'region')?.name).toBe('Levanger og Verdal');
    expect(readdirSync(out)).toContain('region-levanger-og-verdal');
    const md = readFileSync(join(out, 'region-levanger-og-verdal', 'side-om-side-2027.nb.md'), 'utf8');
    expect(md.split('\n')[0]).toContain('Levanger og Verdal');
    expect(md.split('\n')[0]).not.toContain('Trøndelag');
  }, 120_000);
});
