// The packaging configuration: what electron-builder is told (a), and what it really puts into
// app.asar when it packs the built app into a folder with a stand-in Electron binary (b).
import { listPackage } from '@electron/asar';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fuseWire, lockedDownFuses, packLinuxDir, SENTINEL } from './pack-linux';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
// js-yaml ships with electron-builder (which reads this very file with it); it has no types.
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  electronFuses: Record<string, boolean>;
  protocols: Array<{ name: string; schemes: string[] }>;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  npmRebuild: boolean;
  linux: { target: string[]; category: string; maintainer: string; icon: string };
  win: { target: string[]; icon: string };
  nsis: { oneClick: boolean; perMachine: boolean; allowToChangeInstallationDirectory: boolean };
  mac: {
    target: string[];
    category: string;
    icon: string;
    hardenedRuntime: boolean;
    entitlements: string;
    entitlementsInherit: string;
  };
}

/** Electron's own defaults: Node mode, NODE_OPTIONS, inspector and file:// privileges on. */
const shippedWire = '10110001';

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('identifies the app and keeps its output out of the sources', () => {
    expect(config.appId).toBe('eu.scrigno.app');
    expect(config.productName).toBe('Scrigno');
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
  });

  it('packs only the built app into an asar, with nothing to rebuild', () => {
    expect(config.files).toEqual([
      'dist/electron/**',
      'dist/renderer/**',
      'package.json',
      '!node_modules/**',
    ]);
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
  });

  it('targets AppImage and deb, per-user NSIS, and a hardened dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/\S+ <[^@\s]+@[^@\s]+>/);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    });
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.category).toBe('public.app-category.business');
    expect(config.mac.hardenedRuntime).toBe(true);
  });

  it('flips every Electron fuse to its locked-down state', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('registers the record-link scheme with the OS on install', () => {
    expect(config.protocols).toEqual([{ name: 'Scrigno record link', schemes: ['scrigno'] }]);
  });

  it('grants the macOS hardened runtime nothing beyond the JIT', () => {
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    const plist = readFileSync(join(root, config.mac.entitlements), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
  });

  it('points at icons that exist at the sizes the platforms need', () => {
    expect(existsSync(join(root, 'build/icon.svg'))).toBe(true);
    expect(pngSize(join(root, config.mac.icon))).toEqual({ width: 512, height: 512 });
    expect(pngSize(join(root, config.win.icon))).toEqual({ width: 512, height: 512 });
    for (const size of [512, 256]) {
      expect(pngSize(join(root, config.linux.icon, `${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
      });
    }
  });
});

const built = existsSync(join(root, 'dist/electron/main.cjs'));
if (!built)
  console.warn('packaging.test: dist/electron/main.cjs is missing, run `npm run build` to test the asar');

describe.skipIf(!built)('the packed app.asar (needs `npm run build` first)', () => {
  const work = mkdtempSync(join(tmpdir(), 'scrigno-pack-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the built main, preload and renderer and package.json, and nothing else', () => {
    // A stand-in Electron: `--linux dir` only copies it, so no download is needed.
    // It carries a fuse wire as Electron's binaries do (sentinel, version 1, eight fuses, all
    // at their shipped defaults), so electron-builder's fuse step really flips it.
    const fakeElectron = join(work, 'electron-dist');
    mkdirSync(fakeElectron);
    writeFileSync(
      join(fakeElectron, 'electron'),
      Buffer.concat([
        Buffer.from('#!/bin/sh\nexit 0\n# '),
        Buffer.from(SENTINEL),
        Buffer.from([1, shippedWire.length]),
        Buffer.from(shippedWire),
        Buffer.from('\n'),
      ]),
    );
    chmodSync(join(fakeElectron, 'electron'), 0o755);
    const output = join(work, 'out');
    const result = packLinuxDir(fakeElectron, output);
    expect(result.status, result.stderr).toBe(0);

    // The packaged binary's fuses, read back from the file electron-builder wrote.
    expect(fuseWire(join(output, 'linux-unpacked/scrigno'))).toEqual(lockedDownFuses);

    const entries = listPackage(join(output, 'linux-unpacked/resources/app.asar'), { isPack: false }).map(
      (entry) => entry.replace(/\\/g, '/').replace(/^\//, ''),
    );
    for (const file of [
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/electron/tray.png',
      'dist/renderer/index.html',
      'package.json',
    ]) {
      expect(entries).toContain(file);
    }
    const allowed = /^(dist|dist\/electron(\/.*)?|dist\/renderer(\/.*)?|package\.json)$/;
    expect(entries.filter((entry) => !allowed.test(entry))).toEqual([]);
    expect(entries.some((entry) => /(^|\/)node_modules(\/|$)/.test(entry))).toBe(false);
  }, 120_000);
});
