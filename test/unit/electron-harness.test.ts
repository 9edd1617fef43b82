// The Electron suite's skip decision: it skips only where the Electron binary is absent, and a
// missing build fails it instead.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assertAppBuilt,
  builtFiles,
  electronBinary,
  electronPackageDir,
  repo,
  skipNotice,
} from '../electron/harness';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throw-away project folder, optionally with an electron package in node_modules. */
function project(electron?: { pathTxt?: string; binary?: string }): { root: string; packageDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'scrigno-harness-'));
  made.push(root);
  writeFileSync(path.join(root, 'package.json'), '{"name":"p","private":true}');
  const packageDir = path.join(root, 'node_modules', 'electron');
  if (electron) {
    mkdirSync(path.join(packageDir, 'dist'), { recursive: true });
    writeFileSync(path.join(packageDir, 'package.json'), '{"name":"electron","version":"45.5.0"}');
    if (electron.pathTxt !== undefined) writeFileSync(path.join(packageDir, 'path.txt'), electron.pathTxt);
    if (electron.binary !== undefined) writeFileSync(path.join(packageDir, 'dist', electron.binary), '');
  }
  return { root, packageDir };
}

describe('the Electron suite skip decision', () => {
  it('runs where the package installed its binary', () => {
    const { root, packageDir } = project({ pathTxt: 'electron\n', binary: 'electron' });
    expect(electronPackageDir(root)).toBe(packageDir);
    const binary = electronBinary(electronPackageDir(root));
    expect(binary).toEqual({ path: path.join(packageDir, 'dist', 'electron') });
    expect(skipNotice(binary)).toBeNull();
  });

  it('skips, saying so in one line, where no electron package is installed', () => {
    const { root } = project();
    expect(electronPackageDir(root)).toBeNull();
    const notice = skipNotice(electronBinary(electronPackageDir(root)));
    expect(notice).toBe(
      'Electron suite skipped: the Electron binary is absent (no electron package is installed). ' +
        'The browser suite covers the same renderer in web mode.',
    );
  });

  it('skips where the install script never wrote path.txt', () => {
    const { root, packageDir } = project({});
    const notice = skipNotice(electronBinary(electronPackageDir(root)));
    expect(notice).toMatch(/^Electron suite skipped: the Electron binary is absent \(/);
    expect(notice).toContain(path.join(packageDir, 'path.txt'));
    expect(notice).not.toContain('\n');
  });

  it('skips where path.txt names a file that is not there', () => {
    const { root, packageDir } = project({ pathTxt: 'electron' });
    const notice = skipNotice(electronBinary(electronPackageDir(root)));
    expect(notice).toMatch(/^Electron suite skipped: the Electron binary is absent \(/);
    expect(notice).toContain(path.join(packageDir, 'dist', 'electron'));
  });

  it('fails, rather than skips, where the app is not built', () => {
    const { root } = project();
    expect(() => assertAppBuilt(root)).toThrow(/not built \(dist\/electron\/main\.cjs, .*npm run build/);
    for (const file of builtFiles) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), '');
    }
    expect(() => assertAppBuilt(root)).not.toThrow();
  });

  it('checks the main entry Electron starts from the package manifest', () => {
    const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { main: string };
    expect(builtFiles).toContain(manifest.main);
  });
});
