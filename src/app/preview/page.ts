import { createHash } from 'node:crypto';
import { escapeHtml } from '../../report/escape.js';
import { fill } from '../../language/lookup.js';
import { lookup, type Texts } from '../../report/language.js';
import { msg, type AidEntry, type WritingAid } from './aid.js';

/** The document as the build's HTML renderer made it, in the parts the preview page is put together from. */
export interface DocumentParts {
  title: string;
  /** The document's style sheet (served as /document.css). */
  css: string;
  /** Everything inside the document's <main>. */
  body: string;
  /** The document's language (`nb`, `nn`). */
  lang: string;
}

/** Why the page cannot show the current document, in the stage it failed at. */
export interface PreviewProblem {
  stage: 'config' | 'data' | 'setup' | 'document';
  message: string;
  /** A bug in folkehelse, not a problem with the user's files. */
  internal: boolean;
  /** The document shown is current, made without what the problem names (a data file left out of the draft). */
  partial?: boolean;
}

/** What the page shows now: the last document that could be made, the writing aid, and any problem since. */
export interface PreviewSnapshot {
  /** Goes up with every refresh; the page asks for the content when it differs from its own. */
  version: number;
  lang: 'nb' | 'nn';
  kommune: { code: string; name: string } | null;
  document: DocumentParts | null;
  aid: WritingAid | null;
  problem: PreviewProblem | null;
}

/** What the page's script puts in place on an update (GET /content). */
export interface PageContent {
  version: number;
  title: string;
  lang: string;
  /** Names the document's style sheet: the page loads it again only when it changed (a template's style.css). */
  css: string;
  problem: string;
  document: string;
  aid: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Splits the HTML the build's renderer wrote (renderHtml: one self-contained file) into its title,
 * style sheet and the inside of <main>. The page serves the style sheet from the server itself, so
 * that its Content-Security-Policy needs no inline style or script.
 */
export function documentParts(html: string): DocumentParts {
  const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1];
  const css = /<style>\n?([\s\S]*?)<\/style>/.exec(html)?.[1];
  const lang = /<html lang="([^"]*)"/.exec(html)?.[1];
  const open = /<main(?: [^>]*)?>\n?/.exec(html);
  const close = html.lastIndexOf('</main>');
  if (title === undefined || css === undefined || lang === undefined || !open || close < open.index) throw new Error('the HTML renderer wrote no <title>, <style> and <main> for the preview to show');
  return { title: title.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!), css, body: html.slice(open.index + open[0].length, close), lang };
}

