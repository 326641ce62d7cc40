import { join, relative, resolve } from 'node:path';
import { FolkehelseError, UsageError } from '../../base/errors.js';
import { msg, render, sayCount } from '../../base/messages.js';
import { loadMessages } from '../../cli/messages.js';
import { loadConfig, type BuildConfig } from '../../config/config.js';
import { leftOutProblems, type LeftOutFile, type LoadedData } from '../../sources/load.js';
import { htmlRenderer } from '../../report/renderers.js';
import { composeDocument, readOverview } from '../compose.js';
import { prepareContext, resultsFor, type BuildContext } from '../compute.js';
import { planItems, startRun, type Item, type KommuneTarget, type Run } from '../plan.js';
import { toPosix } from '../provenance.js';
import { writingAid } from './aid.js';
import { documentParts, type PreviewProblem, type PreviewSnapshot } from './page.js';
import type { ChangeKind, WatchTarget } from './watch.js';

export type { PreviewSnapshot };

export interface SessionOptions {
  /** The configuration file (absolute or relative to the working folder). */
  configPath: string;
  /** The municipality to show (its current number); default the configuration's first. */
  kommune?: string;
  /** The document's language; default the configuration's. */
  lang?: 'nb' | 'nn';
  env?: NodeJS.ProcessEnv;
  /** Notes for the terminal (a former municipality number, which municipality is shown), in English or as a message key. */
  onNote?: (note: SessionNote) => void;
}

export type SessionNote = { kind: 'info'; message: string } | { kind: 'choose'; kommune: string; count: number };

/** The stages of a refresh, from the most work to the least; a change redoes its stage and those after it. */
const STAGES: readonly ChangeKind[] = ['config', 'data', 'setup', 'assessment'];

/** Data files and what fetch writes beside them: other files in a data folder (downloads in progress) change nothing. */
const DATA_NAME = /\.(csv|tsv|txt|json|sidecar)$/i;

/**
 * One municipality's document, kept up to date while the coordinator writes: the configuration,
 * the data (read once), the computed indicators and the composed document are each kept until
 * something they are made from changes. An assessment edit composes and renders again from the
 * kept results (no data is read); a catalogue or template change computes again from the kept
 * data; a data file change reads the data again; the configuration starts over. A stage that fails
 * leaves the last document in view with the problem beside it, and is tried again on the next change.
 */
export class PreviewSession {
  /** How often each stage ran (tests check that an assessment edit reads no data). */
  readonly stats = { configLoads: 0, dataLoads: 0, contexts: 0, compositions: 0 };
  readonly configPath: string;
  private config: BuildConfig | null = null;
  private run: Run | null = null;
  private data: LoadedData | null = null;
  private item: Item | null = null;
  private kommuner: KommuneTarget[] = [];
  private ctx: BuildContext | null = null;
  private queued = new Set<ChangeKind>();
  private noted = false;
  private last: Promise<PreviewSnapshot>;
  private current: PreviewSnapshot;

  constructor(private readonly options: SessionOptions) {
    this.configPath = resolve(options.configPath);
    this.current = { version: 0, lang: options.lang ?? 'nb', kommune: null, document: null, aid: null, problem: null };
    this.last = Promise.resolve(this.current);
  }

  /** What the page shows now. */
  get snapshot(): PreviewSnapshot {
    return this.current;
  }

  /** The document's language (the configuration's unless `--lang` says otherwise). */
  get lang(): 'nb' | 'nn' {
    return this.options.lang ?? this.config?.lang ?? 'nb';
  }

  /** The assessment folder of the municipality shown, as the document names it. */
  get assessmentFolder(): string | null {
    return this.config && this.item ? join(this.assessmentsRoot(this.config), this.item.id) : null;
  }

