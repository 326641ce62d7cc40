#!/usr/bin/env node
// Writes data/geography/register.json from SSB's classification lists.
// Run once when SSB publishes a new classification:
//   node data/geography/make-register.mjs ../shared/registers ../shared/real-exports/ssb > data/geography/register.json
// The inputs are SSB classification 131 (municipalities, 2026-01-01), 104 (counties, 2024)
// and the grouping agg_KommSummer (every code used 1994–2024 → its 2024 series); for the city
// districts Klass 103 (bydelsinndeling, 2020-01-01) and the region list of SSB table 10826
// (population by bydel), which carries SSB's codes for discontinued districts with their periods.
// County history and the known splits are written below by hand, from SSB's change lists.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const dir = process.argv[2] ?? '../shared/registers';
const ssbDir = process.argv[3] ?? join(dir, '../real-exports/ssb');
const readCsv = (name) => {
  const text = readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, '');
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const cols = header.split(';');
  return rows.map((r) => Object.fromEntries(r.split(';').map((v, i) => [cols[i], v])));
};

const fylkerNow = readCsv('fylker-2024.csv');
const kommunerNow = readCsv('kommuner-2026-01-01.csv');
const harmonisering = readCsv('kommune-harmonisering-1994-2024.csv');

// Counties: current ones from classification 104; validFrom where the county was (re)created.
const fylkeValidFrom = { 31: 2024, 32: 2024, 33: 2024, 39: 2024, 40: 2024, 55: 2024, 56: 2024, 34: 2020, 42: 2020, 46: 2020, 50: 2018 };
// Counties no longer in use: code, name, years valid, what they became.
const historicFylker = [
  ['01', 'Østfold', null, 2019, ['31'], 'renumbered'],
  ['02', 'Akershus', null, 2019, ['32'], 'renumbered'],
  ['04', 'Hedmark', null, 2019, ['34'], 'merged'],
  ['05', 'Oppland', null, 2019, ['34'], 'merged'],
  ['06', 'Buskerud', null, 2019, ['33'], 'renumbered'],
  ['07', 'Vestfold', null, 2019, ['39'], 'renumbered'],
  ['08', 'Telemark', null, 2019, ['40'], 'renumbered'],
  ['09', 'Aust-Agder', null, 2019, ['42'], 'merged'],
  ['10', 'Vest-Agder', null, 2019, ['42'], 'merged'],
  ['12', 'Hordaland', null, 2019, ['46'], 'merged'],
  ['14', 'Sogn og Fjordane', null, 2019, ['46'], 'merged'],
  ['16', 'Sør-Trøndelag', null, 2017, ['50'], 'merged'],
  ['17', 'Nord-Trøndelag', null, 2017, ['50'], 'merged'],
  ['19', 'Troms', null, 2019, ['55'], 'renumbered'],
  ['20', 'Finnmark', null, 2019, ['56'], 'renumbered'],
  ['30', 'Viken', 2020, 2023, ['31', '32', '33'], 'split'],
  ['38', 'Vestfold og Telemark', 2020, 2023, ['39', '40'], 'split'],
  ['54', 'Troms og Finnmark', 2020, 2023, ['55', '56'], 'split'],
];
// Municipalities that were divided: their history cannot be summed into one successor.
const knownSplits = { 1507: ['1508', '1580'] };
// KOSTRA groups are not in these lists; only the ones checked for the fixtures are set here.
const kostragrupper = {};

const suffix = /\s*\((\d{4})?-(\d{4})?\)\s*$/;
const kommuner = kommunerNow.map((k) => {
  const official = k.kommunenavn;
  const short = official.split(' - ')[0];
  return { code: k.kommunenummer, name: short, officialName: official, fylke: k.fylkesnummer, validFrom: null, validTo: null, kostragruppe: kostragrupper[k.kommunenummer] ?? null };
});
const byCode = new Map(kommuner.map((k) => [k.code, k]));

const historic = [];
for (const row of harmonisering) {
  const group = row.GRUPPEKODE;
  const code = row.KODE.padStart(4, '0');
  const m = row.TEKST.match(suffix);
  const target = group.startsWith('K.') && /^K\.\d{4}$/.test(group) ? group.slice(2) : null;
  if (!m) {
    if (target === code) continue; // the current code itself
    if (!target) continue; // Svalbard, sokkel: not municipalities
    continue;
  }
  const name = row.TEKST.replace(suffix, '');
  const validFrom = m[1] ? Number(m[1]) : null;
  const validTo = m[2] ? Number(m[2]) : null;
  // A current municipality that carries an old one's name got its number when that one ended.
  const cur = target ? byCode.get(target) : undefined;
  if (cur && name === cur.name && validTo !== null && cur.code !== code) cur.validFrom = Math.max(cur.validFrom ?? 0, validTo + 1);
  let kind;
  let successors;
  if (knownSplits[code]) {
    kind = 'split';
    successors = knownSplits[code];
  } else if (!target) {
    kind = 'split';
    successors = [];
  } else {
    successors = [target];
    // Renumbered: same name as the successor, and no other code of the group ended the same
    // year (which would make it a merger).
    const endedTogether = harmonisering.filter((r) => r.GRUPPEKODE === group && r.KODE !== row.KODE && r.TEKST.match(suffix)?.[2] === m[2]);
    const sameName = name === byCode.get(target)?.name;
    kind = sameName && endedTogether.length === 0 ? 'renumbered' : 'merged';
  }
  historic.push({ code, name, validFrom, validTo, successors, kind });
}
for (const k of kommuner) {
  if (k.validFrom === null && fylkeValidFrom[k.fylke] && k.code.startsWith(k.fylke)) k.validFrom = fylkeValidFrom[k.fylke];
}
historic.sort((a, b) => a.code.localeCompare(b.code) || (a.validTo ?? 9999) - (b.validTo ?? 9999));

