import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { HAVE_REAL_EXPORTS, INVALID, REAL_EXPORTS, tempDir } from '../helpers.js';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1' } });
  return { code, stdout, stderr };
}

interface Outcome {
  documents: { id: string; status: string }[];
  leftOut: { file: string; reason: string; errors?: number; problems: string[] }[];
}

/**
 * Issue 25, done when: a folder of real downloads for a municipality outside Trøndelag (Porsgrunn,
 * Telemark), with the default catalogue only, builds a document with the municipality's own
 * numbers, leaves out what it cannot read (named in the output, --json and the document), exit 1,
 * and prints no impossible value. `--final` still refuses.
 */
describe.skipIf(!HAVE_REAL_EXPORTS)('a folder of real downloads, the default catalogue, one bad file', () => {
  const dir = tempDir();
  const config = join(dir, 'folkehelse.config.json');
  beforeAll(() => {
    const data = join(dir, 'nedlastinger');
    mkdirSync(data);
    // The browser's names, not the catalogue's: the FHI label downloads are known by what they hold.
    for (const f of readdirSync(join(REAL_EXPORTS, 'fhi')).filter((f) => f.endsWith('.csv'))) copyFileSync(join(REAL_EXPORTS, 'fhi', f), join(data, `Nedlasting (${f.length}) ${f}`));
    for (const f of readdirSync(join(REAL_EXPORTS, 'ssb')).filter((f) => f.endsWith('.csv'))) copyFileSync(join(REAL_EXPORTS, 'ssb', f), join(data, f));
    copyFileSync(join(INVALID, 'type-error.csv'), join(data, 'feil-type.csv'));
    writeFileSync(join(data, 'umulig-andel.csv'), ['"region";"år";"statistikkvariabel";"value"', '"4001 Porsgrunn";"2023";"Andel med høyere utdanning (prosent)";987.6', ''].join('\n'));
    writeFileSync(config, JSON.stringify({ kommuner: [{ code: '4001' }], data: ['nedlastinger'], edition: 2027, formats: ['md'], generatedOn: '2026-11-23' }));
  });

  it('builds the draft from everything else, names the bad files in --json and in the document, exit 1', { timeout: 180_000 }, async () => {
    const out = join(dir, 'ut');
    const r = await cli(['build', '--config', config, '--out', out, '--json']);
    expect(r.code).toBe(1);
    const outcome = JSON.parse(r.stdout) as Outcome;
    expect(outcome.documents.map((d) => [d.id, d.status])).toEqual([['4001', 'built']]);
    const left = outcome.leftOut.map((f) => f.file.split(/[\\/]/).pop()).sort();
    expect(left).toEqual(['feil-type.csv', 'umulig-andel.csv']);
    const impossible = outcome.leftOut.find((f) => f.file.endsWith('umulig-andel.csv'))!;
    // In the run's language (bokmål, the configuration's): file, line and column, and the sentence.
    expect(impossible.problems.join('\n')).toMatch(/^linje 2, kolonne 4 \(value\): Umulig verdi for målet: «.*» er 987\.6 %, langt over 100 %/);

    const md = readFileSync(join(out, readdirSync(out).find((d) => d.startsWith('4001'))!, 'oversikt-2027.nb.md'), 'utf8');
    // Porsgrunn's own numbers from the label downloads (FHI tables 507 and 369), recognised by content.
    expect(md).toMatch(/### [\d.]+ Forventet levealder ved 30 år etter utdanning/);
    expect(md).toMatch(/### [\d.]+ Hjerte- og karsykdom i primærhelsetjenesten/);
    expect(md).toMatch(/\| Periode \| Porsgrunn \| Telemark \| Landet \|/);
    // The bad files named in the sources appendix; no impossible value printed.
    expect(md).toContain('Filer som ble utelatt');
    expect(md).toContain('feil-type.csv');
    expect(md).toContain('umulig-andel.csv');
    // The value is named only in its problem, never as a number in a table, a figure or the summary.
    expect(md.split('\n').filter((l) => /987[,.]6/.test(l))).toEqual([expect.stringMatching(/^- `nedlastinger\/umulig-andel\.csv`: linje 2, kolonne 4 \(value\): Umulig verdi for målet: /)]);
  });

  it('names the files left out on stderr, with their first problems', { timeout: 180_000 }, async () => {
    const r = await cli(['build', '--config', config, '--out', join(dir, 'ut2')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/feil-type\.csv er utelatt \(1 feil\); dokumentene er laget uten filen/);
    expect(r.stderr).toMatch(/umulig-andel\.csv er utelatt \(1 feil\)/);
    expect(r.stdout).toMatch(/1 bygget/);
  });

  it('--final still refuses', { timeout: 180_000 }, async () => {
    const r = await cli(['build', '--config', config, '--out', join(dir, 'ut3'), '--final', '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/umulig-andel\.csv|feil-type\.csv/);
    expect(r.stdout).not.toMatch(/"status":\s*"built"/);
  });
});
