import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readUserText } from '../base/user-file.js';
import { BASE_LANG, isMessageLang, type MessageLang } from '../language/tags.js';

/** The environment variable that sets the language of the program's messages (nb, nn, en) when no --lang is given. */
export const LANG_ENV = 'FOLKEHELSE_LANG';

/**
 * The language of a run's messages: `--lang`, else FOLKEHELSE_LANG (the person's choice, e.g. a
 * developer's `en`), else the configuration's `lang` (the project's), else bokmål.
 */
export function messageLangOf(given: string | undefined, env: NodeJS.ProcessEnv, configLang?: unknown): MessageLang {
  for (const v of [given, env[LANG_ENV], configLang]) {
    const tag = typeof v === 'string' ? v.trim().toLowerCase() : '';
    if (isMessageLang(tag)) return tag;
  }
  return BASE_LANG;
}

/** The value of `--name value` or `--name=value` in the arguments (the last one given). */
function optionValue(argv: string[], name: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === name) found = argv[i + 1];
    else if (a.startsWith(`${name}=`)) found = a.slice(name.length + 1);
  }
  return found;
}

/**
 * The messages' language before the command line is parsed — `--lang`, FOLKEHELSE_LANG, the `lang`
 * of `--config` (or of ./folkehelse.config.json) — so that a usage error, too, is in the user's
 * language. A configuration that cannot be read is left for the command to report.
 */
export function messageLangFromArgv(argv: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): MessageLang {
  const config = optionValue(argv, '--config') ?? (existsSync(resolve(cwd, 'folkehelse.config.json')) ? 'folkehelse.config.json' : undefined);
  let configLang: unknown;
  if (config) {
    try {
      configLang = (JSON.parse(readUserText(resolve(cwd, config)).replace(/^\uFEFF/, '')) as { lang?: unknown }).lang;
    } catch {
      // reported by the command that reads it
    }
  }
  return messageLangOf(optionValue(argv, '--lang'), env, configLang);
}
