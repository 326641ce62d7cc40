import { EXIT_INVALID_DATA, EXIT_OK, UsageError } from '../base/errors.js';
import { escapeTerminal, jsonForTerminal } from '../cli/terminal.js';
import type { RegisterCommand } from './context.js';
import { colorWanted, langOption, type MessageLang } from './options.js';

export const register: RegisterCommand = (program, { io, style, setExitCode }) => {
  program
    .command('indicators')
    .description('compute the indicator barometer for a municipality: value, county, land, period, unit, verdict against land and trend')
    .requiredOption('--data <folder...>', 'folder(s) or files with the exports')
    .requiredOption('--kommune <number>', 'the municipality, e.g. 5037')
    .option('--theme <letter>', 'only the indicators of one forskrift theme (a–f)')
    .option('--catalogue <file...>', 'your own catalogue file(s): add, replace or exclude indicators')
    .option('--kostragruppe <code>', 'the KOSTRA group to compare with, e.g. EKG11')
    .addOption(langOption('language of the table and its notes: bokmål or nynorsk (en: bokmål table, notes in English)', true, 'nb'))
    .option('--json', 'print every result in full (machine-readable)')
    .option('--csv', 'print the barometer as CSV')
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse indicators --data fixtures/innherred --kommune 5037
  $ folkehelse indicators --data fixtures/innherred --kommune 5038 --theme f --lang nn
  $ folkehelse indicators --data fixtures/innherred --kommune 5037 --json > levanger.json
  $ folkehelse indicators --data data/ --kommune 5037 --catalogue mine-indikatorer.json --csv`,
    )
    .action(async (opts: { data: string[]; kommune: string; theme?: string; catalogue?: string[]; kostragruppe?: string; lang: MessageLang; json?: boolean; csv?: boolean }) => {
      // Loaded when used, so `validate` and `inspect` start quickly.
      const { renderBarometer, renderBarometerCsv } = await import('../cli/barometer.js');
      const { loadData } = await import('../sources/load.js');
      const { isTheme, loadCatalogue } = await import('../indicators/catalogue.js');
      const { computeIndicators, resolveKommune } = await import('../indicators/engine.js');
      const { defaultRegister } = await import('../geo/register.js');
      const { loadMessages } = await import('../cli/messages.js');
      if (opts.theme !== undefined && !isTheme(opts.theme)) throw new UsageError(`--theme: "${opts.theme}" is not one of the forskrift's themes a, b, c, d, e, f`);
      const kommune = resolveKommune(opts.kommune);
      if (kommune.note) io.stderr.write(`folkehelse: ${escapeTerminal(kommune.note)}\n`);
      let catalogue = loadCatalogue(opts.catalogue ?? []);
      if (opts.theme) catalogue = catalogue.filter((i) => i.theme === opts.theme);
      // A catalogue file kept in the data folder is not data.
      const data = await loadData(opts.data, { exclude: opts.catalogue ?? [] });
      // A merged municipality's history is under the former numbers (0104, 0136 for 3103 Moss).
      const codes = new Set(defaultRegister().dataCodesFor(kommune.code));
      if (!data.observations.some((o) => o.geo.level === 'kommune' && codes.has(o.geo.code))) {
        const kommuner = [...new Set(data.observations.filter((o) => o.geo.level === 'kommune').map((o) => `${o.geo.code} ${o.geo.name}`))].sort();
        io.stderr.write(escapeTerminal(`folkehelse: ${kommune.name} (${kommune.code}) has no data in ${opts.data.join(', ')}; the data has ${kommuner.length ? kommuner.slice(0, 10).join(', ') : 'no municipalities'}`) + '\n');
        setExitCode(EXIT_INVALID_DATA);
        return;
      }
      const results = computeIndicators(data.observations, catalogue, { kommune: kommune.code, comparisons: { kostragruppe: opts.kostragruppe } });
      if (opts.json) io.stdout.write(jsonForTerminal(results));
      else if (opts.csv) io.stdout.write(renderBarometerCsv(results));
      else {
        const fylke = defaultRegister().current('fylke', kommune.fylke)?.name ?? kommune.fylke;
        const { loadTexts } = await import('../report/language.js');
        const tableLang = opts.lang === 'en' ? 'nb' : opts.lang;
        io.stdout.write(renderBarometer(results, loadTexts(tableLang), tableLang, style, colorWanted(io.stdout, io.env), fylke, { lang: opts.lang, messages: loadMessages(opts.lang) }));
      }
      setExitCode(EXIT_OK);
    });
};