// ---- Non-municipal areas: SSB's special regions (level "other" in folkehelse) ----
// Klass CSV downloads: "code";"parentCode";"level";"name";… in ISO-8859-1 or UTF-8.
const readKlass = (name, encoding) =>
  parse(readFileSync(join(ssbDir, 'klass', name)).toString(encoding).replace(/^\uFEFF/, ''), { delimiter: ';', columns: true, relax_column_count: true, skip_empty_lines: true });
const klassKommuner2026 = readKlass('klass131-kommuner-2026-latin1-with-notes.csv', 'latin1');
const klassFylker2026 = readKlass('klass-fylker-2026-utf8.csv', 'utf8');
const klassBydeler2020 = readKlass('klass-bydeler-2020-01-01-latin1.csv', 'latin1');

const otherAreas = [];
const addOther = (a) => {
  if (!otherAreas.some((o) => o.code === a.code && o.width === a.width)) otherAreas.push(a);
};
// "Uoppgitt" (unknown) as Klass 104 and 131 list it: 99 and 9999.
for (const f of klassFylker2026) if (!fylkerNow.some((x) => x.fylkesnummer === f.code)) addOther({ code: f.code, width: 'fylke', name: f.name, kind: 'uoppgitt', validFrom: null, validTo: null, source: 'Klass 104, 2026' });
for (const k of klassKommuner2026) if (!byCode.has(k.code)) addOther({ code: k.code, width: 'kommune', name: k.name, kind: 'uoppgitt', validFrom: null, validTo: null, source: 'Klass 131, 2026' });
// agg_KommSummer's groups that are not municipalities: Svalbard og Jan Mayen, the continental
// shelf and "Delte kommuner og uoppgitt", with the municipality-level codes inside them.
const specialGroups = new Map();
for (const row of harmonisering) {
  const m = /^K\.(\d{2}-\d{2}|\d{2}|Rest)$/.exec(row.GRUPPEKODE);
  if (!m) continue;
  const groupCode = `K-${m[1]}`;
  const kind = m[1] === 'Rest' ? 'rest' : m[1] === '23' ? 'kontinentalsokkel' : 'svalbard-jan-mayen';
  if (!specialGroups.has(groupCode)) specialGroups.set(groupCode, { code: groupCode, width: 'aggregate', name: row.GRUPPETEKST, kind, validFrom: null, validTo: null, source: 'SSB agg_KommSummer' });
  // Codes of the Rest group that were municipalities (Halsa, Hemne …) stay historic municipalities.
  if (kind !== 'rest') addOther({ code: row.KODE.padStart(4, '0'), width: 'kommune', name: row.TEKST, kind, validFrom: null, validTo: null, source: 'SSB agg_KommSummer' });
}
for (const g of specialGroups.values()) addOther(g);
// County-level codes SSB uses outside the county division (its county list before 2018 and
// Statistikkbanken's region lists); names for 24–26 and 88 vary by table and come from the label.
for (const [code, name, kind] of [
  ['21', 'Svalbard', 'svalbard-jan-mayen'],
  ['22', 'Jan Mayen', 'svalbard-jan-mayen'],
  ['23', 'Kontinentalsokkelen', 'kontinentalsokkel'],
  ['24', null, 'special'],
  ['25', null, 'special'],
  ['26', null, 'special'],
  ['88', null, 'special'],
]) addOther({ code, width: 'fylke', name, kind, validFrom: null, validTo: null, source: 'SSB region lists' });
// Historical units older than the 1994 list: the county of Bergen until 1971 (then part of Hordaland).
addOther({ code: '13', width: 'fylke', name: 'Bergen', kind: 'historic', validFrom: null, validTo: 1971, source: 'SSB county list (fylke 13 Bergen t.o.m. 1971)' });

