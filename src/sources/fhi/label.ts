import { msg } from '../../base/messages.js';
import type { Observation, Period } from '../../model/observation.js';
import { ageFromLabel, dimensionsKey, isReversedAge, measureFromLabel, readValueCell, schemaValue, sexFromLabel, type MeasureInfo } from '../../ingest/cells.js';
import type { ReadContext } from '../../ingest/context.js';
import { observation, fromCell } from '../../ingest/observation.js';
import { parsePeriod, periodKey } from '../../ingest/period.js';
import { validator } from '../../validate/schemas.js';

/**
 * Header names of label exports, with the spellings seen in the wild: FHI Statistikk's csv2 and
 * pyjstat conversions (`Geografi`, `År`, `Måltall`, `value`), analysts' saved copies (`Kommune`,
 * `År (intervall)` beside `År` as a date, `Skoleår`, the value as `Andel` or `Antall`, sort keys),
 * and the cause-of-death register `daar` (`Dødsår`, `Bofylke`).
 */
const ALIASES: Record<string, string> = {
  geografi: 'Geografi',
  geo: 'Geografi',
  kommune: 'Geografi',
  bofylke: 'Geografi',
  fylke: 'Geografi',
  år: 'År',
  aar: 'År',
  dødsår: 'År',
  'år (intervall)': 'Periode',
  skoleår: 'Periode',
  kjønn: 'Kjønn',
  kjonn: 'Kjønn',
  alder: 'Alder',
  måltall: 'Måltall',
  maltall: 'Måltall',
  value: 'value',
  verdi: 'value',
  andel: 'value',
  antall: 'value',
};

/** Columns an analyst adds that are not dimensions: sort keys, the end of a pooled school year. */
const IGNORED = /^sort[a-zæøå]*$|^skoleår_slutt$/i;
const ISO_DATE = /^(\d{4})-\d{2}-\d{2}$/;

/** The header as the reader sees it: canonical names, which column is what. */
interface LabelLayout {
  header: string[];
  index: Map<string, number>;
  dimCols: string[];
  iGeo: number;
  /** The period: `Periode` (an interval, a pooled school year) when there is one, else `År`. */
  iPeriod: number;
  iSex: number | undefined;
  iAge: number | undefined;
  iMeasure: number | undefined;
  iValue: number;
  /** The measure when the file has no Måltall column: the value column's own name ("Andel"). */
  measureName: string;
}

/** Canonical names; a second column of one name (År beside År (intervall)) keeps its own. */
function canonical(raw: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((h) => {
    const c = ALIASES[h.toLowerCase().trim()] ?? h;
    if (seen.has(c)) return h;
    seen.add(c);
    return c;
  });
}

function labelLayout(ctx: ReadContext): LabelLayout | null {
  const layout = ctx.layout!;
  const header = canonical(layout.header);
  if (!ctx.checkHeader(header, layout.headerLine)) return null;
  if (!ctx.checkNearMisses(header, ['Geografi', 'År', 'Kjønn', 'Alder', 'Måltall', 'value'], layout.headerLine, msg('issue.word.formatFhiLabel'))) return null;
  const hasPeriod = header.includes('År') || header.includes('Periode');
  if (!ctx.requireColumns(header, ['Geografi', ...(hasPeriod ? [] : ['År']), 'value'], layout.headerLine, msg('issue.word.needsFhiLabel'))) return null;
  const index = new Map(header.map((h, i) => [h, i]));
  const known = new Set(['Geografi', 'År', 'Periode', 'Kjønn', 'Alder', 'Måltall', 'value']);
  const iValue = index.get('value')!;
  return {
    header,
    index,
    dimCols: header.filter((h) => !known.has(h) && h !== '' && !IGNORED.test(h)),
    iGeo: index.get('Geografi')!,
    iPeriod: index.get('Periode') ?? index.get('År')!,
    iSex: index.get('Kjønn'),
    iAge: index.get('Alder'),
    iMeasure: index.get('Måltall'),
    iValue,
    measureName: layout.header[iValue]!.trim() === 'value' ? 'value' : layout.header[iValue]!.trim(),
  };
}

/** A period as label exports write it: `2017-2023`, `2016`, a date `2016-01-01` (that year), pooled school years `2022/23-2024/25`. */
function periodOf(ctx: ReadContext, text: string, line: number, column: string, columnNumber: number): Period | null {
  const t = text.trim().replace(/\*$/, '');
  const date = ISO_DATE.exec(t);
  if (date) return { from: Number(date[1]), to: Number(date[1]), kind: 'year', label: t };
  const school = /^(\d{4})\/(\d{2,4})\s*-\s*(\d{4})\/(\d{2,4})$/.exec(t);
  if (school) {
    const first = parsePeriod(`${school[1]}/${school[2]}`);
    const last = parsePeriod(`${school[3]}/${school[4]}`);
    if (first && last && last.to > first.from) return { from: first.from, to: last.to, kind: 'pool', label: t };
  }
  return parsePeriod(t) ?? ctx.period(t, line, column, columnNumber);
}

/**
 * FHI exports by label: the open API's csv2 and the downloads in `real-exports/fhi/`:
 * `Geografi,År,Kjønn,Alder,<other dimensions…>,Måltall,value`, and the same saved by analysts
 * (`Kommune`, `År (intervall)`, `Andel`/`Antall`, sort keys after the value). Geography is a name
 * and is mapped to a code through the register; an unknown or ambiguous name is an error, never a
 * guess. Which FHI table a download is, and its codes, are recognised afterwards
 * (src/sources/fhi/recognise.ts).
 */
