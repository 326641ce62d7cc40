#!/usr/bin/env node
// Writes data/geography/register.json from SSB's classification lists.
// Run once when SSB publishes a new classification:
//   node data/geography/make-register.mjs ../shared/registers > data/geography/register.json
// The inputs are SSB classification 131 (municipalities, 2026-01-01), 104 (counties, 2024)
// and the grouping agg_KommSummer (every code used 1994–2024 → its 2024 series).
// County history and the known splits are written below by hand, from SSB's change lists.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '../shared/registers';
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

const register = {
  description: 'Norwegian municipalities and counties: current codes, historic codes and what they became.',
  sources: [
    'SSB classification 131 (kommuneinndeling), valid 2026-01-01',
    'SSB classification 104 (fylkesinndeling), valid from 2024-01-01',
    'SSB grouping agg_KommSummer (municipality codes 1994-2024 mapped to the 2024 series), as published in lauriejh/regtools data-raw/kommuner-1994-2024.xlsx',
    'County history 2018/2020/2024 and the Ålesund/Haram split (2024) written from SSB change lists',
  ],
  asOf: '2026-01-01',
  land: { code: '0', name: 'Hele landet' },
  fylker: fylkerNow.map((f) => ({ code: f.fylkesnummer, name: f.fylkesnavn, validFrom: fylkeValidFrom[Number(f.fylkesnummer)] ?? null, validTo: null })),
  historicFylker: historicFylker.map(([code, name, validFrom, validTo, successors, kind]) => ({ code, name, validFrom, validTo, successors, kind })),
  kommuner,
  historicKommuner: historic,
};
process.stdout.write(JSON.stringify(register, null, 1) + '\n');
