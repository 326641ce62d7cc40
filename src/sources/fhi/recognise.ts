import type { AgeGroup, Observation } from '../../model/observation.js';
import { ageFromCode } from '../../ingest/cells.js';
import type { CsvLayout } from '../../ingest/sniff.js';
import type { Recognition } from '../types.js';
import vocabulary from './label-tables.json' with { type: 'json' };
import { fhiMeasureInfo } from './measures.js';

/** One FHI table as its label downloads show it (label-tables.json). */
interface LabelTable {
  table: string;
  title: string;
  dimensions: Record<string, { labels: string[]; values: Record<string, string> }>;
  ages?: string[];
  /** The measure of a download without a Måltall column. */
  measure?: string;
  measures?: string[];
  /** Years per period (3 for 3-year averages): a 1-year and a 3-year table can hold the same labels. */
  years?: number[];
  /** The categories the default catalogue reads (its api block): dimension code → codes. */
  keep: Record<string, string[]>;
}

const TABLES = vocabulary.tables as unknown as LabelTable[];
const MEASURES = vocabulary.measures.map((m) => ({ re: new RegExp(m.pattern, 'i'), code: m.code }));
const MOVING_AVERAGE = new RegExp(vocabulary.movingAverage, 'gi');
const AGES = vocabulary.ages as Record<string, string>;
/** What analysts call the value column when they drop Måltall: the measure is then the table's own. */
const VALUE_NAMES = new Set(['value', 'verdi', 'andel', 'antall']);

export function norm(label: string): string {
  return label.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A measure label without "glidende gjennomsnitt" (moving averages show as the period's span). */
function measureLabel(label: string): string {
  return norm(label.replace(MOVING_AVERAGE, '')).replace(/[,(]\s*$/, '').trim();
}

/** The code of a measure label: "andel (prosent)" → RATE, "…, standardisert" → MEIS, "leveår" → MEIS. */
export function measureCode(label: string): string | null {
  const l = measureLabel(label);
  return MEASURES.find((m) => m.re.test(l))?.code ?? null;
}

/** What a label download holds: its dimensions with their values, measures, ages, period spans. */
interface Profile {
  dims: Map<string, { name: string; values: Set<string> }>;
  measures: Set<string>;
  /** False when the file has no Måltall column (the measure is the value column's name). */
  measureColumn: boolean;
  ages: Set<string>;
  spans: Set<number>;
}

function profile(observations: readonly Observation[]): Profile {
  const p: Profile = { dims: new Map(), measures: new Set(), measureColumn: true, ages: new Set(), spans: new Set() };
  for (const o of observations) {
    p.measures.add(measureLabel(o.measure));
    if (o.age) p.ages.add(norm(o.age.label));
    p.spans.add(o.period.to - o.period.from + 1);
    for (const [k, v] of Object.entries(o.dimensions)) {
      let d = p.dims.get(norm(k));
      if (!d) p.dims.set(norm(k), (d = { name: k, values: new Set() }));
      d.values.add(norm(v));
    }
  }
  p.measureColumn = ![...p.measures].every((m) => VALUE_NAMES.has(m));
  return p;
}

/** The table's dimension code of each of the download's dimension columns, when the download fits the table. */
function fits(t: LabelTable, p: Profile): Map<string, string> | null {
  const codes = new Map<string, string>();
  for (const [label, d] of p.dims) {
    const code = Object.keys(t.dimensions).find((c) => t.dimensions[c]!.labels.some((l) => norm(l) === label));
    if (!code) return null;
    const values = t.dimensions[code]!.values;
    if (Object.keys(values).length > 0 && ![...d.values].some((v) => Object.hasOwn(values, v))) return null;
    codes.set(d.name, code);
  }
  if (new Set(codes.values()).size !== Object.keys(t.dimensions).length) return null;
  if (p.measureColumn && t.measures && ![...p.measures].every((m) => t.measures!.some((x) => norm(x) === m))) return null;
  if (t.ages && p.ages.size > 0 && ![...p.ages].every((a) => t.ages!.some((x) => norm(x) === a))) return null;
  if (t.years && ![...p.spans].every((s) => t.years!.includes(s))) return null;
  return codes;
}

/** An age label as FHI's code: "alle aldre" → 0_120 (the whole population), "ved fødsel" → 0_0. */
function ageCode(age: AgeGroup | null): AgeGroup | null {
  if (!age) return null;
  const code = AGES[norm(age.label)];
  return code ? { ...ageFromCode(code), label: age.label } : age;
}

/**
 * An analyst's copy that divided FHI's shares by 100 (`Andel` 0.217 for 21.7 %): a column called
 * Andel whose shares in percent are all between 0 and 1.
 */
function fractions(observations: readonly Observation[], layout: CsvLayout | null): boolean {
  if (!layout?.header.some((h) => norm(h) === 'andel')) return false;
  const shares = observations.filter((o) => o.value !== null && /andel|prosent/i.test(o.measure));
  return shares.length > 0 && shares.every((o) => o.value! >= 0 && o.value! <= 1);
}

function kept(t: LabelTable, age: AgeGroup | null, dims: Record<string, string>): boolean {
  for (const [d, codes] of Object.entries(t.keep)) {
    if (d === 'ALDER') {
      if (age && !codes.includes(age.code)) return false;
    } else if (dims[d] !== undefined && !codes.includes(dims[d]!)) return false;
  }
  return true;
}

/**
 * Recognises an FHI Statistikk label download by what it holds — its dimension columns, their
 * categories, its measure and age labels (label-tables.json) — whatever the file is called, and
 * gives its observations again as that table's, in codes (`nokkel-388`, `MEIS`, `KMI_KAT` =
 * `overv_inkl_fedme`, age `0_120`): what `fetch` would have written, so the default catalogue reads
 * it. Only the categories the catalogue reads are given (`keep`). Null when the download fits no
 * table, or several.
 */
export function recogniseFhiLabels(observations: readonly Observation[], layout: CsvLayout | null): Recognition | null {
  if (observations.length === 0) return null;
  const p = profile(observations);
  const found = TABLES.map((t) => ({ t, codes: fits(t, p) })).filter((x): x is { t: LabelTable; codes: Map<string, string> } => x.codes !== null);
  if (found.length !== 1) return null;
  const { t, codes } = found[0]!;
  const scale = fractions(observations, layout) ? 100 : 1;
  const out: Observation[] = [];
  for (const o of observations) {
    const code = p.measureColumn ? measureCode(o.measure) : (t.measure ?? measureCode(o.measure));
    if (!code) continue;
    const dims: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.dimensions)) {
      const d = codes.get(k)!;
      dims[d] = t.dimensions[d]!.values[norm(v)] ?? v;
    }
    const age = ageCode(o.age);
    if (!kept(t, age, dims)) continue;
    const info = fhiMeasureInfo(code, p.measureColumn ? o.measure : undefined);
    out.push({ ...o, table: t.table, measure: code, ...info, age, dimensions: dims, value: o.value === null || scale === 1 ? o.value : Number((o.value * scale).toPrecision(12)) });
  }
  const note = `recognised as FHI Statistikk table ${t.table} (${t.title}) by its dimensions and labels${scale !== 1 ? '; its shares are written as fractions of 1 and read as percent' : ''}`;
  return { table: t.table, title: t.title, observations: out, note };
}
