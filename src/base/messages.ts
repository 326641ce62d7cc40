import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MessageGroup, MessageText } from '../language/generated.js';
import type { MessageLang } from '../language/tags.js';

/**
 * The program's messages as a vocabulary: a message is a key of the message files
 * (`data/cli/<lang>.json`, e.g. `errors.config.notFound`) and the values of its {placeholders},
 * rendered in a language only when it is shown. Errors thrown anywhere carry one (see
 * FolkehelseError), and warnings are made with `say`.
 *
 * The language of a run's messages is set once, at the edge, by the CLI (`setMessageLang`, from
 * `--lang`, FOLKEHELSE_LANG or the configuration); the library leaves it at English, the program's
 * language for developers. This module reads the message files itself (it sits in src/base, which
 * imports no other folder at run time).
 */

/** A key of the message files: the typed paths generated from data/cli/nb.json. */
export type MessageKey = MessageText;
/** A group of the message files (its texts by key): a plural group for `sayCount`. */
export type MessageGroupKey = MessageGroup;

/** Values of a message's {placeholders}: plain text, numbers, or messages rendered in the same language. */
export type MessageParams = Readonly<Record<string, string | number | Message>>;

export interface Message {
  readonly key: MessageKey;
  readonly params: MessageParams;
}

/** A message of the vocabulary; nothing is rendered until it is shown. */
export function msg(key: MessageKey, params: MessageParams = {}): Message {
  return { key, params };
}

export function isMessage(value: unknown): value is Message {
  return value !== null && typeof value === 'object' && typeof (value as Message).key === 'string' && typeof (value as Message).params === 'object';
}

let current: MessageLang = 'en';

/** Sets the language of the run's messages (the CLI does, once it knows it); returns the one before. */
export function setMessageLang(lang: MessageLang): MessageLang {
  const before = current;
  current = lang;
  return before;
}

/** The language messages are rendered in now: English unless the CLI has set another. */
export function messageLang(): MessageLang {
  return current;
}

const FOLDER = fileURLToPath(new URL('../../data/cli/', import.meta.url));
const files = new Map<string, unknown>();

function file(lang: string): unknown {
  if (!files.has(lang)) {
    let data: unknown = {};
    try {
      data = JSON.parse(readFileSync(`${FOLDER}${lang}.json`, 'utf8'));
    } catch {
      // a missing message file leaves the key visible rather than failing the error being reported
    }
    files.set(lang, data);
  }
  return files.get(lang);
}

function textIn(lang: string, key: string): string | undefined {
  let v: unknown = file(lang);
  for (const k of key.split('.')) v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/**
 * A message in a language (default: the run's): its text from the language's file, else bokmål's
 * (nynorsk falls back to it), else English's; every {placeholder} filled. Values are plain text.
 */
export function render(m: Message, lang: MessageLang = current): string {
  const pattern = textIn(lang, m.key) ?? textIn('nb', m.key) ?? textIn('en', m.key) ?? `${m.key} ${JSON.stringify(m.params)}`;
  return pattern.replace(/\{(\w+)\}/g, (hole, k: string) => {
    if (!Object.hasOwn(m.params, k)) return hole;
    const v = m.params[k]!;
    return isMessage(v) ? render(v, lang) : String(v);
  });
}

/** A message rendered in the run's language: for warnings and notes that are stored as text. */
export function say(key: MessageKey, params: MessageParams = {}): string {
  return render(msg(key, params));
}

/**
 * A count with its words, from a group of the message files with one text per plural category
 * (`{ "one": "{count} fil", "other": "{count} filer" }`), chosen by Intl.PluralRules in the
 * language's locale (`about.locale`); `other` where the language has no text for the category.
 */
export function sayCount(group: MessageGroupKey, count: number, params: MessageParams = {}, lang: MessageLang = current): string {
  const locale = textIn(lang, 'about.locale') ?? 'nb-NO';
  const category = new Intl.PluralRules(locale).select(count);
  const key = (textIn(lang, `${group}.${category}`) ?? textIn('nb', `${group}.${category}`) ? `${group}.${category}` : `${group}.other`) as MessageKey;
  return render(msg(key, { count, ...params }), lang);
}
