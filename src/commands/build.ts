import { rmdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { BuildConfig, OutputFormat } from '../config/config.js';
import { msg, say, UsageError } from '../base/errors.js';
import { messageLang, sayCount } from '../base/messages.js';
import { formatNumberInText } from '../language/intl.js';
import { isDocumentLang, type MessageLang } from '../language/tags.js';
import { exitCodeFor } from '../cli/exit.js';
import { helpAfter } from '../cli/help.js';
import { escapeTerminal, jsonForTerminal } from '../cli/terminal.js';
import type { BuildOutcome, DocumentOutcome } from '../app/build.js';
import type { CliIO, RegisterCommand } from './context.js';
import { colorWanted, defaultConfigPath, langOption, parseKommuneList, strictOption } from './options.js';

export const register: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('build')
    .description(say('help.buildDescription'))
    .option('--config <file>', say('help.config'))
    .option('--kommune <numbers>', say('help.buildKommune'))
    .option('--fylke <number>', say('help.buildFylke'))
    .option('--data <folder...>', say('help.buildData'))
    .option('--catalogue <file...>', say('help.buildCatalogue'))
    .option('--out <folder>', say('help.buildOut'))
    .option('--format <formats>', say('help.buildFormat'))
    .addOption(langOption(say('help.buildLang'), true))
    .option('--concurrency <n>', say('help.buildConcurrency'), '2')
    .option('--shard <i/n>', say('help.buildShard'))
    .option('--force', say('help.buildForce'))
    .option('--draft', say('help.buildDraft'))
    .option('--final', say('help.buildFinal'))
    .option('--json', say('help.buildJson'))
    .option('--quiet', say('help.buildQuiet'))
    .option('--kind <full|annual>', say('help.buildKind'), 'full')
    .option('--edition <year>', say('help.buildEdition'))
    .option('--previous <file|folder>', say('help.buildPrevious'))
    .addOption(strictOption())
    .addHelpText(
      'after',
      helpAfter(
        [
          'folkehelse build --format md,html',
          'folkehelse build --config folkehelse.config.json --kommune 5038 --lang nn --format md,html',
          'folkehelse build --data data --fylke 50 --format md,docx --concurrency 2 --out ut-fylke',
          'folkehelse build --config folkehelse.config.json --format md --shard 2/2 --json > shard-2.json',
          'folkehelse build --format md --kind annual --edition 2028',
          'folkehelse build --final --format md,docx',
        ],
        [say('help.buildExitCodes'), say('help.buildOutputs')],
      ),
    )
    .action(async (opts: BuildOptions) => setExitCode(await runBuild(opts, io)));
};

interface BuildOptions {
  config?: string;
  kommune?: string;
  fylke?: string;
  data?: string[];
  catalogue?: string[];
  out?: string;
  format?: string;
  lang?: MessageLang;
  concurrency: string;
  strict?: boolean;
  shard?: string;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
  draft?: boolean;
  final?: boolean;
  kind: string;
  edition?: string;
  previous?: string;
}

/** Checks the options, builds, prints the outcome; returns the exit code. */
async function runBuild(opts: BuildOptions, io: CliIO): Promise<number> {
  if (opts.kind !== 'full' && opts.kind !== 'annual') throw new UsageError(msg('errors.usage.kind', { value: opts.kind }));
  if (opts.edition !== undefined && !/^20\d\d$/.test(opts.edition.trim())) throw new UsageError(msg('errors.usage.edition', { value: opts.edition }));
  // --lang en: English messages, the document in the configuration's language.
  const lang = opts.lang !== undefined && isDocumentLang(opts.lang) ? opts.lang : undefined;
  const { build } = await import('../app/build.js');
  const { STAGING } = await import('../output/atomic.js');
  const { resolveKommune } = await import('../indicators/engine.js');
  const { BuildProgress } = await import('../cli/progress.js');
  const formats = await parseFormats(opts.format);
  const concurrency = Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError(msg('errors.usage.concurrency', { value: opts.concurrency }));
  const shard = parseShard(opts.shard);
  if (opts.kommune && opts.fylke) throw new UsageError(msg('errors.usage.kommuneAndFylke'));
  if (opts.draft && opts.final) throw new UsageError(msg('errors.usage.draftAndFinal'));
  // Each municipality once (5037,5037 or 1719,5037 would otherwise build one document twice, at once, into the same files).
  const kommuner = opts.kommune === undefined ? undefined : [...new Set(parseKommuneList(opts.kommune).map((k) => resolveKommune(k).code))];
  const config = await configFor(opts, kommuner);
  const out = opts.out ? resolve(opts.out) : config.out;
  // The output folder is never read as data: as a data folder (or one holding it) it would hide the exports.
  for (const d of config.data) {
    const rel = relative(out, d);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) throw new UsageError(rel === '' ? msg('errors.usage.outIsData', { out }) : msg('errors.usage.outHoldsData', { out, data: d }));
  }
  const progress = new BuildProgress(io, { quiet: Boolean(opts.quiet || opts.json), tty: colorWanted(io.stderr, io.env) });
  let outcome;
  try {
    outcome = await build({ config, kommuner, fylke: opts.fylke, formats, lang, out, shard, force: opts.force, final: Boolean(opts.final), concurrency, onEvent: (e) => progress.event(e), env: io.env, kind: opts.kind, edition: opts.edition !== undefined ? Number(opts.edition) : undefined, previous: opts.previous !== undefined ? resolve(opts.previous) : undefined });
  } finally {
    progress.stop();
    // The staging folder is only for the run: gone when empty (a concurrent shard may still use it).
    try {
      rmdirSync(join(out, STAGING));
    } catch {
      // not there, or still in use
    }
  }
  printOutcome(io, opts, outcome, out);
  const warnings = outcome.documents.reduce((n, d) => n + d.warnings.length + (d.assessmentWarnings?.length ?? 0), 0);
  // A data file left out of the draft is part of what was asked for and not used: exit 1.
  return exitCodeFor({ failed: outcome.documents.filter((d) => d.status === 'failed' || leftOut(d, formats ?? config.formats)).length + (outcome.leftOut ?? []).length, warnings, strict: opts.strict }, io);
}

