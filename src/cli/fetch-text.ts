import { messageLang, msg, render, say, sayCount, type Message, type MessageKey } from '../base/messages.js';
import { failureTexts, type FetchSummary, type TableOutcome } from '../fetch/run.js';
import type { NetworkDownError, WaitNotice } from '../http/client.js';
import { networkDownMessage } from '../http/errors.js';
import { escapeTerminal } from './terminal.js';

/**
 * What `folkehelse fetch` prints, in the run's language (data/cli/<lang>.json, "fetch"). The
 * summary's `reason`, `error.message` and `error.advice` stay the program's English (for
 * `--json`); the terminal shows a failure from its messages (src/fetch/run.ts `failureTexts`),
 * and a reason or advice given as English text through keys matched on it (the English where none matches).
 */

/** A wait over a second, as the coordinator reads it: "venter 42 s på SSBs grense". */
export function waitText(w: WaitNotice): string {
  const key: MessageKey = w.reason === 'rate-limit' ? 'fetch.wait.rateLimit' : w.reason === 'retry-after' ? 'fetch.wait.retryAfter' : 'fetch.wait.backoff';
  return say(key, { seconds: Math.ceil(w.ms / 1000), api: w.api });
}

/** The network failure in one sentence of the user's language. */
export function networkSentence(e: NetworkDownError): string {
  return render(networkDownMessage(e.kind, escapeTerminal(e.host), escapeTerminal(e.reason), e.proxy));
}

export function sidecarText(t: TableOutcome): string {
  return say('fetch.sidecar.ignored', { file: escapeTerminal(t.file), why: msg(`fetch.sidecar.${t.sidecarIgnored!}` as MessageKey) });
}

/** The run's English reasons (src/fetch/run.ts) and their keys. */
const REASONS: [RegExp, (m: RegExpExecArray) => Message][] = [
  [/^not fetched before$/, () => msg('fetch.reason.notFetched')],
  [/^--force$/, () => msg('fetch.reason.force')],
  [/^the areas or categories asked for changed$/, () => msg('fetch.reason.selectionChanged')],
  [/^will check whether it changed$/, () => msg('fetch.reason.willCheck')],
  [/^(.+) now publishes it as table (.+)$/, (m) => msg('fetch.reason.republished', { api: m[1]!, table: m[2]! })],
  [/^changed at the source \((.*)\)$/, (m) => msg('fetch.reason.changed', { date: m[1]! })],
  [/^not changed since (.+)$/, (m) => msg('fetch.reason.notChangedSince', { date: m[1]! })],
  [/^unchanged since (.+)$/, (m) => msg('fetch.reason.unchangedSince', { date: m[1]! })],
  [/^failed$/, () => msg('fetch.reason.failed')],
];

/** The HTTP client's English advice (src/http/client.ts) and its keys: what the coordinator can change. */
const ADVICE: [RegExp, MessageKey][] = [
  [/^The server did not answer in time/, 'fetch.advice.timeout'],
  [/^The API asked us to wait longer/, 'fetch.advice.rateLimited'],
  [/^The API failed repeatedly/, 'fetch.advice.serverRepeated'],
  [/^The API failed\./, 'fetch.advice.serverFailed'],
  [/^The selection is too large/, 'fetch.advice.tooLarge'],
  [/^The table or address does not exist/, 'fetch.advice.notFound'],
  [/^The API rejected the query/, 'fetch.advice.rejected'],
  [/^Access was refused/, 'fetch.advice.refused'],
  [/^Check the API address and the catalogue/, 'fetch.advice.other'],
  [/^Check that the data folder can be written/, 'fetch.advice.file'],
  [/^Look the table up at statistikk\.fhi\.no/, 'fetch.advice.lookUp'],
];

function english(): boolean {
  return messageLang() === 'en';
}

/** Why a table was downloaded or skipped, in the run's language. */
export function reasonText(reason: string): string {
  if (english()) return reason;
  for (const [re, m] of REASONS) {
    const found = re.exec(reason);
    if (found) return render(m(found));
  }
  return reason;
}

/** What to do about a failed table, in the run's language (the proxy's sentence after it). */
export function adviceText(advice: string): string {
  if (english()) return advice;
  const key = ADVICE.find(([re]) => re.test(advice))?.[1];
  if (!key) return advice;
  const proxy = / The request went through the proxy (\S+): /.exec(advice);
  return say(key) + (proxy ? say('fetch.advice.proxy', { proxy: proxy[1]! }) : '');
}

