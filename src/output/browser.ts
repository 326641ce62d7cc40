import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';
import { Browser, BrowserPlatform, computeExecutablePath, detectBrowserPlatform } from '@puppeteer/browsers';
import { PUPPETEER_REVISIONS } from 'puppeteer-core/internal/revisions.js';

/** The browser `folkehelse browser install` installs: Chrome's headless shell, made for printing. */
export const INSTALL_BROWSER = Browser.CHROMEHEADLESSSHELL;
/** The build puppeteer-core is made for, so the installed browser speaks its protocol. */
export const INSTALL_BUILD_ID: string = PUPPETEER_REVISIONS['chrome-headless-shell'];

export type Platform = 'win32' | 'darwin' | 'linux';

export interface BrowserSearch {
  platform: Platform;
  env: NodeJS.ProcessEnv;
  /** The user's home folder (per-user installs on macOS and Linux). */
  home: string;
  exists(path: string): boolean;
  /** Where `folkehelse browser install` puts browsers. */
  cacheDir?: string;
  /** The platform `browser install` downloaded for (defaults to this machine's). */
  installPlatform?: BrowserPlatform;
}

export interface BrowserFound {
  path: string | null;
  /** Every place looked at, in order (for the message when none is found). */
  tried: string[];
}

/** Where `folkehelse browser install` keeps browsers: per user, no administrator rights needed. */
export function browserCacheDir(platform: Platform = process.platform as Platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (env.FOLKEHELSE_BROWSER_CACHE) return env.FOLKEHELSE_BROWSER_CACHE;
  if (platform === 'win32') return win32.join(env.LOCALAPPDATA ?? win32.join(home, 'AppData', 'Local'), 'folkehelse', 'browsers');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Caches', 'folkehelse', 'browsers');
  return posix.join(env.XDG_CACHE_HOME ?? posix.join(home, '.cache'), 'folkehelse', 'browsers');
}

/**
 * The places a Chrome, Chromium or Edge is installed, in the order they are tried: a headless shell
 * first — Debian's `chromium-headless-shell`, then the one `folkehelse browser install` put in the
 * cache — for it prints the same PDF for far less (measured: starting it ≈ 1.1 CPU-s against 2.7
 * for Chromium, and no dearer first print; README "Benchmarks"), then system-wide and per-user
 * installs of the full browsers for the platform. Snap's `/snap/bin/chromium` wrapper comes last:
 * it cannot read files outside the home folder.
 */
export function browserCandidates(search: Omit<BrowserSearch, 'exists'>): string[] {
  const { platform, env, home } = search;
  const out: string[] = [];
  if (env.PUPPETEER_EXECUTABLE_PATH) out.push(env.PUPPETEER_EXECUTABLE_PATH);
  // The binary itself before /usr/bin's shell-script wrapper: one process fewer between us and it.
  if (platform === 'linux') out.push('/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell');
  const installPlatform = search.installPlatform ?? defaultInstallPlatform(platform);
  if (installPlatform) out.push(computeExecutablePath({ cacheDir: search.cacheDir ?? browserCacheDir(platform, env, home), browser: INSTALL_BROWSER, buildId: INSTALL_BUILD_ID, platform: installPlatform }));
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)', env.LOCALAPPDATA ?? win32.join(home, 'AppData', 'Local')];
    for (const root of roots) out.push(win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'));
    for (const root of roots) out.push(win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'));
    for (const root of roots) out.push(win32.join(root, 'Chromium', 'Application', 'chrome.exe'));
  } else if (platform === 'darwin') {
    for (const apps of ['/Applications', posix.join(home, 'Applications')]) {
      out.push(posix.join(apps, 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome'));
      out.push(posix.join(apps, 'Chromium.app', 'Contents', 'MacOS', 'Chromium'));
      out.push(posix.join(apps, 'Microsoft Edge.app', 'Contents', 'MacOS', 'Microsoft Edge'));
    }
  } else {
    out.push(
      '/usr/bin/google-chrome-stable',
      '/usr/bin/google-chrome',
      '/opt/google/chrome/chrome',
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/lib/chromium/chromium',
      '/usr/bin/microsoft-edge-stable',
      '/usr/bin/microsoft-edge',
      '/opt/microsoft/msedge/msedge',
      posix.join(home, '.local', 'bin', 'google-chrome'),
      posix.join(home, '.local', 'bin', 'chromium'),
    );
  }
  if (platform === 'linux') out.push('/snap/bin/chromium');
  return out;
}

function defaultInstallPlatform(platform: Platform): BrowserPlatform | undefined {
  if (platform === process.platform) return detectBrowserPlatform();
  return platform === 'win32' ? BrowserPlatform.WIN64 : platform === 'darwin' ? BrowserPlatform.MAC_ARM : BrowserPlatform.LINUX;
}

/**
 * The browser to print PDF with: FOLKEHELSE_CHROME when set (and only it: a wrong path is said,
 * not worked around), else the first installed of `browserCandidates`. Pure over its arguments
 * (each defaults to this machine's).
 */
export function findBrowser(given: Partial<BrowserSearch> = {}): BrowserFound {
  const search: BrowserSearch = { platform: process.platform as Platform, env: process.env, home: homedir(), exists: existsSync, ...given };
  const named = search.env.FOLKEHELSE_CHROME;
  if (named) return { path: search.exists(named) ? named : null, tried: [`FOLKEHELSE_CHROME=${named}`] };
  const tried: string[] = [];
  for (const c of browserCandidates(search)) {
    tried.push(c);
    if (search.exists(c)) return { path: c, tried };
  }
  return { path: null, tried };
}

/** findBrowser on this machine. */
export function findInstalledBrowser(env: NodeJS.ProcessEnv = process.env): BrowserFound {
  return findBrowser({ env });
}