/** A built document without a format that was asked for (a PDF, for want of a browser). */
function leftOut(d: DocumentOutcome, formats: OutputFormat[]): boolean {
  return d.status === 'built' && formats.includes('pdf') && !d.outputs.some((o) => o.endsWith('.pdf') && !/kortversjon-[^/]*$/.test(o));
}

/** `--format md,pdf`: undefined (the configuration's formats) when not given. */
async function parseFormats(format: string | undefined): Promise<OutputFormat[] | undefined> {
  if (format === undefined) return undefined;
  const { OUTPUT_FORMATS } = await import('../config/config.js');
  const named = format.split(',').map((f) => f.trim().toLowerCase());
  // `--format ""` (an unset shell variable) is a mistake, not "the configuration's formats".
  if (named.every((f) => f === '')) throw new UsageError(msg('errors.usage.formatNone', { formats: OUTPUT_FORMATS.join(', ') }));
  const formats = named.filter((f) => f !== '') as OutputFormat[];
  const bad = formats.filter((f) => !OUTPUT_FORMATS.includes(f));
  if (bad.length) throw new UsageError(msg('errors.usage.formatUnknown', { value: bad.join(', '), formats: OUTPUT_FORMATS.join(', ') }));
  return formats;
}

/** `--shard i/n`. */
function parseShard(shard: string | undefined): { index: number; count: number } | undefined {
  if (shard === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(shard.trim());
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError(msg('errors.usage.shard', { value: shard }));
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** The configuration file's, or one made of --data and --kommune/--fylke; with --catalogue's files after its own. */
async function configFor(opts: BuildOptions, kommuner: string[] | undefined): Promise<BuildConfig> {
  const { loadConfig, nextEdition } = await import('../config/config.js');
  let config: BuildConfig;
  const configPath = defaultConfigPath(opts.config);
  if (configPath) config = loadConfig(configPath);
  else {
    if (!opts.data || (!kommuner?.length && !opts.fylke)) throw new UsageError(msg('errors.usage.buildWhat'));
    config = { file: null, kommuner: (kommuner ?? []).map((code) => ({ code })), data: opts.data.map((d) => resolve(d)), edition: nextEdition(), lang: 'nb', formats: ['md', 'html', 'pdf'], out: resolve('out'), catalogue: [], suppression: {} };
  }
  if (opts.catalogue) config = { ...config, catalogue: [...config.catalogue, ...opts.catalogue.map((c) => resolve(c))] };
  return config;
}

/** Warnings and failures on stderr, the summary on stdout (or everything as JSON), in the run's language. */
function printOutcome(io: CliIO, opts: BuildOptions, outcome: BuildOutcome, out: string): void {
  const failed = outcome.documents.filter((d) => d.status === 'failed');
  if (opts.json) {
    io.stdout.write(jsonForTerminal({ ...outcome, out }));
    return;
  }
  const who = (d: { id: string; name: string }) => (d.id === 'region' ? d.name : `${d.id} ${d.name}`);
  for (const d of outcome.documents) for (const w of [...d.warnings, ...(d.assessmentWarnings ?? [])]) io.stderr.write(escapeTerminal(`folkehelse: ${who(d)}: ${w}`) + '\n');
  // Line by line: a multi-line error (the --final gate's list of files) keeps its lines.
  for (const d of failed) io.stderr.write(`folkehelse: ${say('documents.failed', { who: who(d), error: d.error ?? '' })}`.split('\n').map(escapeTerminal).join('\n') + '\n');
  // A file the draft was built without: named with its first problems (exit 1).
  for (const f of outcome.leftOut ?? []) {
    io.stderr.write(escapeTerminal(`folkehelse: ${say('build.leftOut', { file: f.file, why: f.reason === 'invalid' ? sayCount('words.errors', f.errors, { count: String(f.errors) }) : say('build.unreadable') })}`) + '\n');
    for (const p of f.problems) io.stderr.write(escapeTerminal(`    ${p}`) + '\n');
  }
  if (opts.quiet) return;
  const n = outcome.documents.length;
  const summary = say('build.summary', {
    total: n,
    documents: say(n === 1 ? 'build.document' : 'build.documents'),
    built: outcome.documents.filter((d) => d.status === 'built').length,
    skipped: outcome.documents.filter((d) => d.status === 'skipped').length,
    failed: failed.length,
    seconds: formatNumberInText(outcome.seconds, 1, messageLang()),
  });
  io.stdout.write(summary + '\n');
  const shown = relative(process.cwd(), out);
  io.stdout.write(escapeTerminal(say('build.outputs', { folder: shown === '' ? '.' : shown.startsWith('..') ? out : shown })) + '\n');
}
