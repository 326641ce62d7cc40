import type { ContradictionWarning } from '../../assessments/contradictions.js';
import { textFor, type AssessmentSet } from '../../assessments/discover.js';
import type { MissingAssessment } from '../../assessments/gate.js';
import type { UnknownFile } from '../../assessments/names.js';
import { formOf, type SectionData } from '../../assessments/sections.js';
import { fill } from '../../language/lookup.js';
import { inLang, type DocumentLang as Lang } from '../../language/tags.js';
import type { Indicator } from '../../indicators/catalogue.js';
import type { IndicatorResult } from '../../indicators/result.js';
import { walkSections, type Document, type Section } from '../../report/document.js';
import { lookup, type Texts } from '../../report/language.js';
import type { OverviewData } from '../document-data.js';

/** One assessment in the writing aid: its state, where it is in the document, what to write and where. */
export interface AidEntry {
  name: string;
  title: string;
  law: string | null;
  /** `present`, the final gate's status (`missing`, `empty`, `incomplete` … whatever checkFinal says), or `marked` (the draft's marker, not required). */
  status: string;
  /** The final gate's required headings without text. */
  headings: string[];
  /** The final gate's parts with too few words (title '' for a text without parts). */
  thin: MissingAssessment['thin'];
  /** The file to write, as the document names it (relative to the configuration's folder). */
  file: string;
  /** The id of the document's section the assessment belongs in, when the document has one. */
  anchor: string | null;
  questions: string[];
  /** Where the text contradicts the numbers, in the coordinator's words (not what is marked `<!-- bevisst: … -->`: the gate lets it through). */
  contradictions: string[];
}

export interface WritingAid {
  /** The required assessments (and anything else the gate names, and texts that contradict the numbers). */
  entries: AidEntry[];
  /** The draft's other markers: assessments the document has room for that `--final` does not require. */
  marked: AidEntry[];
  /** Files in the folder that are not read, in words. */
  unknown: string[];
  required: number;
  notReady: number;
  contradictions: number;
}

/** What the writing aid is made from: the composed document and the same overview data the build uses. */
export interface AidInput {
  doc: Document;
  set: AssessmentSet;
  overview: Pick<OverviewData, 'missing' | 'contradictions' | 'unknown'>;
  sections: SectionData;
  catalogue: Indicator[];
  results: IndicatorResult[];
  lang: Lang;
  kommune: string;
  /** data/cli/<lang>.json: the preview's words and init's guiding questions. */
  messages: Texts;
  /** templates/lang/<lang>.json: the document's words for trends and verdicts. */
  docTexts: Texts;
  /** A path relative to the assessments folder (`5037/c.md`) as the document shows it. */
  pathOf: (file: string) => string;
}

/** The statute a section rests on (its full name and paragraph, as the gate names it), in the page's language. */
function lawOf(law: Parameters<typeof inLang>[0] | null, lang: Lang): string | null {
  return law === null ? null : inLang(law, lang);
}

/** Where the summary's own lists are in the document (they are lists there, not assessment blocks). */
const ROLE_OF: Record<string, string> = { utfordringer: 'challenges', ressurser: 'resources', planbehov: 'planning', innledning: 'introduction' };

/**
 * The writing aid: every required assessment with the final gate's verdict on it (checkFinal, via
 * the overview data the build composes), the draft's other markers, the texts that contradict the
 * numbers (findContradictions) and the files that are not read — each with its place in the
 * document, its guiding questions and its file. The rules are the gate's: nothing is decided here.
 */
export function writingAid(input: AidInput): WritingAid {
  const { set, overview, sections, lang } = input;
  const anchors = anchorsOf(input.doc);
  const missing = new Map<string, MissingAssessment>(overview.missing.map((m) => [m.name, m]));
  const byFile = contradictionsByName(input);
  const entry = (name: string): AidEntry => {
    const m = missing.get(name);
    const s = sections.sections.find((x) => x.name === name);
    const own = textFor(set, name, lang)?.file ?? m?.file ?? `${set.kommune}/${name}.md`;
    return {
      name,
      title: inLang((m ?? s ?? input.catalogue.find((i) => i.id === name))?.title ?? { nb: name }, lang),
      law: lawOf(m?.law ?? s?.law ?? null, lang),
      status: m?.status ?? 'present',
      headings: m?.headings ?? [],
      thin: m?.thin ?? [],
      file: input.pathOf(own),
      anchor: anchors.get(name) ?? anchors.get(`role:${ROLE_OF[name] ?? ''}`) ?? null,
      questions: questionsFor(input, name),
      contradictions: byFile.get(name) ?? [],
    };
  };
  const names = [...sections.sections.filter((s) => s.required).map((s) => s.name), ...overview.missing.map((m) => m.name), ...byFile.keys()];
  const entries = [...new Set(names)].map(entry);
  const listed = new Set(entries.map((e) => e.name));
  // Not the gate's to judge: the draft marks them as not written.
  const marked = [...markersOf(input.doc)].filter((k) => !listed.has(k)).map((k) => ({ ...entry(k), status: 'marked' }));
  return {
    entries,
    marked,
    unknown: overview.unknown.map((u) => describe(input.messages, u)),
    required: entries.filter((e) => sections.sections.some((s) => s.required && s.name === e.name) || missing.has(e.name)).length,
    notReady: missing.size,
    contradictions: undeliberate(overview.contradictions).length,
  };
}

