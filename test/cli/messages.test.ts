import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolkehelseError, InputFileError, msg, UsageError } from '../../src/base/errors.js';
import { messageLang, render, sayCount, setMessageLang } from '../../src/base/messages.js';
import { commanderError } from '../../src/cli/commander-text.js';
import { messageLangFromArgv, messageLangOf } from '../../src/cli/lang.js';
import { readLanguageFile } from '../../src/language/files.js';
import { EXIT_CODES_HELP, main } from '../../src/main.js';
import { EXAMPLE, INNHERRED, ROOT, tempDir } from '../helpers.js';

async function runIn(env: NodeJS.ProcessEnv, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', ...env } });
  return { code, stdout, stderr };
}

const leaves = (node: unknown, path = ''): [string, string][] =>
  typeof node === 'string' ? [[path, node]] : node !== null && typeof node === 'object' ? Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k)) : [];

describe('errors carry a message of the vocabulary', () => {
  it('key and values are kept; the message is English in the library, and rendered in any language', () => {
    const e = new InputFileError('data/a.csv', msg('errors.file.empty'));
    expect(e).toMatchObject({ key: 'errors.file.empty', params: {}, subject: 'data/a.csv', exitCode: 2 });
    expect(e.message).toBe('data/a.csv: is empty (0 bytes); download the export again');
    const before = setMessageLang('nn');
    try {
      const nn = new UsageError(msg('errors.usage.maxSize', { value: '5 kilo' }));
      expect(nn.message).toBe('--max-size: «5 kilo» er ikkje ein storleik; skriv til dømes 500MB eller 2GB');
      expect(nn.english).toBe('--max-size: "5 kilo" is not a size; write e.g. 500MB or 2GB');
      expect(render(msg('errors.file.empty'), 'nb')).toBe('er tom (0 byte); last ned eksporten på nytt');
    } finally {
      setMessageLang(before);
    }
    // A message given as text (not yet in the vocabulary) stays as it is.
    expect(new FolkehelseError('plain words', 1)).toMatchObject({ message: 'plain words', key: null, english: 'plain words' });
  });

  it('values may be messages; counts take the language\'s plural forms', () => {
    expect(render(msg('errors.data.invalid', { count: 7, paths: 'data', lines: '  x', more: msg('errors.data.more', { count: 2 }) }), 'nb')).toBe('dataene har 7 feil; rett dem først («folkehelse validate data» viser alle):\n  x\n  … og 2 til');
    expect(sayCount('words.files', 1, {}, 'nb')).toBe('1 fil');
    expect(sayCount('words.files', 3, {}, 'nn')).toBe('3 filer');
    expect(sayCount('words.warnings', 2, {}, 'nn')).toBe('2 åtvaringar');
    expect(sayCount('words.observations', 1, {}, 'en')).toBe('1 observation');
  });

  it('the program\'s English has every text of the vocabulary the program renders (notes and init\'s texts fall back to bokmål)', () => {
    const en = new Map(leaves(readLanguageFile('messages', 'en')));
    const missing = leaves(readLanguageFile('messages', 'nb'))
      .map(([path]) => path)
      .filter((path) => !path.startsWith('notes.') && !path.startsWith('init.') && !en.has(path));
    expect(missing).toEqual([]);
  });

  it('advice points at what the user can change, never at a file inside the package', () => {
    for (const lang of ['nb', 'nn', 'en']) {
      for (const [path, text] of leaves(readLanguageFile('messages', lang))) {
        expect(text, `${lang} ${path}`).not.toMatch(/data\/(catalogue|assessments|cli)\/|templates\/lang|(correct|check|update)[^.;]* in the catalogue|rett[^.;]* i katalogen/);
      }
    }
  });
});

