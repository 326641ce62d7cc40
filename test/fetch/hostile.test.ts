/**
 * `fetch` against a hostile or broken server (issue 24.2–3): everything a server controls is
 * bounded — the answer's size (endless, 2 GiB, gzip/deflate/brotli bombs), waits (absurd
 * Retry-After and x-ratelimit-policy), declared cubes (8·10⁹ cells in a few kB), keys that are
 * the machinery of every object, sparse keys outside the cube, counts above their denominators,
 * redirects to another host, JSON nested absurdly deep — and each fails its table with the reason
 * while the previous file stays. Provenance cannot be forged by hand (sidecar seal, the file's own
 * provenance), and control characters from an API never reach a file or the terminal. Limits are
 * small here (options), so that the suite stays fast.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, deflateSync, gzipSync } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { runFetch, type FetchEvent, type FetchOptions } from '../../src/fetch/run.js';
import { areasFor, type ApiIndicator } from '../../src/fetch/plan.js';
import { readProvenance, sealed, sha256 } from '../../src/fetch/store.js';
import { describeFiles } from '../../src/app/provenance.js';
import { loadData } from '../../src/sources/load.js';
import { DEFAULT_LIMITS, HttpClient } from '../../src/http/client.js';
import { cleanJsonText, cleanText } from '../../src/http/text.js';
import { proxyFor, proxyLabel, proxySettings } from '../../src/http/network.js';
import { tempDir } from '../helpers.js';
import { ApiServer } from './server.js';
import { apiCatalogue, populate } from './world.js';

/** FHI 507 and 403 (derived NEVNER), SSB 06913, KOSTRA 12362. */
function smallCatalogue(): ApiIndicator[] {
  const keep = new Set(['forventet-levealder', 'vedvarende-lavinntekt', 'befolkningsendring', 'helsestasjon-utgifter']);
  return apiCatalogue().filter((i) => keep.has(i.id));
}

const MB = 1024 ** 2;

/** A JSON-stat 2.0 text with the given dimensions (codes also as labels) and values. */
function cube(dims: { code: string; codes: string[] }[], value: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    class: 'dataset',
    version: '2.0',
    label: 'fiendtlig',
    id: dims.map((d) => d.code),
    size: dims.map((d) => d.codes.length),
    dimension: Object.fromEntries(dims.map((d) => [d.code, { label: d.code, category: { index: d.codes, label: Object.fromEntries(d.codes.map((c) => [c, `kategori ${c}`])) } }])),
    value,
    ...extra,
  });
}

/** Writes `chunk` for as long as the client reads (an endless answer). */
function endless(res: ServerResponse, headers: Record<string, string> = {}, chunk: Buffer = Buffer.alloc(64 * 1024, 0x20), start = '{"value":['): void {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  let open = true;
  res.on('close', () => (open = false));
  const write = () => {
    while (open && res.write(chunk));
    if (open) res.once('drain', write);
  };
  if (start) res.write(start);
  write();
}