  /**
   * Makes the snapshot again after changes of these kinds (one refresh at a time: changes that come
   * in meanwhile are done together, next). Never throws: a problem is part of the snapshot.
   */
  refresh(kinds: Iterable<ChangeKind>): Promise<PreviewSnapshot> {
    for (const k of kinds) this.queued.add(k);
    this.last = this.last.then(() => (this.queued.size > 0 ? this.runQueued() : this.current));
    return this.last;
  }

  /** What to watch: the configuration, the data, catalogue, templates, goals, coat of arms, assessments; never the output folder. */
  watchTargets(): WatchTarget[] {
    const targets: WatchTarget[] = [{ path: this.configPath, kind: 'config' }];
    const c = this.config;
    if (!c) return targets;
    for (const d of c.data) targets.push({ path: d, kind: 'data', accept: (name) => DATA_NAME.test(name) });
    for (const f of [...c.catalogue, c.templates, c.goals]) if (f) targets.push({ path: f, kind: 'setup' });
    const code = this.item?.id ?? this.options.kommune ?? c.kommuner[0]?.code;
    if (code) targets.push({ path: join(this.assessmentsRoot(c), code), kind: 'assessment' });
    const arms = c.kommuner.find((k) => k.code === code)?.coatOfArms;
    if (arms) targets.push({ path: arms, kind: 'assessment' });
    targets.push({ path: c.out, kind: 'ignore' });
    return targets;
  }

  private assessmentsRoot(c: BuildConfig): string {
    return c.assessments ?? join(this.run?.base ?? resolve(this.configPath, '..'), 'vurderinger');
  }

  /** The first stage to do: the earliest asked for, or the earliest whose result is missing (it failed before). */
  private firstStage(kinds: Set<ChangeKind>): number {
    const missing = !this.config ? 0 : !this.data || !this.item ? 1 : !this.ctx ? 2 : 3;
    return Math.min(missing, ...[...kinds].map((k) => STAGES.indexOf(k)));
  }

  private async runQueued(): Promise<PreviewSnapshot> {
    const from = this.firstStage(this.queued);
    this.queued = new Set();
    let stage = from;
    let problem: PreviewProblem | null = null;
    let next: Pick<PreviewSnapshot, 'document' | 'aid' | 'kommune'> | null = null;
    try {
      for (; stage < 3; stage++) await this.redo(stage, from);
      next = await this.compose();
      problem = leftOutProblem(this.data?.leftOut ?? [], this.lang);
    } catch (e) {
      problem = problemOf(e, STAGES[stage]!);
      // What failed is done again on the next change, whatever it is.
      if (stage <= 0) this.config = null;
      if (stage <= 1) [this.data, this.item] = [null, null];
      if (stage <= 2) this.ctx = null;
    }
    this.current = { version: this.current.version + 1, lang: this.lang, ...(next ?? { document: this.current.document, aid: this.current.aid, kommune: this.current.kommune }), problem };
    return this.current;
  }

  private async redo(stage: number, from: number): Promise<void> {
    if (stage === 0) await this.loadConfig();
    // A run reads its data once: a data change needs a new one (a new configuration has just made one).
    else if (stage === 1) await this.loadData(from === 1 || !this.run);
    else this.prepare();
  }

  /** Reads the configuration and resolves the run against it (what `build` refuses before reading anything is said here). */
  private async loadConfig(): Promise<void> {
    this.stats.configLoads++;
    [this.config, this.run, this.data, this.item, this.ctx] = [null, null, null, null, null];
    const config = loadConfig(this.configPath);
    this.config = config;
    this.run = await this.newRun(config);
  }

  /**
   * A run of one document, in HTML, that writes nothing: it takes no lock on the output folder, so a
   * `build` in another terminal, or another preview of the same project, is not refused while this
   * one is open.
   */
  private async newRun(config: BuildConfig): Promise<Run> {
    return startRun({ config, formats: ['html'], lang: this.lang, env: this.options.env, readOnly: true, onEvent: (e) => (e.type === 'info' ? this.options.onNote?.({ kind: 'info', message: e.message }) : undefined) });
  }

