import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { expandDataPaths } from '../../src/ingest/files.js';
import { INNHERRED, ROOT, SYNTHETIC_CATALOGUE, tempDir } from '../helpers.js';

const BIN = join(ROOT, 'bin', 'folkehelse');

async function runIn(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
  return { code, stdout, stderr };
}

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The example project copied to a temporary folder, its configuration changed by `edit`. */
function project(edit: (config: Record<string, unknown>) => void = () => {}): string {
  const dir = tempDir();
  cpSync(INNHERRED, dir, { recursive: true });
  const file = join(dir, 'folkehelse.config.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  edit(config);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return dir;
}

/** The synthetic data's catalogue's indicator `id` (the project's catalogue), as a user would copy it into an override. */
function projectIndicator(id: string): Record<string, unknown> {
  for (const f of SYNTHETIC_CATALOGUE) {
    const cat = JSON.parse(readFileSync(f, 'utf8')) as { indicators: Record<string, unknown>[] };
    const found = cat.indicators.find((i) => i.id === id);
    if (found) return found;
  }
  throw new Error(`no indicator ${id}`);
}

describe('a data folder holding the project itself ("data": ["."])', () => {
  it('never reads the catalogue, configuration, assessment or output files as data', async () => {
    const dir = project((c) => {
      // The project's own catalogue (katalog/, inside the data folder too) and one more beside the data.
      c.catalogue = [...(c.catalogue as string[]), 'mine-indikatorer.json'];
      c.out = 'ut';
    });
    // The README's example: a catalogue beside the data, named as users name it (no "catalogue" in the name, no $schema).
    const example = JSON.parse(readFileSync(join(ROOT, 'examples', 'katalog-fhi-statistikk.json'), 'utf8')) as Record<string, unknown>;
    delete example.$schema;
    writeFileSync(join(dir, 'mine-indikatorer.json'), JSON.stringify(example));
    // Notes kept with the assessments are not data either.
    writeFileSync(join(dir, 'vurderinger', '5037', 'notater.txt'), 'møte 12. mars; kilde: kommuneoverlegen\n');
    const r = await runIn('build', '--config', join(dir, 'folkehelse.config.json'), '--format', 'md');
    expect(r.stderr).not.toMatch(/error|feil/i);
    expect(r.code).toBe(0);
    // The second run reads ut/ (the output, inside the data folder) as nothing either.
    const again = await runIn('build', '--config', join(dir, 'folkehelse.config.json'), '--format', 'md', '--force');
    expect(again.code).toBe(0);
    const md = readFileSync(join(dir, 'ut', '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    expect(md).not.toMatch(/mine-indikatorer\.json`|notater\.txt|folkehelse\.config\.json`/);
  });
  it('a JSON file that declares a $schema (a catalogue, a configuration, a schema) is not data', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'egen.json'), JSON.stringify({ $schema: '../schemas/catalogue.schema.json', indicators: [] }));
    writeFileSync(join(dir, 'tabell.json'), JSON.stringify({ version: '2.0', class: 'dataset' }));
    const { files, skipped } = await expandDataPaths([dir]);
    expect(files.map((f) => f.path)).toEqual([join(dir, 'tabell.json')]);
    expect(skipped).toEqual([join(dir, 'egen.json')]);
  });
});

describe('catalogue mistakes are not silent in build', () => {
  it('an indicator whose selection matches several rows: a warning with the reason, in --json too', async () => {
    const dir = project();
    const ambiguous = projectIndicator('mobbing-10-trinn');
    const select = { ...(ambiguous.select as Record<string, unknown>) };
    delete select.dimensions; // now it matches every school year
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ indicators: [{ ...ambiguous, select }] }));
    const args = ['build', '--config', join(dir, 'folkehelse.config.json'), '--catalogue', join(dir, 'mine.json'), '--format', 'md', '--kommune', '5037'];
    const r = await runIn(...args);
    expect(r.stderr).toMatch(/5037 Levanger: .*mobbing-10-trinn.*matches several rows.*TRINN/);
    const j = await runIn(...args, '--json', '--force');
    const summary = JSON.parse(j.stdout) as { documents: { id: string; warnings: string[] }[] };
    expect(summary.documents[0]!.warnings.join('\n')).toMatch(/mobbing-10-trinn.*TRINN.*select\.dimensions/);
  });
});