/** The page: the document, and beside it the writing aid; a script of its own keeps it up to date. */
export function renderPage(s: PreviewSnapshot, m: Texts): string {
  const c = pageContent(s, m);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(c.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(c.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" id="fh-document-css" href="/document.css?v=${c.css}">
<link rel="stylesheet" href="/preview.css">
<script src="/preview.js" defer></script>
</head>
<body class="fh-preview" data-version="${s.version}">
<div id="fh-main">
<div id="fh-problem" role="alert">${c.problem}</div>
<main id="fh-document">
${c.document}</main>
</div>
<aside id="fh-aid" aria-label="${escapeHtml(msg(m, 'aidLabel'))}">
<p id="fh-connection" class="fh-online" data-online="${escapeHtml(msg(m, 'connection.online'))}" data-offline="${escapeHtml(msg(m, 'connection.offline'))}">${escapeHtml(msg(m, 'connection.online'))}</p>
<div id="fh-aid-body">
${c.aid}</div>
</aside>
</body>
</html>
`;
}

/** The parts of the page an update replaces. */
export function pageContent(s: PreviewSnapshot, m: Texts): PageContent {
  const kommune = s.kommune ? `${s.kommune.code} ${s.kommune.name}` : '';
  return {
    version: s.version,
    title: s.document ? `${fill(msg(m, 'title'), { kommune: s.kommune?.name ?? '' })} · ${s.document.title}` : fill(msg(m, 'title'), { kommune }),
    lang: s.document?.lang ?? s.lang,
    css: createHash('sha256').update(s.document?.css ?? '').digest('hex').slice(0, 12),
    problem: s.problem ? problemHtml(s.problem, s.document !== null || s.aid !== null, m) : '',
    document: s.document ? s.document.body : `<p class="fh-no-document">${escapeHtml(msg(m, 'noDocument'))}</p>\n`,
    aid: s.aid ? aidHtml(s.aid, m) : '',
  };
}

function problemHtml(p: PreviewProblem, stale: boolean, m: Texts): string {
  const title = msg(m, p.internal ? 'problem.internal' : `problem.${p.stage}`);
  return `<section class="fh-problem-box">\n<h2>${escapeHtml(title)}</h2>\n<pre>${escapeHtml(p.message)}</pre>\n${stale && !p.partial ? `<p>${escapeHtml(msg(m, 'problem.stale'))}</p>\n` : ''}</section>\n`;
}

/** The writing aid's panel: the summary, then every required assessment, the draft's other markers and the files not read. */
export function aidHtml(aid: WritingAid, m: Texts): string {
  const parts = [`<h2>${escapeHtml(msg(m, 'aidHeading'))}</h2>\n<p class="fh-intro">${escapeHtml(msg(m, 'aidIntro'))}</p>\n`];
  const summary = aid.notReady > 0 ? fill(msg(m, 'summary'), { notReady: aid.notReady, required: aid.required }) : msg(m, 'ready');
  parts.push(`<p class="fh-summary ${aid.notReady > 0 ? 'fh-not-ready' : 'fh-ready'}">${escapeHtml(summary)}</p>\n`);
  if (aid.contradictions > 0) parts.push(`<p class="fh-summary fh-contradicts">${escapeHtml(fill(msg(m, 'contradictionCount'), { count: aid.contradictions }))}</p>\n`);
  parts.push(`<ol class="fh-entries">\n${aid.entries.map((e) => entryHtml(e, m)).join('')}</ol>\n`);
  if (aid.unknown.length) parts.push(`<details class="fh-unknown" id="fh-aid-unknown" open>\n<summary>${escapeHtml(fill(msg(m, 'unknownHeading'), { count: aid.unknown.length }))}</summary>\n<ul>\n${aid.unknown.map((u) => `<li>${escapeHtml(u)}</li>\n`).join('')}</ul>\n</details>\n`);
  if (aid.marked.length) parts.push(`<details class="fh-marked" id="fh-aid-marked">\n<summary>${escapeHtml(fill(msg(m, 'markedHeading'), { count: aid.marked.length }))}</summary>\n<p>${escapeHtml(msg(m, 'markedIntro'))}</p>\n<ol class="fh-entries">\n${aid.marked.map((e) => entryHtml(e, m)).join('')}</ol>\n</details>\n`);
  return parts.join('');
}

/** A status word: the gate's status has its own text where the language file has one (a new gate status gets the general one). */
function statusWord(status: string, m: Texts): string {
  const own = lookup(m, `preview.status.${status}`);
  return typeof own === 'string' ? own : msg(m, 'status.other');
}

function statusHelp(e: AidEntry, m: Texts): string | null {
  if (e.status === 'present') return null;
  const quoted = (hs: string[]) => hs.map((h) => `«${h}»`).join(', ');
  const headings = quoted(e.headings);
  // Too thin: the parts with too few words, with the least the gate asks for ('' for a text without parts).
  const parts = quoted(e.thin.map((t) => t.title).filter((t) => t !== ''));
  const minWords = e.thin.length ? Math.max(...e.thin.map((t) => t.minWords)) : '';
  const own = lookup(m, `preview.statusHelp.${e.status}`);
  return fill(typeof own === 'string' ? own : msg(m, 'statusHelp.other'), { headings, parts, minWords, status: e.status });
}

function entryHtml(e: AidEntry, m: Texts): string {
  const cls = ['fh-entry', `fh-status-${e.status.replace(/[^a-z-]/gi, '')}`, ...(e.contradictions.length ? ['fh-has-contradictions'] : [])].join(' ');
  const badges = [`<span class="fh-badge">${escapeHtml(statusWord(e.status, m))}</span>`, ...(e.contradictions.length ? [`<span class="fh-badge fh-badge-contradiction">${escapeHtml(msg(m, 'status.contradiction'))}</span>`] : [])].join(' ');
  const title = e.anchor ? `<a href="#${escapeHtml(e.anchor)}" title="${escapeHtml(msg(m, 'goTo'))}">${escapeHtml(e.title)}</a>` : escapeHtml(e.title);
  const help = statusHelp(e, m);
  const body = [
    help ? `<p class="fh-help">${escapeHtml(help)}</p>\n` : '',
    e.contradictions.length ? `<ul class="fh-contradictions">\n${e.contradictions.map((c) => `<li>${escapeHtml(c)}</li>\n`).join('')}</ul>\n` : '',
    `<p class="fh-file">${escapeHtml(msg(m, 'file'))} <code>${escapeHtml(e.file)}</code></p>\n`,
    e.law ? `<p class="fh-law">${escapeHtml(msg(m, 'law'))} ${escapeHtml(e.law)}</p>\n` : '',
    e.questions.length ? `<p class="fh-questions-title">${escapeHtml(msg(m, 'questions'))}</p>\n<ul class="fh-questions">\n${e.questions.map((q) => `<li>${escapeHtml(q)}</li>\n`).join('')}</ul>\n` : '',
  ].join('');
  return `<li class="${cls}" data-name="${escapeHtml(e.name)}">\n<details id="fh-aid-${escapeHtml(e.name)}"${e.contradictions.length ? ' open' : ''}>\n<summary>${badges} ${title}</summary>\n${body}</details>\n</li>\n`;
}
