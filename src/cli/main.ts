import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { EXIT_INVALID_DATA, EXIT_OK, EXIT_USAGE, FolkehelseError, UsageError } from '../errors.js';
import { FORMATS, type FormatId } from '../ingest/detect.js';
import { inspectFile } from '../ingest/inspect.js';
import { DEFAULT_MAX_BYTES } from '../ingest/source-file.js';
import { renderValidationText } from '../validate/report.js';
import { validatePaths } from '../validate/validate.js';
import { renderInspectText } from './inspect-text.js';
import type { BuildConfig, OutputFormat } from '../config.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { makeStyle } from './style.js';
import { register as registerVurderinger } from '../commands/vurderinger.js';

import type { CliIO } from '../commands/context.js';
export type { CliIO };

export const EXIT_INTERNAL = 3;

const PACKAGE = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };

/** "500MB", "2GB", "1048576" → bytes. */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(text);
  if (!m) throw new UsageError(`--max-size: "${text}" is not a size; write e.g. 500MB or 2GB`);
  const n = Number(m[1]!.replace(',', '.'));
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('g') ? 1024 ** 3 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('k') ? 1024 : 1;
  return Math.round(n * factor);
}

function formatOption(): Option {
  return new Option('--format <format>', 'read the file(s) as this format instead of detecting it').choices([...FORMATS]);
}

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const style = makeStyle(Boolean(io.stdout.isTTY), io.env);
  let exitCode = EXIT_OK;
  const program = new Command();
  program
    .name('folkehelse')
    .description("Builds a Norwegian municipality's public-health overview (oversiktsdokument) from FHI, SSB, KOSTRA and Ungdata exports.")
    .version(PACKAGE.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse validate fixtures/innherred
  $ folkehelse inspect ../shared/real-exports/ssb/11616-latin1-quoted.csv
  $ folkehelse indicators --data fixtures/innherred --kommune 5037

Exit codes: 0 ok, 1 invalid data, 2 usage or file error, 3 internal error.`,
    );

  program
    .command('validate')
    .description('check data files (or every data file in folders) and report each problem with file, line and column')
    .argument('<paths...>', 'files or folders')
    .addOption(formatOption())
    .option('--json', 'print a machine-readable report')
    .option('--max-per-type <n>', 'problems shown per type and file in the text report', '10')
    .option('--max-size <size>', 'largest file to read', '1GB')
    .option('--no-warnings', 'leave warnings out of the text report')
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse validate fixtures/innherred
  $ folkehelse validate data/ungdata.csv --json > report.json
  $ folkehelse validate big-cube.csv --format fhi-cube --max-size 4GB

Exit codes: 0 every file valid, 1 some data invalid, 2 a file could not be read or bad usage.`,
    )
    .action(async (paths: string[], opts: { format?: FormatId; json?: boolean; maxPerType: string; maxSize: string; warnings: boolean }) => {
      const maxPerType = Number(opts.maxPerType);
      if (!Number.isInteger(maxPerType) || maxPerType < 0) throw new UsageError(`--max-per-type: "${opts.maxPerType}" is not a whole number`);
      const report = await validatePaths(paths, { format: opts.format, maxBytes: parseSize(opts.maxSize) });
      if (opts.json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else io.stdout.write(renderValidationText(report, style, maxPerType, opts.warnings));
      exitCode = report.totals.unreadable > 0 ? EXIT_USAGE : report.totals.errors > 0 ? EXIT_INVALID_DATA : EXIT_OK;
    });

  program
    .command('inspect')
    .description('describe one export: source, encoding, layout, geographies, periods and measures')
    .argument('<file>', 'a data file')
    .addOption(formatOption())
    .option('--json', 'print a machine-readable description')
    .option('--max-size <size>', 'largest file to read', '1GB')
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse inspect ../shared/real-exports/fhi/psykiske_plager_ungdom.csv
  $ folkehelse inspect fixtures/innherred/ssb/07459-befolkning.json --json`,
    )
    .action(async (file: string, opts: { format?: FormatId; json?: boolean; maxSize: string }) => {
      const report = await inspectFile(file, { format: opts.format, maxBytes: parseSize(opts.maxSize) });
      io.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : renderInspectText(report, style));
      exitCode = report.errors > 0 ? EXIT_INVALID_DATA : EXIT_OK;
    });

  program
    .command('indicators')
    .description("compute the indicator barometer for a municipality: value, county, land, period, unit, verdict against land and trend")
    .requiredOption('--data <folder...>', 'folder(s) or files with the exports')
    .requiredOption('--kommune <number>', 'the municipality, e.g. 5037')
    .option('--theme <letter>', 'only the indicators of one forskrift theme (a–f)')
    .option('--catalogue <file...>', 'your own catalogue file(s): add, replace or exclude indicators')
    .option('--kostragruppe <code>', 'the KOSTRA group to compare with, e.g. EKG11')
    .option('--lang <nb|nn>', 'language of the table: bokmål or nynorsk', 'nb')
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
    .action(async (opts: { data: string[]; kommune: string; theme?: string; catalogue?: string[]; kostragruppe?: string; lang: string; json?: boolean; csv?: boolean }) => {
      // Loaded when used, so `validate` and `inspect` start quickly.
      const { renderBarometer, renderBarometerCsv } = await import('./barometer.js');
      const { loadData } = await import('../ingest/load.js');
      const { isTheme, loadCatalogue } = await import('../indicators/catalogue.js');
      const { computeIndicators, resolveKommune } = await import('../indicators/engine.js');
      const { defaultRegister } = await import('../geo/register.js');
      if (opts.lang !== 'nb' && opts.lang !== 'nn') throw new UsageError(`--lang: "${opts.lang}" is not nb (bokmål) or nn (nynorsk)`);
      if (opts.theme !== undefined && !isTheme(opts.theme)) throw new UsageError(`--theme: "${opts.theme}" is not one of the forskrift's themes a, b, c, d, e, f`);
      const kommune = resolveKommune(opts.kommune);
      let catalogue = loadCatalogue(opts.catalogue ?? []);
      if (opts.theme) catalogue = catalogue.filter((i) => i.theme === opts.theme);
      const data = await loadData(opts.data);
      if (!data.observations.some((o) => o.geo.code === kommune.code)) {
        const kommuner = [...new Set(data.observations.filter((o) => o.geo.level === 'kommune').map((o) => `${o.geo.code} ${o.geo.name}`))].sort();
        io.stderr.write(`folkehelse: ${kommune.name} (${kommune.code}) has no data in ${opts.data.join(', ')}; the data has ${kommuner.length ? kommuner.slice(0, 10).join(', ') : 'no municipalities'}\n`);
        exitCode = EXIT_INVALID_DATA;
        return;
      }
      const results = computeIndicators(data.observations, catalogue, { kommune: kommune.code, comparisons: { kostragruppe: opts.kostragruppe } });
      if (opts.json) io.stdout.write(JSON.stringify(results, null, 2) + '\n');
      else if (opts.csv) io.stdout.write(renderBarometerCsv(results));
      else {
        const fylke = defaultRegister().current('fylke', kommune.fylke)?.name ?? kommune.fylke;
        const color = Boolean(io.stdout.isTTY) && !(io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
        const { loadTexts } = await import('../report/language.js');
        io.stdout.write(renderBarometer(results, loadTexts(opts.lang as 'nb' | 'nn'), opts.lang as 'nb' | 'nn', style, color, fylke));
      }
      exitCode = EXIT_OK;
    });

  program
    .command('build')
    .description('build the oversiktsdokument for one or more municipalities: Markdown (with SVG figures), HTML and PDF, and with two or more a side-by-side region report')
    .option('--config <file>', 'the configuration (default: ./folkehelse.config.json when it exists)')
    .option('--kommune <numbers>', 'only these municipalities, comma-separated (e.g. 5037,5038)')
    .option('--fylke <number>', 'every municipality of this county that is in the data (e.g. 50)')
    .option('--data <folder...>', 'data folders, when there is no configuration file')
    .option('--catalogue <file...>', 'your own catalogue file(s), after the configuration\'s')
    .option('--out <folder>', 'where to write (default: the configuration\'s "out", else ./out)')
    .option('--format <formats>', 'md, html and/or pdf, comma-separated')
    .option('--lang <nb|nn>', 'bokmål or nynorsk')
    .option('--concurrency <n>', 'documents rendered at once, and browser pages for PDF', '2')
    .option('--shard <i/n>', 'build only part i of n of the documents (for CI matrix jobs), e.g. 1/4')
    .option('--force', 'rebuild documents whose inputs are unchanged')
    .option('--json', 'print a machine-readable summary')
    .option('--quiet', 'print only problems')
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse build --config fixtures/innherred/folkehelse.config.json
  $ folkehelse build --config fixtures/innherred/folkehelse.config.json --kommune 5038 --lang nn --format md,html
  $ folkehelse build --data nedlastinger/ --fylke 50 --format md,pdf --concurrency 2
  $ folkehelse build --config folkehelse.config.json --shard 2/4 --json > shard-2.json

