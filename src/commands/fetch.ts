import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { EXIT_PARTIAL, FolkehelseError, msg, say, UsageError } from '../base/errors.js';
import { exitCodeFor } from '../cli/exit.js';
import { helpAfter } from '../cli/help.js';
import { describeTable, networkSentence, sidecarText, summaryLines, tableWarnings, waitText } from '../cli/fetch-text.js';
import { escapeTerminal, jsonForTerminal } from '../cli/terminal.js';
import type { BuildConfig } from '../config/config.js';
import type { HttpOptions, NetworkDownError } from '../http/client.js';
import type { Network } from '../http/network.js';
import type { CliIO, RegisterCommand } from './context.js';
import type { FetchEvent, FetchSummary } from '../fetch/run.js';
import type { AreaSet, FetchTarget } from '../fetch/plan.js';
import { messagesLangOption, parseSize, strictOption, type MessageLang } from './options.js';

/** `apis` of the configuration file (not part of BuildConfig: only fetch uses it). */
type ConfigApis = { ssb?: string; fhi?: string; klass?: string; maxAnswerSize?: string };
function configApis(file: string | null): ConfigApis {
  if (!file) return {};
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as { apis?: ConfigApis };
    return raw.apis ?? {};
  } catch {
    return {};
  }
}

/** The limits of the run's answers: `--max-answer-size`, else the configuration's `apis.maxAnswerSize`, else the default. */
function answerLimits(opts: FetchOptions, apis: ConfigApis): Pick<HttpOptions, 'maxAnswerBytes'> {
  const given = opts.maxAnswerSize ?? apis.maxAnswerSize;
  if (given === undefined) return {};
  const what = opts.maxAnswerSize !== undefined ? '--max-answer-size' : 'apis.maxAnswerSize';
  let bytes: number;
  try {
    bytes = parseSize(given);
  } catch {
    throw new UsageError(msg('fetch.usage.notSize', { what, value: escapeTerminal(given) }));
  }
  if (bytes < 1024) throw new UsageError(msg('fetch.usage.tooSmall', { what, value: escapeTerminal(given) }));
  return { maxAnswerBytes: bytes };
}

function checkUrl(what: string, url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    return url;
  } catch {
    throw new UsageError(msg('fetch.usage.notUrl', { what, url: escapeTerminal(url) }));
  }
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('fetch')
    .description(say('help.fetchDescription'))
    .option('--config <file>', say('help.config'))
    .option('--kommune <numbers>', say('help.fetchKommune'))
    .option('--data <folder>', say('help.fetchData'))
    .option('--catalogue <file...>', say('help.fetchCatalogue'))
    .option('--since <date>', say('help.fetchSince'))
    .option('--force', say('help.fetchForce'))
    .option('--dry-run', say('help.fetchDryRun'))
    .option('--json', say('help.fetchJson'))
    .option('--max-answer-size <size>', say('help.fetchMaxAnswerSize'))
    .addOption(strictOption())
    .addOption(messagesLangOption())
    .addHelpText(
      'after',
      helpAfter(
        ['folkehelse fetch --kommune 5037 --data data', 'folkehelse fetch --config folkehelse.config.json --dry-run', 'folkehelse fetch --config folkehelse.config.json --since 2026-06-01 --json > fetch.json'],
        [say('help.fetchMore')],
      ),
    )
    .action(async (opts: FetchOptions) => ctx.setExitCode(await runFetchCommand(opts, ctx.io)));
};

interface FetchOptions {
  config?: string;
  kommune?: string;
  data?: string;
  catalogue?: string[];
  since?: string;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
  lang?: MessageLang;
  maxAnswerSize?: string;
  strict?: boolean;
}

/** What the run knows when it fails as a whole, and the warnings said before the tables (for --strict). */
interface FetchState {
  dataDir: string | null;
  warnings: number;
}

/** A warning of the run (shown unless --json; counted for --strict either way). */
function warn(io: CliIO, opts: FetchOptions, state: FetchState, line: string): void {
  state.warnings++;
  if (!opts.json) io.stderr.write(`${line}\n`);
}