describe('the language of the messages', () => {
  it('--lang, else FOLKEHELSE_LANG, else the configuration, else bokmål', () => {
    expect(messageLangOf(undefined, {})).toBe('nb');
    expect(messageLangOf(undefined, {}, 'nn')).toBe('nn');
    expect(messageLangOf(undefined, { FOLKEHELSE_LANG: 'en' }, 'nn')).toBe('en');
    expect(messageLangOf('nn', { FOLKEHELSE_LANG: 'en' }, 'nb')).toBe('nn');
    expect(messageLangOf(undefined, { FOLKEHELSE_LANG: 'de' }, 'fr')).toBe('nb');
    const dir = tempDir();
    writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ kommuner: ['5037'], data: ['.'], lang: 'nn' }));
    expect(messageLangFromArgv(['validate', 'x'], {}, dir)).toBe('nn');
    expect(messageLangFromArgv(['validate', 'x', '--lang=en'], {}, dir)).toBe('en');
    mkdirSync(join(dir, 'sub'));
    expect(messageLangFromArgv(['build', '--config', join(dir, 'folkehelse.config.json')], {}, join(dir, 'sub'))).toBe('nn');
    expect(messageLangFromArgv(['build'], {}, join(dir, 'sub'))).toBe('nb');
  });

  it('a run leaves the library\'s language as it was', async () => {
    expect(messageLang()).toBe('en');
    await runIn({}, 'validate', join(tempDir(), 'nope.csv'));
    expect(messageLang()).toBe('en');
  });

  it('errors, reports and summaries in bokmål by default, nynorsk from the configuration, English with --lang en', async () => {
    const missing = join(tempDir(), 'mangler.csv');
    const nb = await runIn({}, 'validate', missing);
    expect(nb.code).toBe(2);
    expect(nb.stdout).toMatch(/kan ikke leses: filen eller mappen finnes ikke\n\n1 fil, 0 gyldige, 1 kunne ikke leses; 0 feil, 0 advarsler; 0 observasjoner lest\./);
    const en = await runIn({}, 'validate', missing, '--lang', 'en');
    expect(en.stdout).toMatch(/cannot be read: no such file or folder\n\n1 file, 0 valid, 1 unreadable; 0 errors, 0 warnings; 0 observations read\./);
    const dir = tempDir();
    writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ kommuner: ['9999'], data: ['.'], lang: 'nn' }));
    const nn = await runIn({}, 'build', '--config', join(dir, 'folkehelse.config.json'));
    expect(nn.code).toBe(2);
    expect(nn.stderr).toMatch(/^folkehelse: .*folkehelse\.config\.json: konfigurasjonen har ein feil:\n/);
    expect((await runIn({}, 'indicators', '--data', join(EXAMPLE, 'data'), '--kommune', '5037', '--theme', 'x')).stderr).toBe('folkehelse: --theme: «x» er ikke et av forskriftens temaer a, b, c, d, e, f\n');
  });

  it("commander's own errors too, with its suggestion", async () => {
    const r = await runIn({}, 'validate', '--max-per-typ', '3', 'data');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^folkehelse: ukjent valg «--max-per-typ»\n\(Mente du --max-per-type\?\)\n\(kjør med --help/);
    expect((await runIn({}, 'buld')).stderr).toMatch(/^folkehelse: ukjent kommando «buld»\n\(Mente du build\?\)/);
    expect((await runIn({ FOLKEHELSE_LANG: 'nn' }, 'indicators', '--data', 'data')).stderr).toMatch(/^folkehelse: gje opp --kommune <nummer>, til dømes --kommune 5037/);
    expect((await runIn({}, 'inspect')).stderr).toMatch(/^folkehelse: manglar|^folkehelse: mangler «file»/);
    expect(commanderError("error: option '--format <format>' argument 'x' is invalid. Allowed choices are a, b.\n")).toMatch(/^folkehelse: option '--format <format>' argument 'x' is invalid/);
  });

  it('the build\'s progress and summary in the document\'s language', async () => {
    const out = tempDir();
    const r = await runIn({}, 'build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--out', out, '--lang', 'nn');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^1 dokument å sjekke, 0 uendra\nlas \d+ filer, [\d\s]+ observasjonar\n5037 Levanger: oversikt-2027\.nn\.md/);
    expect(r.stdout).toMatch(/^1 dokument: 1 bygde, 0 uendra, 0 feila \(/);
  });
});

describe('exit codes with one meaning each', () => {
  it('are one table in --help and in the README', async () => {
    const help = (await runIn({ FOLKEHELSE_LANG: 'en' }, '--help')).stdout;
    expect(help).toContain(EXIT_CODES_HELP);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    for (const line of EXIT_CODES_HELP.split(/\n {2}(?=\d)/).slice(1)) {
      const [code, ...words] = line.replace(/\s+/g, ' ').trim().split(' ');
      expect(readme.includes(`| ${code} | ${words.join(' ')} |`), `README's exit code ${code}: | ${code} | ${words.join(' ')} |`).toBe(true);
    }
  });

  it('validate: 2 when nothing could be read, 1 when a file was left out or has errors, 0 (--strict: 1) with warnings only', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tom.csv'), '');
    expect((await runIn({}, 'validate', join(dir, 'tom.csv'))).code).toBe(2);
    const good = join(EXAMPLE, 'data', 'ungdata');
    expect((await runIn({}, 'validate', good, join(dir, 'tom.csv'))).code).toBe(1);
    expect((await runIn({}, 'validate', join(ROOT, 'fixtures', 'invalid', 'type-error.csv'))).code).toBe(1);
    // Levanger's number before 2018: read as 5037, with a warning.
    const warned = join(dir, 'ungdata.csv');
    writeFileSync(warned, 'kommune;year;indicator;indicator_label;grouping;group;n_respondents;n_yes\n1719;2015;ensomhet;Plaget av ensomhet;total;alle;1120;201\n');
    const w = await runIn({}, 'validate', warned);
    expect(w.code).toBe(0);
    const strict = await runIn({}, 'validate', warned, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/^folkehelse: --strict: avslutningskode 1 på grunn av 1 advarsel\n$/);
  });

  it('indicators: a municipality without data is 2 (nothing could be done), before any output', async () => {
    const r = await runIn({}, 'indicators', '--data', join(EXAMPLE, 'data'), '--kommune', '0301');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^folkehelse: Oslo \(0301\) har ingen data i .*; dataene har 5037 Levanger, 5038 Verdal\n$/);
  });

  it('build: a PDF left out for want of a browser is 1, while the other formats were written', async () => {
    const out = tempDir();
    const r = await runIn({ FOLKEHELSE_CHROME: '/nowhere/chrome' }, 'build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--kommune', '5038', '--format', 'md,pdf', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/5038 Verdal: fant ingen Chrome, Chromium eller Edge til PDF-en/);
    expect(r.stdout).toMatch(/1 dokument: 1 bygget/);
  });
});
