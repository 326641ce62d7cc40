import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectBrowserPlatform } from '@puppeteer/browsers';
import { main } from '../../src/main.js';
import { findBrowser, INSTALL_BUILD_ID } from '../../src/output/browser.js';
import { tempDir } from '../helpers.js';

async function runIn(env: NodeJS.ProcessEnv, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en', ...env } });
  return { code, stdout, stderr };
}

/** A zip archive (stored, no compression) with one executable file: what a browser download looks like. */
function zipWith(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const file = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made on Unix: the mode below counts
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(file.length, 28);
  central.writeUInt32LE(((0o100755 << 16) >>> 0), 38);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + file.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, file, data, central, file, end]);
}

const LINUX_X64 = detectBrowserPlatform() === 'linux';

describe.skipIf(!LINUX_X64)('folkehelse browser install (from a local mirror on 127.0.0.1; nothing from the internet)', () => {
  let server: Server;
  let baseUrl: string;
  const requests: string[] = [];
  beforeAll(async () => {
    const archive = zipWith('chrome-headless-shell-linux64/chrome-headless-shell', '#!/bin/sh\necho fake headless shell\n');
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === `/${INSTALL_BUILD_ID}/linux64/chrome-headless-shell-linux64.zip`) {
        res.writeHead(200, { 'content-type': 'application/zip', 'content-length': archive.length });
        res.end(archive);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('--dry-run says what and from where, and downloads nothing', async () => {
    const cache = tempDir();
    const r = await runIn({ FOLKEHELSE_BROWSER_CACHE: cache }, 'browser', 'install', '--dry-run', '--base-url', baseUrl);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`chrome-headless-shell ${INSTALL_BUILD_ID} (linux)`);
    expect(r.stdout).toContain(`from ${baseUrl}/${INSTALL_BUILD_ID}/linux64/chrome-headless-shell-linux64.zip`);
    expect(r.stdout).toContain(`into ${cache}`);
    expect(requests).toEqual([]);
  });
  it('installs into the per-user cache, where folkehelse then finds it', async () => {
    const cache = tempDir();
    const r = await runIn({ FOLKEHELSE_BROWSER_CACHE: cache }, 'browser', 'install', '--base-url', baseUrl);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(requests).toEqual([`/${INSTALL_BUILD_ID}/linux64/chrome-headless-shell-linux64.zip`]);
    const exe = join(cache, 'chrome-headless-shell', `linux-${INSTALL_BUILD_ID}`, 'chrome-headless-shell-linux64', 'chrome-headless-shell');
    expect(readFileSync(exe, 'utf8')).toMatch(/fake headless shell/);
    expect(r.stdout).toContain(exe);
    // Found on a machine that has no other browser.
    const found = findBrowser({ env: { FOLKEHELSE_BROWSER_CACHE: cache }, exists: (p) => p.startsWith(cache) && existsSync(p) });
    expect(found.path).toBe(exe);
  });
  it('a mirror that does not have it: a clear error, exit 2', async () => {
    const r = await runIn({ FOLKEHELSE_BROWSER_CACHE: tempDir() }, 'browser', 'install', '--base-url', `${baseUrl}/empty`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^folkehelse: the browser could not be downloaded from http:\/\/127\.0\.0\.1:\d+\/empty\/.*server returned code 404.*FOLKEHELSE_CHROME/);
  });
});

describe('folkehelse browser', () => {
  it('names the browser used for PDF, or says how to get one (exit 2)', async () => {
    const none = await runIn({ FOLKEHELSE_CHROME: '/nowhere/chrome' }, 'browser');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/folkehelse browser install/);
    const en = await runIn({ FOLKEHELSE_CHROME: '/nowhere/chrome' }, 'browser', '--lang', 'en');
    expect(en.stderr).toMatch(/No Chrome, Chromium or Edge found/);
    const self = process.execPath; // any existing file stands in for a browser here
    const found = await runIn({ FOLKEHELSE_CHROME: self, FOLKEHELSE_LANG: 'nb' }, 'browser');
    expect(found).toMatchObject({ code: 0, stdout: `Nettleser for PDF: ${self}\n` });
  });
});
