import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { INNHERRED, INVALID, ROOT, SYNTHETIC_CATALOGUE, tempDir } from '../helpers.js';

const BIN = join(ROOT, 'bin', 'folkehelse');

/** Runs the real executable, as a user would (needs `npm run build`, which `npm test` does first). */
function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI in-process. */
async function runIn(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
  return { code, stdout, stderr };
}

describe('folkehelse (the executable)', () => {
  it('prints help and version', () => {
    const help = run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/validate/);
    expect(help.stdout).toMatch(/inspect/);
    expect(run('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    for (const cmd of ['validate', 'inspect']) {
      const h = run(cmd, '--help');
      expect(h.code).toBe(0);
      expect(h.stdout).toMatch(/Examples:/);
    }
  });
  it('a reader that stops early (| head) ends it quietly, without a stack trace', () => {
    const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" indicators --data "${INNHERRED}" --catalogue ${SYNTHETIC_CATALOGUE.map((f) => `"${f}"`).join(' ')} --kommune 5037 --json | head -c 1 > /dev/null`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|node:events/);
  });
  it('validate on the synthetic fixture (fixtures/innherred-syntetisk) exits 0', () => {
    const r = run('validate', INNHERRED);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/36 files, 36 valid; 0 errors/);
  });
  it('validate fixtures/invalid exits 1 with one message per problem', () => {
    const r = run('validate', INVALID);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/13 files, 0 valid, 13 invalid; 13 errors/);
    expect(r.stdout).not.toMatch(/\bat \w+ \(/); // no stack trace
  });
  it('inspect on a fixture prints source, encoding, layout, geographies, periods and measures', () => {
    const r = run('inspect', join(INNHERRED, 'ssb/06913-befolkning-endringer.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Source:\s+SSB Statistikkbanken; table 06913/);
    expect(r.stdout).toMatch(/Encoding:\s+ISO-8859-1/);
    expect(r.stdout).toMatch(/Layout:\s+semicolon-separated, header on line 3, wide layout/);
    expect(r.stdout).toMatch(/5037 Levanger \(from 1719\)/);
    expect(r.stdout).toMatch(/Periods:\s+10: 2015, 2016/);
  });
  it('a missing file: exit 2, a clear message, no stack trace', () => {
    const r = run('validate', 'no/such/file.csv');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/no such file or folder/);
    const i = run('inspect', 'no/such/file.csv');
    expect(i.code).toBe(2);
    expect(i.stderr).toBe('folkehelse: no/such/file.csv: no such file or folder\n');
  });
  it('bad usage exits 2', () => {
    expect(run('validate').code).toBe(2);
    expect(run('frobnicate').code).toBe(2);
    const f = run('validate', INNHERRED, '--format', 'excel');
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/Allowed choices are/);
  });
});

describe('folkehelse (in-process)', () => {
  it('validate --json prints a machine-readable report', async () => {
    const r = await runIn('validate', join(INVALID, 'type-error.csv'), '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.totals).toMatchObject({ files: 1, invalid: 1, errors: 1 });
    expect(report.files[0].issues[0]).toMatchObject({ code: 'type-error', severity: 'error', line: 3, column: 'TELLER', columnNumber: 5, value: '95 personer' });
  });
  it('caps the issues shown per type in the text report, with totals', async () => {
    const dir = tempDir();
    const rows = ['GEO;AAR;TELLER;NEVNER;RATE;SPVFLAGG'];
    for (let i = 0; i < 25; i++) rows.push(`5037;${2000 + i}_${2000 + i};x;10;1;0`);
    writeFileSync(join(dir, 'many.csv'), rows.join('\n'));
    const r = await runIn('validate', join(dir, 'many.csv'), '--max-per-type', '3');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/type-error \(25 errors\)/);
    expect(r.stdout.match(/is not a count/g)).toHaveLength(3);
    expect(r.stdout).toMatch(/… and 22 more type-error/);
  });
  it('inspect --json describes the file', async () => {
    const r = await runIn('inspect', join(INNHERRED, 'ungdata/ungdata_innherred.csv'), '--json');
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({ format: 'ungdata', source: 'ungdata', encoding: 'utf-8' });
    expect(rep.summary.dimensions[0]).toMatchObject({ name: 'familieokonomi', values: ['god', 'verken god eller dårlig', 'dårlig'] });
  });
  it('--format forces a reader', async () => {
    const r = await runIn('inspect', join(INNHERRED, 'fhi/hjerte_kar_primaer.csv'), '--format', 'fhi-label');
    expect(r.code).toBe(0);
    const wrong = await runIn('inspect', join(INNHERRED, 'fhi/hjerte_kar_primaer.csv'), '--format', 'ssb-jsonstat');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/expects JSON/);
  });
  it('a folder given to inspect is a usage error with a plain message', async () => {
    const r = await runIn('inspect', INNHERRED);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a folder/);
  });
});