  /** Reads the data (once per data change) and chooses the municipality's document. */
  private async loadData(newRun: boolean): Promise<void> {
    const config = this.config!;
    [this.data, this.item, this.ctx] = [null, null, null];
    const code = this.options.kommune ?? config.kommuner[0]?.code;
    if (!code) throw new UsageError(msg('errors.usage.noKommune', { config: this.configPath }));
    if (newRun) this.run = await this.newRun(config);
    const run = this.run!;
    this.stats.dataLoads++;
    this.data = await run.data();
    const { items, kommuner } = await planItems(run, { kommuner: [code] });
    this.item = items.find((i) => i.kind === 'kommune') ?? null;
    this.kommuner = kommuner;
    if (this.item && !this.options.kommune && config.kommuner.length > 1 && !this.noted) this.options.onNote?.({ kind: 'choose', kommune: `${this.item.id} ${this.item.name}`, count: config.kommuner.length });
    this.noted = true;
  }

  /** Reads the catalogue, language files, templates and goals against the kept data. */
  private prepare(): void {
    this.stats.contexts++;
    this.ctx = prepareContext(this.run!, this.data!);
  }

  /** The document as the build composes and renders it (a draft: the markers show what is missing), and the writing aid. */
  private async compose(): Promise<Pick<PreviewSnapshot, 'document' | 'aid' | 'kommune'>> {
    const ctx = this.ctx!;
    const item = this.item!;
    this.stats.compositions++;
    const { doc } = composeDocument(ctx, item, this.kommuner, false, { warnings: [], assessmentWarnings: [] });
    const files = await htmlRenderer.render(doc, { stem: 'preview', templates: ctx.config.templates });
    const html = [...files.values()].find((v): v is string => typeof v === 'string');
    if (html === undefined) throw new Error('the HTML renderer wrote no HTML');
    const { k, geo } = item.kommune!;
    const results = resultsFor(ctx, k, geo);
    const { set, overview } = readOverview(ctx, geo.code, results);
    const root = this.assessmentsRoot(ctx.config);
    const aid = writingAid({
      doc,
      set,
      overview,
      sections: ctx.sections!,
      catalogue: ctx.catalogue,
      results,
      lang: ctx.lang,
      kommune: geo.name,
      messages: loadMessages(ctx.lang),
      docTexts: ctx.texts,
      pathOf: (file) => toPosix(relative(ctx.base, join(root, file))),
    });
    return { document: documentParts(html), aid, kommune: { code: geo.code, name: geo.name } };
  }
}

/**
 * The data files the draft is made without (they fail validation or cannot be read), as `build`
 * names them: beside a document that is current. They are read again with the next data change
 * (saving the fixed file is one).
 */
function leftOutProblem(files: LeftOutFile[], lang: 'nb' | 'nn'): PreviewProblem | null {
  if (files.length === 0) return null;
  const why = (f: LeftOutFile) => (f.reason === 'invalid' ? sayCount('words.errors', f.errors, { count: String(f.errors) }, lang) : render(msg('build.unreadable'), lang));
  const lines = files.flatMap((f) => [render(msg('build.leftOut', { file: f.file, why: why(f) }), lang), ...leftOutProblems(f, lang).map((p) => `  ${p}`)]);
  return { stage: 'data', message: lines.join('\n'), internal: false, partial: true };
}

/** A problem in words, never a stack: folkehelse's own errors say what to fix; anything else is a bug, said as one. */
function problemOf(e: unknown, stage: ChangeKind): PreviewProblem {
  const at: PreviewProblem['stage'] = stage === 'assessment' ? 'document' : stage;
  if (e instanceof FolkehelseError) return { stage: at, message: e.message, internal: false };
  const err = e as Error;
  return { stage: at, message: err?.message ?? String(e), internal: true };
}
