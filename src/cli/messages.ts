import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IndicatorResult } from '../indicators/result.js';
import type { MessageLang } from '../commands/options.js';
import { fill, lookup, text, type Texts } from '../report/language.js';

/**
 * The words the commands print for a coordinator (notes, summaries, `init` texts), one language
 * file each in `data/cli/<lang>.json`. English is the developers' language: where a message has no
 * Norwegian text it is the program's own English.
 */
export function loadMessages(lang: MessageLang): Texts {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../data/cli/${lang}.json`, import.meta.url)), 'utf8')) as Texts;
}

export function message(texts: Texts, path: string, vars: Record<string, string | number> = {}): string {
  return fill(text(texts, path), vars);
}

export function messageList(texts: Texts, path: string): string[] {
  const v = lookup(texts, path);
  if (!Array.isArray(v)) throw new Error(`language file: "${path}" is missing or not a list`);
  return v as string[];
}

/**
 * Why an indicator has no value, in the coordinator's language, built from the result's fields
 * (the engine's `message` is English, for developers and `--json`). Null when nothing to say.
 */
export function indicatorNote(r: IndicatorResult, lang: MessageLang, messages: Texts, notTested: Record<string, string>): string | null {
  if (lang === 'en') return r.message ?? (r.comparisons.land.reason && r.comparisons.land.reason !== 'not-comparable' ? r.comparisons.land.note : null);
  const p = r.provenance;
  switch (r.status) {
    case 'no-data':
      return p.observations === 0
        ? message(messages, 'notes.tableMissing', { table: p.table, source: p.source, measure: p.measure })
        : message(messages, 'notes.kommuneMissing', { kommune: r.kommune.name, table: p.table });
    case 'invalid-selection':
      return message(messages, 'notes.invalidSelection', { id: r.id });
    case 'absent': {
      if (r.series.hidden) return message(messages, 'notes.seriesHidden');
      const absent = r.value?.absent;
      const period = r.value?.period.label ?? '';
      if (absent && lookup(messages, `notes.${absent.reason}`) !== undefined) return message(messages, `notes.${absent.reason}`, { period });
      return message(messages, 'notes.missing', { period, symbol: absent?.symbol ?? '' });
    }
    default: {
      const reason = r.comparisons.land.reason;
      return reason && reason !== 'not-comparable' ? (notTested[reason] ?? null) : null;
    }
  }
}
