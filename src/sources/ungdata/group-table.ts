import { msg, type Message } from '../../base/messages.js';
import type { Observation, Sex, SourceId } from '../../model/observation.js';
import { dimensionsKey, readValueCell, schemaValue, type ValueCell } from '../../ingest/cells.js';
import type { ReadContext } from '../../ingest/context.js';
import { observation } from '../../ingest/observation.js';
import type { SchemaName } from '../../contracts/schema-names.js';
import { validator } from '../../validate/schemas.js';

/**
 * A survey's group table: per area, year (or pooled years), indicator, grouping variable and group,
 * the number of respondents and the number answering yes (or the share). Ungdata's table is one;
 * the county surveys (Folkehelseundersøkelsen i fylkene and the like) are another, with age and
 * sex crossed, shares as fractions and respondents that may have to be derived. One reader, told
 * by a spec what the columns are called and what a format allows.
 */
export interface GroupTableSpec {
  source: SourceId;
  table: string;
  schema: SchemaName;
  /** The format's name in messages ("Ungdata group table"). */
  formatName: Message;
  /** How the missing-column message ends ("an Ungdata group table needs"). */
  needs: Message;
  /** The canonical column names of a header (trimmed), '' for a column to leave out. */
  columns: (header: string[]) => string[];
  required: string[];
  /** Canonical names a misspelt header is checked against. */
  expected: string[];
  numeric: ReadonlySet<string>;
  sex: Readonly<Record<string, Sex>>;
  /** Further columns that split the series, canonical name → dimension ("grade" → "trinn"). */
  dimensionColumns: Readonly<Record<string, string>>;
  /** Cells every row has although the file has no column for them ({grouping: 'total', group: 'alle'}). */
  fixed?: Readonly<Record<string, string>>;
  /** Indicator ids are lower-cased before they are checked (a county's 'FYSAK_2kat'). */
  lowerCaseIndicator?: boolean;
  /** Rows with a share but no respondents are kept (no interval, no test); Ungdata needs respondents. */
  shareWithoutCount: boolean;
}

const MEASURE = { measureType: 'proportion' as const, unit: 'prosent', multiplier: 100, standardisation: 'none' as const };

interface Cells {
  n: ValueCell;
  yes: ValueCell | undefined;
  pct: ValueCell | undefined;
}

/** Value, numerator and denominator of a row: counts where published, derived where only a share is. */
function numbers(c: Cells, spec: GroupTableSpec): { value: number | null; numerator: number | null; denominator: number | null; missing: Observation['missing'] } {
  const none = { value: null, numerator: null, denominator: null };
  const firstMissing = [c.n, c.yes, c.pct].find((x) => x?.kind === 'missing');
  if (firstMissing && firstMissing.kind === 'missing') return { ...none, missing: firstMissing.missing };
  const yes = c.yes?.kind === 'number' ? c.yes.value : null;
  const pct = c.pct?.kind === 'number' ? c.pct.value : null;
  let n = c.n.kind === 'number' ? c.n.value : null;
  // A county's frequency table gives the yes-count and the share only: the respondents follow from them.
  if (n === null && spec.shareWithoutCount && yes !== null && pct !== null && pct > 0) n = Math.round((100 * yes) / pct);
  if (n === 0) return { ...none, missing: { symbol: '.', reason: 'not-applicable' } };
  if (n === null) {
    if (spec.shareWithoutCount && pct !== null) return { value: pct, numerator: null, denominator: null, missing: null };
    return { ...none, missing: null };
  }
  if (yes !== null) return { value: (100 * yes) / n, numerator: yes, denominator: n, missing: null };
  // Only the percentage was published: the count is derived from it (rounded shares give
  // non-integer counts, which the interval methods accept).
  if (pct !== null) return { value: pct, numerator: (pct * n) / 100, denominator: n, missing: null };
  return { ...none, missing: null };
}