Outputs: <out>/<kommune>-<name>/oversikt-<edition>.<lang>.md|html|pdf with figurer/*.svg,
<out>/region-<name>/side-om-side-<edition>.<lang>.* with two or more municipalities, and
folkehelse-manifest.json files recording what was built from what. Unchanged documents are skipped.`,
    )
    .action(async (opts: { config?: string; kommune?: string; fylke?: string; data?: string[]; catalogue?: string[]; out?: string; format?: string; lang?: string; concurrency: string; shard?: string; force?: boolean; json?: boolean; quiet?: boolean }) => {
      const { loadConfig, nextEdition } = await import('../config.js');
      const { build } = await import('../output/build.js');
      const { BuildProgress } = await import('./progress.js');
      if (opts.lang !== undefined && opts.lang !== 'nb' && opts.lang !== 'nn') throw new UsageError(`--lang: "${opts.lang}" is not nb (bokmål) or nn (nynorsk)`);
      let formats: OutputFormat[] | undefined;
      if (opts.format) {
        formats = opts.format.split(',').map((f) => f.trim()) as OutputFormat[];
        const bad = formats.filter((f) => !['md', 'html', 'pdf'].includes(f));
        if (bad.length) throw new UsageError(`--format: "${bad.join(', ')}" is not md, html or pdf`);
      }
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError(`--concurrency: "${opts.concurrency}" is not a whole number from 1 to 16`);
      let shard: { index: number; count: number } | undefined;
      if (opts.shard !== undefined) {
        const m = /^(\d+)\/(\d+)$/.exec(opts.shard.trim());
        if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard: "${opts.shard}" is not i/n with 1 ≤ i ≤ n, e.g. 1/4`);
        shard = { index: Number(m[1]), count: Number(m[2]) };
      }
      if (opts.kommune && opts.fylke) throw new UsageError('give --kommune or --fylke, not both');
      const kommuner = opts.kommune?.split(',').map((k) => k.trim()).filter(Boolean);
      let config: BuildConfig;
      const configPath = opts.config ?? (existsSync('folkehelse.config.json') ? 'folkehelse.config.json' : undefined);
      if (configPath) config = loadConfig(configPath);
      else {
        if (!opts.data || (!kommuner?.length && !opts.fylke)) throw new UsageError('give --config <file>, or --data <folder> and --kommune <numbers> or --fylke <number> (no folkehelse.config.json here)');
        config = { file: null, kommuner: (kommuner ?? []).map((code) => ({ code })), data: opts.data.map((d) => resolve(d)), edition: nextEdition(), lang: 'nb', formats: ['md', 'html', 'pdf'], out: resolve('out'), catalogue: [], suppression: {} };
      }
      if (opts.catalogue) config = { ...config, catalogue: [...config.catalogue, ...opts.catalogue.map((c) => resolve(c))] };
      const progress = new BuildProgress(io, { quiet: Boolean(opts.quiet || opts.json), tty: Boolean((io.stderr as { isTTY?: boolean }).isTTY) && !(io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') });
      let outcome;
      try {
        outcome = await build({
          config,
          kommuner,
          fylke: opts.fylke,
          formats,
          lang: opts.lang as 'nb' | 'nn' | undefined,
          out: opts.out ? resolve(opts.out) : undefined,
          shard,
          force: opts.force,
          concurrency,
          onEvent: (e) => progress.event(e),
          env: io.env,
        });
      } finally {
        progress.stop();
      }
      const failed = outcome.documents.filter((d) => d.status === 'failed');
      const warned = outcome.documents.filter((d) => d.warnings.length > 0);
      if (opts.json) io.stdout.write(JSON.stringify(outcome, null, 2) + '\n');
      else {
        for (const d of warned) for (const w of d.warnings) io.stderr.write(`folkehelse: ${d.id === 'region' ? d.name : `${d.id} ${d.name}`}: ${w}\n`);
        for (const d of failed) io.stderr.write(`folkehelse: ${d.id === 'region' ? d.name : `${d.id} ${d.name}`} failed: ${d.error}\n`);
        if (!opts.quiet) {
          const built = outcome.documents.filter((d) => d.status === 'built').length;
          const skipped = outcome.documents.filter((d) => d.status === 'skipped').length;
          io.stdout.write(`${outcome.documents.length} ${outcome.documents.length === 1 ? 'document' : 'documents'}: ${built} built, ${skipped} up to date, ${failed.length} failed (${outcome.seconds.toFixed(1)} s).\n`);
        }
      }
      exitCode = failed.length > 0 ? EXIT_INVALID_DATA : warned.length > 0 ? EXIT_USAGE : EXIT_OK;
    });

  registerVurderinger(program, { io, style, setExitCode: (c) => (exitCode = c) });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_USAGE;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE; // commander has already printed the message
    }
    if (e instanceof FolkehelseError) {
      io.stderr.write(`folkehelse: ${e.message}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr.write(`folkehelse: internal error: ${err?.message ?? String(e)}\nThis is a bug in folkehelse, not a problem with your data; please report it${io.env.FOLKEHELSE_DEBUG ? `\n${err?.stack}` : ' (set FOLKEHELSE_DEBUG=1 to see the details)'}.\n`);
    return EXIT_INTERNAL;
  }
}

export { DEFAULT_MAX_BYTES };