describe('fetch against a hostile server', () => {
  let server: ApiServer;
  let dir: string;
  let events: FetchEvent[];
  let sleeps: number[];
  const opts = (over: Partial<FetchOptions> = {}): FetchOptions => ({
    dataDir: dir,
    areas: areasFor([{ code: '5037', kostragruppe: 'EKG11', neighbours: ['5038'] }]),
    catalogue: smallCatalogue(),
    pyramid: false,
    ssbBase: server.ssbBase,
    fhiBase: server.fhiBase,
    limits: { maxAnswerBytes: 1 * MB, maxWaitMs: 120_000, maxCubeCells: 100_000 },
    http: { ssb: { attempts: 2, backoffMs: 1, timeoutMs: 2000, sleep: async (ms) => void sleeps.push(ms) }, fhi: { attempts: 2, backoffMs: 1, timeoutMs: 2000, sleep: async (ms) => void sleeps.push(ms) } },
    onEvent: (e) => events.push(e),
    ...over,
  });
  beforeEach(async () => {
    server = await new ApiServer().start();
    populate(server, smallCatalogue());
    dir = tempDir();
    events = [];
    sleeps = [];
  });
  afterEach(async () => {
    await server.stop();
  });

  /** Fetches once, then again with the fault: the table fails with `kind`, the others are fetched, its earlier file is untouched. */
  async function failsKeepingFile(file: string, match: RegExp, respond: (res: ServerResponse) => void, kind: string, over: Partial<FetchOptions> = {}) {
    expect((await runFetch(opts())).totals.failed).toBe(0);
    const before = readFileSync(join(dir, file), 'utf8');
    const sidecar = readFileSync(join(dir, `${file}.sidecar`), 'utf8');
    server.faults.push({ match, times: 99, action: { respond } });
    const s = await runFetch(opts({ force: true, ...over }));
    const t = s.tables.find((x) => x.file === file)!;
    expect(t.status).toBe('failed');
    expect(t.error!.kind).toBe(kind);
    expect(s.tables.filter((x) => x.file !== file).every((x) => x.status === 'downloaded')).toBe(true);
    expect(readFileSync(join(dir, file), 'utf8')).toBe(before);
    expect(readFileSync(join(dir, `${file}.sidecar`), 'utf8')).toBe(sidecar);
    return t.error!;
  }

  it('documents its limits: 200 MB an answer, 120 s a wait, 2 000 000 cells a table', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxAnswerBytes: 200 * MB, maxWaitMs: 120_000, maxCubeCells: 2_000_000 });
    expect(new HttpClient().limits).toEqual(DEFAULT_LIMITS);
  });

  it('an endless answer is stopped at the answer limit', async () => {
    const e = await failsKeepingFile('ssb/06913.json', /\/tables\/06913\/data/, (res) => endless(res), 'too-large');
    expect(e.message).toMatch(/more than the largest answer accepted \(1 MB\)/);
    expect(e.advice).toMatch(/--max-answer-size/);
  });

  it('an answer that declares 2 GiB is refused before it is read', async () => {
    const e = await failsKeepingFile('fhi/nokkel-507.json', /\/507\/data/, (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * 1024 ** 3) });
      res.write('{"class":"dataset"');
    }, 'too-large');
    expect(e.message).toMatch(/the answer is 2\.0 GB, more than the largest answer accepted \(1 MB\)/);
  });

  it('gzip, deflate and brotli bombs stop at the limit, counted after decompression', async () => {
    const zeros = Buffer.alloc(40 * MB, 0x20);
    const bombs: [string, Buffer][] = [['gzip', gzipSync(zeros)], ['deflate', deflateSync(zeros)], ['br', brotliCompressSync(zeros, { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } })]];
    for (const [encoding, bomb] of bombs) expect(bomb.length, encoding).toBeLessThan(MB / 4);
    expect((await runFetch(opts())).totals.failed).toBe(0);
    for (const [encoding, bomb] of bombs) {
      server.faults.length = 0;
      server.faults.push({ match: /\/tables\/06913\/data/, times: 99, action: { respond: (res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding }).end(bomb) } });
      const t = (await runFetch(opts({ force: true }))).tables.find((x) => x.table === '06913')!;
      expect(t.error, encoding).toMatchObject({ kind: 'too-large' });
      expect(t.error!.message, encoding).toMatch(/counted after decompression/);
    }
    // Endless empty gzip members decompress to nothing: the compressed bytes are counted too.
    const empty = gzipSync(Buffer.alloc(0));
    server.faults.length = 0;
    server.faults.push({ match: /\/tables\/06913\/data/, times: 99, action: { respond: (res) => endless(res, { 'content-encoding': 'gzip' }, Buffer.concat(Array.from({ length: 2000 }, () => empty)), '') } });
    const members = (await runFetch(opts({ force: true }))).tables.find((x) => x.table === '06913')!;
    expect(members.error).toMatchObject({ kind: 'too-large' });
    // A body that says it is compressed but is not: refused, not a crash.
    server.faults.length = 0;
    server.faults.push({ match: /\/tables\/06913\/data/, times: 99, action: { respond: (res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('not gzip at all') } });
    const broken = (await runFetch(opts({ force: true }))).tables.find((x) => x.table === '06913')!;
    expect(broken.error).toMatchObject({ kind: 'invalid-answer' });
    expect(broken.error!.message).toMatch(/cannot be decompressed/);
  });

  it('an absurd x-ratelimit-policy fails the tables with the server\'s reason, without a sleep of days', async () => {
    server.ssbRateLimit = null;
    server.faults.push({ match: /\/tables\/06913$/, times: 99, action: { respond: (res) => res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-policy': '1;w=31536000s', 'x-ratelimit-remaining': '0' }).end(JSON.stringify({ id: '06913', label: '06913: Befolkning', updated: '2026-05-01T05:00:00Z' })) } });
    const started = Date.now();
    const s = await runFetch(opts());
    expect(Date.now() - started).toBeLessThan(20_000);
    const t = s.tables.find((x) => x.table === '06913')!;
    expect(t.error).toMatchObject({ kind: 'wait-too-long' });
    expect(t.error!.message).toMatch(/x-ratelimit-policy 1;w=31536000s\) would make us wait 365 days, longer than the longest wait \(120 s\)/);
    expect(s.tables.filter((x) => x.api === 'fhi').every((x) => x.status === 'downloaded')).toBe(true);
    expect(Math.max(0, ...sleeps)).toBeLessThanOrEqual(120_000);
  });

  it('a Retry-After beyond the longest wait fails the table with the server\'s reason', async () => {
    server.faults.push({ match: /\/507\/data/, times: 99, action: { status: 503, retryAfter: '86400', body: '{"title":"Vedlikehold til i morgen"}' } });
    const s = await runFetch(opts());
    const t = s.tables.find((x) => x.table === '507')!;
    expect(t.error).toMatchObject({ kind: 'wait-too-long', status: 503 });
    expect(t.error!.message).toMatch(/Vedlikehold til i morgen; the server's Retry-After \(86400\) would make us wait 24 hours/);
    expect(Math.max(0, ...sleeps)).toBeLessThanOrEqual(120_000);
  });

  it('waits over a second are told before they start (rate limit, Retry-After, back-off)', async () => {
    server.faults.push({ match: /\/tables\/06913\/data/, times: 1, action: { status: 429, retryAfter: '3' } });
    const s = await runFetch(opts());
    expect(s.totals.failed).toBe(0);
    const waits = events.filter((e): e is Extract<FetchEvent, { type: 'wait' }> => e.type === 'wait');
    expect(waits).toEqual([expect.objectContaining({ api: 'SSB', reason: 'retry-after' })]);
    expect(waits[0]!.ms).toBeGreaterThanOrEqual(3000);
  });

  it('a cube of 8·10⁹ cells declared in a few kB is refused before anything is built or stored', async () => {
    const dims = ['GEO', 'AAR', 'KJONN', 'ALDER', 'UTDANN', 'A', 'B', 'C', 'D', 'MEASURE_TYPE'].map((code, i) => ({ code, codes: Array.from({ length: i === 0 ? 8 : 10 }, (_, k) => `${code}${k}`) }));
    const body = cube(dims, { '0': 1, '7999999999': 2 });
    expect(body.length).toBeLessThan(11 * 1024);
    const started = Date.now();
    const e = await failsKeepingFile('fhi/nokkel-507.json', /\/507\/data/, (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body), 'cube-too-large');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(e.message).toMatch(/declares 8 × 10 × 10 × 10 × 10 × 10 × 10 × 10 × 10 × 10 cells, more than the largest table folkehelse takes \(100,000 cells\)/);
  });

  it('keys that are the machinery of every object, and sparse keys outside the cube, are refused', async () => {
    const dims = [{ code: 'GEO', codes: ['0', '5037'] }, { code: 'AAR', codes: ['2023_2023'] }, { code: 'MEASURE_TYPE', codes: ['TELLER', 'RATE'] }];
    const answers = [
      cube([...dims.slice(0, 2), { code: 'constructor', codes: ['x'] }, dims[2]!], [1, 2, 3, 4]),
      cube(dims, [1, 2, 3, 4]).replace('"kategori 0"', '"kategori 0","__proto__":"x"'),
      cube(dims, { '0': 1, '4': 2 }),
      cube(dims, { '0': 1, '01': 2 }),
      cube(dims, [1, 2, 3, 4], { status: { '99': ':' } }),
    ];
    expect((await runFetch(opts())).totals.failed).toBe(0);
    const before = readFileSync(join(dir, 'fhi', 'nokkel-507.json'), 'utf8');
    const messages: string[] = [];
    for (const body of answers) {
      server.faults.length = 0;
      server.faults.push({ match: /\/507\/data/, times: 99, action: { respond: (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body) } });
      const t = (await runFetch(opts({ force: true }))).tables.find((x) => x.table === '507')!;
      expect(t.error, body).toMatchObject({ kind: 'invalid-answer' });
      messages.push(t.error!.message);
    }
    expect(messages[0]).toMatch(/the key "constructor"/);
    expect(messages[1]).toMatch(/the key "__proto__"/);
    expect(messages[2]).toMatch(/"value" has a cell "4", but the cube's cells are numbered 0 to 3/);
    expect(messages[3]).toMatch(/"value" has a cell "01"/);
    expect(messages[4]).toMatch(/"status" has a cell "99"/);
    expect(readFileSync(join(dir, 'fhi', 'nokkel-507.json'), 'utf8')).toBe(before);
    // SSB's metadata with such a dimension: refused as well, not a crash.
    server.faults.length = 0;
    server.faults.push({ match: /\/tables\/06913\/metadata/, times: 99, action: { respond: (res) => res.writeHead(200).end(JSON.stringify({ id: ['Region', 'toString'], size: [1, 1], dimension: { Region: { category: { index: { '0': 0 } } }, toString: { category: { index: { x: 0 } } } }, value: [] })) } });
    const ssb = (await runFetch(opts({ force: true }))).tables.find((x) => x.table === '06913')!;
    expect(ssb.error).toMatchObject({ kind: 'invalid-answer' });
  });

  it('JSON nested 100 000 levels deep is refused, not a stack overflow', async () => {
    const deep = `{"class":"dataset","id":[],"size":[],"dimension":{},"value":[],"extension":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const e = await failsKeepingFile('fhi/nokkel-507.json', /\/507\/data/, (res) => res.writeHead(200).end(deep), 'invalid-answer');
    expect(e.message).toMatch(/nested more than 64 levels deep/);
  });

  it('counts above their denominators are refused by the readers validate uses; the previous file stays', async () => {
    expect((await runFetch(opts())).totals.failed).toBe(0);
    const before = readFileSync(join(dir, 'fhi', 'nokkel-403.json'), 'utf8');
    const t = server.fhi.get('nokkel/403')!;
    t.dims[t.dims.length - 1]!.categories = [{ value: 'TELLER', label: 'Antall' }, { value: 'NEVNER', label: 'Nevner' }, { value: 'RATE', label: 'Andel' }];
    t.value = (c) => ({ TELLER: 900, NEVNER: 95, RATE: 12.5 })[c.MEASURE_TYPE as 'TELLER'];
    const s = await runFetch(opts({ force: true }));
    const o = s.tables.find((x) => x.table === '403')!;
    expect(o.error).toMatchObject({ kind: 'invalid-answer' });
    expect(o.error!.message).toMatch(/does not pass "folkehelse validate": .*TELLER \(900\) is larger than NEVNER \(95\)/);
    expect(o.error!.advice).toMatch(/previous file is kept/);
    expect(readFileSync(join(dir, 'fhi', 'nokkel-403.json'), 'utf8')).toBe(before);
    // Nothing is left behind in the staging folder.
    expect(existsSync(join(dir, '.folkehelse-staging')) ? readdirNames(join(dir, '.folkehelse-staging')) : []).toEqual([]);
  });

  it('a redirect to another host is refused; one within the host is followed', async () => {
    const other = await new ApiServer().start();
    try {
      populate(other, smallCatalogue());
      const e = await failsKeepingFile('fhi/nokkel-507.json', /\/507\/data/, (res) => res.writeHead(307, { location: `${other.fhiBase}/nokkel/table/507/data` }).end(), 'redirect');
      expect(e.message).toMatch(new RegExp(`redirected to another host \\(http://127\\.0\\.0\\.1:${other.port}\\); an answer from there would be cited as 127\\.0\\.0\\.1:${server.port}'s`));
      expect(other.log).toEqual([]);
      server.faults.length = 0;
      server.faults.push({ match: /\/nokkel\/table\/507\/data$/, times: 1, action: { respond: (res) => res.writeHead(307, { location: '/fhi/api/open/v1/nokkel/table/507/data?moved=1' }).end() } });
      const s = await runFetch(opts({ force: true }));
      expect(s.tables.find((x) => x.table === '507')!.status).toBe('downloaded');
      expect(server.log.some((r) => r.path.endsWith('/507/data?moved=1') && r.method === 'POST')).toBe(true);
    } finally {
      await other.stop();
    }
  });

  it('a sidecar edited by hand (URL, title, dates in 2099, hash untouched) is reported, ignored and never freezes updates', async () => {
    await runFetch(opts());
    const file = join(dir, 'ssb', '06913.json');
    const original = JSON.parse(readFileSync(`${file}.sidecar`, 'utf8'));
    expect(readProvenance(file)).toMatchObject({ title: '06913: Tabell 06913', url: expect.stringContaining(server.ssbBase) });
    const forged = { ...original, title: 'Forfalsket tittel', requests: [{ method: 'GET', url: 'https://evil.example/data' }], retrievedAt: '2099-01-01T00:00:00.000Z', modifiedAt: '2099-01-01T00:00:00Z' };
    writeFileSync(`${file}.sidecar`, JSON.stringify(forged, null, 2));
    // Not cited: the document cites nothing the sidecar's own fields say, and the build is told why.
    expect(readProvenance(file)).toBeNull();
    const problems: string[] = [];
    const files = describeFiles(await loadData([dir]), dir, (f, p) => problems.push(`${f}: ${p}`));
    const info = [...files.values()].find((x) => x.file === 'ssb/06913.json')!;
    expect(info.fetched).toBeUndefined();
    expect(info.retrieved).toBeNull();
    expect(JSON.stringify([...files.values()])).not.toMatch(/Forfalsket|evil|2099/);
    expect(problems).toEqual([expect.stringMatching(/06913\.json: changed$/)]);
    const s = await runFetch(opts());
    const t = s.tables.find((x) => x.table === '06913')!;
    expect(t).toMatchObject({ status: 'downloaded', sidecarIgnored: 'changed' });
    expect(s.tables.filter((x) => x.table !== '06913').every((x) => x.status === 'up-to-date')).toBe(true);
    // Sealed again by someone who knows how, with another title: the citation still comes from the
    // file itself, and a sidecar that says something else than its file is not trusted.
    writeFileSync(`${file}.sidecar`, JSON.stringify(sealed({ ...JSON.parse(readFileSync(`${file}.sidecar`, 'utf8')), title: 'Forfalsket tittel' })));
    expect(readProvenance(file)!.title).toBe('06913: Tabell 06913');
    expect((await runFetch(opts())).tables.find((x) => x.table === '06913')).toMatchObject({ status: 'downloaded', sidecarIgnored: 'disagrees' });
    // File and sidecar both dated 2099 (hash and seal made again): dates in the future are not trusted either.
    const text = readFileSync(file, 'utf8').replace(/"modifiedAt":"[^"]*"/, '"modifiedAt":"2099-01-01T00:00:00Z"');
    writeFileSync(file, text);
    writeFileSync(`${file}.sidecar`, JSON.stringify(sealed({ ...JSON.parse(readFileSync(`${file}.sidecar`, 'utf8')), modifiedAt: '2099-01-01T00:00:00Z', sha256: sha256(text) })));
    expect(readProvenance(file)).toBeNull();
    expect((await runFetch(opts())).tables.find((x) => x.table === '06913')).toMatchObject({ status: 'downloaded', sidecarIgnored: 'futureDate' });
    // An older sidecar without a seal is not trusted either: downloaded again, once.
    const { seal: _seal, ...unsealed } = JSON.parse(readFileSync(`${file}.sidecar`, 'utf8'));
    void _seal;
    writeFileSync(`${file}.sidecar`, JSON.stringify(unsealed));
    expect((await runFetch(opts())).tables.find((x) => x.table === '06913')).toMatchObject({ status: 'downloaded', sidecarIgnored: 'noSeal' });
    expect((await runFetch(opts())).tables.find((x) => x.table === '06913')).toMatchObject({ status: 'up-to-date' });
  });

  it('NUL, ESC and bidi controls in an API\'s titles and labels reach no file and no message', async () => {
    const nasty = 'Forventet\u0000 levealder\u001b[31m\u202e\u0085 rød';
    server.fhi.get('nokkel/507')!.title = nasty;
    const ssb = server.ssb.get('06913')!;
    ssb.label = `06913: Befolkning\u001b]0;hacked\u0007\u2066`;
    ssb.dims[0]!.categories = ssb.dims[0]!.categories.map((c) => ({ ...c, label: `${c.label}\u0000\u202e` }));
    const s = await runFetch(opts());
    expect(s.totals.failed).toBe(0);
    const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\\u00[01][0-9a-f]|\\u202e|\\u2066/i;
    for (const f of ['fhi/nokkel-507.json', 'ssb/06913.json']) {
      expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(controls);
      expect(readFileSync(join(dir, `${f}.sidecar`), 'utf8'), f).not.toMatch(controls);
    }
    expect(JSON.stringify(s)).not.toMatch(controls);
    expect(readProvenance(join(dir, 'fhi', 'nokkel-507.json'))!.title).toBe('Forventet levealder[31m rød');
    expect(readProvenance(join(dir, 'ssb', '06913.json'))!.title).toBe('06913: Befolkning]0;hacked');
  });

  it('clears what stopped runs left in the staging folders', async () => {
    const leftovers = [join(dir, '.folkehelse-staging', '2147483646-dead'), join(dir, 'fhi', '.folkehelse-staging')];
    mkdirSync(leftovers[0]!, { recursive: true });
    writeFileSync(join(leftovers[0]!, 'nokkel-507.json'), '{"half');
    mkdirSync(leftovers[1]!, { recursive: true });
    writeFileSync(join(leftovers[1]!, '2147483646-abcd-nokkel-403.json'), '{"half');
    await runFetch(opts());
    expect(readdirNames(join(dir, '.folkehelse-staging'))).toEqual([]);
    expect(readdirNames(leftovers[1]!)).toEqual([]);
  });
});

function readdirNames(d: string): string[] {
  return existsSync(d) ? readdirSync(d) : [];
}

describe('folkehelse fetch tells its waits and always answers --json with JSON', () => {
  let server: ApiServer;
  let dir: string;
  beforeEach(async () => {
    server = await new ApiServer().start();
    populate(server, smallCatalogue());
    dir = tempDir();
    writeFileSync(join(dir, 'mini.json'), JSON.stringify({ exclude: apiCatalogue().map((i) => i.id).filter((id) => !smallCatalogue().some((s) => s.id === id)), indicators: [] }));
  });
  afterEach(async () => {
    await server.stop();
  });
  async function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_SSB_API: server.ssbBase, FOLKEHELSE_FHI_API: server.fhiBase } });
    return { code, stdout, stderr };
  }

  it('a wait over a second is a line in the user\'s language', async () => {
    server.faults.push({ match: /\/tables\/06913\/data/, times: 1, action: { status: 429, retryAfter: '1.5' } });
    const nn = await cli(['fetch', '--kommune', '5037', '--data', join(dir, 'a'), '--catalogue', join(dir, 'mini.json'), '--lang', 'nn']);
    expect(nn.code).toBe(0);
    expect(nn.stderr).toMatch(/^ventar 2 s: SSB bad oss vente$/m);
    server.faults.push({ match: /\/tables\/06913\/data/, times: 1, action: { status: 429, retryAfter: '1.5' } });
    const en = await cli(['fetch', '--kommune', '5037', '--data', join(dir, 'b'), '--catalogue', join(dir, 'mini.json'), '--lang', 'en', '--json']);
    expect(en.stderr).toMatch(/^waiting 2 s: SSB asked us to wait$/m);
    expect(JSON.parse(en.stdout).totals.failed).toBe(0);
  });

  it('an unknown host fails within 15 s with one sentence (and JSON with --json)', async () => {
    let stdout = '';
    let stderr = '';
    const started = Date.now();
    const code = await main(['fetch', '--kommune', '5037', '--data', join(dir, 'u'), '--catalogue', join(dir, 'mini.json'), '--lang', 'en', '--json'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_SSB_API: 'http://data.ssb.invalid/api/pxwebapi/v2', FOLKEHELSE_FHI_API: 'http://fhi.invalid/api/open/v1' } });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^folkehelse: cannot reach data\.ssb\.invalid \((ENOTFOUND|EAI_AGAIN)\): check the internet connection/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout).error).toMatchObject({ kind: 'network', host: 'data.ssb.invalid' });
  });

  it('--json prints JSON on stdout also for a usage error, and a hostile answer size is set with --max-answer-size', async () => {
    const bad = await cli(['fetch', '--kommune', '5037', '--since', 'yesterday', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ tables: [], error: { kind: 'usage', message: expect.stringMatching(/--since/) } });
    const size = await cli(['fetch', '--kommune', '5037', '--max-answer-size', 'lots', '--json']);
    expect(JSON.parse(size.stdout).error.message).toMatch(/--max-answer-size: "lots" is not a size/);
    server.faults.push({ match: /\/tables\/06913\/data/, times: 99, action: { respond: (res) => endless(res) } });
    const capped = await cli(['fetch', '--kommune', '5037', '--data', join(dir, 'c'), '--catalogue', join(dir, 'mini.json'), '--max-answer-size', '2MB', '--json']);
    expect(capped.code).toBe(1);
    const t = JSON.parse(capped.stdout).tables.find((x: { table: string }) => x.table === '06913');
    expect(t.error).toMatchObject({ kind: 'too-large', message: expect.stringMatching(/\(2 MB\)/) });
  });
});

