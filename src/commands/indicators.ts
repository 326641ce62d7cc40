import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT_USAGE, FolkehelseError, msg, UsageError } from '../base/errors.js';
import { messageLang, say } from '../base/messages.js';
import { exitCodeFor } from '../cli/exit.js';
import { helpAfter } from '../cli/help.js';
import { escapeTerminal, jsonForTerminal } from '../cli/terminal.js';
import type { RegisterCommand } from './context.js';
import { colorWanted, defaultConfigPath, langOption, strictOption, type MessageLang } from './options.js';

export const register: RegisterCommand = (program, { io, style, setExitCode }) => {
  program
    .command('indicators')
    .description(say('help.indicatorsDescription'))
    .option('--config <file>', say('help.indicatorsConfig'))
    .option('--data <folder...>', say('help.indicatorsData'))
    .option('--kommune <number>', say('help.indicatorsKommune'))
    .option('--theme <letter>', say('help.indicatorsTheme'))
    .option('--catalogue <file...>', say('help.indicatorsCatalogue'))
    .option('--kostragruppe <code>', say('help.indicatorsKostragruppe'))
    .option('--out <folder>', say('help.indicatorsOut'))
    .option('--previous <file|folder>', say('help.indicatorsPrevious'))
    .option('--edition <year>', say('help.indicatorsEdition'))
    .option('--kind <full|annual>', say('help.indicatorsKind'), 'full')
    .addOption(langOption(say('help.indicatorsLang'), true))
    .option('--json', say('help.indicatorsJson'))
    .option('--csv', say('help.indicatorsCsv'))
    .addOption(strictOption())
    .addHelpText(
      'after',
      helpAfter(
        [
          'folkehelse indicators --data data --kommune 5037',
          'folkehelse indicators --data data --kommune 5038 --theme f --lang nn',
          'folkehelse indicators --data data --kommune 5037 --json > levanger.json',
          'folkehelse indicators --data data --kommune 5037 --catalogue katalog-eksempel.json --csv',
          'folkehelse indicators --config folkehelse.config.json --kommune 5037 --json',
        ],
        [say('help.indicatorsMore')],
      ),
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
  if (opts.kind !== 'full' && opts.kind !== 'annual') throw new UsageError(msg('errors.usage.kind', { value: opts.kind }));
  if (opts.edition !== undefined && !/^20\d\d$/.test(opts.edition.trim())) throw new UsageError(msg('errors.usage.edition', { value: opts.edition }));
  if (opts.previous !== undefined) {
    const problem = previousProblem(opts.previous);
    // A missing one in the user's words; the rarer kinds (a pipe, a device) as the results module says them.
    if (problem) throw new UsageError(existsSync(opts.previous) ? `--previous: ${opts.previous}: ${problem}` : msg('errors.usage.previous', { path: opts.previous }));
  }
  const configPath = defaultConfigPath(opts.config);
  const config = configPath ? loadConfig(configPath) : null;
  if (!config && !opts.data) throw new UsageError(msg('errors.usage.indicatorsWhat'));
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
