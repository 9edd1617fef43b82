// `npm start` fetching the Electron binary itself. No real download is possible (or wanted) in
// a test: the download server is a loopback stand-in reached through ELECTRON_MIRROR, which
// @electron/get honours exactly as the electron package's own install script does.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  classifyFailure,
  electronPackageDir,
  ensureElectronBinary,
  failureParagraph,
  installedBinary,
  platformPath,
  terminalLanguage,
} from '../../build/scripts/electron-binary.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const realPackage = electronPackageDir();
const version = (
  JSON.parse(readFileSync(path.join(realPackage, 'package.json'), 'utf8')) as { version: string }
).version;
const work = mkdtempSync(path.join(tmpdir(), 'scrigno-electron-fetch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the electron package's metadata without any binary: what a fresh install has. */
function freshPackage(name: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const file of ['package.json', 'checksums.json', 'install.js']) {
    copyFileSync(path.join(realPackage, file), path.join(dir, file));
  }
  return dir;
}

/** A loopback download server: answers every request with `status` and `body`, records paths. */
async function mirror(
  status: number,
  body: string,
): Promise<{ url: string; paths: string[]; server: Server }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(status, { 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, paths, server };
}

const servers: Server[] = [];
const savedMirror = process.env.ELECTRON_MIRROR;
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
  if (savedMirror === undefined) delete process.env.ELECTRON_MIRROR;
  else process.env.ELECTRON_MIRROR = savedMirror;
});

