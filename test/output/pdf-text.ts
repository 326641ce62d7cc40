import { execFileSync } from 'node:child_process';

/** poppler-utils' pdftotext, which the PDF tests read text with (.ci/run installs it). */
export const HAVE_PDFTOTEXT = ((): boolean => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn('pdftotext (poppler-utils) not found: the tests that read a PDF\'s text are skipped');
    return false;
  }
})();

/** The text of each page of a PDF (pdftotext, reading order), spaces and no-break spaces collapsed. */
export function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages = text.split('\f').map((p) => p.replace(/[ \u00a0]+/g, ' '));
  // pdftotext ends every page with a form feed: the last piece is empty.
  if (pages.at(-1) === '') pages.pop();
  return pages;
}

/** The whole text of a PDF, its pages one after the other. */
export function pdfText(file: string): string {
  return pdfPages(file).join('\n');
}