// ---- City districts (bydeler) of Oslo, Bergen, Stavanger and Trondheim ----
// SSB writes them in Statistikkbanken with its own codes: a letter suffix marks a new series
// when a number was reused ("030101 Bygdøy-Frogner (1988-2003)" vs "030101a Gamle Oslo"), and
// "<kommune>00…" is the city's total, i.e. the municipality itself.
const labelRe = /^(\d{6})([a-z]*)\s+(.*?)\s*(?:\((\d{4})?-(\d{4})?\))?\s*$/;
const readSsbRegions = (name) => {
  const rows = parse(readFileSync(join(ssbDir, name)).toString('latin1'), { delimiter: ';', relax_column_count: true, skip_empty_lines: true, from_line: 3 });
  return [...new Set(rows.slice(1).map((r) => r[0]))];
};
const bydelLabels = new Set([...readSsbRegions('10826-en-bydel-latin1-lf-title-2021.csv'), ...readSsbRegions('10826-en-bydel-latin1-lf-title-wide-2001-2020.csv')]);
const klassBydel = new Map(klassBydeler2020.map((b) => [b.code, b.name]));
const bydeler = [];
for (const label of [...bydelLabels].sort()) {
  const m = labelRe.exec(label);
  if (!m) throw new Error(`10826: unexpected region label ${label}`);
  const [, klassCode, suffix, englishName, from, to] = m;
  const kommune = klassCode.slice(0, 4);
  const part = klassCode.slice(4);
  const kind = part === '00' ? 'total' : part === '99' ? 'uoppgitt' : 'bydel';
  const current = !from && !to && klassBydel.has(klassCode);
  // Klass has the Norwegian names of the current districts; 10826 (English) the others.
  const name = kind === 'total' ? englishName : kind === 'uoppgitt' ? `Uoppgitt bydel ${englishName.replace(/^Unknown urban district\s+/, '').trim()}` : current ? klassBydel.get(klassCode) : englishName;
  bydeler.push({ ssbCode: klassCode + suffix, klassCode, kommune, name, kind, validFrom: from ? Number(from) : null, validTo: to ? Number(to) : null });
}
const historicByCode = new Map(historic.map((h) => [h.code, h]));
for (const b of bydeler) {
  if (b.validFrom !== null || b.validTo !== null) continue;
  // A suffixed code without a period starts when the series it replaced ended.
  const replaced = bydeler.filter((o) => o.kommune === b.kommune && o.ssbCode.length < b.ssbCode.length && o.validTo !== null).map((o) => o.validTo);
  if (replaced.length) b.validFrom = Math.max(...replaced) + 1;
  // A district that was a municipality merged into the city starts with the merger (Finnøy 2020).
  const former = historic.find((h) => h.kind === 'merged' && h.successors[0] === b.kommune && h.name === b.name && h.validTo !== null);
  if (former) b.validFrom = former.validTo + 1;
  // Otherwise from the municipality number itself (4601 Bergen from 2020, 5001 Trondheim from 2018).
  const k = byCode.get(b.kommune);
  if (b.validFrom === null && k?.validFrom) b.validFrom = k.validFrom;
}
for (const b of bydeler) {
  if (b.kind === 'total') continue;
  if (b.validTo === null) {
    b.code = b.klassCode;
    continue;
  }
  // A district of a renumbered municipality with the same number and name is the same district (1201xx → 4601xx).
  const h = historicByCode.get(b.kommune);
  const successor = h?.kind === 'renumbered' ? bydeler.find((o) => o.validTo === null && o.kommune === h.successors[0] && o.klassCode.slice(4) === b.klassCode.slice(4) && o.name === b.name) : undefined;
  if (successor) {
    b.code = b.ssbCode;
    b.successor = successor.klassCode;
  } else {
    // Discontinued: its number may since mean another district, so the period is part of the code.
    b.code = `${b.klassCode}:${b.validFrom ?? ''}-${b.validTo}`;
  }
}
for (const b of bydeler) for (const [k, v] of Object.entries(b)) if (v === undefined) delete b[k];
bydeler.sort((a, b) => a.klassCode.localeCompare(b.klassCode) || (a.validTo ?? 9999) - (b.validTo ?? 9999));

const register = {
  description: 'Norwegian municipalities, counties and city districts: current codes, historic codes and what they became; SSB special regions.',
  sources: [
    'SSB classification 131 (kommuneinndeling), valid 2026-01-01',
    'SSB classification 104 (fylkesinndeling), valid from 2024-01-01',
    'SSB grouping agg_KommSummer (municipality codes 1994-2024 mapped to the 2024 series), as published in lauriejh/regtools data-raw/kommuner-1994-2024.xlsx',
    'County history 2018/2020/2024 and the Ålesund/Haram split (2024) written from SSB change lists',
    'SSB Klass 103 (bydelsinndeling) valid 2020-01-01 and the region list of SSB table 10826 (population by city district, 2001-2021)',
    'Special regions: Klass 104/131 (99, 9999 Uoppgitt), agg_KommSummer groups K-21-22, K-23, K-Rest, SSB county codes 21-26 and 88',
  ],
  asOf: '2026-01-01',
  land: { code: '0', name: 'Hele landet' },
  fylker: fylkerNow.map((f) => ({ code: f.fylkesnummer, name: f.fylkesnavn, validFrom: fylkeValidFrom[Number(f.fylkesnummer)] ?? null, validTo: null })),
  historicFylker: historicFylker.map(([code, name, validFrom, validTo, successors, kind]) => ({ code, name, validFrom, validTo, successors, kind })),
  kommuner,
  historicKommuner: historic,
  bydeler,
  otherAreas,
};
process.stdout.write(JSON.stringify(register, null, 1) + '\n');
