import type { FileCheck, PartCheck } from '../assessments/check.js';
import type { ContradictionWarning } from '../assessments/contradictions.js';
import { assessmentFileName } from '../assessments/template.js';
import { formatDate } from '../language/intl.js';
import { inLang } from '../language/tags.js';
import { checkMarker, missingAssessment, writtenAssessment } from './assessment.js';
import { section } from './blocks.js';
import type { DocumentContext } from './context.js';
import type { Block, Inline, Section } from './document.js';
import { runs } from './document.js';
import { valueWithUnit } from './values.js';

/** What the assessment blocks need of the document being built. */
export type AssessmentContext = Pick<DocumentContext, 'input' | 'lang' | 'w' | 'slugs' | 'results'>;

/** An assessment as the document shows it: its blocks, and its parts as unnumbered sections (a structured file). */
export interface AssessmentView {
  blocks: Block[];
  parts: Section[];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The municipality's assessment `key` as the document shows it, from the gate's check of it
 * (`checkAssessments`): a structured file's text before its first heading, then each part with
 * text as a section of its own (`depth`), headed by the part's heading in the document's language.
 * A draft marks, where they are, what `--final` would refuse: the file to write, parts without
 * text or too thin, sentences that contradict the numbers (unless marked deliberate); and it names
 * a text that is not in the document's language. A final document has no marker.
 */
export function assessmentView(ctx: AssessmentContext, key: string, depth: 2 | 3): AssessmentView {
  const { input, w } = ctx;
  const draft = !input.final;
  const f = input.overview?.check.files.get(key);
  const text = input.assessments.get(key);
  if (!f) {
    // Without the gate's check (the library's plain call): the text as written, or where to write it.
    if (text) return { blocks: [writtenAssessment(key, text)], parts: [] };
    return { blocks: draft ? [missingAssessment(key, w.runs('assessmentMissing', { path: input.assessmentPath(key) }))] : [], parts: [] };
  }
  if (f.status === 'missing' || f.status === 'empty') {
    if (!draft) return { blocks: [], parts: [] };
    if (f.requiredFrom && f.section) return { blocks: [checkMarker(key, optionalNote(ctx, f))], parts: [] };
    if (!f.required && f.section) return { blocks: [], parts: [] };
    return { blocks: [missingAssessment(key, w.runs('assessmentMissing', { path: input.assessmentPath(key) }))], parts: [] };
  }
  const open = draft ? f.contradictions.filter((c) => c.deliberate === null) : [];
  if (f.parts.length === 0) {
    const blocks: Block[] = [writtenAssessment(key, text ?? f.preamble)];
    if (draft) blocks.push(...fileMarks(ctx, f), ...open.map((c) => contradictionMarker(ctx, key, c)));
    return { blocks, parts: [] };
  }
  const placed = new Set<ContradictionWarning>();
  const partSection = (id: string, title: string, body: string, marks: Block[]): Section =>
    section(ctx.slugs.take(`${f.section ? inLang(f.section.title, ctx.lang) : key} ${title}`), null, title, depth, 'assessment-part', [writtenAssessment(`${key}#${id}`, body), ...marks]);
  const inPart = (body: string) => {
    const here = open.filter((c) => !placed.has(c) && squash(body).includes(squash(c.sentence)));
    for (const c of here) placed.add(c);
    return here.map((c) => contradictionMarker(ctx, key, c));
  };
  const parts: Section[] = [];
  for (const p of f.parts) if (p.body !== '' && !p.list) parts.push(partSection(p.id, p.title, p.body, draft ? [...thinMarker(ctx, key, f, p), ...inPart(p.body)] : []));
  for (const e of f.extra) parts.push(partSection('', e.title, e.body, draft ? inPart(e.body) : []));
  const blocks: Block[] = f.preamble ? [writtenAssessment(key, f.preamble)] : [];
  if (draft) blocks.push(...fileMarks(ctx, f), ...open.filter((c) => !placed.has(c)).map((c) => contradictionMarker(ctx, key, c)));
  return { blocks, parts };
}

/** The file's own markers: another language than the document's, required parts without text, a text too thin. */
function fileMarks(ctx: AssessmentContext, f: FileCheck): Block[] {
  const { w } = ctx;
  const out: Block[] = [];
  if (f.fallback && f.textLang) {
    const names = w.map('overview.assessment.languageNames');
    const own = f.file.replace(/[^/]+$/, assessmentFileName(f.name, ctx.lang));
    out.push(checkMarker(f.name, w.runs('overview.assessment.language', { documentLang: names[ctx.lang]!, fileLang: names[f.textLang]!, file: f.file, own })));
  }
  const absent = f.parts.filter((p) => p.problem === 'absent' || p.problem === 'empty');
  if (absent.length) out.push(checkMarker(f.name, w.runs('overview.assessment.incompleteParts', { headings: absent.map((p) => `«${p.title}»`).join(', '), file: f.file })));
  if (f.parts.length === 0 && f.status === 'thin') out.push(checkMarker(f.name, w.runs('overview.assessment.thinText', { words: f.words, min: f.minWords!, file: f.file })));
  return out;
}

function thinMarker(ctx: AssessmentContext, key: string, f: FileCheck, p: PartCheck): Block[] {
  return p.problem === 'thin' ? [checkMarker(key, ctx.w.runs('overview.assessment.thinPart', { heading: p.title, words: p.words, min: p.minWords!, file: f.file }))] : [];
}

/** Where a sentence says something the numbers do not: what the trend test or the comparison gives. */
function contradictionMarker(ctx: AssessmentContext, key: string, c: ContradictionWarning): Block {
  const { w, lang } = ctx;
  const r = ctx.results.find((x) => x.id === c.indicatorId);
  const indicator = r ? inLang(r.title, lang) : c.indicatorId;
  if (c.against === 'trend') return checkMarker(key, w.runs('overview.assessment.contradictionTrend', { sentence: c.sentence, indicator, computed: w.map('trendShort')[c.computed] ?? c.computed, file: c.file }));
  const value = (v: number | null | undefined) => (v === null || v === undefined ? '–' : r ? valueWithUnit(r, v, inLang(r.unit, lang), w.map('unitSymbols')) : String(v));
  return checkMarker(
    key,
    w.runs('overview.assessment.contradictionCompare', {
      sentence: c.sentence,
      indicator,
      value: value(c.values?.kommune),
      other: value(c.values?.other),
      area: w.map('overview.assessment.areas')[c.against]!,
      computed: w.map('verdicts')[c.computed] ?? c.computed,
      file: c.file,
    }),
  );
}

/** A section the law requires only from a later date than the document's: optional here, and when it begins. */
function optionalNote(ctx: AssessmentContext, f: FileCheck): Inline {
  return ctx.w.runs('overview.assessment.optional', { title: inLang(f.section!.title, ctx.lang), date: formatDate(f.requiredFrom!, ctx.lang), law: inLang(f.section!.law, ctx.lang), file: ctx.input.assessmentPath(f.name) });
}

/** The draft's list of what `--final` would refuse: each file with what it lacks, and each sentence that contradicts the numbers. */
export function draftItems(ctx: AssessmentContext): Inline[] {
  const { w, lang, input } = ctx;
  const check = input.overview?.check;
  if (!check) return [];
  const items: Inline[] = check.missing.map((m) => {
    const what: string[] = [];
    if (m.status === 'missing') what.push(w.t('overview.assessment.draftMissing'));
    if (m.status === 'empty') what.push(w.t('overview.assessment.draftEmpty'));
    if (m.headings.length) what.push(w.tx('overview.assessment.draftIncomplete', { headings: m.headings.map((h) => `«${h}»`).join(', ') }));
    if (m.thin.length) what.push(w.tx('overview.assessment.draftThin', { parts: m.thin.map((t) => (t.title ? w.tx('overview.assessment.draftThinPart', { heading: `«${t.title}»`, words: t.words, min: t.minWords }) : w.tx('overview.assessment.draftThinText', { words: t.words, min: t.minWords }))).join('; ') }));
    return [{ text: m.file, code: true }, { text: ` – ${inLang(m.title, lang)}: ${what.join('; ')}` }];
  });
  // A sentence that contradicts two indicators is listed once (the markers in the text name each).
  const listed = new Set<string>();
  for (const c of check.contradictions) {
    if (c.deliberate !== null || listed.has(`${c.file}\n${c.sentence}`)) continue;
    listed.add(`${c.file}\n${c.sentence}`);
    items.push([{ text: c.file, code: true }, ...runs(` – ${w.tx('overview.assessment.draftContradiction', { sentence: c.sentence })}`)]);
  }
  return items;
}
