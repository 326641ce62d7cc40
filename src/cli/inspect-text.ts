import type { InspectReport } from '../sources/inspect.js';
import { encodingName, formatCount } from '../validate/report.js';
import type { Style } from './style.js';
import { escapeTerminal } from './terminal.js';
import { sourceDisplayName } from '../sources/registry.js';

const DELIMITER_NAMES: Record<string, string> = { ';': 'semicolon', ',': 'comma', '\t': 'tab', '|': 'pipe' };

function list(items: string[], max: number): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} … (+${items.length - max} more)`;
}

/** The human-readable `inspect` output. */
export function renderInspectText(r: InspectReport, style: Style): string {
  const s = r.summary;
  const lines: [string, string][] = [];
  lines.push(['File', `${r.file} (${formatCount(r.bytes)} bytes)`]);
  lines.push(['Source', `${sourceDisplayName(r.source)}; table ${list(s.tables, 5) || '–'}`]);
  lines.push(['Format', `${r.format}: ${r.formatDescription}`]);
  lines.push(['Encoding', encodingName(r.encoding)]);
  if (r.layout.kind === 'csv') {
    const parts = [`${DELIMITER_NAMES[r.layout.delimiter ?? ''] ?? r.layout.delimiter}-separated`, `header on line ${r.layout.headerLine}`, `${r.layout.shape} layout`, `decimal mark: ${r.layout.decimalMark}`];
    lines.push(['Layout', parts.join(', ')]);
    if (r.layout.title) lines.push(['Title', r.layout.title]);
    lines.push(['Columns', list(r.layout.columns.filter((c) => c !== ''), 12)]);
  } else {
    lines.push(['Layout', 'JSON-stat 2.0 cube']);
  }
  lines.push(['Observations', `${formatCount(s.observations)}${s.rows ? ` from ${formatCount(s.rows)} rows` : ''}`]);
  const levels = Object.entries(s.levels).map(([l, n]) => `${n} ${l}`).join(', ');
  const geos = s.geographies.map((g) => `${g.code} ${g.name}${g.from.length ? ` (from ${g.from.join(', ')})` : ''}`);
  lines.push(['Geographies', `${s.geographies.length} (${levels}): ${list(geos, 12)}`]);
  // City districts and SSB's areas outside the municipalities, each level on its own line.
  for (const [level, label] of [['bydel', 'Bydeler'], ['other', 'Other areas']] as const) {
    const of = s.geographies.filter((g) => g.level === level).map((g) => `${g.code} ${g.name}`);
    if (of.length) lines.push([label, `${of.length} (level ${level}): ${list(of, 12)}`]);
  }
  lines.push(['Periods', `${s.periods.length}: ${list(s.periods, 15)}`]);
  lines.push(['Measures', list(s.measures.map((m) => `${m.measure} [${m.measureType}${m.unit ? `, ${m.unit}` : ''}]`), 8)]);
  if (s.sexes.length) lines.push(['Sex', s.sexes.join(', ')]);
  if (s.ages.length) lines.push(['Age', list(s.ages, 10)]);
  for (const d of s.dimensions) lines.push([`Dimension`, `${d.name}: ${list(d.values, 8)}${d.more ? ` (+${d.more} more)` : ''}`]);
  const counts = countsNote(r);
  if (counts) lines.push(['Counts', counts]);
  const missing = Object.entries(s.missing).map(([sym, n]) => `"${sym}" ${formatCount(n)}`);
  lines.push(['Missing values', missing.length ? missing.join(', ') : 'none']);
  const problems = `${formatCount(r.errors)} ${r.errors === 1 ? 'error' : 'errors'}, ${formatCount(r.warnings)} ${r.warnings === 1 ? 'warning' : 'warnings'}`;
  lines.push(['Problems', r.errors + r.warnings > 0 ? `${problems} (${Object.entries(r.counts).map(([c, n]) => `${c} ${n}`).join(', ')}); run \`folkehelse validate ${r.file}\` for details` : problems]);
  const width = Math.max(...lines.map(([k]) => k.length)) + 1;
  // Values quote the data (names, labels, titles): escaped, so no control sequence reaches the terminal.
  return lines.map(([k, v]) => `${style.bold((k + ':').padEnd(width))} ${escapeTerminal(v)}`).join('\n') + '\n';
}

/**
 * Whether the shares and rates have the counts every test needs, and what to download when they do
 * not: an FHI file without TELLER gives values that can be shown but never tested against land or
 * over time.
 */
function countsNote(r: InspectReport): string | null {
  const n = r.numbers;
  if (n.withCounts + n.withoutCounts === 0) return null;
  const pooled = r.source === 'fhi' && n.pooled > 0 ? '; in multi-year periods FHI\'s counts are yearly averages, and the tests use them × the number of years' : '';
  if (n.withoutCounts === 0) return `every share and rate has its count (${formatCount(n.withCounts)})${pooled}`;
  if (n.countMeasures.length > 0) return `given as the measure ${n.countMeasures.map((m) => `"${m}"`).join(', ')}, paired with the values of the same area and period${pooled}`;
  const what =
    r.source === 'fhi'
      ? 'download the table with the count too (FHI Statistikk: the measure "antall" / TELLER, beside the share or rate)'
      : 'use a table that publishes the numbers of cases and persons as well';
  const some = n.withCounts > 0 ? `${formatCount(n.withoutCounts)} of ${formatCount(n.withCounts + n.withoutCounts)} shares and rates have` : 'the shares and rates have';
  return `${some} no count (numerator): they are shown, but not tested against land or over time; ${what}`;
}