/** The section of each assessment in the document (by key), and of each section role (`role:challenges`). */
function anchorsOf(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  const keyOf = (s: Section) => {
    // A § 5 b–c file is its section with the form's parts below it (`helsestasjon#observasjoner`).
    const b = [...walkSections([s])].flatMap((x) => x.blocks).find((x) => x.kind === 'assessment');
    return b?.kind === 'assessment' ? b.key.split('#')[0]! : null;
  };
  const keysIn = (blocks: Section['blocks']) => blocks.flatMap((b) => (b.kind === 'assessment' ? [b.key.split('#')[0]!] : []));
  for (const s of walkSections(doc.sections)) {
    if (!out.has(`role:${s.role}`)) out.set(`role:${s.role}`, s.id);
    // A structured file's parts (`c#status`) are sections below its own: the file's place is the section they are in.
    const keys = [...keysIn(s.blocks), ...s.children.filter((c) => c.role === 'assessment-part').flatMap((c) => keysIn(c.blocks))];
    if (s.role === 'service' || s.role === 'community-section') keys.unshift(keyOf(s) ?? '');
    for (const key of keys) if (key !== '' && !out.has(key)) out.set(key, s.id);
  }
  return out;
}

/** The assessments the draft marks as not yet written, in the document's order. */
function markersOf(doc: Document): Set<string> {
  const out = new Set<string>();
  for (const s of walkSections(doc.sections)) for (const b of s.blocks) if (b.kind === 'assessment' && b.status === 'missing') out.add(b.key.split('#')[0]!);
  return out;
}

/** The assessment a contradiction's file belongs to (`5037/b.nn.md` → b), with the contradiction in words. */
function contradictionsByName(input: AidInput): Map<string, string[]> {
  const nameOf = new Map<string, string>();
  for (const name of input.set.assessments.keys()) {
    const t = textFor(input.set, name, input.lang);
    if (t) nameOf.set(t.file, name);
  }
  const out = new Map<string, string[]>();
  for (const c of undeliberate(input.overview.contradictions)) {
    const name = nameOf.get(c.file) ?? c.file;
    out.set(name, [...(out.get(name) ?? []), contradictionText(input, c)]);
  }
  return out;
}

/** The contradictions the gate refuses: a sentence marked as deliberate is the coordinator's choice. */
function undeliberate(cs: readonly ContradictionWarning[]): ContradictionWarning[] {
  return cs.filter((c) => c.deliberate === null);
}

function contradictionText(input: AidInput, c: ContradictionWarning): string {
  const { messages, docTexts, lang } = input;
  const r = input.results.find((x) => x.id === c.indicatorId);
  const indicator = r ? inLang(r.title, lang) : c.indicatorId;
  const word = (path: string) => {
    const v = lookup(docTexts, path);
    return typeof v === 'string' ? v : c.computed;
  };
  const computed =
    c.against === 'trend'
      ? fill(msg(messages, 'computedTrend'), { indicator, value: word(`trendShort.${c.computed}`) })
      : fill(msg(messages, 'computedCompare'), { indicator, against: msg(messages, `against.${c.against}`), value: word(`verdicts.${c.computed}`) });
  return fill(msg(messages, 'contradiction'), { text: c.text, computed });
}

/**
 * The guiding questions: a § 5 b–c file's headings with their guidance (sections data), else the
 * questions `folkehelse init` writes into the template (data/cli: a theme's, an own text's, or an
 * indicator's).
 */
function questionsFor(input: AidInput, name: string): string[] {
  const { messages, sections, lang } = input;
  const s = sections.sections.find((x) => x.name === name);
  const form = s ? formOf(sections, s) : null;
  if (form) return form.map((h) => `${inLang(h.title, lang)}${h.required ? ` (${msg(messages, 'required')})` : ''}: ${inLang(h.guide, lang)}`);
  const own = lookup(messages, `init.themes.${name}`);
  if (Array.isArray(own)) return own.map(String);
  const indicator = input.catalogue.find((i) => i.id === name);
  const generic = lookup(messages, 'init.indicatorQuestions');
  if (indicator && Array.isArray(generic)) return generic.map((q) => fill(String(q), { kommune: input.kommune, title: inLang(indicator.title, lang).toLowerCase() }));
  return [];
}

function describe(messages: Texts, u: UnknownFile): string {
  const known = lookup(messages, `preview.unknown.${u.reason}`);
  const base = fill(typeof known === 'string' ? known : '{file}', { file: u.file, suggestion: u.suggestion ?? '' });
  return u.suggestion && !base.includes(u.suggestion) ? `${base}. ${fill(msg(messages, 'unknown.suggestion'), { suggestion: u.suggestion })}` : base;
}

/** A preview text (`preview.<path>`); the key itself when the language file lacks it (never a crash in the page). */
export function msg(messages: Texts, path: string): string {
  const v = lookup(messages, `preview.${path}`);
  return typeof v === 'string' ? v : path;
}
