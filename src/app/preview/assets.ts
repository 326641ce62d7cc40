/**
 * The preview page's own script and style sheet, served by the preview server from memory (the
 * Content-Security-Policy allows scripts and styles from the server only: `'self'`, nothing inline).
 * The document itself has no script.
 */

/**
 * Listens for new versions (server-sent events on /events) and puts the new content in place
 * (GET /content): the document, the writing aid and any problem, without a reload, replacing
 * only the parts that changed. Keeps which entries of the aid are open. Says when the preview cannot be reached.
 */
export const CLIENT_SCRIPT = `'use strict';
(() => {
  const body = document.body;
  const connection = document.getElementById('fh-connection');
  let version = body.dataset.version;
  let busy = false;
  let again = false;

  const setOnline = (online) => {
    connection.textContent = connection.dataset[online ? 'online' : 'offline'];
    connection.className = online ? 'fh-online' : 'fh-offline';
  };

  // Replaces only what changed: the nodes between the equal start and the equal end. A long
  // document with its figures is not laid out again for one paragraph.
  const patch = (target, html) => {
    const t = document.createElement('template');
    t.innerHTML = html;
    const next = [...t.content.childNodes];
    const old = [...target.childNodes];
    let a = 0;
    while (a < old.length && a < next.length && old[a].isEqualNode(next[a])) a++;
    let b = 0;
    while (b < old.length - a && b < next.length - a && old[old.length - 1 - b].isEqualNode(next[next.length - 1 - b])) b++;
    const after = b > 0 ? old[old.length - b] : null;
    for (const n of old.slice(a, old.length - b)) n.remove();
    for (const n of next.slice(a, next.length - b)) target.insertBefore(n, after);
  };

  const apply = (c) => {
    const open = [...document.querySelectorAll('#fh-aid details[id]')].map((d) => [d.id, d.open]);
    patch(document.getElementById('fh-problem'), c.problem);
    patch(document.getElementById('fh-document'), c.document);
    patch(document.getElementById('fh-aid-body'), c.aid);
    for (const [id, wasOpen] of open) {
      const d = document.getElementById(id);
      if (d && d.tagName === 'DETAILS') d.open = wasOpen || d.open;
    }
    document.title = c.title;
    document.documentElement.lang = c.lang;
    const css = document.getElementById('fh-document-css');
    if (css.getAttribute('href') !== '/document.css?v=' + c.css) css.setAttribute('href', '/document.css?v=' + c.css);
    version = String(c.version);
    body.dataset.version = version;
  };

  const update = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const r = await fetch('/content', { cache: 'no-store' });
      if (r.ok) apply(await r.json());
    } catch {
      // The preview has ended or is restarting: the event source says so and tries again.
    } finally {
      busy = false;
      if (again) {
        again = false;
        void update();
      }
    }
  };

  const events = new EventSource('/events');
  events.addEventListener('version', (e) => {
    setOnline(true);
    if (String(JSON.parse(e.data).version) !== version) void update();
  });
  events.addEventListener('open', () => setOnline(true));
  events.addEventListener('error', () => setOnline(false));
})();
`;

/** The page around the document: the document on the left, the writing aid on the right (below on narrow screens). */
export const PREVIEW_CSS = `body.fh-preview { max-width: none; margin: 0; padding: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(18rem, 28rem); }
#fh-main { min-width: 0; padding: 10mm 6mm; }
#fh-document { max-width: 190mm; margin: 0 auto; }
#fh-aid { position: sticky; top: 0; height: 100vh; overflow-y: auto; box-sizing: border-box; padding: 4mm 5mm 10mm; border-left: 1px solid #d0d7de; background: #f7f9fb; font-size: 9pt; line-height: 1.4; }
#fh-aid h2 { font-size: 13pt; border: none; margin: 2mm 0 2mm; padding: 0; break-before: auto; }
#fh-aid p { margin: 0 0 2mm; }
#fh-aid code { font-size: 8.5pt; word-break: break-all; }
#fh-connection { font-size: 8pt; margin: 0; }
#fh-connection.fh-online { color: #555555; }
#fh-connection.fh-offline { color: #B04C00; font-weight: bold; }
.fh-intro { color: #444444; }
.fh-summary { font-weight: bold; }
.fh-summary.fh-ready { color: #0072B2; }
.fh-summary.fh-not-ready, .fh-summary.fh-contradicts { color: #9a3a00; }
ol.fh-entries { list-style: none; padding: 0; margin: 2mm 0 4mm; }
li.fh-entry { border-left: 4px solid #E69F00; background: #ffffff; margin: 0 0 1.5mm; padding: 1mm 2mm; }
li.fh-entry.fh-status-present { border-left-color: #0072B2; }
li.fh-entry.fh-status-missing { border-left-color: #B04C00; }
li.fh-entry.fh-has-contradictions { outline: 1px solid #B04C00; }
li.fh-entry summary { cursor: pointer; }
.fh-badge { display: inline-block; font-size: 7.5pt; font-weight: bold; padding: 0 1.5mm; border-radius: 2mm; background: #fff1d6; color: #6b4500; }
.fh-status-present .fh-badge { background: #e3f0fa; color: #004f7c; }
.fh-status-missing .fh-badge { background: #fde4d7; color: #8a3100; }
.fh-badge.fh-badge-contradiction { background: #B04C00; color: #ffffff; }
.fh-help { color: #6b4500; }
ul.fh-contradictions { margin: 1mm 0 2mm; padding-left: 4mm; color: #8a3100; }
p.fh-questions-title { margin: 2mm 0 0.5mm; font-weight: bold; }
ul.fh-questions { margin: 0 0 1mm; padding-left: 4mm; color: #333333; }
details.fh-marked, details.fh-unknown { margin: 3mm 0; }
details.fh-marked > summary, details.fh-unknown > summary { cursor: pointer; font-weight: bold; }
#fh-problem:empty { display: none; }
.fh-problem-box { border-left: 4px solid #B04C00; background: #fdeee6; padding: 3mm 4mm; margin: 0 auto 6mm; max-width: 190mm; }
.fh-problem-box h2 { font-size: 13pt; border: none; margin: 0 0 2mm; padding: 0; break-before: auto; color: #8a3100; }
.fh-problem-box pre { white-space: pre-wrap; font-size: 8.5pt; margin: 0 0 2mm; }
.fh-no-document { color: #555555; font-style: italic; }
@media (max-width: 60rem) {
  body.fh-preview { display: block; }
  #fh-aid { position: static; height: auto; border-left: none; border-top: 1px solid #d0d7de; }
}
@media print {
  body.fh-preview { display: block; }
  #fh-aid, #fh-problem { display: none; }
}
`;
