import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The repository root: the app folder Electron is started on, as `npm start` does. */
export const repo = path.resolve(import.meta.dirname, '../..');

/** The installed Electron binary, or why it is absent. */
export type ElectronBinary = { readonly path: string } | { readonly absent: string };

/** The folder of the electron package as `root` resolves it, or null when it is not installed. */
export function electronPackageDir(root = repo): string | null {
  try {
    return path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * The binary the electron package in `packageDir` installed (null: no package). The package
 * downloads it in its install script and records its path in `path.txt`; where that script did
 * not run or could not download, there is none.
 */
export function electronBinary(packageDir: string | null = electronPackageDir()): ElectronBinary {
  if (packageDir === null)
    return { absent: 'the Electron binary is absent (no electron package is installed)' };
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      absent: `the Electron binary is absent (${pathFile} is missing: the package's install script never downloaded it)`,
    };
  }
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { absent: `the Electron binary is absent (no file at ${binary})` };
}

/**
 * The suite's skip decision: null (run) where the binary is installed, else the one line to
 * print. Only the absent binary skips: whatever else is wrong must fail the suite.
 */
export function skipNotice(binary: ElectronBinary): string | null {
  if ('path' in binary) return null;
  return `Electron suite skipped: ${binary.absent}. The browser suite covers the same renderer in web mode.`;
}

/** What the built app must hold for Electron to start it (see build/scripts/build-electron.mjs). */
export const builtFiles = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'];

/** Throws, naming what is missing, unless the app under `root` is built. */
export function assertAppBuilt(root = repo): void {
  const missing = builtFiles.filter((f) => !existsSync(path.join(root, f)));
  if (missing.length > 0) {
    throw new Error(`The app is not built (${missing.join(', ')} missing): run "npm run build" first.`);
  }
}
