import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');

/**
 * The installed Electron binary, or why there is none. The electron package downloads its
 * binary in an install script; where that did not run or could not download, the suite skips.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const require = createRequire(path.join(repo, 'package.json'));
  let dir: string;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: 'the Electron binary was never downloaded (electron/path.txt is missing)' };
  }
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `the Electron binary is absent (${binary})` };
}

/** The built main-process entry the suite launches. */
export const mainEntry = path.join(repo, 'dist/electron/main.cjs');
