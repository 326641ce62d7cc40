// Puppeteer's own Chrome download is blocked on some machines (CI here). When a system
// browser exists we use it and skip the download; elsewhere the normal download stays on.
const fs = require('node:fs');

const candidates = [
  process.env.FOLKEHELSE_CHROME,
  process.env.PUPPETEER_EXECUTABLE_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
].filter(Boolean);
const systemBrowser = candidates.find((p) => fs.existsSync(p));

module.exports = systemBrowser ? { skipDownload: true, executablePath: systemBrowser } : {};
