import { messageLang, msg, render, type MessageKey, type MessageParams } from '../base/messages.js';
import type { MessageLang } from '../language/tags.js';
import type { ValidationIssue } from './issues.js';

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'ISO-8859-1/Windows-1252',
  macintosh: 'Mac Roman (Excel "CSV (Macintosh)")',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
};

/** An encoding's name as people know it, in a language (default: the run's). */
export function encodingName(e: string | null, lang: MessageLang = messageLang()): string {
  if (e === 'utf-8-bom') return render(msg('issue.word.utf8Bom'), lang);
  return e ? (ENCODING_NAMES[e] ?? e) : render(msg('issue.word.unknownEncoding'), lang);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US').replace(/,/g, ' ');
}

/** Where a problem is, in words and a language (default: the run's): "linje 12, kolonne 3 (TELLER)". */
export function location(i: ValidationIssue, lang: MessageLang = messageLang()): string {
  const say = (key: MessageKey, params: MessageParams) => render(msg(key, params), lang);
  const parts: string[] = [];
  if (i.line !== null) parts.push(say('validate.line', { line: i.line }));
  if (i.columnNumber !== null && i.column !== null) parts.push(say('validate.column', { number: i.columnNumber, name: i.column }));
  else if (i.columnNumber !== null) parts.push(say('validate.columnNumber', { number: i.columnNumber }));
  else if (i.column !== null) parts.push(i.column);
  return parts.join(', ') || say('validate.wholeFile', {});
}
