import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setMessageLang } from '../../src/base/messages.js';
import { describeUnknown } from '../../src/assessments/names.js';
import { HttpClient, HttpError, NetworkDownError } from '../../src/http/client.js';
import { Network } from '../../src/http/network.js';
import type { MessageLang } from '../../src/language/tags.js';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ padding: 'x'.repeat(5000) }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"title":"Not Found"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** The error a request fails with, made while the run's language is `lang`. */
async function failure(lang: MessageLang, url: string, opts: ConstructorParameters<typeof HttpClient>[0] = {}): Promise<Error> {
  const before = setMessageLang(lang);
  try {
    await new HttpClient({ attempts: 1, network: new Network({ env: {} }), sleep: async () => {}, ...opts }).get(url);
    throw new Error('no failure');
  } catch (e) {
    return e as Error;
  } finally {
    setMessageLang(before);
  }
}

/** Issue 23 (the user's language): an HTTP failure is said in the run's language; --json keeps the program's English. */
describe('HTTP failures in the user\'s language', () => {
  it('a status code: the answer, the address and the advice in bokmål and nynorsk; detail and advice stay English for --json', async () => {
    const nb = (await failure('nb', `${base}/tables/1`)) as HttpError;
    expect(nb).toBeInstanceOf(HttpError);
    expect(nb.message).toBe(`HTTP 404 fra ${base}/tables/1: Not Found. Tabellen eller adressen finnes ikke (lenger): sjekk tabell-id-en i din egen katalogfil (f.eks. mine-indikatorer.json) og API-adressen i konfigurasjonen ("apis") eller i FOLKEHELSE_SSB_API / FOLKEHELSE_FHI_API, eller meld fra om det.`);
    expect(nb.advice).toMatch(/^The table or address does not exist \(any more\)/);
    expect(nb.english).toMatch(new RegExp(`^HTTP 404 from ${base}/tables/1: Not Found\\. The table or address`));
    const nn = await failure('nn', `${base}/tables/1`);
    expect(nn.message).toMatch(/^HTTP 404 frå .*: Not Found\. Tabellen eller adressa finst ikkje \(lenger\)/);
  });

  it('an answer over the size limit, and a refused connection', async () => {
    const big = (await failure('nb', `${base}/big`, { maxAnswerBytes: 1024 })) as HttpError;
    expect(big.kind).toBe('too-large');
    expect(big.message).toMatch(/^HTTP 200 fra .*: svaret er (på 5 kB, mer enn det største svaret som godtas \(1 kB\)|større enn det største svaret som godtas \(1 kB.*\); det ble stoppet der)\. Hev grensen med --max-answer-size/);
    expect(big.detail).toMatch(/^the answer is/);
    const down = await failure('nn', 'http://127.0.0.1:1/tables');
    expect(down).toBeInstanceOf(NetworkDownError);
    expect(down.message).toBe('får ikkje kontakt med 127.0.0.1:1 (ECONNREFUSED): sjekk internettsambandet (og HTTPS_PROXY om nettet går gjennom ein proxy), eller set FOLKEHELSE_SSB_API / FOLKEHELSE_FHI_API til rett adresse.');
    expect((down as NetworkDownError).english).toMatch(/^cannot reach 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
  });
});

describe('describeUnknown (build warnings, the --final gate, vurderinger) in the run\'s language', () => {
  it('bokmål, nynorsk and English', () => {
    const cases = [
      { file: 'c.docx', suggestion: 'c.md', reason: 'not-markdown' },
      { file: 'a.se.md', suggestion: 'a.nn.md', reason: 'unknown-language' },
      { file: 'ensomhett.md', suggestion: 'ensomhet.md', reason: 'unknown-name' },
      { file: 'xyz.md', suggestion: null, reason: 'unknown-name' },
    ] as const;
    const said = (lang: MessageLang) => {
      const before = setMessageLang(lang);
      try {
        return cases.map((c) => describeUnknown(c));
      } finally {
        setMessageLang(before);
      }
    };
    expect(said('nb')).toEqual([
      'c.docx: bare Markdown (.md) leses; lagre teksten som c.md',
      'a.se.md: ikke et av dokumentets språk (nb eller nn); mente du a.nn.md?',
      'ensomhett.md: ikke navnet på en vurdering; mente du ensomhet.md?',
      'xyz.md: ikke navnet på en vurdering',
    ]);
    expect(said('nn')).toEqual([
      'c.docx: berre Markdown (.md) blir lesen; lagre teksten som c.md',
      'a.se.md: ikkje eitt av språka i dokumentet (nb eller nn); meinte du a.nn.md?',
      'ensomhett.md: ikkje namnet på ei vurdering; meinte du ensomhet.md?',
      'xyz.md: ikkje namnet på ei vurdering',
    ]);
    expect(said('en')).toEqual([
      'c.docx: only Markdown (.md) is read; save the text as c.md',
      'a.se.md: not a language of the document (nb or nn); did you mean a.nn.md?',
      'ensomhett.md: not an assessment name; did you mean ensomhet.md?',
      'xyz.md: not an assessment name',
    ]);
  });
});
