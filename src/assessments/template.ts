import { formatDate } from '../language/intl.js';
import { fill } from '../language/lookup.js';
import { BASE_LANG, type DocumentLang } from '../language/tags.js';
import type { FormHeading, SectionData } from './sections.js';
import { formOf } from './sections.js';

/** Text put inside an HTML comment: nothing in it may end the comment early. */
const safe = (s: string) => s.replace(/--+>/g, '–>');

/** What a template knows of the project: the municipality's name, shown beside the title. */
export interface TemplateOptions {
  kommune?: string;
}

/** "(påkrevd, minst 25 ord)", "(påkrevd fra 1. januar 2026, minst 25 ord)", or nothing for an optional part. */
function requirement(data: SectionData, h: FormHeading, lang: DocumentLang): string {
  const g = data.guidance[lang];
  const when = h.required ? g.required : h.requiredFrom ? fill(g.requiredFrom, { date: formatDate(h.requiredFrom, lang) }) : null;
  if (!when) return '';
  return ` (${[when, h.minWords ? fill(g.words, { words: h.minWords }) : null].filter(Boolean).join(', ')})`;
}

/**
 * The template of one assessment file, as `folkehelse init` and `folkehelse vurderinger --templates`
 * write it: the title, the legal basis, the guidance, the guiding questions and how to mark a
 * sentence as deliberate in an HTML comment (never shown; a file with nothing else counts as empty
 * for `--final`), then for a structured file every heading (## …) with its own guidance and whether
 * it is required. The words are language data (data/assessments/lang/<lang>.json).
 */
export function templateFor(data: SectionData, name: string, lang: DocumentLang, options: TemplateOptions = {}): string {
  const s = data.sections.find((x) => x.name === name);
  if (!s) throw new Error(`no assessment section "${name}"`);
  const g = data.guidance[lang];
  const form = formOf(data, s);
  const minWords = Math.max(0, ...(form ?? []).map((h) => h.minWords ?? 0), s.minWords ?? 0);
  const guide = fill(g.guide[s.form ?? s.kind], { words: minWords });
  const questions = data.questions[lang][name] ?? [];
  const head = [`${s.title[lang]}${options.kommune ? ` (${options.kommune})` : ''} – ${s.law[lang]}`, '', guide];
  if (questions.length) head.push('', g.questionsHeading, ...questions.map((q) => `- ${q}`));
  if (s.kind !== 'list' || form) head.push('', g.deliberate);
  const out = ['<!--', ...head.map(safe), '-->', ''];
  if (form) for (const h of form) out.push(`## ${h.title[lang]}`, '', `<!-- ${safe(h.guide[lang])}${requirement(data, h, lang)} -->`, '');
  else if (s.kind === 'list') out.push('<!-- - … -->', '');
  return out.join('\n');
}

/** The template of an indicator's own assessment (optional; free text), with its guiding questions. */
export function indicatorTemplate(data: SectionData, title: string, lang: DocumentLang, options: TemplateOptions = {}): string {
  const g = data.guidance[lang];
  const questions = data.indicatorQuestions[lang].map((q) => fill(q, { kommune: options.kommune ?? '', title: title.toLowerCase() }));
  const head = [`${title}${options.kommune ? ` (${options.kommune})` : ''}`, '', g.guide.text, '', g.questionsHeading, ...questions.map((q) => `- ${q}`), '', g.deliberate];
  return ['<!--', ...head.map(safe), '-->', ''].join('\n');
}

/** The file name of an assessment in a language: `a.md` in bokmål, `a.nn.md` in nynorsk. */
export function assessmentFileName(name: string, lang: DocumentLang): string {
  return `${name}${lang === BASE_LANG ? '' : `.${lang}`}.md`;
}

/** Every section's template, by file name (`helsestasjon.md`, or `helsestasjon.nn.md` for nynorsk). */
export function allTemplates(data: SectionData, lang: DocumentLang, options: TemplateOptions = {}): Map<string, string> {
  return new Map(data.sections.map((s) => [assessmentFileName(s.name, lang), templateFor(data, s.name, lang, options)]));
}
