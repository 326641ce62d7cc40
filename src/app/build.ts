import { FolkehelseError, say } from '../base/errors.js';
import { messageLang } from '../base/messages.js';
import { formatNumberInText } from '../language/intl.js';
import { writeIndex } from '../output/manifest.js';
import { composeDocument } from './compose.js';
import { prepareContext, type BuildContext } from './compute.js';
import { planItems, splitUpToDate, startRun, type Item, type KommuneTarget, type Run } from './plan.js';
import { renderFiles, startPrinter, writeDocument, type Printer } from './render-write.js';
import type { BuildOutcome, BuildRequest, DocumentOutcome } from './request.js';

export type { BuildEvent, BuildOutcome, BuildRequest, DocumentOutcome } from './request.js';

/**
 * `folkehelse build`: for each municipality (and, with two or more, the region report) computes the
 * indicators and renders Markdown (with SVG figures), HTML and PDF. The data is read once; documents
 * are rendered `concurrency` at a time with one browser; each document's files are written
 * atomically once it is complete; a document whose inputs (data, configuration, templates,
 * catalogue, assessments, tool version) are unchanged is skipped; a municipality that fails does
 * not stop the others.
 *
 * The steps: plan (plan.ts: the documents and what each is made from, skipping those up to date) →
 * compute (compute.ts: the data, catalogue and indicators, once per run) → compose (compose.ts,
 * follow-up.ts, document-data.ts: each document) → render and write (render-write.ts).
 */
export async function build(req: BuildRequest): Promise<BuildOutcome> {
  const started = performance.now();
  const run = await startRun(req);
  const { items, kommuner } = await planItems(run, req);
  const { skipped, pending } = await splitUpToDate(items, run, req.force);
  const outcomes: DocumentOutcome[] = [...skipped];
  run.emit({ type: 'plan', total: items.length, skipped: skipped.length });
  for (const o of skipped) run.emit({ type: 'document', outcome: o });
  const blockedRequests = pending.length > 0 ? await buildPending(run, pending, kommuner, outcomes) : [];
  const manifest = await writeIndex(run.out);
  const order = new Map(items.map((item, i) => [item.id, i]));
  outcomes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  // Files left out are known when the data was read (documents up to date do not read it).
  const leftOut = pending.length > 0 ? (await run.data()).leftOut : [];
  return { documents: outcomes, leftOut, blockedRequests, manifest, seconds: (performance.now() - started) / 1000 };
}

/** Reads the data, then builds the documents `concurrency` at a time; returns the requests the PDF renderer blocked. */
async function buildPending(run: Run, pending: Item[], kommuner: KommuneTarget[], outcomes: DocumentOutcome[]): Promise<string[]> {
  // The browser starts (and the printer's modules load) while the data is read: it runs in
  // processes of its own. Its failure is looked at once the data is read (the catch only keeps
  // the rejection from being unhandled meanwhile); a browser started for a run that failed is closed.
  const printing = startPrinter(run.formats, run.env, Math.min(run.concurrency, pending.length));
  printing.catch(() => undefined);
  let ctx: BuildContext;
  try {
    const loaded = await run.data();
    run.emit({ type: 'info', message: say('progress.read', { files: loaded.files.length, observations: formatNumberInText(loaded.observations.length, 0, messageLang()) }) });
    ctx = prepareContext(run, loaded);
  } catch (e) {
    await (await printing.catch(() => null))?.pdf?.close();
    throw e;
  }
  const printer = await printing;
  try {
    await pool(pending, run.concurrency, async (item) => {
      const outcome = await buildItem(run, ctx, item, kommuner, printer);
      outcomes.push(outcome);
      run.emit({ type: 'document', outcome });
    });
  } finally {
    await printer.pdf?.close();
  }
  return printer.pdf?.blockedRequests ?? [];
}

/** One document: composed, rendered and written; a FolkehelseError fails this document only. */
async function buildItem(run: Run, ctx: BuildContext, item: Item, kommuner: KommuneTarget[], printer: Printer): Promise<DocumentOutcome> {
  const start = performance.now();
  const outcome: DocumentOutcome = { id: item.id, name: item.name, kind: item.kind, status: 'built', outputs: [], warnings: [], assessmentWarnings: [], error: null, seconds: 0 };
  try {
    const { doc, short, follow } = composeDocument(ctx, item, kommuner, run.final, outcome);
    const files = await renderFiles(ctx, item, { doc, short }, follow, printer, outcome.warnings);
    outcome.outputs.push(...(await writeDocument(run, item, files, printer.pdf !== null)));
  } catch (e) {
    if (!(e instanceof FolkehelseError)) throw e;
    outcome.status = 'failed';
    outcome.error = e.message;
  }
  outcome.seconds = (performance.now() - start) / 1000;
  return outcome;
}

/** Runs `work` over the items with at most `n` at a time. */
async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}
