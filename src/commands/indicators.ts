import { EXIT_USAGE, FolkehelseError, msg, UsageError } from '../base/errors.js';
import { messageLang } from '../base/messages.js';
import { exitCodeFor } from '../cli/exit.js';
import { escapeTerminal, jsonForTerminal } from '../cli/terminal.js';
import type { RegisterCommand } from './context.js';
import { colorWanted, langOption, strictOption, type MessageLang } from './options.js';

export const register: RegisterCommand = (program, { io, style, setExitCode }) => {
  program
    .command('indicators')
    .description('compute the indicator barometer for a municipality: value, county, land, period, unit, verdict against land and trend')
    .requiredOption('--data <folder...>', 'folder(s) or files with the exports')
    .requiredOption('--kommune <number>', 'the municipality, e.g. 5037')
    .option('--theme <letter>', 'only the indicators of one forskrift theme (a–f)')
    .option('--catalogue <file...>', 'your own catalogue file(s): add, replace or exclude indicators')
    .option('--kostragruppe <code>', 'the KOSTRA group to compare with, e.g. EKG11')
    .addOption(langOption('language of the table, its notes and the messages: bokmål or nynorsk (en: bokmål table, notes in English); default: FOLKEHELSE_LANG, else nb', true))
    .option('--json', 'print every result in full (machine-readable)')
    .option('--csv', 'print the barometer as CSV')
    .addOption(strictOption())
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse indicators --data data --kommune 5037
  $ folkehelse indicators --data data --kommune 5038 --theme f --lang nn
  $ folkehelse indicators --data data --kommune 5037 --json > levanger.json
  $ folkehelse indicators --data data --kommune 5037 --catalogue katalog-eksempel.json --csv

Warnings: an indicator whose catalogue selection is invalid (--strict: exit 1).
Exit 2: the municipality has no data, the data has errors (run validate), or bad usage.`,
    )
    .action(async (opts: { data: string[]; kommune: string; theme?: string; catalogue?: string[]; kostragruppe?: string; lang?: MessageLang; json?: boolean; csv?: boolean; strict?: boolean }) => {
      const lang = opts.lang ?? messageLang();
      // Loaded when used, so `validate` and `inspect` start quickly.
      const { renderBarometer, renderBarometerCsv } = await import('../cli/barometer.js');
      const { loadData } = await import('../sources/load.js');
      const { isTheme, loadCatalogue } = await import('../indicators/catalogue.js');
      const { computeIndicators, resolveKommune } = await import('../indicators/engine.js');
      const { defaultRegister } = await import('../geo/register.js');
      const { loadMessages } = await import('../cli/messages.js');
      if (opts.theme !== undefined && !isTheme(opts.theme)) throw new UsageError(msg('errors.usage.theme', { value: opts.theme }));
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
        // Nothing to compute: found before any output.
        throw new FolkehelseError(msg('indicators.noData', { name: escapeTerminal(kommune.name), code: kommune.code, data: escapeTerminal(opts.data.join(', ')), kommuner: kommuner.length ? escapeTerminal(kommuner.slice(0, 10).join(', ')) : msg('errors.data.noMunicipalities') }), EXIT_USAGE);
      }
      const results = computeIndicators(data.observations, catalogue, { kommune: kommune.code, comparisons: { kostragruppe: opts.kostragruppe } });
      if (opts.json) io.stdout.write(jsonForTerminal(results));
      else if (opts.csv) io.stdout.write(renderBarometerCsv(results));
      else {
        const fylke = defaultRegister().current('fylke', kommune.fylke)?.name ?? kommune.fylke;
        const { loadTexts } = await import('../report/language.js');
        const tableLang = lang === 'en' ? 'nb' : lang;
        io.stdout.write(renderBarometer(results, loadTexts(tableLang), tableLang, style, colorWanted(io.stdout, io.env), fylke, { lang, messages: loadMessages(lang) }));
      }
      setExitCode(exitCodeFor({ failed: 0, warnings: results.filter((r) => r.status === 'invalid-selection').length, strict: opts.strict }, io));
    });
};