describe('helpers at the edge', () => {
  it('cleans control characters from JSON text, escaped or raw, and leaves escaped backslashes alone', () => {
    const text = JSON.stringify({ a: 'x\u0000y\u001b[0m\tz\u202e', b: 'C:\\u0000dir' }).replace('y', 'y\u0085');
    const doc = JSON.parse(cleanJsonText(text));
    expect(doc).toEqual({ a: 'xy[0m z', b: 'C:\\u0000dir' });
    expect(JSON.parse(cleanJsonText('{"k\\u0007ey":"\\n"}'))).toEqual({ key: ' ' });
    expect(cleanText('a\u0000b\u001bc\u2067d\ne')).toBe('abcd e');
  });

  it('decides the proxy as undici does (lower case first, NO_PROXY with ports and subdomains) and shows it without credentials', () => {
    const s = proxySettings({ HTTPS_PROXY: 'http://u:p@proxy.kommune.no:3128', http_proxy: 'http://lower:8080', HTTP_PROXY: 'http://upper:8080', NO_PROXY: '.ssb.no, localhost:9000' });
    expect(proxyFor('https://data.ssb.no/api', s)).toBeNull();
    expect(proxyFor('https://statistikk-data.fhi.no/api', s)).toBe('http://u:p@proxy.kommune.no:3128');
    expect(proxyFor('http://example.org/', s)).toBe('http://lower:8080');
    expect(proxyFor('http://localhost:9000/', s)).toBeNull();
    expect(proxyFor('http://localhost:9001/', s)).toBe('http://lower:8080');
    expect(proxyLabel('http://u:p@proxy.kommune.no:3128')).toBe('proxy.kommune.no:3128');
    expect(proxyLabel('http://proxy')).toBe('proxy:80');
  });
});
