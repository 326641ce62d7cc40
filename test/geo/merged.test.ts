import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { defaultRegister } from '../../src/geo/register.js';
import { resolveKommune, UnknownKommuneError } from '../../src/indicators/engine.js';
import { build, type BuildEvent } from '../../src/app/build.js';
import { HAVE_REAL_EXPORTS, REAL_EXPORTS, tempDir } from '../helpers.js';

async function runIn(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1' } });
  return { code, stdout, stderr };
}

describe('former municipality numbers are understood', () => {
  it('a renumbered one: 1719 → 5037 Levanger, saying so', () => {
    const k = resolveKommune('1719');
    expect(k).toMatchObject({ code: '5037', level: 'kommune', name: 'Levanger', fylke: '50' });
    expect(k.note).toBe('1719 Levanger (1962-2017) got the number 5037 in 2018; showing 5037 Levanger');
  });
  it('a merged one: 0104 (and 104) → 3103 Moss, naming the others merged with it', () => {
    for (const code of ['0104', '104']) {
      const k = resolveKommune(code);
      expect(k).toMatchObject({ code: '3103', name: 'Moss', fylke: '31' });
      expect(k.note).toMatch(/^0104 Moss \(-2019\) was merged in 2020 into what is now 3103 Moss together with 0136 Rygge/);
    }
    expect(resolveKommune('3103').note).toBeNull();
  });
  it('a divided one says into what, and an unknown number is refused', () => {
    expect(() => resolveKommune('1507')).toThrow(/1507 Ålesund \(2020-2023\) was divided into 1508 Ålesund and 1580 Haram/);
    expect(() => resolveKommune('9999')).toThrow(UnknownKommuneError);
  });
  it('the register knows which former numbers hold a merged municipality’s history', () => {
    expect(defaultRegister().dataCodesFor('3103').sort()).toEqual(['0104', '0136', '3103']);
    expect(defaultRegister().dataCodesFor('5037')).toEqual(['5037']); // 1719 is harmonised by the readers
  });
});

/** SSB 06913 for Moss as Statistikkbanken gives it before 2020: only the former numbers. */
function mossBefore2020(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'data'));
  writeFileSync(
    join(dir, 'data', '06913-moss.csv'),
    [
      '"06913: Befolkning og endringer, etter region, statistikkvariabel og år"',
      '',
      '"region";"Folkemengde 1. januar 2018";"Folkemengde 1. januar 2019";"Befolkningsendring 2018";"Befolkningsendring 2019"',
      '"0 Hele landet";5295619;5328212;32607;39368',
      '"0104 Moss (-2019)";32588;32407;-181;160',
      '"0136 Rygge (-2019)";15498;15537;39;-29',
      '',
    ].join('\n'),
  );
  return dir;
}

describe('a merged municipality whose history is under its former numbers has data', () => {
  it('indicators --kommune 3103: the history is summed, no "has no data"', async () => {
    const dir = mossBefore2020();
    const r = await runIn('indicators', '--data', join(dir, 'data'), '--kommune', '3103', '--theme', 'a', '--csv');
    expect(r.stderr).not.toMatch(/has no data/);
    expect(r.code).toBe(0);
    const row = r.stdout.split('\n').find((l) => l.startsWith('folkemengde,'))!;
    expect(row).toMatch(/^folkemengde,a,Folkemengde 1\. januar,2019,2019,3103,47944,/);
  });

  it('indicators --kommune 0104: understood as 3103, and says so', async () => {
    const dir = mossBefore2020();
    const r = await runIn('indicators', '--data', join(dir, 'data'), '--kommune', '0104', '--theme', 'a');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/0104 Moss \(-2019\) ble i 2020 slått sammen med 0136 Rygge til det som nå er 3103 Moss; viser 3103 Moss, med historikken til de tidligere kommunene/);
    expect(r.stdout).toMatch(/Moss \(3103\)/);
  });

  it('build --kommune 0104 builds 3103 Moss from the former numbers and says so', async () => {
    const dir = mossBefore2020();
    const events: BuildEvent[] = [];
    const config = { file: null, kommuner: [], data: [join(dir, 'data')], edition: 2027, lang: 'nb' as const, formats: ['md' as const], out: join(dir, 'out'), catalogue: [], suppression: {} };
    const outcome = await build({ config, kommuner: ['0104'], formats: ['md'], onEvent: (e) => events.push(e), env: process.env });
    expect(outcome.documents.map((d) => [d.id, d.status, d.error ?? null])).toEqual([['3103', 'built', null]]);
    expect(events.some((e) => e.type === 'info' && /0104 Moss .* 3103 Moss/.test(e.message))).toBe(true);
    const md = readFileSync(join(dir, 'out', '3103-moss', readdirSync(join(dir, 'out', '3103-moss')).find((f) => f.endsWith('.md'))!), 'utf8');
    expect(md).toMatch(/Folkemengden i Moss er 47\s944\spersoner \(2019\)/);
  });
});

describe('build --fylke counts a municipality present when its data is under former numbers', () => {
  it('--fylke 31 builds 3103 Moss from 0104 and 0136', async () => {
    const dir = mossBefore2020();
    const config = { file: null, kommuner: [], data: [join(dir, 'data')], edition: 2027, lang: 'nb' as const, formats: ['md' as const], out: join(dir, 'out'), catalogue: [], suppression: {} };
    const outcome = await build({ config, fylke: '31', formats: ['md'], env: process.env });
    expect(outcome.documents.map((d) => [d.id, d.status])).toEqual([['3103', 'built']]);
  });
});

describe.skipIf(!HAVE_REAL_EXPORTS)('a merged municipality in a real SSB file (10826: 1601 Trondheim until 2017)', () => {
  it('indicators --kommune 1601 is understood as 5001 Trondheim, with a note, and finds its data', async () => {
    const r = await runIn('indicators', '--data', join(REAL_EXPORTS, 'ssb/10826-en-bydel-latin1-lf-title-wide-2001-2020.csv'), '--kommune', '1601', '--theme', 'a', '--csv');
    expect(r.stderr).toMatch(/1601 Trondheim \(-2017\) ble i 2018 slått sammen med 1662 Klæbu til det som nå er 5001 Trondheim/);
    expect(r.stderr).not.toMatch(/has no data/);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/,5001,/);
  });
});
