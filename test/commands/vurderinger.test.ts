import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { EXAMPLE, FIXTURES, INNHERRED_CONFIG, tempDir } from '../helpers.js';

async function runIn(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
  return { code, stdout, stderr };
}

/** Levanger fully assessed, on the shipped example's data (fixtures/innherred/data). */
const FULL = join(FIXTURES, 'innherred-fullt-vurdert');

/** A copy of the fully assessed fixture in a temporary folder, reading the example's data; `config` overrides fields. */
function fullCopy(config: Record<string, unknown> = {}): { dir: string; config: string; file: (name: string) => string } {
  const dir = tempDir();
  cpSync(join(FULL, 'vurderinger'), join(dir, 'vurderinger'), { recursive: true });
  const original = JSON.parse(readFileSync(join(FULL, 'folkehelse.config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ ...original, $schema: undefined, data: [join(EXAMPLE, 'data')], allowPaths: [EXAMPLE], ...config }));
  return { dir, config: join(dir, 'folkehelse.config.json'), file: (name) => join(dir, 'vurderinger', '5037', name) };
}

describe('folkehelse vurderinger', () => {
  it('lists the missing and incomplete files of the synthetic fixture and the texts that contradict the trend test', async () => {
    const r = await runIn('vurderinger', '--config', INNHERRED_CONFIG, '--kommune', '5037');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('5037 Levanger');
    expect(r.stdout).toMatch(/missing\s+5037\/c\.md: Vurdering: fysisk, biologisk, kjemisk og sosialt miljø \(forskrift om oversikt over folkehelsen § 3 c\)/);
    expect(r.stdout).toMatch(/missing\s+5037\/legevakt\.md: Legevakten \(folkehelseloven § 5 b\)/);
    // A theme written as one paragraph has none of the parts the law's assessment needs.
    expect(r.stdout).toMatch(/incomplete 5037\/a\.md: missing text under "## Status og utvikling", "## Årsaksforhold", "## Konsekvenser", "## Tiltak og planbehov"/);
    expect(r.stdout).toMatch(/check\s+5037\/b\.md: the text says "Andelen unge uføretrygdede er likevel høyere enn i landet og har økt\." \(increase\) about uforetrygdede, but the computed trend is no significant change — change the sentence, or mark it as deliberate with <!-- bevisst: reason --> right after it/);
    expect(r.stdout).toContain("21 required assessments missing, empty, incomplete or too thin; 0 unknown files; 1 sentence contradicts the numbers (0 marked deliberate); 0 texts in another language than the document's.");
    expect((await runIn('vurderinger', '--config', INNHERRED_CONFIG, '--kommune', '5037', '--final', '--skip-numbers')).code).toBe(1);
  });

  it('passes --final on the fully assessed fixture; in nynorsk it names every text that is in bokmål, without refusing it', async () => {
    const nb = await runIn('vurderinger', '--config', join(FULL, 'folkehelse.config.json'), '--final', '--lang', 'nb');
    // --lang nb and nn: the messages too are in the document's language.
    expect(nb.stdout).toContain('0 påkrevde vurderinger mangler, er tomme, ufullstendige eller for tynne; 0 ukjente filer; 0 setninger motsier tallene (0 markert som bevisste); 0 tekster på et annet språk enn dokumentets.');
    expect(nb.code).toBe(0);
    const en = await runIn('vurderinger', '--config', join(FULL, 'folkehelse.config.json'), '--final');
    expect(en.stdout).toContain("0 required assessments missing, empty, incomplete or too thin; 0 unknown files; 0 sentences contradict the numbers (0 marked deliberate); 0 texts in another language than the document's.");
    const nn = await runIn('vurderinger', '--config', join(FULL, 'folkehelse.config.json'), '--final', '--lang', 'nn');
    expect(nn.stdout).toMatch(/språk\s+5037\/b\.md: dokumentet på nynorsk brukar denne teksten på bokmål; skriv 5037\/b\.nn\.md for ein tekst på nynorsk/);
    expect(nn.stdout).not.toMatch(/språk\s+5037\/a/);
    expect(nn.stdout).toContain('0 påkravde vurderingar manglar, er tomme, ufullstendige eller for tynne; 0 ukjende filer; 0 setningar motseier tala (0 markerte som medvitne); 23 tekstar på eit anna språk enn dokumentet sitt.');
    expect(nn.code).toBe(0);
  });

  it('refuses --final for a contradiction until the sentence is marked deliberate, with a reason', async () => {
    const { config, file } = fullCopy();
    const f = readFileSync(file('f.md'), 'utf8');
    // The computed trend of loneliness is a significant increase (first against last Ungdata year).
    const claim = 'Ensomheten blant ungdom har gått ned siden 2021.';
    const withClaim = (marker: string) => writeFileSync(file('f.md'), f.replace('Ensomheten har økt signifikant siden 2015, da andelen var 17,9 prosent.', `${claim}${marker}`));
    withClaim('');
    const unmarked = await runIn('vurderinger', '--config', config, '--final');
    expect(unmarked.code).toBe(1);
    expect(unmarked.stdout).toMatch(/check\s+5037\/f\.md: the text says "Ensomheten blant ungdom har gått ned siden 2021\." \(decrease\) about ensomhet, but the computed trend is/);
    // A marker without a reason marks nothing.
    withClaim(' <!-- bevisst: -->');
    expect((await runIn('vurderinger', '--config', config, '--final')).code).toBe(1);
    withClaim(' <!--   bevisst:  skolens egen kartlegging 2025 viser nedgang -->');
    expect((await runIn('vurderinger', '--config', config, '--final')).code).toBe(0);
  });

  it('refuses a theme in one sentence, an empty part and a part too thin, naming the file and the part', async () => {
    const { config, file } = fullCopy();
    writeFileSync(file('e.md'), 'Fysisk inaktivitet og skjermtid er som i landet.\n');
    const c = readFileSync(file('c.md'), 'utf8');
    writeFileSync(file('c.md'), c.replace(/## Konsekvenser\n\n[^\n]+\n/, '## Konsekvenser\n\n<!-- skrives senere -->\n'));
    const d = readFileSync(file('d.md'), 'utf8');
    writeFileSync(file('d.md'), d.replace(/## Årsaksforhold\n\n[^\n]+\n/, '## Årsaksforhold\n\nFall blant eldre.\n'));
    const r = await runIn('vurderinger', '--config', config, '--final', '--skip-numbers');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/incomplete 5037\/e\.md: missing text under "## Status og utvikling", "## Årsaksforhold", "## Konsekvenser", "## Tiltak og planbehov" \(Vurdering: helserelatert atferd; forskrift om oversikt over folkehelsen § 3 e\)/);
    expect(r.stdout).toMatch(/incomplete 5037\/c\.md: missing text under "## Konsekvenser" \(/);
    expect(r.stdout).toMatch(/thin\s+5037\/d\.md: too thin: "## Årsaksforhold" has 3 words \(at least 25\)/);
    expect(r.stdout).toContain('3 required assessments missing, empty, incomplete or too thin');
  });

  it('follows the law on the document\'s date: planbehov and the themes\' measures are required from 1 January 2026, optional before', async () => {
    const strip = (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(/## Tiltak og planbehov\n\n[^\n]+\n/, ''));
    const after = fullCopy();
    rmSync(after.file('planbehov.md'));
    strip(after.file('a.md'));
    const r2027 = await runIn('vurderinger', '--config', after.config, '--final', '--skip-numbers');
    expect(r2027.code).toBe(1);
    expect(r2027.stdout).toMatch(/missing\s+5037\/planbehov\.md: Hvordan kommunen kan møte utfordringene, og planbehov \(folkehelseloven § 5 annet ledd annet punktum \(lov 20\. juni 2025 nr\. 69, i kraft 1\. januar 2026\)\)/);
    expect(r2027.stdout).toMatch(/incomplete 5037\/a\.md: missing text under "## Tiltak og planbehov"/);
    // A document dated before the amendment (the 2023 edition): optional, and said so.
    const before = fullCopy({ edition: 2023, generatedOn: '2025-06-01' });
    rmSync(before.file('planbehov.md'));
    strip(before.file('a.md'));
    const r2025 = await runIn('vurderinger', '--config', before.config, '--final', '--skip-numbers');
    expect(r2025.stdout).toMatch(/optional\s+5037\/planbehov\.md: required in documents dated 2026-01-01 or later .*; this document is dated 2025-06-01, so it is optional/);
    expect(r2025.stdout).toContain('0 required assessments missing');
    expect(r2025.code).toBe(0);
    // Without a date, the edition's year: the 2027 edition is under the amended law.
    const undated = fullCopy({ generatedOn: undefined });
    rmSync(undated.file('planbehov.md'));
    expect((await runIn('vurderinger', '--config', undated.config, '--final', '--skip-numbers')).code).toBe(1);
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
