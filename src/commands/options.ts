import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { msg, say, UsageError } from '../base/errors.js';
import { FORMATS } from '../sources/detect.js';
import { DOCUMENT_LANGS, languageLabel, MESSAGE_LANGS, type DocumentLang, type MessageLang } from '../language/tags.js';

/** Options every command shares: the language, colour, the default configuration and sizes. */

export type { DocumentLang, MessageLang } from '../language/tags.js';

/** `--lang` checked: a document language (nb, nn), and en (English messages) where a command allows it. */
export function parseLang(value: string, allowEnglish: true): MessageLang;
export function parseLang(value: string, allowEnglish?: false): DocumentLang;
export function parseLang(value: string, allowEnglish = false): MessageLang {
  const v = value.trim().toLowerCase();
  const allowed: MessageLang[] = allowEnglish ? [...MESSAGE_LANGS] : [...DOCUMENT_LANGS];
  if ((allowed as string[]).includes(v)) return v as MessageLang;
  const named = allowed.map(languageLabel);
  throw new UsageError(msg('errors.usage.lang', { value, choices: `${named.slice(0, -1).join(', ')} ${say('errors.usage.or')} ${named[named.length - 1]}` }));
}

export function langOption(description: string, allowEnglish = false, defaultValue?: string): Option {
  const o = new Option(`--lang <${(allowEnglish ? MESSAGE_LANGS : DOCUMENT_LANGS).join('|')}>`, description).argParser((v) => parseLang(v, allowEnglish as true));
  return defaultValue === undefined ? o : o.default(defaultValue);
}

/**
 * `--lang` of a command whose only words are its messages (and, for a document command, `en`
 * beside the document languages): not defaulted here, so FOLKEHELSE_LANG and the configuration
 * decide when it is not given (src/cli/lang.ts).
 */
export function messagesLangOption(description = say('help.messagesLang')): Option {
  return langOption(description, true);
}

/** `--strict`: warnings make the exit code 1 (for CI jobs that must stop on them). */
export function strictOption(): Option {
  return new Option('--strict', say('help.strict'));
}

/** Colour is used on a terminal unless NO_COLOR is set (https://no-color.org) or TERM is dumb. */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && env.TERM !== 'dumb';
}

export const DEFAULT_CONFIG = 'folkehelse.config.json';

/** The configuration to use: the one given, else ./folkehelse.config.json when it exists. */
export function defaultConfigPath(given: string | undefined, cwd = process.cwd()): string | undefined {
  if (given !== undefined) return given;
  return existsSync(resolve(cwd, DEFAULT_CONFIG)) ? DEFAULT_CONFIG : undefined;
}

/** "500MB", "2GB", "1048576" → bytes. */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(text);
  if (!m) throw new UsageError(msg('errors.usage.maxSize', { value: text }));
  const n = Number(m[1]!.replace(',', '.'));
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('g') ? 1024 ** 3 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('k') ? 1024 : 1;
  return Math.round(n * factor);
}

export function formatOption(): Option {
  return new Option('--format <format>', say('help.format')).choices([...FORMATS]);
}

/** "5037,5038, 5037" → ["5037", "5038"]: each municipality once, in the order given. */
export function parseKommuneList(text: string): string[] {
  return [...new Set(text.split(',').map((k) => k.trim()).filter(Boolean))];
}
