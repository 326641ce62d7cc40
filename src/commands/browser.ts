import { detectBrowserPlatform, getDownloadUrl, install, type BrowserPlatform } from '@puppeteer/browsers';
import { EXIT_OK, EXIT_USAGE, FolkehelseError } from '../base/errors.js';
import { escapeTerminal } from '../cli/terminal.js';
import { loadMessages, message } from '../cli/messages.js';
import { browserCacheDir, findInstalledBrowser, INSTALL_BROWSER, INSTALL_BUILD_ID } from '../output/browser.js';
import type { RegisterCommand } from './context.js';
import { langOption, type MessageLang } from './options.js';

/**
 * `folkehelse browser`: which browser PDF is printed with, and `browser install` for a machine
 * with none (Chrome's headless shell, via @puppeteer/browsers, into a per-user cache). Nothing is
 * downloaded at `npm install`; only this command downloads, and only when asked.
 */
export const register: RegisterCommand = (program, { io, setExitCode }) => {
  const browser = program
    .command('browser')
    .description('show the browser used for PDF (Chrome, Chromium or Edge), or install one with `browser install`')
    .addOption(langOption('language of the messages', true, 'nb'))
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse browser
  $ folkehelse browser install
  $ FOLKEHELSE_CHROME="C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" folkehelse build`,
    )
    .action((opts: { lang: MessageLang }) => {
      const m = loadMessages(opts.lang);
      const found = findInstalledBrowser(io.env);
      if (found.path) {
        io.stdout.write(escapeTerminal(message(m, 'browser.found', { path: found.path })) + '\n');
        setExitCode(EXIT_OK);
      } else {
        io.stderr.write(`folkehelse: ${message(m, 'browser.none')}\n`);
        setExitCode(EXIT_USAGE);
      }
    });

  browser
    .command('install')
    .description(`download Chrome's headless shell (${INSTALL_BUILD_ID}) for PDF into a per-user folder; only needed where no Chrome, Chromium or Edge is installed`)
    .option('--path <folder>', 'where to install (default: the per-user cache folkehelse looks in)')
    .option('--base-url <url>', 'download from this mirror instead of Google (e.g. a company mirror)')
    .option('--dry-run', 'say what would be downloaded from where, and download nothing')
    .addOption(langOption('language of the messages', true, 'nb'))
    .action(async (opts: { path?: string; baseUrl?: string; dryRun?: boolean; lang: MessageLang }) => {
      const m = loadMessages(opts.lang);
      const platform = detectBrowserPlatform();
      if (!platform) throw new FolkehelseError(`no browser build for this platform (${process.platform} ${process.arch}); install Chrome or Chromium yourself and set FOLKEHELSE_CHROME`, EXIT_USAGE);
      const cacheDir = opts.path ?? browserCacheDir(process.platform as 'linux', io.env);
      const url = downloadUrl(platform, opts.baseUrl);
      if (opts.dryRun) {
        io.stdout.write(`${INSTALL_BROWSER} ${INSTALL_BUILD_ID} (${platform})\n  from ${url}\n  into ${cacheDir}\n`);
        setExitCode(EXIT_OK);
        return;
      }
      let installed;
      try {
        installed = await install({ browser: INSTALL_BROWSER, buildId: INSTALL_BUILD_ID, cacheDir, platform, baseUrl: opts.baseUrl });
      } catch (e) {
        throw new FolkehelseError(`the browser could not be downloaded from ${url}: ${(e as Error).message.replace(/\s*\n\s*-?\s*/g, ' ').replace(/[.:]\s*$/, '')}. Install Chrome or Edge instead, or set FOLKEHELSE_CHROME.`, EXIT_USAGE);
      }
      io.stdout.write(escapeTerminal(message(m, 'browser.installed', { browser: INSTALL_BROWSER, buildId: INSTALL_BUILD_ID, path: installed.executablePath, cache: cacheDir })) + '\n');
      setExitCode(EXIT_OK);
    });
};

function downloadUrl(platform: BrowserPlatform, baseUrl: string | undefined): string {
  try {
    return getDownloadUrl(INSTALL_BROWSER, platform, INSTALL_BUILD_ID, baseUrl).toString();
  } catch {
    throw new FolkehelseError(`--base-url: "${baseUrl}" is not a URL`, EXIT_USAGE);
  }
}
