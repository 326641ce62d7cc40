import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Text } from '../indicators/catalogue.js';

export type Lang = keyof Text;

export type SectionKind = 'text' | 'theme' | 'list' | 'service' | 'community';

/** A heading (## …) of a structured § 5 b–c file. */
export interface FormHeading {
  id: string;
  required: boolean;
  title: Text;
  guide: Text;
}

/** One assessment file the document knows (`data/assessments/sections.json`). */
export interface SectionDef {
  name: string;
  kind: SectionKind;
  /** The legal basis, as the document cites it. */
  law: string;
  required: boolean;
  title: Text;
  /** Catalogue indicators shown with the section (KOSTRA and service figures), when it has any. */
  indicators?: string[];
}

export interface SectionData {
  forms: Record<'service' | 'community', FormHeading[]>;
  sections: SectionDef[];
}

export const DEFAULT_SECTIONS = fileURLToPath(new URL('../../data/assessments/sections.json', import.meta.url));

export function loadSections(path: string = DEFAULT_SECTIONS): SectionData {
  return JSON.parse(readFileSync(path, 'utf8')) as SectionData;
}

/** The headings a structured file has, or null for free text and lists. */
export function formOf(data: SectionData, section: Pick<SectionDef, 'kind'>): FormHeading[] | null {
  return section.kind === 'service' || section.kind === 'community' ? data.forms[section.kind] : null;
}

/** Every valid file name (without .md): the sections, then the catalogue's indicator ids. */
export function validNames(data: SectionData, indicatorIds: Iterable<string>): string[] {
  return [...new Set([...data.sections.map((s) => s.name), ...indicatorIds])];
}
