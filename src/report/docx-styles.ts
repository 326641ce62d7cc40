import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LineRuleType, ShadingType, type IParagraphStyleOptions, type IStylesOptions } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { FolkehelseError, EXIT_USAGE, msg, type Message } from '../base/errors.js';
import { readProblem, readRegularFile } from '../base/user-file.js';
import { FONT } from './docx-media.js';
import { group, text, TEMPLATE_DIR, type Texts } from './language.js';

/** A reference .docx that cannot be read: names the file. */
export class ReferenceDocxError extends FolkehelseError {
  constructor(file: string, message: string | Message) {
    super(msg('errors.template.reference', { file, message }), EXIT_USAGE);
  }
}

/** The words only Word shows, from the language file: the note on the front page, style and property names. */
export interface WordWords {
  /** Says the numbers come from the build and assessments are written in the marked places. */
  buildNote: string;
  /** Display names of the document's own paragraph styles, by style id. */
  styles: Record<string, string>;
  /** Names of the custom document properties. */
  properties: { kommune: string; edition: string };
}

export function wordWords(T: Texts): WordWords {
  return { buildNote: text(T, 'word.buildNote'), styles: { ...group(T, 'word.styles') }, properties: { kommune: text(T, 'word.properties.kommune'), edition: text(T, 'word.properties.edition') } };
}

/** Our own paragraph styles (display names from the language file); a reference document's styles of the same id win (as pandoc's --reference-doc). */
const STYLES: IParagraphStyleOptions[] = [
  { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true, size: 18, color: '444444' }, paragraph: { spacing: { before: 60, after: 160 }, keepNext: false } },
  { id: 'Assessment', name: 'Vurdering', basedOn: 'Normal', next: 'Assessment', quickFormat: true, paragraph: { indent: { left: 284 }, border: { left: { style: 'single', size: 18, color: '0072B2', space: 8 } }, shading: { type: ShadingType.CLEAR, fill: 'EEF5FB', color: 'auto' }, spacing: { after: 120 } } },
  { id: 'AssessmentMissing', name: 'Vurdering mangler', basedOn: 'Assessment', next: 'Assessment', quickFormat: true, paragraph: { border: { left: { style: 'single', size: 18, color: 'E69F00', space: 8 } }, shading: { type: ShadingType.CLEAR, fill: 'FFF7E6', color: 'auto' } } },
  { id: 'Source', name: 'Kilde', basedOn: 'Normal', next: 'Normal', run: { italics: true, size: 18, color: '555555' }, paragraph: { spacing: { after: 240 } } },
  { id: 'Note', name: 'Merknad', basedOn: 'Normal', next: 'Normal', run: { size: 18 }, paragraph: { indent: { left: 284 }, shading: { type: ShadingType.CLEAR, fill: 'F3F6F9', color: 'auto' } } },
  { id: 'BuildNote', name: 'Byggemerknad', basedOn: 'Normal', next: 'Normal', run: { size: 18, color: '444444' }, paragraph: { border: { top: { style: 'single', size: 4, color: 'AAAAAA', space: 4 }, bottom: { style: 'single', size: 4, color: 'AAAAAA', space: 4 } }, spacing: { before: 480 } } },
  { id: 'TableText', name: 'Tabelltekst', basedOn: 'Normal', next: 'TableText', run: { size: 17 }, paragraph: { spacing: { before: 20, after: 20 } } },
  { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 30, color: '555555' }, paragraph: { spacing: { after: 240 } } },
];

/** The document's styles: the reference document's when there is one, else ours; our paragraph styles where it has none of the same id. */
export function documentStyles(locale: string, names: Record<string, string>, referenceStyles: string | null): IStylesOptions {
  const theirs = referenceStyles ? new Set([...referenceStyles.matchAll(/<w:style\b[^>]*\bw:styleId="([^"]+)"/g)].map((m) => m[1]!)) : new Set<string>();
  return {
    ...(referenceStyles
      ? {}
      : {
          default: {
            document: { run: { font: FONT, size: 20, language: { value: locale } }, paragraph: { spacing: { after: 120, line: 288, lineRule: LineRuleType.AUTO } } },
            title: { run: { font: FONT, size: 52, bold: true, color: '0B3A5B' }, paragraph: { spacing: { before: 2400, after: 240 } } },
            heading1: { run: { font: FONT, size: 32, bold: true, color: '0B3A5B' }, paragraph: { spacing: { before: 240, after: 160 }, keepNext: true } },
            heading2: { run: { font: FONT, size: 25, bold: true, color: '0B3A5B' }, paragraph: { spacing: { before: 320, after: 120 }, keepNext: true } },
            heading3: { run: { font: FONT, size: 22, bold: true, color: '0B3A5B' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
          },
        }),
    paragraphStyles: STYLES.filter((s) => !theirs.has(s.id)).map((s) => ({ ...s, name: names[s.id] ?? s.name })),
  };
}

/** The reference document: the configured template folder's reference.docx, else the shipped one, if any. */
export function findReferenceDocx(templates?: string): string | null {
  for (const dir of [templates, TEMPLATE_DIR]) {
    if (!dir) continue;
    const f = join(dir, 'reference.docx');
    if (existsSync(f)) return f;
  }
  return null;
}

/** Largest reference document and styles part read: a house style is some hundred kB. */
const MAX_REFERENCE_BYTES = 64 * 1024 ** 2;
const MAX_STYLES_BYTES = 16 * 1024 ** 2;

/**
 * The styles (word/styles.xml) of a reference document. Refused: a path that is not a regular
 * file (checked before it is opened), a file that is not a zip, a styles part larger than 16 MB
 * unpacked (a zip bomb), and styles with a DOCTYPE or entity declarations — Word never writes one,
 * and an XML parser that expands them can be made to read other files or to fill the memory.
 */
export function readReferenceStyles(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, MAX_REFERENCE_BYTES);
  } catch (e) {
    throw new ReferenceDocxError(file, readProblem(e));
  }
  let files: Record<string, Uint8Array>;
  let tooBig = false;
  try {
    files = unzipSync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      filter: (f) => {
        if (f.name !== 'word/styles.xml') return false;
        if (f.originalSize > MAX_STYLES_BYTES) tooBig = true;
        return !tooBig;
      },
    });
  } catch (e) {
    throw new ReferenceDocxError(file, msg('errors.template.referenceNotDocx', { reason: (e as Error).message }));
  }
  if (tooBig) throw new ReferenceDocxError(file, `word/styles.xml is larger than ${MAX_STYLES_BYTES / 1024 ** 2} MB unpacked; save the reference document again from Word`);
  const styles = files['word/styles.xml'];
  if (!styles) throw new ReferenceDocxError(file, msg('errors.template.referenceNoStyles'));
  const xml = strFromU8(styles);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new ReferenceDocxError(file, 'word/styles.xml declares a DOCTYPE or entities, which Word never writes and folkehelse does not read; save the reference document again from Word');
  return xml;
}
