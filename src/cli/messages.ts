import type { IndicatorResult } from '../indicators/result.js';
import { loadLanguage, type LanguageData } from '../language/files.js';
import type { MessageList, MessageText } from '../language/generated.js';
import { fill, listAt, textAt, valueAt } from '../language/lookup.js';
import type { MessageLang } from '../language/tags.js';

/**
 * The words the commands print for a coordinator (notes, summaries, `init` texts), one language
 * file each in `data/cli/<lang>.json`, over bokmål's for a text a language lacks. English is the
 * developers' language: where it has no note of its own, the program's English message is shown.
 */
export type Messages = LanguageData;

export function loadMessages(lang: MessageLang): Messages {
  return loadLanguage('messages', lang);
}

export function message(messages: Messages, path: MessageText, vars: Record<string, string | number> = {}): string {
  return fill(textAt(messages, path), vars);
}

export function messageList(messages: Messages, path: MessageList): string[] {
  return listAt(messages, path);
}

/** Whether the language has a text at a path only known at run time (a note per reason). */
function hasMessage(messages: Messages, path: string): path is MessageText {
  return typeof valueAt(messages, path) === 'string';
}

/**
 * Why an indicator has no value, in the coordinator's language, built from the result's fields
 * (the engine's `message` is English, for developers and `--json`). Null when nothing to say.
 */
export function indicatorNote(r: IndicatorResult, lang: MessageLang, messages: Messages, notTested: Record<string, string>): string | null {
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
      const reason = `notes.${absent?.reason}`;
      if (absent && hasMessage(messages, reason)) return message(messages, reason, { period });
      return message(messages, 'notes.missing', { period, symbol: absent?.symbol ?? '' });
    }
    default: {
      const reason = r.comparisons.land.reason;
      return reason && reason !== 'not-comparable' ? (notTested[reason] ?? null) : null;
    }
  }
}