export async function* readFhiLabel(ctx: ReadContext): AsyncGenerator<Observation[]> {
  const lay = labelLayout(ctx);
  if (!lay) return;
  const layout = ctx.layout!;
  const { header, index, dimCols, iGeo, iPeriod, iSex, iAge, iMeasure, iValue } = lay;
  const columnOf = (p: string): number | null => (index.has(p) ? index.get(p)! + 1 : null);
  const validate = validator('fhi-label');
  const measureInfo = new Map<string, MeasureInfo>();
  const table = ctx.file.stem;
  const valueName = layout.header[iValue]!;

  for await (const batch of ctx.records()) {
    const out: Observation[] = [];
    for (const { cells, line } of batch) {
      if (line <= layout.headerLine) continue;
      if (!ctx.checkCellCount(cells, header, line)) continue;
      const raw: Record<string, string> = {};
      const row: Record<string, unknown> = {};
      for (const [h, i] of [['Geografi', iGeo], ['Måltall', iMeasure]] as const) {
        if (i === undefined) continue;
        raw[h] = cells[i] ?? '';
        if (raw[h]!.trim() !== '') row[h] = raw[h]!.trim();
      }
      const v = readValueCell(cells[iValue] ?? '', 'fhi');
      if (v.kind === 'unknown-symbol') {
        ctx.issues.report({ code: 'unknown-symbol', line, column: valueName, columnNumber: iValue + 1, value: v.raw, note: msg('issue.note.unknownSymbol', { value: v.raw, column: valueName, symbols: '. .. : -' }) });
        continue;
      }
      if (v.kind === 'empty' && lay.measureName === 'value') {
        ctx.issues.report({ code: 'missing-cell', line, column: 'value', columnNumber: iValue + 1, note: msg('issue.note.valueEmpty', { symbols: '. .. : -' }) });
        continue;
      }
      // An analyst's copy writes a hidden value (:) as an empty cell: missing, without a symbol.
      const cell = v;
      row.value = v.kind === 'empty' ? null : schemaValue(cell);
      raw.value = cells[iValue] ?? '';
      if (!ctx.checkRow(validate, row, raw, columnOf, line)) continue;

      const measure = iMeasure !== undefined ? cells[iMeasure]!.trim() : lay.measureName;
      let info = measureInfo.get(measure);
      if (!info) {
        info = measureFromLabel(measure);
        measureInfo.set(measure, info);
      }
      const sexLabel = iSex !== undefined ? cells[iSex]!.trim() : '';
      const sex = sexLabel === '' ? 'total' : sexFromLabel(sexLabel);
      if (sex === null) {
        ctx.issues.report({ code: 'type-error', line, column: 'Kjønn', columnNumber: iSex! + 1, value: sexLabel, note: msg('issue.note.unknownSexLabel', { value: sexLabel, known: "'kjønn samlet', 'menn', 'kvinner', 'gutter', 'jenter', 'begge kjønn', 'mann', 'kvinne'" }) });
        continue;
      }
      const geoRaw = cells[iGeo]!.trim();
      let geo = ctx.geography(ctx.geo.fromLabel(geoRaw), geoRaw, line, layout.header[iGeo]!, iGeo + 1);
      if (!geo) continue;
      const period = periodOf(ctx, cells[iPeriod]!, line, layout.header[iPeriod]!, iPeriod + 1);
      if (!period) continue;
      const age = iAge !== undefined ? ageFromLabel(cells[iAge]!) : null;
      if (age && isReversedAge(age)) {
        ctx.issues.report({ code: 'constraint-error', line, column: 'Alder', columnNumber: iAge! + 1, value: age.label, note: msg('issue.note.ageBackwards', { age: age.label, from: age.from ?? '', to: age.to ?? '' }) });
        continue;
      }
      const dimensions: Record<string, string> = {};
      for (const d of dimCols) dimensions[d] = (cells[index.get(d)!] ?? '').trim();
      const o = observation({ source: 'fhi', table, geo: geo.geo, harmonisedFrom: geo.harmonisedFrom, period, sex, age, dimensions, origin: { file: ctx.file.display, line } }, measure, info, fromCell(cell));
      if (!ctx.plausible(o, line, valueName, iValue + 1, cells[iValue] ?? null)) continue;
      const rest = `|${periodKey(period)}|${sex}|${age?.code ?? ''}|${dimensionsKey(dimensions)}|${measure}`;
      // Oslo is both a county (03) and a municipality (0301) named "Oslo": the second row with the
      // same key is the other one, not a duplicate.
      if (geo.code === '0301' && /^oslo$/i.test(geoRaw) && ctx.keys.add(`0301${rest}`, line) !== 0) {
        const county = ctx.geography(ctx.geo.fromCode('03'), '03', line, layout.header[iGeo]!, iGeo + 1)!;
        if (!ctx.checkDuplicate(`03${rest}`, line)) continue;
        geo = county;
        o.geo = county.geo;
      } else if (!(geo.code === '0301' && /^oslo$/i.test(geoRaw)) && !ctx.checkDuplicate(`${geo.code}${rest}`, line)) continue;
      out.push(o);
    }
    if (out.length > 0) yield out;
  }
}