/** A port nothing listens on: connections to it are refused, as when offline. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the Electron binary for npm start', () => {
  it('asks for the same artifact as the install script, and says the server refused it', async () => {
    const server = await mirror(404, 'not here');
    servers.push(server.server);
    process.env.ELECTRON_MIRROR = server.url;
    const output: string[] = [];
    const error = await ensureElectronBinary({
      dir: freshPackage('refused'),
      env: { ...process.env, electron_config_cache: path.join(work, 'cache-refused') },
      write: (text) => output.push(text),
      tty: false,
      language: 'en',
    }).catch((e: unknown) => e);
    const arch = process.arch;
    expect(server.paths).toEqual([`/v${version}/electron-v${version}-${process.platform}-${arch}.zip`]);
    expect(classifyFailure(error)).toBe('blocked');
    expect(output.join('')).toContain(`Downloading the Electron ${version} binary`);
    expect(failureParagraph(error, 'en')).toMatch(/refused the request.*npm run web$/s);
  });

  it('refuses a download that does not match the pinned checksum, and installs nothing', async () => {
    const server = await mirror(200, 'PK not really electron');
    servers.push(server.server);
    process.env.ELECTRON_MIRROR = server.url;
    const dir = freshPackage('corrupt');
    const error = await ensureElectronBinary({
      dir,
      env: { ...process.env, electron_config_cache: path.join(work, 'cache-corrupt') },
      write: () => undefined,
      tty: false,
      language: 'en',
      install: () => {
        throw new Error('must not unpack an unverified download');
      },
    }).catch((e: unknown) => e);
    expect(classifyFailure(error)).toBe('corrupt');
    expect(installedBinary(dir)).toBeNull();
  });

  it('offline: one paragraph, in the terminal language, pointing to the web mode', async () => {
    process.env.ELECTRON_MIRROR = `http://127.0.0.1:${await closedPort()}/`;
    const error = await ensureElectronBinary({
      dir: freshPackage('offline'),
      env: { ...process.env, electron_config_cache: path.join(work, 'cache-offline') },
      write: () => undefined,
      tty: false,
    }).catch((e: unknown) => e);
    expect(classifyFailure(error)).toBe('offline');
    const en = failureParagraph(error, 'en');
    expect(en).not.toContain('\n');
    expect(en).toMatch(/^Scrigno cannot start the desktop app: .*no network connection.*npm run web$/);
    const it = failureParagraph(error, 'it');
    expect(it).not.toContain('\n');
    expect(it).toMatch(/^Scrigno non può aprire l'app desktop: .*manca la connessione.*npm run web$/);
    expect(terminalLanguage({ LANG: 'it_IT.UTF-8' })).toBe('it');
    expect(terminalLanguage({ LANG: 'en_GB.UTF-8' })).toBe('en');
    expect(terminalLanguage({})).toBe('en');
  });

  it('downloads with progress, lets the install script unpack it, and returns the binary', async () => {
    const dir = freshPackage('fetched');
    const requests: unknown[] = [];
    const output: string[] = [];
    const binary = await ensureElectronBinary({
      dir,
      env: { electron_config_cache: path.join(work, 'cache-ok') },
      write: (text) => output.push(text),
      tty: false,
      language: 'en',
      download: async (request) => {
        requests.push({ ...request, downloadOptions: undefined });
        for (const percent of [0, 0.05, 0.31, 0.34, 0.72, 1]) {
          await request.downloadOptions.getProgressCallback({
            percent,
            transferred: percent * 1e8,
            total: 1e8,
          });
        }
        return path.join(work, 'cache-ok', 'electron.zip');
      },
      // What the package's install script leaves behind once it has unpacked the zip.
      install: (target) => {
        mkdirSync(path.join(target, 'dist', path.dirname(platformPath())), { recursive: true });
        writeFileSync(path.join(target, 'dist', platformPath()), '');
        writeFileSync(path.join(target, 'path.txt'), platformPath());
      },
    });
    expect(binary).toBe(path.join(dir, 'dist', platformPath()));
    expect(requests).toEqual([
      expect.objectContaining({
        version,
        artifactName: 'electron',
        platform: process.platform,
        arch: process.arch,
        cacheRoot: path.join(work, 'cache-ok'),
        checksums: JSON.parse(readFileSync(path.join(realPackage, 'checksums.json'), 'utf8')) as unknown,
      }),
    ]);
    // One line per tenth on a pipe, not one per chunk.
    expect(output.filter((line) => line.includes('%'))).toEqual([
      '  0% (0.0 MB)\n',
      '  31% (31.0 MB)\n',
      '  72% (72.0 MB)\n',
      '  100% (100.0 MB)\n',
    ]);
    expect(output.at(-1)).toBe('Electron is installed.\n');
    // Installed: the next start fetches nothing.
    const again = await ensureElectronBinary({
      dir,
      download: () => Promise.reject(new Error('must not download twice')),
    });
    expect(again).toBe(binary);
  });
});

const installed = installedBinary(realPackage) !== null;
describe.skipIf(installed)('npm start without the binary (here, where it is absent)', () => {
  let server: Awaited<ReturnType<typeof mirror>>;
  beforeAll(async () => {
    server = await mirror(503, 'unavailable');
  });
  afterAll(() => server.server.close());

  it('tries the download, prints the paragraph, exits 1 and builds nothing', async () => {
    const child = spawn(process.execPath, [path.join(root, 'build/scripts/start.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        ELECTRON_MIRROR: server.url,
        electron_config_cache: path.join(work, 'cache-start'),
        LANG: 'en_GB.UTF-8',
        LC_ALL: '',
      },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(server.paths).toHaveLength(1);
    const paragraphs = stderr.trim().split('\n\n');
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]).toMatch(/^Downloading the Electron/);
    expect(paragraphs[1]).toMatch(/^Scrigno cannot start the desktop app: .*npm run web$/);
    expect(stdout).not.toContain('vite');
  });
});

describe('npm install', () => {
  type Scripts = Partial<Record<'preinstall' | 'install' | 'postinstall', string>>;
  /** The lifecycle scripts npm runs when it installs the package in `dir`. */
  const scriptsOf = (dir: string): Scripts => {
    const { scripts = {} } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    return Object.fromEntries(
      Object.entries(scripts).filter(([name]) => ['preinstall', 'install', 'postinstall'].includes(name)),
    );
  };
  it('runs no install script that needs the network: the Electron binary waits for npm start', () => {
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { hasInstallScript?: boolean }>;
    };
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript === true)
      .map(([name]) => name)
      .sort();
    // Each of these works offline: LevelDB's bindings load the prebuilds they ship, esbuild
    // links its platform package (an optional dependency), electron-winstaller picks a bundled 7-Zip.
    expect(withScripts).toEqual([
      'node_modules/classic-level',
      'node_modules/electron-winstaller',
      'node_modules/esbuild',
      'node_modules/leveldown',
    ]);
    for (const pkg of ['classic-level', 'leveldown']) {
      expect(scriptsOf(path.join(root, 'node_modules', pkg))).toEqual({ install: 'node-gyp-build' });
    }
    // The electron package downloads nothing when installed.
    expect(scriptsOf(realPackage)).toEqual({});
  });
});
