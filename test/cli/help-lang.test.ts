import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';

async function help(env: NodeJS.ProcessEnv, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', ...env } });
  expect(code, stderr).toBe(0);
  return stdout;
}

/** The example command lines of a help text: the same in every language. */
const examples = (text: string) => [...text.matchAll(/^ {2}\$ (.*)$/gm)].map((m) => m[1]);
/** The option names of a help text. */
const options = (text: string) => [...text.matchAll(/^ {2}(-[-\w, ]+?)(?: <[^>]+>)?\s{2,}/gm)].map((m) => m[1]);

/** Issue 23 (the user's language): `--help` follows --lang, FOLKEHELSE_LANG and the configuration, as every message does. */
describe('--help in the user\'s language', () => {
  it('folkehelse --help: bokmål by default and with --lang nb, nynorsk with --lang nn, English with --lang en', async () => {
    const nb = await help({}, '--help');
    expect(await help({}, '--help', '--lang', 'nb')).toBe(nb);
    expect(nb).toMatch(/^Bruk: folkehelse \[valg\] \[kommando\]\n/);
    for (const s of ['\nValg:\n', '\nKommandoer:\n', 'vis hjelp', 'skriv ut versjonen', 'Eksempler:', 'Avslutningskoder (alle kommandoer):', 'vis hjelp for en kommando']) expect(nb).toContain(s);
    const nn = await help({}, '--help', '--lang', 'nn');
    expect(nn).toMatch(/^Bruk: folkehelse \[val\] \[kommando\]\n/);
    for (const s of ['\nVal:\n', '\nKommandoar:\n', 'Døme:', 'Avslutningskodar (alle kommandoar):', 'vis hjelp for ein kommando']) expect(nn).toContain(s);
    expect(await help({ FOLKEHELSE_LANG: 'nn' }, '--help')).toBe(nn);
    const en = await help({}, '--help', '--lang', 'en');
    for (const s of ['Usage: folkehelse [options] [command]', '\nOptions:\n', '\nCommands:\n', 'display help for command', 'Examples:', 'Exit codes (every command):']) expect(en).toContain(s);
    for (const text of [nb, nn]) for (const s of ['Usage:', 'Options:', 'Commands:', 'display help', 'Examples', 'Exit codes', 'default:', '[options]']) expect(text).not.toContain(s);
    // The same commands, examples and option names in every language.
    expect(examples(nb)).toEqual(examples(en));
    expect(examples(nn)).toEqual(examples(en));
  });

  it('folkehelse build --help: every description, default and note in the language; option names and examples unchanged', async () => {
    const nb = await help({}, 'build', '--help', '--lang', 'nb');
    const nn = await help({}, 'build', '--help', '--lang', 'nn');
    const en = await help({}, 'build', '--help', '--lang', 'en');
    expect(nb).toMatch(/^Bruk: folkehelse build \[valg\]\n\nbygg oversiktsdokumentet/);
    expect(nb).toContain('(standard: "2")');
    expect(nb).toContain('Avslutningskoder: 0 alle dokumentene er bygget');
    expect(nn).toMatch(/^Bruk: folkehelse build \[val\]\n\nbyggj oversiktsdokumentet/);
    expect(nn).toContain('skriv berre ut problem');
    expect(nn).toContain('Avslutningskodar: 0 alle dokumenta er bygde');
    expect(en).toMatch(/^Usage: folkehelse build \[options\]\n\nbuild the oversiktsdokument/);
    expect(en).toContain('(default: "2")');
    for (const text of [nb, nn]) for (const s of ['Usage:', 'Options:', 'Examples:', 'Exit codes', 'default:', 'the configuration', 'print a machine-readable']) expect(text).not.toContain(s);
    expect(options(nb)).toEqual(options(en));
    expect(options(nn)).toEqual(options(en));
    expect(options(en)).toContain('--shard');
    expect(examples(nb)).toEqual(examples(en));
    expect(examples(nn)).toEqual(examples(en));
  });

  it('every command\'s --help has its texts in nb and nn (no key left unrendered, no English title)', async () => {
    for (const command of ['init', 'validate', 'inspect', 'fetch', 'indicators', 'build', 'diff', 'browser', 'vurderinger', 'preview']) {
      // FOLKEHELSE_LANG: preview's --lang takes document languages only.
      const en = await help({ FOLKEHELSE_LANG: 'en' }, command, '--help');
      for (const lang of ['nb', 'nn']) {
        const text = await help({ FOLKEHELSE_LANG: lang }, command, '--help');
        expect(text, `${command} --help --lang ${lang}`).not.toMatch(/help\.\w|Usage:|Options:|Arguments:|Examples|Exit codes|\(default:/);
        expect(examples(text)).toEqual(examples(en));
      }
    }
  });
});
