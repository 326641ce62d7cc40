import { msg, say } from '../base/messages.js';
import { DOCUMENT_LANGS, isDocumentLang, type DocumentLang } from '../language/tags.js';

/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions), case-insensitive:
 * the number of single-character edits between two names.
 */
export function editDistance(a: string, b: string): number {
  const s = [...a.toLowerCase()];
  const t = [...b.toLowerCase()];
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * The valid name nearest to `name`, when it is close enough to be a likely typo: at most 2 edits,
 * or a third of the name's length for long names. Ties go to the earlier valid name.
 */
export function nearestName(name: string, valid: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const v of valid) {
    const d = editDistance(name, v);
    if (d < bestD) [best, bestD] = [v, d];
  }
  return best !== null && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

/** A file name split into the assessment's name and its language (`a.nn.md` → a, nn). */
export interface ParsedName {
  file: string;
  name: string;
  lang: DocumentLang | null;
}

export interface UnknownFile {
  file: string;
  /** The nearest valid file name (with the same language suffix), or null when none is close. */
  suggestion: string | null;
  reason: 'unknown-name' | 'unknown-language' | 'wrong-case' | 'not-markdown';
}

/** Text documents a coordinator may save by mistake instead of Markdown (Word, plain text …). */
const TEXT_EXTENSIONS = /\.(txt|markdown|mdown|docx?|odt|rtf)$/i;

/**
 * Sorts an assessment folder's file names into known assessments and unknown files. Only `.md`
 * files are read (README and hidden files are skipped); `<name>.<lang>.md` is the text in that
 * language. A name in the wrong case (`C.md`) is reported, not guessed: file systems differ. A text
 * document with an assessment's name but another format (`c.docx`, `ensomhet.txt`) is reported
 * with the Markdown name it should have; other files (images) are left alone.
 */
export function classifyFileNames(files: readonly string[], valid: readonly string[]): { known: ParsedName[]; unknown: UnknownFile[] } {
  const set = new Set(valid);
  const known: ParsedName[] = [];
  const unknown: UnknownFile[] = [];
  for (const file of [...files].sort()) {
    if (file.startsWith('.') || /^readme\./i.test(file)) continue;
    if (TEXT_EXTENSIONS.test(file)) {
      // `c.docx`, `ensomhet.txt`: only Markdown is read; say which name it should have.
      const stem = file.slice(0, file.lastIndexOf('.'));
      const exact = valid.find((v) => v.toLowerCase() === stem.toLowerCase());
      const near = exact ?? nearestName(stem, valid);
      if (near) unknown.push({ file, suggestion: `${near}.md`, reason: 'not-markdown' });
      continue;
    }
    if (!file.toLowerCase().endsWith('.md')) continue;
    const stem = file.slice(0, -3);
    const m = /^(.*)\.([A-Za-z]{2,3})$/.exec(stem);
    let name = stem;
    let lang: string | null = null;
    if (m && !set.has(stem)) [name, lang] = [m[1]!, m[2]!];
    const suffix = lang ? `.${lang}.md` : '.md';
    if (lang !== null && !isDocumentLang(lang)) {
      const target = set.has(name) ? name : nearestName(name, valid);
      unknown.push({ file, suggestion: target ? `${target}.nn.md` : null, reason: 'unknown-language' });
      continue;
    }
    if (set.has(name)) {
      known.push({ file, name, lang });
      continue;
    }
    const lower = valid.find((v) => v.toLowerCase() === name.toLowerCase());
    if (lower) unknown.push({ file, suggestion: `${lower}${suffix}`, reason: 'wrong-case' });
    else {
      const near = nearestName(name, valid);
      unknown.push({ file, suggestion: near ? `${near}${suffix}` : null, reason: 'unknown-name' });
    }
  }
  return { known, unknown };
}

/** An unknown file in words, for the terminal and errors, in the run's language (data/cli/<lang>.json, "assessmentFile"). */
export function describeUnknown(u: UnknownFile): string {
  const mean = u.suggestion ? msg('assessmentFile.didYouMean', { suggestion: u.suggestion }) : '';
  switch (u.reason) {
    case 'not-markdown':
      return say('assessmentFile.notMarkdown', { file: u.file, suggestion: u.suggestion ?? '' });
    case 'unknown-language':
      return say('assessmentFile.unknownLanguage', { file: u.file, langs: DOCUMENT_LANGS.join(` ${say('assessmentFile.or')} `), mean });
    default:
      return say('assessmentFile.unknownName', { file: u.file, mean });
  }
}
