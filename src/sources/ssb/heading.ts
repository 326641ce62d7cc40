import type { AgeGroup, Period, Sex } from '../../model/observation.js';
import { ageFromLabel, isKnownAge, sexFromLabel } from '../../ingest/cells.js';
import { parsePeriod, PERIOD_TOKEN_SOURCE } from '../../ingest/period.js';

/** A value column whose heading carries variables: "Persons 2023 Males", "Personer 2023 0-17 år". */
export interface WideColumn {
  index: number;
  /** The statistikkvariabel ('' when the heading names none: the row's or the table's). */
  variable: string;
  /** The period; absent when the rows carry it (a year down the side). */
  period?: Period;
  sex?: Sex;
  age?: AgeGroup;
  /** Any other heading variable (a value of a dimension SSB moved into the heading). */
  qualifier?: string;
  /** Heading variables with their names (IMDi's `Kjønn: Kvinner`, a title's "togstrekning"). */
  named?: Record<string, string>;
}

const PERIOD_TOKEN = new RegExp(String.raw`(?:^|\s)(${PERIOD_TOKEN_SOURCE})(?=\s|$)`, 'gi');

/** Reads a part of a heading as a sex or an age, the way SSB writes them in either language. */
export function headingPart(text: string): { sex?: Sex; age?: AgeGroup } | null {
  const t = text.trim();
  if (t === '') return {};
  // A bare number is not an age in a heading ("Dødsfall per 100 2023").
  if (/^\d+$/.test(t) || /^per\b/i.test(t)) return null;
  const sex = sexFromLabel(t);
  if (sex) return { sex };
  const age = ageFromLabel(t);
  if (isKnownAge(age) && age.code !== 'alle' && !/^total$/i.test(t)) return { age };
  if (/^(alle aldre|all ages|alder i alt)$/i.test(t)) return { age };
  return null;
}

/**
 * Splits a wide column heading into its variables: the statistikkvariabel, the period, and any sex
 * or age (or other value) SSB wrote into the heading when those variables were placed in the head
 * of the table: "Persons 2023 Males", "Personer 2023 Begge kjønn", "Sysselsatte 2021".
 */
export function parseHeading(heading: string): Omit<WideColumn, 'index'> | null {
  const h = heading.trim();
  const matches = [...h.matchAll(PERIOD_TOKEN)];
  for (let k = matches.length - 1; k >= 0; k--) {
    const m = matches[k]!;
    const period = parsePeriod(m[1]!);
    if (!period) continue;
    const start = m.index! + m[0].length - m[1]!.length;
    const before = h.slice(0, start).trim();
    const after = h.slice(start + m[1]!.length).trim();
    const out: Omit<WideColumn, 'index'> = { variable: before, period };
    // A sex or an age before the variable ("Menn Personer 2023") or between it and the period.
    const words = before.split(/\s+/).filter((w) => w !== '');
    for (let k = Math.min(4, words.length - 1); k >= 1; k--) {
      const head = headingPart(words.slice(0, k).join(' '));
      if (head && (head.sex || head.age)) {
        Object.assign(out, head);
        out.variable = words.slice(k).join(' ');
        break;
      }
      const tail = headingPart(words.slice(words.length - k).join(' '));
      if (tail && (tail.sex || tail.age)) {
        Object.assign(out, tail);
        out.variable = words.slice(0, words.length - k).join(' ');
        break;
      }
    }
    if (after !== '') readAfterPeriod(out, after);
    if (before === '' && after === '') return null;
    return out;
  }
  return null;
}

/** The part of a heading after its period: a sex, an age, both ("Males 0-17 years"), or another value. */
function readAfterPeriod(out: Omit<WideColumn, 'index'>, after: string): void {
  const whole = headingPart(after);
  if (whole) {
    Object.assign(out, whole);
    return;
  }
  const words = after.split(/\s+/);
  for (let i = 1; i < words.length; i++) {
    const a = headingPart(words.slice(0, i).join(' '));
    const b = headingPart(words.slice(i).join(' '));
    if (a && b && !(a.sex && b.sex) && !(a.age && b.age)) {
      Object.assign(out, a, b);
      return;
    }
  }
  out.qualifier = after;
}

const TIME_WORDS = new Set(['år', 'tid', 'aar', 'year', 'kvartal', 'måned', 'uke', 'halvår', 'skoleår', 'time', 'quarter', 'month', 'week', 'school year']);
const VARIABLE_WORDS = new Set(['statistikkvariabel', 'statistikkvariabler', 'contents', 'statistical variable', 'enhet', 'unit']);
const SEX_WORDS = new Set(['kjønn', 'kjonn', 'sex']);
const AGE_WORDS = new Set(['alder', 'age']);

/** What one header row holds, by the name a title or an IMDi cell (`År: 2014`) gives it. */
type Role = 'period' | 'variable' | 'sex' | 'age' | { dimension: string };

function roleOf(name: string): Role {
  const n = name.trim().toLowerCase();
  if (TIME_WORDS.has(n)) return 'period';
  if (VARIABLE_WORDS.has(n)) return 'variable';
  if (SEX_WORDS.has(n)) return 'sex';
  if (AGE_WORDS.has(n)) return 'age';
  return { dimension: name.trim() };
}

/**
 * A value column of a header of several rows: one part per row ("Passasjerer (påstigninger)",
 * "260 InterCity - Oslo-Skien"; "1979", "Konsumprisindeks (2015=100)"; IMDi's "Kjønn: Kvinner",
 * "Enhet: Personer", "År: 2014"). A row's role comes from the part itself (`Name: value`, a period,
 * a sex, an age), else from the variable the title names for that row, else the first text is the
 * statistikkvariabel and later ones qualifiers. Null when a part cannot be read.
 */
export function headingFromParts(parts: string[], rowNames: (string | null)[]): Omit<WideColumn, 'index'> | null {
  const out: Omit<WideColumn, 'index'> = { variable: '' };
  const variables: string[] = [];
  const set = (role: Role, value: string): boolean => {
    if (role === 'period') {
      const p = parsePeriod(value);
      if (!p) return false;
      out.period = p;
    } else if (role === 'variable') variables.push(value);
    else if (role === 'sex') {
      const s = sexFromLabel(value);
      if (!s) return false;
      out.sex = s;
    } else if (role === 'age') out.age = ageFromLabel(value);
    else out.named = { ...(out.named ?? {}), [role.dimension]: value };
    return true;
  };
  for (let r = 0; r < parts.length; r++) {
    const part = parts[r]!.trim();
    if (part === '') continue;
    const named = /^([^:]{1,60}):\s*(.+)$/.exec(part);
    if (named && !parsePeriod(part)) {
      if (!set(roleOf(named[1]!), named[2]!.trim())) return null;
      continue;
    }
    const titled = rowNames[r];
    if (titled) {
      if (!set(roleOf(titled), part)) return null;
      continue;
    }
    const period = parsePeriod(part);
    if (period && !out.period) {
      out.period = period;
      continue;
    }
    const sa = headingPart(part);
    if (sa && (sa.sex || sa.age)) {
      Object.assign(out, sa);
      continue;
    }
    // A single row in a stack may itself be "<variable> <year>".
    const inner = variables.length === 0 && !out.period ? parseHeading(part) : null;
    if (inner?.period) {
      Object.assign(out, inner, { variable: '' });
      if (inner.variable) variables.push(inner.variable);
      continue;
    }
    if (variables.length === 0) variables.push(part);
    else out.qualifier = out.qualifier ? `${out.qualifier} ${part}` : part;
  }
  out.variable = variables.join(' ');
  return out;
}