/** What `--json` prints when nothing (or not everything) could be done: the outcomes so far and the error. */
function failedSummary(e: FolkehelseError, partial: FetchSummary | undefined, dataDir: string | null, dryRun: boolean): Record<string, unknown> {
  const net = e as Partial<NetworkDownError>;
  const error = { kind: net.kind ? 'network' : 'usage', message: e.english, exitCode: e.exitCode, ...(net.kind ? { network: net.kind, host: net.host, proxy: net.proxy ?? null, reason: net.reason } : {}) };
  const summary = partial ?? { dataDir, dryRun, areas: null, tables: [], totals: { tables: 0, downloaded: 0, upToDate: 0, failed: 0, planned: 0, requests: 0, retries: 0 }, notFetched: [], seconds: 0 };
  return { ...summary, error };
}

/**
 * `folkehelse fetch`: a failure of the whole run (usage, configuration, no network) is one sentence
 * in the user's language on stderr — and with `--json` still a JSON object on stdout, with the
 * tables done so far and the error.
 */
async function runFetchCommand(opts: FetchOptions, io: CliIO): Promise<number> {
  const state: FetchState = { dataDir: null, warnings: 0 };
  try {
    return await fetchCommand(opts, io, state);
  } catch (e) {
    if (!(e instanceof FolkehelseError)) throw e;
    const { NetworkDownError } = await import('../http/client.js');
    const { partialSummary } = await import('../fetch/run.js');
    const down = e instanceof NetworkDownError ? e : null;
    const partial = down ? partialSummary(down) : undefined;
    io.stderr.write(`folkehelse: ${down ? networkSentence(down) : e.message}\n`);
    if (opts.json) io.stdout.write(jsonForTerminal(failedSummary(e, partial, state.dataDir, Boolean(opts.dryRun))));
    // The network went down after some tables were checked or written: part of the run was done.
    return partial && partial.tables.length > 0 ? EXIT_PARTIAL : e.exitCode;
  }
}

/** Plans the areas, fetches, prints the outcome; returns the exit code. */
async function fetchCommand(opts: FetchOptions, io: CliIO, state: FetchState): Promise<number> {
  const { loadConfig } = await import('../config/config.js');
  const { loadCatalogue } = await import('../indicators/catalogue.js');
  const { runFetch } = await import('../fetch/run.js');
  if (opts.since !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(opts.since) || Number.isNaN(Date.parse(opts.since)))) throw new UsageError(msg('fetch.usage.since', { value: escapeTerminal(opts.since) }));
  const configPath = opts.config ?? (existsSync('folkehelse.config.json') ? 'folkehelse.config.json' : undefined);
  const config = configPath ? loadConfig(configPath) : null;
  const targets = await fetchTargets(opts.kommune, config);
  const dataDir = resolve(opts.data ?? config?.data[0] ?? 'data');
  state.dataDir = dataDir;
  const bases = await apiBases(io.env, config?.file ?? null);
  const limits = answerLimits(opts, configApis(config?.file ?? null));
  const { Network } = await import('../http/network.js');
  const network = new Network({ env: io.env });
  const progress = fetchProgress(io, opts);
  let summary: FetchSummary;
  try {
    const areas = await fetchAreas(targets, config?.kostragruppe, bases.klass, [bases.ssb, bases.fhi], opts, io, (line) => warn(io, opts, state, line), { network, onWait: (w) => progress.event({ type: 'wait', ...w }), ...limits });
    const catalogue = loadCatalogue([...(config?.catalogue ?? []), ...(opts.catalogue ?? []).map((c) => resolve(c))]);
    summary = await runFetch({ dataDir, areas, catalogue, ssbBase: bases.ssb, fhiBase: bases.fhi, since: opts.since, force: opts.force, dryRun: opts.dryRun, onEvent: progress.event, network, limits });
  } finally {
    progress.stop();
    await network.close();
  }
  for (const f of progress.failures) io.stderr.write(`${f}\n`);
  if (opts.json) io.stdout.write(jsonForTerminal(summary));
  else printSummary(io, summary, dataDir);
  const warnings = state.warnings + summary.tables.reduce((a, t) => a + tableWarnings(t), 0);
  return exitCodeFor({ failed: summary.totals.failed, warnings, strict: opts.strict }, io);
}

