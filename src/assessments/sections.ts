import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLanguage } from '../language/files.js';
import { valueAt } from '../language/lookup.js';
import { DOCUMENT_LANGS, type DocumentLang, type LangText } from '../language/tags.js';

export type SectionKind = 'text' | 'theme' | 'list' | 'service' | 'community';

/** The forms an assessment is written in: its parts, each under its own heading (## …). */
export type FormId = 'theme' | 'challenges' | 'planning' | 'service' | 'community';

/** A heading (## …) of a structured file: one part of the assessment. */
export interface FormHeading {
  id: string;
  /** Required in every document. */
  required: boolean;
  /** Required in documents dated on or after this day (ISO), optional before: the law as it stands on the document's date. */
  requiredFrom?: string;
  /** The least number of words a required part must have (`countWords`); none: any text. */
  minWords?: number;
  /**
   * A list, one item per line (the challenges): read from under its heading or, when the file has
   * no such heading, from the text before the first heading. Required means at least one item.
   */
  list?: boolean;
  title: LangText;
  /** Other headings accepted for this part, in any language (e.g. "Mulige årsaker" for "Årsaksforhold"). */
  aliases: string[];
  guide: LangText;
}

/** One assessment file the document knows (`data/assessments/sections.json`). */
export interface SectionDef {
  name: string;
  kind: SectionKind;
  /** The form its parts follow, when it has one. */
  form?: FormId;
  /** The legal basis, as the document cites it, in each language (folkehelseloven / folkehelselova). */
  law: LangText;
  required: boolean;
  /** Required in documents dated on or after this day (ISO), optional before. */
  requiredFrom?: string;
  /** For a file without a form: the least number of words of the whole text. */
  minWords?: number;
  title: LangText;
  /** Catalogue indicators shown with the section (KOSTRA and service figures), when it has any. */
  indicators?: string[];
}

/** What a template says in its comments, per language. `{words}` and `{date}` are filled in. */
export interface TemplateGuidance {
  guide: Record<SectionKind | FormId, string>;
  required: string;
  requiredFrom: string;
  words: string;
  deliberate: string;
  questionsHeading: string;
}

export interface SectionData {
  forms: Record<FormId, FormHeading[]>;
  sections: SectionDef[];
  guidance: Record<DocumentLang, TemplateGuidance>;
  /** The guiding questions of each section's template, by section name, per language. */
  questions: Record<DocumentLang, Record<string, string[]>>;
  /** The guiding questions of an indicator's own template (`{kommune}`, `{title}`), per language. */
  indicatorQuestions: Record<DocumentLang, string[]>;
}

export const DEFAULT_SECTIONS = fileURLToPath(new URL('../../data/assessments/sections.json', import.meta.url));

/** sections.json: the files, their kinds and the forms' headings, without their words. */
interface SectionsFile {
  forms: Record<FormId, Omit<FormHeading, 'title' | 'guide' | 'aliases'>[]>;
  sections: Omit<SectionDef, 'title' | 'law'>[];
}

const FORM_IDS: FormId[] = ['theme', 'challenges', 'planning', 'service', 'community'];

/**
 * The assessment files the document knows, with their titles, legal references, headings,
 * questions and guidance in every document language: the structure from `sections.json`, the words
 * from `lang/<lang>.json` beside it (a language without a text of its own falls back to bokmål).
 */
export function loadSections(path: string = DEFAULT_SECTIONS): SectionData {
  const file = JSON.parse(readFileSync(path, 'utf8')) as SectionsFile;
  const words = new Map(DOCUMENT_LANGS.map((lang) => [lang, loadLanguage('assessments', lang, join(dirname(path), 'lang'))]));
  const inEvery = (key: string) => Object.fromEntries(DOCUMENT_LANGS.map((lang) => [lang, String(valueAt(words.get(lang), key) ?? '')])) as LangText;
  const aliases = (key: string) => [...new Set(DOCUMENT_LANGS.flatMap((lang) => (valueAt(words.get(lang), key) as string[] | undefined) ?? []))];
  const form = (kind: FormId): FormHeading[] =>
    (file.forms[kind] ?? []).map((h) => ({ ...h, title: inEvery(`forms.${kind}.${h.id}.title`), aliases: aliases(`forms.${kind}.${h.id}.aliases`), guide: inEvery(`forms.${kind}.${h.id}.guide`) }));
  const perLang = <T>(key: string) => Object.fromEntries(DOCUMENT_LANGS.map((lang) => [lang, valueAt(words.get(lang), key) as T])) as Record<DocumentLang, T>;
  return {
    forms: Object.fromEntries(FORM_IDS.map((id) => [id, form(id)])) as Record<FormId, FormHeading[]>,
    sections: file.sections.map((s) => ({ ...s, title: inEvery(`sections.${s.name}`), law: inEvery(`laws.${s.name}`) })),
    guidance: perLang<TemplateGuidance>('template'),
    questions: perLang<Record<string, string[]>>('questions'),
    indicatorQuestions: perLang<string[]>('indicatorQuestions'),
  };
}

/** The headings a structured file has, or null for free text and plain lists. */
export function formOf(data: SectionData, section: Pick<SectionDef, 'kind' | 'form'>): FormHeading[] | null {
  const id = section.form ?? (section.kind === 'service' || section.kind === 'community' ? section.kind : null);
  return id ? data.forms[id] : null;
}

/** Whether a part or a section with these rules is required in a document dated `date` (ISO). */
export function isRequired(rule: { required: boolean; requiredFrom?: string }, date: string): boolean {
  return rule.required || (rule.requiredFrom !== undefined && date >= rule.requiredFrom);
}

/** Every valid file name (without .md): the sections, then the catalogue's indicator ids. */
export function validNames(data: SectionData, indicatorIds: Iterable<string>): string[] {
  return [...new Set([...data.sections.map((s) => s.name), ...indicatorIds])];
}