describe('--kommune', () => {
  it('5037,5037 (or 5037,1719, its old number) builds the document once', async () => {
    const out = tempDir();
    const r = await runIn('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--out', out, '--format', 'md', '--kommune', '5037,5037,1719', '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { documents: { id: string }[] };
    expect(summary.documents.map((d) => d.id)).toEqual(['5037']);
  });
});

describe('validate on a folder with no data file', () => {
  it('fails (exit 2) naming what was found', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Kommunehelsa-levanger.xlsx'), 'PK\u0003\u0004');
    writeFileSync(join(dir, 'notat.pdf'), '%PDF-1.4');
    const r = await runIn('validate', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no data file found in .*: found 1 \.xlsx, 1 \.pdf files \(.*Kommunehelsa-levanger\.xlsx.*\).*save Excel sheets as CSV/);
    const empty = await runIn('validate', tempDir());
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/it is empty/);
  });
});

describe('the published document cites sources, not the build machine\'s paths', () => {
  it('data outside the working folder is named by file, never by a ../ or absolute path', () => {
    const data = tempDir();
    cpSync(INNHERRED, data, { recursive: true });
    rmSync(join(data, 'folkehelse.config.json'));
    const cwd = tempDir();
    const r = run(cwd, 'build', '--data', data, '--catalogue', ...SYNTHETIC_CATALOGUE, '--kommune', '5037', '--format', 'md,html');
    expect(r.code).toBe(0);
    for (const ext of ['md', 'html']) {
      const doc = readFileSync(join(cwd, 'out', '5037-levanger', `oversikt-2027.nb.${ext}`), 'utf8');
      expect(doc).toContain('07459-befolkning.json'); // the source file is still cited
      expect(doc).not.toContain('../');
      expect(doc).not.toContain(data);
      expect(doc).not.toContain(cwd);
    }
  });
});

describe('indicators: the notes follow --lang', () => {
  const args = ['indicators', '--data', INNHERRED, '--kommune', '5037', '--catalogue', ...SYNTHETIC_CATALOGUE, join(ROOT, 'examples', 'katalog-fhi-statistikk.json'), '--theme', 'f'];
  it('nb and nn in Norwegian, en in English', async () => {
    const nb = await runIn(...args, '--lang', 'nb');
    expect(nb.code).toBe(0);
    const notes = (s: string) => s.slice(s.indexOf('Merknader'));
    expect(notes(nb.stdout)).toMatch(/Psykiske plager, ungdomsskolen \(FHI\): ingen data: tabell psykiske_plager_ungdom \(fhi\) .* er ikke i datamappen/);
    expect(notes(nb.stdout)).not.toMatch(/\b(the|is not|no data|only the value)\b/);
    const nn = await runIn(...args, '--lang', 'nn');
    expect(notes(nn.stdout)).toMatch(/er ikkje i datamappa/);
    expect(notes(nn.stdout)).not.toMatch(/\b(the|is not|no data)\b/);
    const en = await runIn(...args, '--lang', 'en');
    expect(en.stdout).toMatch(/no data for this indicator: table psykiske_plager_ungdom from fhi is not in the data folder/);
    expect((await runIn(...args, '--lang', 'de')).code).toBe(2);
  });
});

describe('version', () => {
  it('-v, -V and --version print it', async () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    for (const flag of ['-v', '-V', '--version']) expect(await runIn(flag)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('build prints where the outputs are', () => {
  it('names the output folder and leaves no empty staging folder', () => {
    const cwd = tempDir();
    const r = run(cwd, 'build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--out', 'rapporter', '--format', 'md', '--kommune', '5038', '--lang', 'nb');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nResultatene ligger i rapporter\n$/);
    expect(existsSync(join(cwd, 'rapporter', '.folkehelse-staging'))).toBe(false);
  });
});

describe('an empty --format', () => {
  it('is a usage error, not a build of every configured format', async () => {
    const dir = project();
    const r = await runIn('build', '--config', join(dir, 'folkehelse.config.json'), '--format', '', '--out', join(dir, 'ut'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format: give one or more of md, html, pdf, docx/);
    expect(existsSync(join(dir, 'ut'))).toBe(false);
  });
  it('MD, Html (any case, with spaces) are the formats md and html', async () => {
    const dir = project();
    const r = await runIn('build', '--config', join(dir, 'folkehelse.config.json'), '--format', 'MD, Html', '--out', join(dir, 'ut'), '--kommune', '5037');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'ut', '5037-levanger')).filter((f) => /\.(md|html)$/.test(f)).sort()).toEqual(['oversikt-2027.nb.html', 'oversikt-2027.nb.md']);
  });
});

describe('--out that is the data folder', () => {
  it('is a usage error (the outputs are never read as data, so the exports would be hidden)', async () => {
    const dir = project();
    const r = await runIn('build', '--config', join(dir, 'folkehelse.config.json'), '--format', 'md', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: .* is the data folder/);
    const r2 = await runIn('build', '--data', join(dir, 'ssb'), '--kommune', '5037', '--format', 'md', '--out', join(dir, 'ssb', '..'));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--out: .* holds the data folder/);
  });
});
