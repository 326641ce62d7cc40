import { loadMessages } from '../../cli/messages.js';
import type { Texts } from '../../report/language.js';
import { CLIENT_SCRIPT, PREVIEW_CSS } from './assets.js';
import { msg } from './aid.js';
import { pageContent, renderPage, type PreviewSnapshot } from './page.js';
import { PreviewServer, type Resource, type Site } from './server.js';
import { PreviewSession, type SessionNote } from './session.js';
import { ProjectWatcher, type ChangeBatch, type WatchOptions } from './watch.js';

/** What the terminal is told while the preview runs. */
type Said =
  | { type: 'note'; note: SessionNote }
  | { type: 'updated'; files: string[]; seconds: number; snapshot: PreviewSnapshot; recovered: boolean }
  | { type: 'problem'; files: string[]; snapshot: PreviewSnapshot }
  | { type: 'watch-problem'; path: string; message: string };

/** An event of the running preview, with the language to say it in (the document's). */
export type PreviewEvent = Said & { lang: 'nb' | 'nn' };

export interface PreviewOptions {
  configPath: string;
  kommune?: string;
  lang?: 'nb' | 'nn';
  /** 0: a free port. */
  port: number;
  env?: NodeJS.ProcessEnv;
  onEvent?: (event: PreviewEvent) => void;
  watch?: WatchOptions;
}

export interface Preview {
  url: string;
  port: number;
  session: PreviewSession;
  /** Stops watching, ends the page's connections and the server. */
  close(): Promise<void>;
}

const messagesByLang = new Map<string, Texts>();
function messagesFor(lang: 'nb' | 'nn'): Texts {
  let m = messagesByLang.get(lang);
  if (!m) messagesByLang.set(lang, (m = loadMessages(lang)));
  return m;
}

/**
 * `folkehelse preview`: composes the municipality's document (a session that keeps what it has
 * read), serves it with the writing aid on 127.0.0.1, and watches the files it is made from: each
 * batch of changes refreshes the session from the stage the change needs, then tells the open
 * pages (server-sent events), which fetch the new content.
 */
export async function startPreview(opts: PreviewOptions): Promise<Preview> {
  const say = opts.onEvent ?? (() => {});
  const emit = (event: Said) => say({ ...event, lang: session.lang });
  const session: PreviewSession = new PreviewSession({ configPath: opts.configPath, kommune: opts.kommune, lang: opts.lang, env: opts.env, onNote: (note) => emit({ type: 'note', note }) });
  // Listening first: a port in use is said at once, before the data is read.
  const server = await PreviewServer.start(site(session), opts.port);
  const first = await session.refresh(['config']);
  if (first.problem) emit({ type: 'problem', files: [], snapshot: first });
  server.notify();
  let watcher: ProjectWatcher | null = null;
  const onBatch = (batch: ChangeBatch) => {
    const before = session.snapshot.problem;
    const started = performance.now();
    void session
      .refresh(batch.kinds)
      .then((snapshot) => {
        server.notify();
        // The configuration may name other folders now.
        watcher?.setTargets(session.watchTargets());
        const now = snapshot.problem;
        // A data file still left out (the document is current) is said once, not again with every save.
        if (now && (!now.partial || now.message !== before?.message)) emit({ type: 'problem', files: batch.paths, snapshot });
        else emit({ type: 'updated', files: batch.paths, seconds: (performance.now() - started) / 1000, snapshot, recovered: before !== null && before.message !== now?.message });
      })
      .catch(() => {
        // The terminal could not be written to: the page is up to date all the same.
      });
  };
  try {
    watcher = new ProjectWatcher(session.watchTargets(), onBatch, { ...opts.watch, onProblem: (path, message) => emit({ type: 'watch-problem', path, message }) });
  } catch (e) {
    await server.close();
    throw e;
  }
  let closed: Promise<void> | null = null;
  return {
    url: server.url,
    port: server.port,
    session,
    close: () =>
      (closed ??= (async () => {
        watcher?.close();
        await server.close();
        // A refresh under way finishes before the preview is said to be closed.
        await session.refresh([]);
      })()),
  };
}

/** The server's fixed resources, made from the session's snapshot when asked for. */
function site(session: PreviewSession): Site {
  const m = () => messagesFor(session.snapshot.lang);
  const resources = new Map<string, Resource>([
    ['/', { type: 'text/html; charset=utf-8', body: () => renderPage(session.snapshot, m()) }],
    ['/content', { type: 'application/json; charset=utf-8', body: () => JSON.stringify(pageContent(session.snapshot, m())) }],
    ['/document.css', { type: 'text/css; charset=utf-8', body: () => session.snapshot.document?.css ?? '' }],
    ['/preview.css', { type: 'text/css; charset=utf-8', body: () => PREVIEW_CSS }],
    ['/preview.js', { type: 'text/javascript; charset=utf-8', body: () => CLIENT_SCRIPT }],
  ]);
  return {
    resources,
    version: () => session.snapshot.version,
    get refusals() {
      return { host: msg(m(), 'refused.host'), method: msg(m(), 'refused.method'), notFound: msg(m(), 'refused.notFound') };
    },
  };
}
