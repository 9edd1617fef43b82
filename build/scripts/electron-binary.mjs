// The Electron binary for `npm start`: finds the one the electron package installed, or fetches
// it the way the package's own install script does (same @electron/get download, same pinned
// checksums, same cache), showing progress. npm does not run that install script unless the
// user approves it, so `npm install` itself never needs the network for Electron.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The folder of the installed electron package. */
export function electronPackageDir() {
  return path.dirname(require.resolve('electron/package.json'));
}

/** The executable's path inside `dist/`, as the package's install script names it. */
export function platformPath(platform = process.platform) {
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/** The installed binary of the package in `dir`, or null when its install never completed. */
export function installedBinary(dir) {
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Why a fetch failed, in words a user can act on: offline, blocked, corrupt or other. */
export function classifyFailure(error) {
  const codes = [];
  for (let e = error; e && codes.length < 5; e = e.cause) {
    if (typeof e.code === 'string') codes.push(e.code);
    if (e.name === 'HTTPError') return 'blocked';
    if (/checksum|sha256|no match/i.test(String(e.message))) return 'corrupt';
  }
  const offline = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH'];
  if (codes.some((c) => offline.includes(c) || c.startsWith('UND_ERR'))) return 'offline';
  if (error instanceof TypeError && /fetch failed/.test(error.message)) return 'offline';
  return 'other';
}

const messages = {
  en: {
    downloading: (version) => `Downloading the Electron ${version} binary (once, about 100 MB)…`,
    progress: (pct, mb) => `  ${pct}%${mb ? ` (${mb} MB)` : ''}`,
    done: 'Electron is installed.',
    reasons: {
      offline: 'there is no network connection, or the download server cannot be reached',
      blocked: 'the download server refused the request (a proxy or firewall may block it)',
      corrupt: 'the downloaded file does not match the checksum Electron publishes',
      other: 'the download or its unpacking failed',
    },
    failed: (reason) =>
      `Scrigno cannot start the desktop app: the Electron binary is missing and fetching it failed ` +
      `(${reason}). Connect to the network and run "npm start" again (behind a proxy, set ` +
      `ELECTRON_GET_USE_PROXY=1 and HTTPS_PROXY; with a mirror, ELECTRON_MIRROR). Meanwhile the ` +
      `same app runs in your browser: npm run web`,
  },
  it: {
    downloading: (version) => `Scarico il programma Electron ${version} (una volta sola, circa 100 MB)…`,
    progress: (pct, mb) => `  ${pct}%${mb ? ` (${mb} MB)` : ''}`,
    done: 'Electron è installato.',
    reasons: {
      offline: 'manca la connessione di rete, o il server di download non è raggiungibile',
      blocked: 'il server di download ha rifiutato la richiesta (può bloccarla un proxy o un firewall)',
      corrupt: 'il file scaricato non corrisponde al checksum pubblicato da Electron',
      other: 'il download o la sua estrazione non sono riusciti',
    },
    failed: (reason) =>
      `Scrigno non può aprire l'app desktop: manca il programma Electron e non è stato possibile ` +
      `scaricarlo (${reason}). Collegati alla rete e riesegui "npm start" (dietro un proxy imposta ` +
      `ELECTRON_GET_USE_PROXY=1 e HTTPS_PROXY; con un mirror, ELECTRON_MIRROR). Intanto la stessa app ` +
      `funziona nel browser: npm run web`,
  },
};

/** The language of the terminal: Italian for an `it` locale, else English. */
export function terminalLanguage(env = process.env) {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^it([_.-]|$)/i.test(locale) ? 'it' : 'en';
}

/** The one paragraph `npm start` prints when the binary is missing and cannot be fetched. */
export function failureParagraph(error, language = terminalLanguage()) {
  const text = messages[language];
  return text.failed(text.reasons[classifyFailure(error)]);
}

/** Progress as printed: one line per tenth on a pipe, one rewritten line on a terminal. */
export function progressPrinter(write, language, tty) {
  let lastTenth = -1;
  return ({ percent, transferred }) => {
    const pct = Math.floor(percent * 100);
    const mb = (transferred / 1e6).toFixed(1);
    if (tty) return write(`\r${messages[language].progress(pct, mb)}`);
    const tenth = Math.floor(pct / 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    write(`${messages[language].progress(pct, mb)}\n`);
  };
}

/** Runs the electron package's install script, which unpacks the cached download. */
function runInstallScript(dir) {
  const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    env: process.env,
  });
  if (result.status !== 0) throw new Error('install script failed', { cause: result.stderr });
}

/**
 * Returns the path of the Electron binary, fetching it first when it is missing. Downloads with
 * the package's version, platform, arch and pinned checksums into @electron/get's cache, then
 * lets the package's install script unpack it from there (no second download).
 * `download` and `install` are replaceable for tests.
 */
export async function ensureElectronBinary({
  dir = electronPackageDir(),
  env = process.env,
  write = (text) => process.stderr.write(text),
  tty = Boolean(process.stderr.isTTY),
  language = terminalLanguage(env),
  download,
  install = runInstallScript,
} = {}) {
  const existing = installedBinary(dir);
  if (existing) return existing;
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const fetchArtifact = download ?? (await import('@electron/get')).downloadArtifact;
  write(`${messages[language].downloading(pkg.version)}\n`);
  const printProgress = progressPrinter(write, language, tty);
  await fetchArtifact({
    version: pkg.version,
    artifactName: 'electron',
    platform: env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform,
    arch: env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || process.arch,
    cacheRoot: env.electron_config_cache,
    checksums: JSON.parse(readFileSync(path.join(dir, 'checksums.json'), 'utf8')),
    downloadOptions: {
      quiet: true,
      getProgressCallback: async (progress) => printProgress(progress),
    },
  });
  if (tty) write('\n');
  install(dir);
  const binary = installedBinary(dir);
  if (!binary) throw new Error('binary missing after install');
  write(`${messages[language].done}\n`);
  return binary;
}