describe('folkehelse indicators', () => {
  it('prints the barometer in words when piped', () => {
    const r = run('indicators', '--data', INNHERRED, '--catalogue', ...SYNTHETIC_CATALOGUE, '--kommune', '5037');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Folkehelsebarometer: Levanger \(5037\), sammenlignet med Trøndelag og landet/);
    expect(r.stdout).toMatch(/Vedvarende lavinntekt, alle aldre\s+2022–2024\s+8,7\s+9,7\s+10,5\s+prosent\s+bedre/);
    expect(r.stdout).toMatch(/Folkemengde 1\. januar\s+2024\s+20 600/);
    expect(r.stdout).not.toMatch(/\u001b\[/); // no colour codes when piped
  });
  it('--theme, --lang nn', () => {
    const r = run('indicators', '--data', INNHERRED, '--catalogue', ...SYNTHETIC_CATALOGUE, '--kommune', '5038', '--theme', 'f', '--lang', 'nn');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Plaga av einsemd \(ungdom\)/);
    expect(r.stdout).not.toMatch(/— b\)/);
  });
  it('--json and --csv', async () => {
    const j = await runIn('indicators', '--data', INNHERRED, '--catalogue', ...SYNTHETIC_CATALOGUE, '--kommune', '5037', '--json', '--theme', 'a');
    expect(j.code).toBe(0);
    const results = JSON.parse(j.stdout);
    expect(results.map((x: { id: string }) => x.id)).toEqual(['folkemengde', 'befolkningsendring', 'aleneboende-45', 'innvandrere', 'andel-67-framskrevet', 'andel-80-framskrevet']);
    const c = await runIn('indicators', '--data', INNHERRED, '--catalogue', ...SYNTHETIC_CATALOGUE, '--kommune', '5037', '--csv');
    const lines = c.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id,theme,title,period_from,period_to,kommune,value,lower,upper/);
    expect(lines.length).toBe(44);
  });
  it('clear errors, all found before any output (2): unknown municipality, municipality without data, invalid data, bad theme', () => {
    expect(run('indicators', '--data', INNHERRED, '--catalogue', ...SYNTHETIC_CATALOGUE, '--kommune', '9999')).toMatchObject({ code: 2, stderr: expect.stringMatching(/"9999" is not a municipality number/) });
    expect(run('indicators', '--data', INNHERRED, '--catalogue', ...SYNTHETIC_CATALOGUE, '--kommune', '5001')).toMatchObject({ code: 2, stderr: expect.stringMatching(/Trondheim \(5001\) has no data in .*; the data has 5037 Levanger, 5038 Verdal/) });
    expect(run('indicators', '--data', INVALID, '--kommune', '5037')).toMatchObject({ code: 2, stderr: expect.stringMatching(/the data has 13 errors; fix them first/) });
    expect(run('indicators', '--data', INNHERRED, '--catalogue', ...SYNTHETIC_CATALOGUE, '--kommune', '5037', '--theme', 'g')).toMatchObject({ code: 2 });
    expect(run('indicators', '--kommune', '5037')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--data/) });
  });
});

