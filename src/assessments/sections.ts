import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLanguage } from '../language/files.js';
import { valueAt } from '../language/lookup.js';
import { DOCUMENT_LANGS, type DocumentLang, type LangText } from '../language/tags.js';

export type SectionKind = 'text' | 'theme' | 'list' | 'service' | 'community';

/** A heading (## …) of a structured § 5 b–c file. */
export interface FormHeading {
  id: string;
  required: boolean;
  title: LangText;
  guide: LangText;
}

/** One assessment file the document knows (`data/assessments/sections.json`). */
export interface SectionDef {
  name: string;
  kind: SectionKind;
  /** The legal basis, as the document cites it. */
  law: string;
  required: boolean;
  title: LangText;
  /** Catalogue indicators shown with the section (KOSTRA and service figures), when it has any. */
  indicators?: string[];
}

/** What a template says in its comments, per language: the guidance by kind of file, and the word for a required heading. */
export interface TemplateGuidance {
  guide: Record<SectionKind, string>;
  required: string;
}

export interface SectionData {
  forms: Record<'service' | 'community', FormHeading[]>;
  sections: SectionDef[];
  guidance: Record<DocumentLang, TemplateGuidance>;
}

export const DEFAULT_SECTIONS = fileURLToPath(new URL('../../data/assessments/sections.json', import.meta.url));

/** sections.json: the files, their kinds and the forms' headings, without their words. */
interface SectionsFile {
  forms: Record<'service' | 'community', { id: string; required: boolean }[]>;
  sections: Omit<SectionDef, 'title'>[];
}

/**
 * The assessment files the document knows, with their titles, headings and guidance in every
 * document language: the structure from `sections.json`, the words from `lang/<lang>.json` beside
 * it (a language without a text of its own falls back to bokmål).
 */
export function loadSections(path: string = DEFAULT_SECTIONS): SectionData {
  const file = JSON.parse(readFileSync(path, 'utf8')) as SectionsFile;
  const words = new Map(DOCUMENT_LANGS.map((lang) => [lang, loadLanguage('assessments', lang, join(dirname(path), 'lang'))]));
  const inEvery = (key: string) => Object.fromEntries(DOCUMENT_LANGS.map((lang) => [lang, String(valueAt(words.get(lang), key) ?? '')])) as LangText;
  const form = (kind: 'service' | 'community'): FormHeading[] => file.forms[kind].map((h) => ({ ...h, title: inEvery(`forms.${kind}.${h.id}.title`), guide: inEvery(`forms.${kind}.${h.id}.guide`) }));
  return {
    forms: { service: form('service'), community: form('community') },
    sections: file.sections.map((s) => ({ ...s, title: inEvery(`sections.${s.name}`) })),
    guidance: Object.fromEntries(DOCUMENT_LANGS.map((lang) => [lang, valueAt(words.get(lang), 'template') as TemplateGuidance])) as Record<DocumentLang, TemplateGuidance>,
  };
}

/** The headings a structured file has, or null for free text and lists. */
export function formOf(data: SectionData, section: Pick<SectionDef, 'kind'>): FormHeading[] | null {
  return section.kind === 'service' || section.kind === 'community' ? data.forms[section.kind] : null;
}

/** Every valid file name (without .md): the sections, then the catalogue's indicator ids. */
export function validNames(data: SectionData, indicatorIds: Iterable<string>): string[] {
  return [...new Set([...data.sections.map((s) => s.name), ...indicatorIds])];
}
