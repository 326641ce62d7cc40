import type { Lang, SectionData, SectionDef } from './sections.js';
import { formOf } from './sections.js';

const GUIDE: Record<Lang, Record<SectionDef['kind'], string>> = {
  nb: {
    text: 'Skriv teksten her. Kommentarer som denne vises ikke i dokumentet.',
    theme: 'Vurder årsaker og konsekvenser for temaet: hva tallene viser, hva kommunen vet ellers, og hvilke grupper som berøres mest. Kommentarer som denne vises ikke i dokumentet.',
    list: 'Én linje per punkt, som en liste (- …), viktigst først. Listen går foran forslagene fra tallene.',
    service: 'Kunnskap fra kommunens helse- og omsorgstjenester (folkehelseloven § 5 b). Skriv under hver overskrift; de merket (påkrevd) må fylles ut før endelig versjon.',
    community: 'Kunnskap om miljø og lokalsamfunn (folkehelseloven § 5 c). Skriv under hver overskrift; de merket (påkrevd) må fylles ut før endelig versjon.',
  },
  nn: {
    text: 'Skriv teksten her. Kommentarar som denne blir ikkje viste i dokumentet.',
    theme: 'Vurder årsaker og konsekvensar for temaet: kva tala viser, kva kommunen elles veit, og kva grupper som blir mest råka. Kommentarar som denne blir ikkje viste i dokumentet.',
    list: 'Éi linje per punkt, som ei liste (- …), viktigast først. Lista går føre forslaga frå tala.',
    service: 'Kunnskap frå helse- og omsorgstenestene i kommunen (folkehelselova § 5 b). Skriv under kvar overskrift; dei merkte (påkravd) må fyllast ut før endeleg versjon.',
    community: 'Kunnskap om miljø og lokalsamfunn (folkehelselova § 5 c). Skriv under kvar overskrift; dei merkte (påkravd) må fyllast ut før endeleg versjon.',
  },
};

const REQUIRED: Record<Lang, string> = { nb: 'påkrevd', nn: 'påkravd' };

/**
 * The template of one assessment file: a title, guidance as HTML comments (never shown, and a
 * file with nothing else counts as empty for `--final`), and for § 5 b–c files every heading.
 */
export function templateFor(data: SectionData, name: string, lang: Lang): string {
  const s = data.sections.find((x) => x.name === name);
  if (!s) throw new Error(`no assessment section "${name}"`);
  const out = [`# ${s.title[lang]}`, '', `<!-- ${GUIDE[lang][s.kind]} (${s.law}) -->`, ''];
  const form = formOf(data, s);
  if (form) {
    for (const h of form) out.push(`## ${h.title[lang]}`, '', `<!-- ${h.guide[lang]}${h.required ? ` (${REQUIRED[lang]})` : ''} -->`, '');
  } else if (s.kind === 'list') out.push('<!-- - … -->', '');
  return out.join('\n');
}

/** Every section's template, by file name (`helsestasjon.md`, or `helsestasjon.nn.md` for nynorsk). */
export function allTemplates(data: SectionData, lang: Lang): Map<string, string> {
  return new Map(data.sections.map((s) => [`${s.name}${lang === 'nn' ? '.nn' : ''}.md`, templateFor(data, s.name, lang)]));
}