describe('folkehelse build', () => {
  it('builds from the shipped configuration (Markdown and HTML here; PDF is tested in test/output)', () => {
    const out = tempDir();
    const r = run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--out', out, '--format', 'md,html');
    expect(r.code).toBe(0);
    // The summary is in the messages' language (English here, FOLKEHELSE_LANG=en) and ends with where the outputs are.
    expect(r.stdout).toMatch(/^3 documents: 3 built, 0 up to date, 0 failed \(\d+\.\d s\)\.\n.* \S+\n$/);
    expect(r.stdout).toContain(out);
    expect(existsSync(join(out, '.folkehelse-staging'))).toBe(false); // no empty staging folder left
    expect(r.stderr).toMatch(/5037 Levanger: oversikt-2027\.nb\.md, oversikt-2027\.nb\.html/);
    expect(r.stderr).toMatch(/Innherred: side-om-side-2027\.nb\.md/);
    const again = run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--out', out, '--format', 'md,html');
    expect(again.stdout).toMatch(/^3 documents: 0 built, 3 up to date, 0 failed/);
    const nn = run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--out', out, '--format', 'md', '--kommune', '5038', '--lang', 'nn');
    expect(nn.stdout).toMatch(/^1 dokument: 1 bygde, 0 uendra, 0 feila .*\nResultata ligg i /);
  });
  it('reports configuration problems with the file and the field (exit 2)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ kommuner: ['50370'], data: ['.'], lang: 'se', extra: 1 }));
    const r = run('build', '--config', join(dir, 'bad.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json: the configuration has 3 problems:');
    expect(r.stderr).toContain('(top level): unknown field "extra"');
    expect(r.stderr).toContain('lang: must be one of "nb", "nn"');
    expect(r.stderr).toContain('kommuner[0]: must be a municipality number');
  });
  it('a data folder that does not exist (exit 2, no stack trace)', () => {
    const r = run('build', '--data', 'no/such/folder', '--kommune', '5037', '--out', tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('folkehelse: no/such/folder: no such file or folder');
    expect(r.stderr).not.toMatch(/\bat \w+ \(|node:internal/);
  });
  it('an unknown municipality, and no configuration at all (exit 2)', () => {
    expect(run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--kommune', '9999', '--out', tempDir())).toMatchObject({ code: 2, stderr: expect.stringMatching(/"9999" is not a municipality number/) });
    const noConfig = spawnSync(process.execPath, [BIN, 'build'], { encoding: 'utf8', cwd: tempDir(), env: { ...process.env, FOLKEHELSE_LANG: 'en' } });
    expect(noConfig.status).toBe(2);
    expect(noConfig.stderr).toMatch(/give --config <file>, or --data <folder> and --kommune <numbers> or --fylke <number>/);
    expect(run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--shard', '3/2')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--shard: "3\/2" is not i\/n/) });
    expect(run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--concurrency', '0')).toMatchObject({ code: 2 });
  });
  it('--catalogue adds the user\'s catalogue to the configuration\'s', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ exclude: ['antibiotika'], indicators: [] }));
    const r = run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--kommune', '5037', '--catalogue', join(dir, 'mine.json'), '--out', join(dir, 'out'), '--format', 'md');
    expect(r.code).toBe(0);
    const md = readFileSync(join(dir, 'out', '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    expect(md).not.toContain('Antibiotikabrukere');
    expect(md).toContain('Plaget av ensomhet');
  });
  it('--json prints a summary per document', async () => {
    const out = tempDir();
    const r = await runIn('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--out', out, '--format', 'md', '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.documents.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([['5037', 'built'], ['5038', 'built'], ['region', 'built']]);
    expect(summary.documents[0]).toMatchObject({ name: 'Levanger', kind: 'kommune', warnings: [], error: null, outputs: expect.arrayContaining([expect.stringMatching(/oversikt-2027\.nb\.md$/)]) });
    expect(typeof summary.documents[0].seconds).toBe('number');
  });
  it('a municipality without data fails alone; the others are built (exit 1)', () => {
    const out = tempDir();
    const r = run('build', '--data', INNHERRED, '--kommune', '5037,5001', '--out', out, '--format', 'md');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^3 documents: 1 built, 0 up to date, 2 failed/);
    expect(r.stderr).toMatch(/5001 Trondheim failed: Trondheim \(5001\) has no data/);
    expect(existsSync(join(out, '5037-levanger', `oversikt-${new Date().getFullYear() + ((2027 - new Date().getFullYear()) % 4 + 4) % 4}.nb.md`))).toBe(true);
  });
});
