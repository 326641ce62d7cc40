import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { FIXTURES, INNHERRED_CONFIG, tempDir } from '../helpers.js';

async function runIn(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1' } });
  return { code, stdout, stderr };
}

/** Levanger fully assessed, on the shipped example's data (fixtures/innherred/data). */
const FULL = join(FIXTURES, 'innherred-fullt-vurdert');

describe('folkehelse vurderinger', () => {
  it('lists the missing files of the synthetic fixture and the text that contradicts the trend test', async () => {
    const r = await runIn('vurderinger', '--config', INNHERRED_CONFIG, '--kommune', '5037');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('5037 Levanger');
    expect(r.stdout).toMatch(/missing\s+5037\/c\.md: Vurdering: fysisk, biologisk, kjemisk og sosialt miljø \(forskrift § 3 c\)/);
    expect(r.stdout).toMatch(/missing\s+5037\/legevakt\.md: Legevakten \(folkehelseloven § 5 b\)/);
    expect(r.stdout).toMatch(/check\s+5037\/b\.md: the text says "Andelen unge uføretrygdede er likevel høyere enn i landet og har økt\." \(increase\) about uforetrygdede, but the computed trend is no significant change/);
    expect(r.stdout).toContain('16 required assessments missing, empty or incomplete; 0 unknown files; 3 texts to check against the numbers.');
    expect((await runIn('vurderinger', '--config', INNHERRED_CONFIG, '--kommune', '5037', '--final', '--skip-numbers')).code).toBe(1);
  });

  it('passes --final on the fully assessed fixture, in nynorsk too', async () => {
    for (const lang of ['nb', 'nn']) {
      const r = await runIn('vurderinger', '--config', join(FULL, 'folkehelse.config.json'), '--final', '--lang', lang);
      expect(r.stdout).toContain('0 required assessments missing, empty or incomplete; 0 unknown files');
      expect(r.code).toBe(0);
    }
  });

  it('reports unknown names with the nearest one and writes templates only where files are missing', async () => {
    const dir = tempDir();
    cpSync(join(FULL, 'vurderinger'), join(dir, 'vurderinger'), { recursive: true });
    writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ kommuner: ['5037'], data: ['.'], assessments: 'vurderinger', lang: 'nb' }));
    rmSync(join(dir, 'vurderinger', '5037', 'legevakt.md'));
    writeFileSync(join(dir, 'vurderinger', '5037', 'ensomhett.md'), 'Tekst.');
    writeFileSync(join(dir, 'vurderinger', '5037', 'C.md'), 'Tekst.');
    const before = readFileSync(join(dir, 'vurderinger', '5037', 'nav.md'), 'utf8');
    const r = await runIn('vurderinger', '--config', join(dir, 'folkehelse.config.json'), '--skip-numbers', '--templates', '--final');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/unknown\s+5037\/C\.md: not an assessment name; did you mean c\.md\?/);
    expect(r.stdout).toMatch(/unknown\s+5037\/ensomhett\.md: not an assessment name; did you mean ensomhet\.md\?/);
    expect(r.stdout).toMatch(/template\s+.*legevakt\.md/);
    expect(readFileSync(join(dir, 'vurderinger', '5037', 'legevakt.md'), 'utf8')).toContain('## Hva tjenesten ser');
    expect(readFileSync(join(dir, 'vurderinger', '5037', 'nav.md'), 'utf8')).toBe(before);
    // The template counts as empty: still not final, now "empty" instead of "missing".
    const again = await runIn('vurderinger', '--config', join(dir, 'folkehelse.config.json'), '--skip-numbers', '--final');
    expect(again.stdout).toMatch(/empty\s+5037\/legevakt\.md/);
    expect(existsSync(join(dir, 'vurderinger', '5037', '.folkehelse-staging'))).toBe(false);
  });

  it('says clearly when the configuration has no assessments folder', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ kommuner: ['5037'], data: ['.'] }));
    const r = await runIn('vurderinger', '--config', join(dir, 'c.json'), '--skip-numbers');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/names no assessments folder/);
  });
});
