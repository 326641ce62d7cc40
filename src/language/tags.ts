import { DOCUMENT_LANGS, LANGUAGES, MESSAGE_LANGS } from './generated.js';

/**
 * The languages folkehelse speaks, as data. A language is its files: a document language has one in
 * each of templates/lang/, data/cli/ and data/assessments/lang/; a language of the program's
 * messages only (English, for developers) one in data/cli/. The tags, locales and names below are
 * generated from those files (src/language/generated.ts), so adding a language is adding files.
 */
export { DOCUMENT_LANGS, MESSAGE_LANGS };

/** A language a document is written in: bokmål (nb) or nynorsk (nn). */
export type DocumentLang = (typeof DOCUMENT_LANGS)[number];

/** A language of the words the commands print: the document languages, and English for developers. */
export type MessageLang = (typeof MESSAGE_LANGS)[number];

/** The base language: its files have every key, and every other language falls back to it for a missing text. */
export const BASE_LANG = 'nb' satisfies DocumentLang;

/** A text in every document language (a section's title, a form's heading). */
export type LangText = Record<DocumentLang, string>;

export function isDocumentLang(value: string): value is DocumentLang {
  return (DOCUMENT_LANGS as readonly string[]).includes(value);
}

export function isMessageLang(value: string): value is MessageLang {
  return (MESSAGE_LANGS as readonly string[]).includes(value);
}

/** The languages whose files give a language's texts, most general first: the base, then the language itself. */
export function fallbackChain(lang: MessageLang): MessageLang[] {
  return lang === BASE_LANG ? [BASE_LANG] : [BASE_LANG, lang];
}

/** The BCP 47 locale of a language (nb-NO, nn-NO, en), for Intl. */
export function localeOf(lang: MessageLang): string {
  return LANGUAGES[lang].locale;
}

/** How a language is named in the program's (English) messages: "nb (bokmål)". */
export function languageLabel(lang: MessageLang): string {
  return `${lang} (${LANGUAGES[lang].name})`;
}

/** A text of data (a catalogue's title, unit or label): in bokmål always, in the other languages where it is translated. */
export type DataText = Readonly<Record<typeof BASE_LANG, string> & Partial<Record<DocumentLang, string>>>;

/** A text of data in a language, or in the base language where it has none. */
export function inLang(text: DataText, lang: MessageLang): string {
  return (isDocumentLang(lang) ? text[lang] : undefined) ?? text[BASE_LANG];
}
