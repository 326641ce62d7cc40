import { readFileSync, readdirSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { loadData, leftOutProblems } from '../../src/sources/load.js';
import { INNHERRED, INVALID, tempDir } from '../helpers.js';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1' } });
  return { code, stdout, stderr };
}

const bad = (name: string) => join(INVALID, name);

describe('validation problems in the user\'s language', () => {
  it('a count above its denominator: bokmål, nynorsk and English, with line and column', async () => {
    const nb = await cli('validate', bad('constraint-error.csv'), '--lang', 'nb');
    expect(nb.code).toBe(1);
    expect(nb.stdout).toContain('linje 3, kolonne 5 (TELLER): Umulig verdi: TELLER (1900) er større enn NEVNER (95): telleren kan ikke være større enn nevneren');
    const nn = await cli('validate', bad('constraint-error.csv'), '--lang', 'nn');
    expect(nn.stdout).toContain('linje 3, kolonne 5 (TELLER): Umogleg verdi: TELLER (1900) er større enn NEVNER (95): teljaren kan ikkje vere større enn nemnaren');
    const en = await cli('validate', bad('constraint-error.csv'), '--lang', 'en');
    expect(en.stdout).toContain('line 3, column 5 (TELLER): Impossible value: TELLER (1900) is larger than NEVNER (95): more cases than people at risk');
  });

  it('an unknown area and a broken CSV', async () => {
    const nb = await cli('validate', bad('unknown-geography.csv'), bad('syntax-error.csv'), '--lang', 'nb');
    expect(nb.stdout).toMatch(/linje 4, kolonne 1 \(Geografi\): Ukjent område: «Innherred» er ikke en kommune, et fylke eller «Hele landet» i registeret/);
    expect(nb.stdout).toMatch(/linje 3: Ødelagt filstruktur: en celle i anførselstegn blir aldri lukket \(en " mangler\), så resten av filen kan ikke leses/);
    const nn = await cli('validate', bad('unknown-geography.csv'), bad('syntax-error.csv'), '--lang', 'nn');
    expect(nn.stdout).toMatch(/linje 4, kolonne 1 \(Geografi\): Ukjent område: «Innherred» er ikkje ein kommune, eit fylke eller «Hele landet» i registeret/);
    expect(nn.stdout).toMatch(/linje 3: Øydelagd filstruktur: ei celle i hermeteikn blir aldri lukka \(ein " manglar\), så resten av fila kan ikkje lesast/);
    const en = await cli('validate', bad('unknown-geography.csv'), '--lang', 'en');
    expect(en.stdout).toMatch(/line 4, column 1 \(Geografi\): Unknown area: "Innherred" is not a municipality, county or "Hele landet" in the register/);
  });

  it('a cell of the wrong kind says what its column must hold, in the language', async () => {
    const nb = await cli('validate', bad('type-error.csv'), '--lang', 'nb');
    expect(nb.stdout).toMatch(/linje 3, kolonne 5 \(TELLER\): Feil slags verdi: «95 personer» i kolonne TELLER er ikke et antall \(et tall på minst 0\)/);
    const nn = await cli('validate', bad('type-error.csv'), '--lang', 'nn');
    expect(nn.stdout).toMatch(/linje 3, kolonne 5 \(TELLER\): Feil slag verdi: «95 personer» i kolonne TELLER er ikkje eit tal på tilfelle \(minst 0\)/);
    const en = await cli('validate', bad('type-error.csv'), '--lang', 'en');
    expect(en.stdout).toMatch(/line 3, column 5 \(TELLER\): Wrong kind of value: "95 personer" in column TELLER is not a count \(a number of at least 0\)/);
  });

  it('a short row names the missing columns as the language quotes them', async () => {
    const nb = await cli('validate', bad('missing-cell.csv'), '--lang', 'nb');
    expect(nb.stdout).toMatch(/linje 3, kolonne 7 \(RATE\): Verdi mangler: raden har 6 celler, men overskriftsraden har 8 kolonner; «RATE», «SPVFLAGG» mangler/);
  });

  it('inspect says what the counts are good for in the language', async () => {
    const nn = await cli('inspect', bad('constraint-error.csv'), '--lang', 'nn');
    expect(nn.stdout).toMatch(/alle delar og ratar har talet sitt på tilfelle \(1\); i periodar på fleire år er tala til FHI årlege gjennomsnitt/);
    const en = await cli('inspect', bad('constraint-error.csv'), '--lang', 'en');
    expect(en.stdout).toMatch(/every share and rate has its count \(1\); in multi-year periods FHI's counts are yearly averages/);
  });

  it('--json keeps the codes and gives the messages in the run\'s language', async () => {
    const r = await cli('validate', bad('constraint-error.csv'), '--json', '--lang', 'nn');
    const report = JSON.parse(r.stdout) as { files: { issues: { code: string; line: number; message: string }[] }[] };
    expect(report.files[0]!.issues[0]).toMatchObject({ code: 'constraint-error', line: 3, message: expect.stringMatching(/^Umogleg verdi: /) });
  });

  it('a left-out file\'s problems in any language; the draft\'s appendix in the document\'s', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'data'));
    copyFileSync(bad('constraint-error.csv'), join(dir, 'data', 'teller-over-nevner.csv'));
    const data = await loadData([join(dir, 'data')], { leaveOut: true });
    expect(data.leftOut).toHaveLength(1);
    expect(leftOutProblems(data.leftOut[0]!, 'nb')).toEqual(['linje 3, kolonne 5 (TELLER): Umulig verdi: TELLER (1900) er større enn NEVNER (95): telleren kan ikke være større enn nevneren']);
    expect(leftOutProblems(data.leftOut[0]!, 'nn')[0]).toMatch(/^linje 3, kolonne 5 \(TELLER\): Umogleg verdi: /);
    // The library's language is English.
    expect(data.leftOut[0]!.problems[0]).toMatch(/^line 3, column 5 \(TELLER\): Impossible value: /);
  });

  it('a nynorsk draft names a left-out file with nynorsk problem lines, on stderr and in the appendix', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const config = JSON.parse(readFileSync(join(INNHERRED, 'folkehelse.config.json'), 'utf8')) as { data: string[]; catalogue: string[]; assessments: string };
    const inFixture = (p: string) => join(INNHERRED, p);
    mkdirSync(join(dir, 'feil'));
    copyFileSync(bad('constraint-error.csv'), join(dir, 'feil', 'teller-over-nevner.csv'));
    writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ ...config, data: [...config.data.map(inFixture), join(dir, 'feil')], catalogue: config.catalogue.map(inFixture), assessments: inFixture(config.assessments), allowPaths: [INNHERRED], lang: 'nn' }));
    const out = join(dir, 'ut');
    const r = await cli('build', '--config', join(dir, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--out', out);
    expect(r.code, JSON.stringify(r.stderr)).toBe(1);
    expect(r.stderr).toMatch(/teller-over-nevner\.csv .*\n {4}linje 3, kolonne 5 \(TELLER\): Umogleg verdi: TELLER \(1900\) er større enn NEVNER \(95\)/);
    const folder = readdirSync(out).find((d) => d.startsWith('5037'))!;
    const md = readFileSync(join(out, folder, 'oversikt-2027.nn.md'), 'utf8');
    expect(md).toMatch(/teller-over-nevner\.csv`: linje 3, kolonne 5 \(TELLER\): Umogleg verdi: TELLER \(1900\) er større enn NEVNER \(95\): teljaren kan ikkje vere større enn nemnaren/);
    expect(md).not.toMatch(/Impossible value|larger than/);
  });
});
