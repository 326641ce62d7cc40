import { msg, say, sayCount } from '../base/messages.js';
import { quotedList } from '../validate/issues.js';
import type { MessageGroupKey, MessageKey } from '../base/messages.js';
import type { InspectReport } from '../sources/inspect.js';
import { encodingName, formatCount } from '../validate/report.js';
import type { Style } from './style.js';
import { escapeTerminal } from './terminal.js';
import { sourceDisplayName } from '../sources/registry.js';

const DELIMITER_NAMES: Record<string, MessageKey> = { ';': 'inspect.semicolon', ',': 'inspect.comma', '\t': 'inspect.tab', '|': 'inspect.pipe' };
const DECIMAL_MARKS: Record<string, MessageKey> = { comma: 'inspect.decimalComma', point: 'inspect.decimalPoint', 'none seen': 'inspect.decimalNone' };

const LEVEL_WORDS: Record<string, MessageGroupKey> = { land: 'words.levelLand', fylke: 'words.levelFylke', kommune: 'words.levelKommune', bydel: 'words.levelBydel', other: 'words.levelOther' };
const SEX_WORDS: Record<string, MessageKey> = { total: 'words.sex.total', male: 'words.sex.male', female: 'words.sex.female' };

function list(items: string[], max: number): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} ${say('inspect.more', { count: items.length - max })}`;
}

/** The human-readable `inspect` output, in the run's language. */
export function renderInspectText(r: InspectReport, style: Style): string {
  const s = r.summary;
  const lines: [string, string][] = [];
  const line = (label: MessageKey, value: string) => lines.push([say(label), value]);
  line('inspect.file', say('inspect.bytes', { file: r.file, bytes: formatCount(r.bytes) }));
  line('inspect.source', say('inspect.table', { source: sourceDisplayName(r.source), tables: list(s.tables, 5) || '–' }));
  line('inspect.format', `${r.format}: ${r.formatDescription}`);
  line('inspect.encoding', encodingName(r.encoding));
  if (r.layout.kind === 'csv') {
    const delimiter = DELIMITER_NAMES[r.layout.delimiter ?? ''];
    const parts = [
      say('inspect.separated', { delimiter: delimiter ? say(delimiter) : (r.layout.delimiter ?? '') }),
      say('inspect.headerLine', { line: r.layout.headerLine ?? '' }),
      say(r.layout.shape === 'wide' ? 'inspect.wide' : 'inspect.long'),
      say('inspect.decimalMark', { mark: say(DECIMAL_MARKS[r.layout.decimalMark]!) }),
    ];
    line('inspect.layout', parts.join(', '));
    if (r.layout.title) line('inspect.title', r.layout.title);
    line('inspect.columns', list(r.layout.columns.filter((c) => c !== ''), 12));
  } else {
    line('inspect.layout', say('inspect.jsonStat'));
  }
  line('inspect.observations', s.rows ? say('inspect.fromRows', { observations: formatCount(s.observations), rows: formatCount(s.rows) }) : formatCount(s.observations));
  const levels = Object.entries(s.levels).map(([l, n]) => (LEVEL_WORDS[l] ? sayCount(LEVEL_WORDS[l], n, { count: formatCount(n) }) : `${n} ${l}`)).join(', ');
  const geos = s.geographies.map((g) => `${g.code} ${g.name}${g.from.length ? ` (${say('inspect.harmonisedFrom', { codes: g.from.join(', ') })})` : ''}`);
  line('inspect.geographies', `${s.geographies.length} (${levels}): ${list(geos, 12)}`);
  // City districts and SSB's areas outside the municipalities, each level on its own line.
  for (const [level, label] of [['bydel', 'inspect.bydeler'], ['other', 'inspect.otherAreas']] as const) {
    const of = s.geographies.filter((g) => g.level === level).map((g) => `${g.code} ${g.name}`);
    if (of.length) line(label, say('inspect.level', { count: of.length, level, list: list(of, 12) }));
  }
  line('inspect.periods', `${s.periods.length}: ${list(s.periods, 15)}`);
  line('inspect.measures', list(s.measures.map((m) => `${m.measure} [${m.measureType}${m.unit ? `, ${m.unit}` : ''}]`), 8));
  if (s.sexes.length) line('inspect.sex', s.sexes.map((x) => (SEX_WORDS[x] ? say(SEX_WORDS[x]) : x)).join(', '));
  if (s.ages.length) line('inspect.age', list(s.ages, 10));
  for (const d of s.dimensions) line('inspect.dimension', `${d.name}: ${list(d.values, 8)}${d.more ? say('inspect.moreShort', { count: d.more }) : ''}`);
  const counts = countsNote(r);
  if (counts) line('inspect.counts', counts);
  const missing = Object.entries(s.missing).map(([sym, n]) => `"${sym}" ${formatCount(n)}`);
  line('inspect.missingValues', missing.length ? missing.join(', ') : say('inspect.none'));
  const problems = `${sayCount('words.errors', r.errors, { count: formatCount(r.errors) })}, ${sayCount('words.warnings', r.warnings, { count: formatCount(r.warnings) })}`;
  line('inspect.problems', r.errors + r.warnings > 0 ? say('inspect.runValidate', { problems, counts: Object.entries(r.counts).map(([c, n]) => `${c} ${n}`).join(', '), file: r.file }) : problems);
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
  const pooled = r.source === 'fhi' && n.pooled > 0 ? msg('issue.counts.pooled') : '';
  if (n.withoutCounts === 0) return say('issue.counts.allCounted', { count: formatCount(n.withCounts), pooled });
  if (n.countMeasures.length > 0) return say('issue.counts.givenAsMeasure', { measures: quotedList(n.countMeasures), pooled });
  const what = msg(r.source === 'fhi' ? 'issue.counts.downloadFhi' : 'issue.counts.useTable');
  const some = n.withCounts > 0 ? msg('issue.counts.someWithout', { without: formatCount(n.withoutCounts), total: formatCount(n.withCounts + n.withoutCounts) }) : msg('issue.counts.allWithout');
  return say('issue.counts.noCount', { some, what });
}
