import { BASE_LANG, type DocumentLang } from '../language/tags.js';
import type { SectionData } from './sections.js';
import { formOf } from './sections.js';

/**
 * The template of one assessment file: a title, guidance as HTML comments (never shown, and a
 * file with nothing else counts as empty for `--final`), and for § 5 b–c files every heading. The
 * words are language data (data/assessments/lang/<lang>.json).
 */
export function templateFor(data: SectionData, name: string, lang: DocumentLang): string {
  const s = data.sections.find((x) => x.name === name);
  if (!s) throw new Error(`no assessment section "${name}"`);
  const { guide, required } = data.guidance[lang];
  const out = [`# ${s.title[lang]}`, '', `<!-- ${guide[s.kind]} (${s.law}) -->`, ''];
  const form = formOf(data, s);
  if (form) {
    for (const h of form) out.push(`## ${h.title[lang]}`, '', `<!-- ${h.guide[lang]}${h.required ? ` (${required})` : ''} -->`, '');
  } else if (s.kind === 'list') out.push('<!-- - … -->', '');
  return out.join('\n');
}

/** Every section's template, by file name (`helsestasjon.md`, or `helsestasjon.nn.md` for nynorsk). */
export function allTemplates(data: SectionData, lang: DocumentLang): Map<string, string> {
  return new Map(data.sections.map((s) => [`${s.name}${lang === BASE_LANG ? '' : `.${lang}`}.md`, templateFor(data, s.name, lang)]));
}
