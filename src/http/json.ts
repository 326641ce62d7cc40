import { msg } from '../base/messages.js';
import { HttpError } from './errors.js';
import { cleanJsonText } from './text.js';

/**
 * An API's JSON answer as the program takes it in: its strings cleaned of control characters, no
 * deeper than any API nests, and no key that names the machinery of every object.
 */

/** Deeper JSON than this is no API answer (and would overflow the stack of whatever walks it). */
const MAX_DEPTH = 64;

/** The nesting depth of a JSON text, counted outside strings; stops counting past `max`. */
function jsonDepth(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > deepest && (deepest = depth) > max) return deepest;
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/**
 * Parses an API's JSON answer, its strings cleaned of control characters; anything else (a
 * maintenance page, JSON nested absurdly deep …) is an HttpError that says so.
 */
export function parseAnswer(text: string, url: string): unknown {
  const clean = cleanJsonText(text.replace(/^\uFEFF/, ''));
  if (jsonDepth(clean, MAX_DEPTH) > MAX_DEPTH) throw new HttpError(url, 200, msg('http.answerNested', { max: MAX_DEPTH }), msg('http.adviceUnexpected'), 'invalid-answer');
  let doc: unknown;
  try {
    doc = JSON.parse(clean);
  } catch {
    throw new HttpError(url, 200, msg('http.answerNotJson'), msg('http.adviceUnexpectedPage'), 'invalid-answer');
  }
  const bad = prototypeKey(doc);
  if (bad) throw new HttpError(url, 200, msg('http.answerPrototypeKey', { key: bad.key, at: bad.at }), msg('http.adviceUnexpected'), 'invalid-answer');
  return doc;
}

/** Keys that name the machinery of every JavaScript object rather than data: a lookup by them finds a function. */
export function isPrototypeKey(k: string): boolean {
  return k === '__proto__' || k === 'prototype' || k in Object.prototype;
}

/** The first prototype key anywhere in a parsed document (walked without recursion), or null. */
function prototypeKey(doc: unknown): { key: string; at: string } | null {
  const stack: { v: unknown; at: string }[] = [{ v: doc, at: 'the answer' }];
  while (stack.length) {
    const { v, at } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === 'object') stack.push({ v: v[i], at });
      continue;
    }
    for (const k of Object.keys(v)) {
      if (isPrototypeKey(k)) return { key: k, at };
      const child = (v as Record<string, unknown>)[k];
      if (child !== null && typeof child === 'object') stack.push({ v: child, at: at === 'the answer' ? `"${k.slice(0, 40)}"` : `${at}.${k.slice(0, 40)}` });
    }
  }
  return null;
}

