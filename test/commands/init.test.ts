import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { initProject } from '../../src/commands/init.js';
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import { loadSections } from '../../src/assessments/sections.js';
import { validator } from '../../src/validate/schemas.js';
import { EXAMPLE, tempDir } from '../helpers.js';

async function runIn(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1' } });
  return { code, stdout, stderr };
}

function listAll(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listAll(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`])).sort();
}

describe('folkehelse init', () => {
  it('scaffolds a project: configuration with $schema, data README, one template per assessment file, catalogue override', async () => {
    const dir = join(tempDir(), 'innherred');
    const r = await runIn('init', dir, '--kommune', '5037,5038,5037');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Opprettet \d+ filer i /);
    const config = JSON.parse(readFileSync(join(dir, 'folkehelse.config.json'), 'utf8')) as Record<string, unknown>;
    expect(config.$schema).toBe('schemas/config.schema.json');
    expect(existsSync(join(dir, 'schemas', 'config.schema.json'))).toBe(true);
    expect(validator('config')(config)).toBe(true);
    expect(config.kommuner).toEqual([{ code: '5037', neighbours: ['5038'] }, { code: '5038', neighbours: ['5037'] }]); // 5037 once
    expect(readFileSync(join(dir, 'data', 'README.md'), 'utf8')).toMatch(/folkehelse fetch/);
    // Every file the document asks for: every section of data/assessments/sections.json (a–f, the own
    // texts, § 5 b–c) and each indicator.
    const ids = loadCatalogue().map((i) => i.id);
    const sections = loadSections().sections.map((s) => s.name);
    for (const code of ['5037', '5038']) {
      const files = readdirSync(join(dir, 'vurderinger', code)).sort();
      expect(files).toEqual([...sections, ...ids].map((f) => `${f}.md`).sort());
    }
    // A theme's template: its title, the law, the guiding questions, how to mark a sentence as
    // deliberate, and a heading per part of the assessment with whether it is required.
    const theme = readFileSync(join(dir, 'vurderinger', '5037', 'e.md'), 'utf8');
    expect(theme).toMatch(/^<!--\nVurdering: helserelatert atferd \(Levanger\) – forskrift om oversikt over folkehelsen § 3 e\n/);
    expect(theme).toMatch(/fysisk aktivitet, kosthold/);
    expect(theme).toContain('«<!-- bevisst:»');
    expect([...theme.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(['Status og utvikling', 'Årsaksforhold', 'Konsekvenser', 'Tiltak og planbehov', 'Sosiale forskjeller', 'Kilder']);
    expect(theme).toMatch(/## Årsaksforhold\n\n<!-- .+ \(påkrevd, minst 25 ord\) -->/);
    expect(theme).toMatch(/## Tiltak og planbehov\n\n<!-- .+ \(påkrevd fra 1\. januar 2026, minst 25 ord\) -->/);
    const planning = readFileSync(join(dir, 'vurderinger', '5037', 'planbehov.md'), 'utf8');
    expect([...planning.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(['Hvordan kommunen kan møte utfordringene', 'Planbehov', 'Medvirkning']);
    expect([...readFileSync(join(dir, 'vurderinger', '5037', 'utfordringer.md'), 'utf8').matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(['Utfordringene', 'Status og utvikling', 'Årsaksforhold', 'Konsekvenser']);
    // An indicator's template: its questions only (free text, never required).
    expect(readFileSync(join(dir, 'vurderinger', '5037', 'ensomhet.md'), 'utf8')).toMatch(/^<!--\nPlaget av ensomhet \(ungdom\) \(Levanger\)\n[\s\S]*Hva sier tallene for Levanger om plaget av ensomhet/);
    const catalogue = JSON.parse(readFileSync(join(dir, 'mine-indikatorer.json'), 'utf8')) as Record<string, unknown>;
    expect(validator('catalogue')(catalogue)).toBe(true);
    expect(validator('catalogue')(JSON.parse(readFileSync(join(dir, 'katalog-eksempel.json'), 'utf8')))).toBe(true);
  });

  it('nynorsk: the questions, the headings, the file names (a.nn.md) and the configuration in nynorsk', async () => {
    const dir = tempDir();
    await initProject({ folder: dir, kommuner: ['5038'], lang: 'nn' });
    expect(JSON.parse(readFileSync(join(dir, 'folkehelse.config.json'), 'utf8'))).toMatchObject({ lang: 'nn', kommuner: [{ code: '5038' }] });
    expect(existsSync(join(dir, 'vurderinger', '5038', 'd.md'))).toBe(false);
    const theme = readFileSync(join(dir, 'vurderinger', '5038', 'd.nn.md'), 'utf8');
    expect(theme).toMatch(/^<!--\nVurdering: skadar og ulukker \(Verdal\) – forskrift om oversikt over folkehelsen § 3 d\n[\s\S]*Kva skadar og ulukker er vanlegast/);
    expect([...theme.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(['Status og utvikling', 'Årsaksforhold', 'Konsekvensar', 'Tiltak og planbehov', 'Sosiale skilnader', 'Kjelder']);
    expect(theme).toMatch(/\(påkravd frå 1\. januar 2026, minst 25 ord\)/);
    expect([...readFileSync(join(dir, 'vurderinger', '5038', 'planbehov.nn.md'), 'utf8').matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(['Korleis kommunen kan møte utfordringane', 'Planbehov', 'Medverknad']);
    expect(readFileSync(join(dir, 'vurderinger', '5038', 'helsestasjon.nn.md'), 'utf8')).toContain('## Kva tenesta ser');
    expect(readFileSync(join(dir, 'data', 'README.md'), 'utf8')).toMatch(/fyller mappa/);
  });

  it('build works in it with no other edits once there is data; unwritten templates are reported, not published', async () => {
    const dir = tempDir();
    await initProject({ folder: dir, kommuner: ['5037'], lang: 'nb' });
    // The data as `folkehelse fetch` leaves it (the shipped example's), and the Ungdata CSVs saved by hand.
    for (const source of ['fhi', 'ssb', 'kostra', 'ungdata']) cpSync(join(EXAMPLE, 'data', source), join(dir, 'data', source), { recursive: true });
    const r = await runIn('build', '--config', join(dir, 'folkehelse.config.json'), '--format', 'md,html');
    expect(r.stderr).not.toMatch(/error|failed|warning|folkehelse:/i);
    expect(r.code).toBe(0);
    const md = readFileSync(join(dir, 'out', '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    expect(md).not.toMatch(/Spørsmål til hjelp|<!--/);
    expect(md).toContain('vurderinger/5037/a.md');
    // A written assessment is published.
    writeFileSync(join(dir, 'vurderinger', '5037', 'a.md'), `${readFileSync(join(dir, 'vurderinger', '5037', 'a.md'), 'utf8')}\nBefolkningen vokser, særlig de eldste.\n`);
    await runIn('build', '--config', join(dir, 'folkehelse.config.json'), '--format', 'md');
    expect(readFileSync(join(dir, 'out', '5037-levanger', 'oversikt-2027.nb.md'), 'utf8')).toContain('Befolkningen vokser, særlig de eldste.');
  });

  it('in a folder that is not empty, changes nothing that exists', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'folkehelse.config.json'), '{ "mine": "egne innstillinger" }\n');
    await initProject({ folder: dir, kommuner: ['5037'], lang: 'nb' });
    const before = new Map(listAll(dir).map((f) => [f, [readFileSync(join(dir, f), 'utf8'), statSync(join(dir, f)).mtimeMs] as const]));
    expect(readFileSync(join(dir, 'folkehelse.config.json'), 'utf8')).toBe('{ "mine": "egne innstillinger" }\n');
    writeFileSync(join(dir, 'vurderinger', '5037', 'a.md'), 'Vår egen vurdering.\n');
    const again = await runIn('init', dir, '--kommune', '5037,5038');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Beholdt \d+ filer som fantes fra før/);
    expect(readFileSync(join(dir, 'vurderinger', '5037', 'a.md'), 'utf8')).toBe('Vår egen vurdering.\n');
    expect(readFileSync(join(dir, 'folkehelse.config.json'), 'utf8')).toBe('{ "mine": "egne innstillinger" }\n');
    for (const [f, [content]] of before) if (f !== 'vurderinger/5037/a.md') expect(readFileSync(join(dir, f), 'utf8')).toBe(content);
    expect(existsSync(join(dir, 'vurderinger', '5038', 'a.md'))).toBe(true); // only what was missing is added
    expect(listAll(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('bad usage: unknown municipality, a file as folder, no --kommune (exit 2)', async () => {
    expect(await runIn('init', tempDir(), '--kommune', '9999')).toMatchObject({ code: 2 });
    const file = join(tempDir(), 'fil.txt');
    writeFileSync(file, 'x');
    expect(await runIn('init', file, '--kommune', '5037')).toMatchObject({ code: 2, stderr: expect.stringMatching(/er en fil, ikke en mappe/) });
    expect((await runIn('init', tempDir())).code).toBe(2);
    expect((await runIn('init', tempDir(), '--kommune', '5037', '--lang', 'de')).code).toBe(2);
    expect((await runIn('init', tempDir(), '--kommune', '5037', '--example')).code).toBe(2);
  });
});

describe('init does not write through a symbolic link out of the folder', () => {
  it.skipIf(process.platform === 'win32')('a data or assessments folder that leads elsewhere is left alone', async () => {
    const { mkdirSync, symlinkSync } = await import('node:fs');
    const dir = tempDir();
    const outside = tempDir();
    mkdirSync(join(dir, 'p'));
    symlinkSync(outside, join(dir, 'p', 'data'));
    symlinkSync(outside, join(dir, 'p', 'vurderinger'));
    const r = await initProject({ folder: join(dir, 'p'), kommuner: ['5037'], lang: 'nb' });
    expect(readdirSync(outside)).toEqual([]);
    expect(r.kept).toContain('data/README.md');
    expect(r.created).toContain('folkehelse.config.json');
  });
});