/** `--kommune`'s municipalities (numbers or names: Levanger, "Nord-Fron"), else the configuration's. */
async function fetchTargets(kommune: string | undefined, config: BuildConfig | null): Promise<FetchTarget[]> {
  // A name two municipalities share must be given as a number.
  const { defaultRegister } = await import('../geo/register.js');
  const wanted = kommune
    ?.split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => {
      if (/^\d{3,4}$/.test(k)) return k;
      const found = defaultRegister().byName(k).filter((a) => a.level === 'kommune');
      if (found.length === 1) return found[0]!.code;
      if (found.length > 1) throw new UsageError(msg('fetch.usage.sharedName', { name: escapeTerminal(k), areas: found.map((a) => `${a.code} ${a.name}`).join(say('fetch.usage.and')) }));
      throw new UsageError(msg('fetch.usage.unknownKommune', { name: escapeTerminal(k) }));
    });
  if (wanted?.length) return wanted.map((code) => config?.kommuner.find((k) => k.code === code.padStart(4, '0')) ?? { code: code.padStart(4, '0') });
  if (config) return config.kommuner;
  throw new UsageError(msg('fetch.usage.noTargets'));
}

/** The addresses of SSB's PxWebApi, FHI Statistikk and Klass: the environment's, the configuration's, else the defaults. */
async function apiBases(env: NodeJS.ProcessEnv, configFile: string | null): Promise<{ ssb: string; fhi: string; klass: string }> {
  const { FHI_DEFAULT_BASE } = await import('../sources/fhi/api.js');
  const { SSB_DEFAULT_BASE } = await import('../sources/ssb/api.js');
  const { KLASS_DEFAULT_BASE } = await import('../geo/klass.js');
  const apis = configApis(configFile);
  const ssb = checkUrl(env.FOLKEHELSE_SSB_API ? 'FOLKEHELSE_SSB_API' : 'apis.ssb', env.FOLKEHELSE_SSB_API || apis.ssb || SSB_DEFAULT_BASE);
  const fhi = checkUrl(env.FOLKEHELSE_FHI_API ? 'FOLKEHELSE_FHI_API' : 'apis.fhi', env.FOLKEHELSE_FHI_API || apis.fhi || FHI_DEFAULT_BASE);
  // Klass sits beside PxWebApi (data.ssb.no/api/klass/v1): a moved SSB address moves it too.
  const beside = ssb === SSB_DEFAULT_BASE ? KLASS_DEFAULT_BASE : ssb.replace(/\/pxwebapi\/v2\/?$/, '/klass/v1');
  const klass = checkUrl(env.FOLKEHELSE_KLASS_API ? 'FOLKEHELSE_KLASS_API' : 'apis.klass', env.FOLKEHELSE_KLASS_API || apis.klass || beside);
  return { ssb, fhi, klass };
}

/**
 * The areas to fetch for the municipalities: their county, the country, neighbours and KOSTRA
 * groups, with municipality number changes and missing KOSTRA groups from Klass when it answers.
 */