function errorText(message: string): string {
  const file = /^cannot write the file \((\w+)\)$/.exec(message);
  return file && !english() ? say('fetch.advice.cannotWrite', { code: file[1]! }) : escapeTerminal(message);
}

/** What the fetched table says the catalogue should look at (notes after a downloaded table). */
function notesText(t: TableOutcome): string {
  const notes: string[] = [];
  if (t.movedFrom) notes.push(say('fetch.table.movedFrom', { table: t.movedFrom }));
  if (t.missingAreas?.length) notes.push(say('fetch.table.missingAreas', { areas: t.missingAreas.join(', ') }));
  for (const m of t.missingCategories ?? []) notes.push(say('fetch.table.missingCategory', { dimension: m.dimension, codes: m.codes.map((c) => escapeTerminal(c)).join(', ') }));
  for (const u of t.unselectable ?? []) notes.push(say('fetch.table.unselectable', { indicator: u.indicator, dimension: u.dimension }));
  for (const u of t.unmatched ?? []) notes.push(say('fetch.table.unmatched', { indicator: u.indicator, measure: escapeTerminal(u.measure), has: u.has.map((h) => `"${escapeTerminal(h)}"`).join(', ') }));
  return notes.join('');
}

/** How many warnings a table's outcome carries (for `--strict`): notes about the catalogue, an ignored sidecar. */
export function tableWarnings(t: TableOutcome): number {
  return (t.movedFrom ? 1 : 0) + (t.missingAreas?.length ? 1 : 0) + (t.missingCategories?.length ?? 0) + (t.unselectable?.length ?? 0) + (t.unmatched?.length ?? 0) + (t.sidecarIgnored ? 1 : 0);
}

/** One table's line: failed (with URL and advice), planned, up to date or downloaded (with notes). */
export function describeTable(t: TableOutcome): string {
  const name = `${t.api === 'fhi' ? `FHI ${t.collection} ${t.table}` : `SSB ${t.table}`}${t.title ? ` ${escapeTerminal(t.title)}` : ''}`;
  const reason = reasonText(t.reason);
  if (t.status === 'failed') {
    const e = t.error!;
    const texts = failureTexts(e);
    const error = typeof texts.message === 'string' ? errorText(texts.message) : escapeTerminal(render(texts.message));
    const advice = typeof texts.advice === 'string' ? adviceText(texts.advice) : render(texts.advice);
    return say('fetch.table.failed', { name, http: e.status ? msg('fetch.table.http', { status: e.status }) : '', error, url: escapeTerminal(e.url), advice });
  }
  if (t.status === 'planned') {
    const cells = t.cells !== null ? msg(t.cellsAtLeast ? 'fetch.table.cellsAtLeast' : 'fetch.table.cellsAbout', { count: t.cells }) : msg('fetch.table.cellsUnknown');
    return say('fetch.table.planned', { name, file: t.file, cells, requests: sayCount('fetch.table.dataRequests', t.requests), reason });
  }
  if (t.status === 'up-to-date') return say('fetch.table.upToDate', { name, reason });
  return say('fetch.table.downloaded', { name, file: t.file, cells: t.cells ?? 0, requests: sayCount('fetch.table.requests', t.requests), reason, notes: notesText(t) });
}

/** The run's last lines: the plan (--dry-run) or what was done, and the indicators left for a manual download. */
export function summaryLines(summary: FetchSummary, dataDir: string): string[] {
  const t = summary.totals;
  const others = [say('fetch.summary.land'), ...summary.areas.fylker.map((f) => say('fetch.summary.fylke', { fylke: f })), ...summary.areas.kostragrupper].join(', ');
  const where = say('fetch.summary.where', { kommuner: summary.areas.kommuner.join(', '), others });
  const tables = sayCount('fetch.summary.tables', t.tables);
  const lines: string[] = [];
  if (summary.dryRun) lines.push(say('fetch.summary.plan', { tables, where, dataDir, requests: summary.tables.reduce((a, x) => a + x.requests, 0) }));
  else {
    const seconds = english() ? summary.seconds.toFixed(1) : new Intl.NumberFormat(say('about.locale'), { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }).format(summary.seconds);
    lines.push(say('fetch.summary.done', { tables, where, downloaded: t.downloaded, upToDate: t.upToDate, failed: t.failed, requests: sayCount('fetch.table.requests', t.requests), retried: t.retries ? msg('fetch.summary.retried', { count: t.retries }) : '', seconds, dataDir }));
  }
  if (summary.notFetched.length) lines.push(say('fetch.summary.notFetched', { count: summary.notFetched.length, ids: summary.notFetched.join(', ') }));
  return lines;
}
