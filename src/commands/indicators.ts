import { resolve } from 'node:path';
import { EXIT_USAGE, FolkehelseError, msg, UsageError } from '../base/errors.js';
import { messageLang } from '../base/messages.js';
import { exitCodeFor } from '../cli/exit.js';
import { escapeTerminal, jsonForTerminal } from '../cli/terminal.js';
import type { RegisterCommand } from './context.js';
import { colorWanted, defaultConfigPath, langOption, strictOption, type MessageLang } from './options.js';

export const register: RegisterCommand = (program, { io, style, setExitCode }) => {
  program
    .command('indicators')
    .description('compute the indicator barometer for a municipality: value, county, land, period, unit, verdict against land and trend')
    .option('--config <file>', 'the configuration: its data, catalogue, suppression limits, comparisons and earlier editions, as build uses them (default: ./folkehelse.config.json when it exists)')
    .option('--data <folder...>', "folder(s) or files with the exports (default: the configuration's)")
    .option('--kommune <number>', "the municipality, e.g. 5037 (default: the configuration's, when it has one)")
    .option('--theme <letter>', 'only the indicators of one forskrift theme (a–f)')
    .option('--catalogue <file...>', 'your own catalogue file(s): add, replace or exclude indicators')
    .option('--kostragruppe <code>', 'the KOSTRA group to compare with, e.g. EKG11')
    .option('--out <folder>', "where build writes (default: the configuration's \"out\", else ./out): its earlier editions bind the suppression, as in build")
    .option('--previous <file|folder>', 'results of earlier editions, as build --previous')
    .option('--edition <year>', "the edition the numbers are for (default: the configuration's)")
    .option('--kind <full|annual>', 'full or annual, as build --kind', 'full')
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
  $ folkehelse indicators --config folkehelse.config.json --kommune 5037 --json

With a configuration (--config, or ./folkehelse.config.json) the numbers are exactly those build
publishes: its data, catalogue, neighbours and KOSTRA group, its suppression limits, and what the
earlier editions in its output folder withheld.

Warnings: an indicator whose catalogue selection is invalid (--strict: exit 1).
Exit 2: the municipality has no data, the data has errors (run validate), or bad usage.`,
    )
    .action(async (opts: IndicatorsOptions) => {
      const lang = opts.lang ?? messageLang();
      // Loaded when used, so `validate` and `inspect` start quickly.
      const { renderBarometer, renderBarometerCsv } = await import('../cli/barometer.js');
      const { loadData } = await import('../sources/load.js');
      const { isTheme, loadCatalogue } = await import('../indicators/catalogue.js');
      const { computeIndicators } = await import('../indicators/engine.js');
      const { defaultRegister } = await import('../geo/register.js');
      const { loadMessages } = await import('../cli/messages.js');
      if (opts.theme !== undefined && !isTheme(opts.theme)) throw new UsageError(msg('errors.usage.theme', { value: opts.theme }));
      const run = await planRun(opts);
      const { kommune } = run;
      if (kommune.note) io.stderr.write(`folkehelse: ${escapeTerminal(kommune.note)}\n`);
      let catalogue = loadCatalogue(run.catalogue);
      if (opts.theme) catalogue = catalogue.filter((i) => i.theme === opts.theme);
      // A catalogue file kept in the data folder is not data, nor is anything of the project's own.
      const { catalogueKeeps } = await import('../indicators/gather.js');
      // Only the rows the catalogue selects are kept (README "Benchmarks"): memory does not grow with the files.
      const data = await loadData(run.data, { exclude: run.notData, keep: () => catalogueKeeps(catalogue) });
      // A merged municipality's history is under the former numbers (0104, 0136 for 3103 Moss).
      const codes = new Set(defaultRegister().dataCodesFor(kommune.code));
      const areas = [...data.summary.areas.values()].map((a) => a.geo);
      if (!areas.some((g) => g.level === 'kommune' && codes.has(g.code))) {
        const kommuner = [...new Set(areas.filter((g) => g.level === 'kommune').map((g) => `${g.code} ${g.name}`))].sort();
        // Nothing to compute: found before any output.
        throw new FolkehelseError(msg('indicators.noData', { name: escapeTerminal(kommune.name), code: kommune.code, data: escapeTerminal(run.data.join(', ')), kommuner: kommuner.length ? escapeTerminal(kommuner.slice(0, 10).join(', ')) : msg('errors.data.noMunicipalities') }), EXIT_USAGE);
      }
      const results = computeIndicators(data, catalogue, { kommune: kommune.code, comparisons: run.comparisons, suppression: run.suppression });
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

interface IndicatorsOptions {
  config?: string;
  data?: string[];
  kommune?: string;
  theme?: string;
  catalogue?: string[];
  kostragruppe?: string;
  out?: string;
  previous?: string;
  edition?: string;
  kind: string;
  lang?: MessageLang;
  strict?: boolean;
  json?: boolean;
  csv?: boolean;
}

/**
 * What the numbers are computed from, as build computes them: with a configuration its data,
 * catalogue, the municipality's neighbours and KOSTRA group, its suppression limits; and, with
 * or without one, the earlier editions in the output folder (and --previous), whose withheld
 * numbers stay withheld.
 */
async function planRun(opts: IndicatorsOptions) {
  const { loadConfig } = await import('../config/config.js');
  const { resolveKommune } = await import('../indicators/engine.js');
  const { withEarlierEditions } = await import('../indicators/disclosure-editions.js');
  const { earlierEditions } = await import('../results/ledger.js');
  const { previousProblem } = await import('../results/archive.js');
  if (opts.kind !== 'full' && opts.kind !== 'annual') throw new UsageError(`--kind: "${opts.kind}" is not full (the oversiktsdokument) or annual (the løpende oversikt)`);
  if (opts.edition !== undefined && !/^20\d\d$/.test(opts.edition.trim())) throw new UsageError(`--edition: "${opts.edition}" is not a year such as 2028`);
  if (opts.previous !== undefined) {
    const problem = previousProblem(opts.previous);
    if (problem) throw new UsageError(`--previous: ${opts.previous}: ${problem}`);
  }
  const configPath = defaultConfigPath(opts.config);
  const config = configPath ? loadConfig(configPath) : null;
  if (!config && !opts.data) throw new UsageError('give --data <folder> (or --config <file>; there is no folkehelse.config.json here)');
  const code = opts.kommune ?? (config?.kommuner.length === 1 ? config.kommuner[0]!.code : undefined);
  if (code === undefined) throw new UsageError(config ? msg('errors.usage.kommuneOfConfig', { codes: config.kommuner.map((k) => k.code).join(', ') }) : msg('errors.usage.kommuneGive'));
  const kommune = resolveKommune(code);
  const entry = config?.kommuner.find((k) => k.code === kommune.code);
  const out = opts.out ? resolve(opts.out) : (config?.out ?? resolve('out'));
  const edition = opts.edition !== undefined ? Number(opts.edition) : (config?.edition ?? (await import('../config/config.js')).nextEdition());
  const earlier = earlierEditions({ out, previous: opts.previous !== undefined ? resolve(opts.previous) : null }, { edition, kind: opts.kind as 'full' | 'annual' });
  return {
    kommune,
    data: opts.data ?? config!.data,
    catalogue: [...(config?.catalogue ?? []), ...(opts.catalogue ?? [])],
    notData: [out, ...(config ? [config.file, ...config.catalogue, config.assessments, config.templates, config.goals] : []), ...(opts.catalogue ?? [])].filter((p): p is string => typeof p === 'string'),
    comparisons: { kostragruppe: opts.kostragruppe ?? entry?.kostragruppe ?? config?.kostragruppe, neighbours: entry?.neighbours },
    suppression: withEarlierEditions(config?.suppression, earlier.editions),
  };
}