async function fetchAreas(targets: FetchTarget[], kostragruppe: string | undefined, klassBase: string, tableBases: string[], opts: FetchOptions, io: CliIO, warn: (line: string) => void, http: HttpOptions & { network: Network }): Promise<AreaSet> {
  const { areasFor } = await import('../fetch/plan.js');
  const { kostraGroups, municipalityChanges } = await import('../geo/klass.js');
  const { HttpClient, HttpError, NetworkDownError } = await import('../http/client.js');
  const today = new Date().toISOString().slice(0, 10);
  // Municipality number changes from Klass (131): numbers newer than the register, and the
  // former numbers under which SSB keeps a municipality's history. Without Klass: the register.
  let changes: Awaited<ReturnType<typeof municipalityChanges>> = [];
  if (!opts.dryRun) {
    try {
      changes = await municipalityChanges(klassBase, new HttpClient({ attempts: 2, name: 'SSB', ...http }), '1977-01-01', today);
    } catch (e) {
      if (!(e instanceof HttpError) && !(e instanceof NetworkDownError)) throw e;
      // When the tables' hosts are down too (the same host, or the same proxy), the run stops here in one sentence.
      if (e instanceof NetworkDownError && tableBases.some((b) => http.network.downError(b))) throw e;
      warn(`folkehelse: ${say('fetch.areas.klassDown', { why: e instanceof HttpError ? (e.status ? `HTTP ${e.status}` : msg('http.noAnswer')) : msg('fetch.areas.noNetwork') })}`);
    }
  }
  const areas = areasFor(targets, kostragruppe, undefined, changes);
  if (!opts.json) for (const r of areas.renumbered ?? []) io.stderr.write(`${say('fetch.areas.renumbered', { from: r.from, to: r.to, how: escapeTerminal(r.how) })}\n`);
  if (areas.withoutGroup.length && !opts.dryRun) {
    // The KOSTRA group of a municipality the configuration does not give: from Klass.
    try {
      const groups = await kostraGroups(klassBase, new HttpClient({ attempts: 2, name: 'SSB', ...http }), areas.withoutGroup, today);
      for (const [k, g] of groups) {
        if (!areas.kostragrupper.includes(g)) areas.kostragrupper.push(g);
        areas.withoutGroup = areas.withoutGroup.filter((x) => x !== k);
        if (!opts.json) io.stderr.write(`${say('fetch.areas.kostraGroup', { kommune: k, group: g })}\n`);
      }
      areas.kostragrupper.sort();
    } catch (e) {
      // Without Klass the run goes on without the group (and says so below).
      if (!(e instanceof HttpError) && !(e instanceof NetworkDownError)) throw e;
    }
  }
  if (areas.withoutGroup.length) warn(`folkehelse: ${say('fetch.areas.noKostraGroup', { kommuner: areas.withoutGroup.join(', ') })}`);
  return areas;
}

/**
 * Progress of a fetch: a bar on a terminal (failures listed after it), one line per table
 * otherwise (the plan on stdout with --dry-run), nothing with --json.
 */
function fetchProgress(io: CliIO, opts: FetchOptions): { event: (e: FetchEvent) => void; stop: () => void; failures: string[] } {
  const tty = Boolean(io.stderr.isTTY) && !opts.json && !(io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
  let bar: cliProgress.SingleBar | null = null;
  const failures: string[] = [];
  const event = (e: FetchEvent) => {
    if (e.type === 'wait') {
      // Every wait over a second is shown, also with --json (on stderr): a silent minute looks like a hang.
      const text = waitText(e);
      if (bar) (bar as cliProgress.SingleBar).update({ name: text });
      else io.stderr.write(`${text}\n`);
      return;
    }
    if (e.type === 'table' && e.outcome.sidecarIgnored) {
      if (bar) failures.push(sidecarText(e.outcome));
      else io.stderr.write(`${sidecarText(e.outcome)}\n`);
    }
    if (opts.json) return;
    if (e.type === 'plan') {
      if (tty && !opts.dryRun && e.total > 1) {
        bar = new cliProgress.SingleBar({ format: `${say('fetch.progress.bar')} {bar} {value}/{total} {name}`, stream: io.stderr as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true, barsize: 30 }, cliProgress.Presets.shades_classic);
        bar.start(e.total, 0, { name: '' });
      }
      return;
    }
    const t = e.outcome;
    if (bar) {
      bar.increment(1, { name: escapeTerminal(t.file) });
      if (t.status === 'failed') failures.push(describeTable(t));
      return;
    }
    (opts.dryRun ? io.stdout : io.stderr).write(`${describeTable(t)}\n`);
  };
  return { event, stop: () => (bar as cliProgress.SingleBar | null)?.stop(), failures };
}

function printSummary(io: CliIO, summary: FetchSummary, dataDir: string): void {
  for (const line of summaryLines(summary, dataDir)) io.stdout.write(`${line}\n`);
}