export async function* readGroupTable(ctx: ReadContext, spec: GroupTableSpec): AsyncGenerator<Observation[]> {
  const layout = ctx.layout!;
  const header = spec.columns(layout.header.map((h) => h.trim())).map((h, i) => (h === '' && layout.header[i]!.trim() !== '' ? `~${i}` : h));
  if (!ctx.checkHeader(header, layout.headerLine)) return;
  if (!ctx.checkNearMisses(header, spec.expected, layout.headerLine, spec.formatName)) return;
  if (!ctx.requireColumns(header, spec.required, layout.headerLine, spec.needs)) return;
  if (!header.includes('n_yes') && !header.includes('percent')) {
    ctx.issues.report({ code: 'missing-column', line: layout.headerLine, column: 'n_yes', note: msg('issue.note.ungdataYesOrPercent') });
    return;
  }
  const index = new Map(header.map((h, i) => [h, i]));
  const columnOf = (p: string): number | null => (index.has(p) ? index.get(p)! + 1 : null);
  const validate = validator(spec.schema);

  for await (const batch of ctx.records()) {
    const out: Observation[] = [];
    for (const { cells, line } of batch) {
      if (line <= layout.headerLine) continue;
      if (!ctx.checkCellCount(cells, header, line)) continue;
      const raw: Record<string, string> = {};
      const row: Record<string, unknown> = {};
      const num = new Map<string, ValueCell>();
      let bad = false;
      header.forEach((h, i) => {
        if (h === '' || h.startsWith('~')) return;
        const cell = cells[i] ?? '';
        raw[h] = cell;
        if (spec.numeric.has(h)) {
          const v = readValueCell(cell, spec.source);
          num.set(h, v);
          if (v.kind === 'unknown-symbol') {
            bad = true;
            ctx.issues.report({ code: 'unknown-symbol', line, column: h, columnNumber: i + 1, value: cell, note: msg('issue.note.unknownSymbol', { value: cell, column: h, symbols: '. .. :' }) });
          }
          const sv = schemaValue(v);
          if (sv !== undefined) row[h] = sv;
        } else if (cell.trim() !== '') row[h] = h === 'indicator' && spec.lowerCaseIndicator ? cell.trim().toLowerCase() : cell.trim();
      });
      for (const [k, v] of Object.entries(spec.fixed ?? {})) if (!(k in raw)) (raw[k] = v), (row[k] = v);
      if (!ctx.checkRow(validate, row, raw, columnOf, line) || bad) continue;

      const n = num.get('n_respondents') ?? { kind: 'empty' as const };
      const yes = num.get('n_yes');
      // A share written as a fraction (column "share", 0.0859) is a percentage ×100.
      const share = num.get('share');
      const pct = share?.kind === 'number' ? { ...share, value: share.value * 100 } : (num.get('percent') ?? share);
      if (n.kind === 'number' && yes?.kind === 'number' && yes.value > n.value) {
        ctx.issues.report({ code: 'constraint-error', line, column: 'n_yes', columnNumber: columnOf('n_yes'), value: raw.n_yes ?? null, note: msg('issue.note.yesAboveRespondents', { yes: yes.value, respondents: n.value }) });
        continue;
      }
      if ((yes === undefined || yes.kind === 'empty') && (pct === undefined || pct.kind === 'empty')) {
        ctx.issues.report({ code: 'missing-cell', line, column: yes ? 'n_yes' : 'percent', columnNumber: columnOf(yes ? 'n_yes' : 'percent'), note: msg('issue.note.ungdataNeither') });
        continue;
      }
      const regionRaw = raw.kommune!.trim();
      const geo = ctx.geography(ctx.geo.fromLabel(regionRaw), regionRaw, line, 'kommune', columnOf('kommune'));
      if (!geo) continue;
      const period = ctx.period(raw.year!, line, 'year', columnOf('year'));
      if (!period) continue;
      const sex = spec.sex[(raw.sex ?? 'alle').trim().toLowerCase() || 'alle']!;
      const grouping = raw.grouping!.trim();
      const dimensions: Record<string, string> = {};
      if (grouping !== 'total') dimensions[grouping] = raw.group!.trim();
      for (const [column, dimension] of Object.entries(spec.dimensionColumns)) if (raw[column]?.trim()) dimensions[dimension] = raw[column]!.trim();
      const indicator = raw.indicator!.trim().toLowerCase();
      const key = `${geo.code}|${period.from}_${period.to}|${sex}|${dimensionsKey(dimensions)}|${indicator}`;
      if (!ctx.checkDuplicate(key, line)) continue;

      const r = numbers({ n, yes, pct }, spec);
      out.push(
        observation(
          { source: spec.source, table: spec.table, geo: geo.geo, harmonisedFrom: geo.harmonisedFrom, period, sex, age: null, dimensions, origin: { file: ctx.file.display, line } },
          indicator,
          MEASURE,
          r.missing ? { missing: r.missing } : r.value === null ? { missing: { symbol: '..', reason: 'missing' } } : { value: r.value },
          r.missing ? null : r.numerator,
          r.missing ? null : r.denominator,
        ),
      );
    }
    if (out.length > 0) yield out;
  }
}
