import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { EXIT_OK, EXIT_USAGE, FolkehelseError, msg, say, UsageError } from '../base/errors.js';
import { helpAfter } from '../cli/help.js';
import { loadMessages, message } from '../cli/messages.js';
import { escapeTerminal } from '../cli/terminal.js';
import type { Texts } from '../report/language.js';
import type { PreviewEvent } from '../app/preview/preview.js';
import type { CliIO, RegisterCommand } from './context.js';
import { defaultConfigPath, langOption, type DocumentLang } from './options.js';

/** The port the preview listens on unless `--port` says otherwise. */
export const DEFAULT_PORT = 4327;

interface PreviewOptions {
  config?: string;
  kommune?: string;
  port: string;
  open: boolean;
  lang?: DocumentLang;
}

/**
 * `folkehelse preview`: the municipality's document in the browser, with the writing aid beside
 * it, kept up to date while the coordinator writes the assessments. Runs until Ctrl-C (SIGINT) or
 * SIGTERM, then closes the page's connections, the watches and the server and exits 0.
 */
export const register: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('preview')
    .description(say('help.previewDescription'))
    .option('--config <file>', say('help.config'))
    .option('--kommune <number>', say('help.previewKommune'))
    .option('--port <n>', say('help.previewPort'), String(DEFAULT_PORT))
    .option('--no-open', say('help.previewNoOpen'))
    .addOption(langOption(say('help.previewLang')))
    .addHelpText('after', helpAfter(['folkehelse preview', 'folkehelse preview --kommune 5037', 'folkehelse preview --kommune 5038 --lang nn --port 0 --no-open'], [say('help.previewMore')]))
    .action(async (opts: PreviewOptions) => setExitCode(await runPreview(opts, io)));
};

/** The first SIGINT (Ctrl-C) or SIGTERM; `cancel` stops listening (a second Ctrl-C then ends the process at once). */
export function waitForSignal(): { promise: Promise<NodeJS.Signals>; cancel: () => void } {
  let on: (signal: NodeJS.Signals) => void = () => {};
  const cancel = () => {
    process.off('SIGINT', on);
    process.off('SIGTERM', on);
  };
  const promise = new Promise<NodeJS.Signals>((resolve) => {
    on = (signal) => {
      cancel();
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
  return { promise, cancel };
}

/**
 * Starts the preview, says where it is, opens the browser, runs until `stop` (default: Ctrl-C or
 * SIGTERM), then closes everything; returns the exit code.
 */
export async function runPreview(opts: PreviewOptions, io: CliIO, stop?: Promise<unknown>): Promise<number> {
  const port = parsePort(opts.port);
  const configPath = defaultConfigPath(opts.config);
  if (configPath === undefined) throw new UsageError(msg('errors.usage.previewConfig'));
  if (!existsSync(configPath)) throw new FolkehelseError(msg('errors.file.notFound'), EXIT_USAGE, `--config: ${configPath}`);
  const { resolveKommune } = await import('../indicators/engine.js');
  const kommune = opts.kommune === undefined ? undefined : resolveKommune(opts.kommune.trim()).code;
  // Listening from here: a Ctrl-C while the data is read still ends the preview cleanly.
  const signal = stop ? null : waitForSignal();
  try {
    return await serve(opts, io, { configPath, kommune, port }, stop ?? signal!.promise);
  } finally {
    signal?.cancel();
  }
}

async function serve(opts: PreviewOptions, io: CliIO, { configPath, kommune, port }: { configPath: string; kommune?: string; port: number }, stop: Promise<unknown>): Promise<number> {
  const { startPreview } = await import('../app/preview/preview.js');
  const { PortInUseError } = await import('../app/preview/server.js');
  let lang: DocumentLang = opts.lang ?? 'nb';
  const say = (event: PreviewEvent) => report(io, event, loadMessages((lang = event.lang)));
  let preview;
  try {
    preview = await startPreview({ configPath: resolve(configPath), kommune, lang: opts.lang, port, env: io.env, onEvent: say });
  } catch (e) {
    if (e instanceof PortInUseError) throw new UsageError(message(loadMessages(lang), e.denied ? 'preview.terminal.portDenied' : 'preview.terminal.portTaken', { port }));
    throw e;
  }
  try {
    const m = loadMessages((lang = preview.session.lang));
    const shown = preview.session.snapshot.kommune;
    io.stdout.write(escapeTerminal(message(m, 'preview.terminal.started', { kommune: shown ? `${shown.code} ${shown.name}` : (kommune ?? ''), url: preview.url })) + '\n');
    const folder = preview.session.assessmentFolder;
    if (folder) io.stdout.write(escapeTerminal(message(m, 'preview.terminal.writing', { folder: shownPath(folder) })) + '\n');
    if (opts.open) await open(io, m, preview.url);
    await stop;
  } finally {
    await preview.close();
  }
  io.stdout.write(message(loadMessages(lang), 'preview.terminal.stopped') + '\n');
  return EXIT_OK;
}

function parsePort(text: string): number {
  const port = /^\s*\d{1,5}\s*$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(msg('errors.usage.port', { value: text }));
  return port;
}

async function open(io: CliIO, m: Texts, url: string): Promise<void> {
  const { openBrowser } = await import('../app/preview/open.js');
  const failed = (reason: string) => io.stderr.write(escapeTerminal(message(m, 'preview.terminal.openFailed', { reason, url })) + '\n');
  io.stdout.write(message(m, 'preview.terminal.opening') + '\n');
  const reason = await openBrowser(url, failed);
  if (reason) failed(reason);
}

/** A path as the coordinator typed it: relative to the working folder when inside it, else whole. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function clock(): string {
  const d = new Date();
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** One event of the running preview on the terminal, in the coordinator's language; problems on stderr, never a stack. */
function report(io: CliIO, event: PreviewEvent, m: Texts): void {
  const files = 'files' in event ? event.files.slice(0, 3).map(shownPath).join(', ') + (event.files.length > 3 ? ' …' : '') : '';
  switch (event.type) {
    case 'note':
      if (event.note.kind === 'choose') io.stdout.write(escapeTerminal(message(m, 'preview.terminal.choose', { count: event.note.count, kommune: event.note.kommune })) + '\n');
      else io.stdout.write(escapeTerminal(event.note.message) + '\n');
      return;
    case 'updated': {
      const seconds = event.seconds.toFixed(1).replace('.', event.lang === 'nb' || event.lang === 'nn' ? ',' : '.');
      io.stdout.write(escapeTerminal(message(m, event.recovered ? 'preview.terminal.recovered' : 'preview.terminal.updated', { time: clock(), files: files || '–', seconds })) + '\n');
      return;
    }
    case 'problem': {
      const p = event.snapshot.problem!;
      const title = message(m, p.internal ? 'preview.problem.internal' : `preview.problem.${p.stage}`);
      const lines = [message(m, 'preview.terminal.problem', { time: clock(), title }), ...p.message.split('\n').map((l) => `  ${l}`)];
      io.stderr.write(lines.map(escapeTerminal).join('\n') + '\n');
      return;
    }
    case 'watch-problem':
      io.stderr.write(escapeTerminal(message(m, 'preview.terminal.watchProblem', { path: event.path, reason: event.message })) + '\n');
  }
}
