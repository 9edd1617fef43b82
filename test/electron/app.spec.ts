import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary, mainEntry } from './harness';

const binary = electronBinary();
const reason =
  'missing' in binary
    ? binary.missing
    : existsSync(mainEntry)
      ? null
      : 'the app is not built (npm run build)';
if (reason) {
  console.warn(`Electron suite skipped: ${reason}. The browser suite covers the same renderer in web mode.`);
}

describe.skipIf(reason !== null)('Electron app', () => {
  let app: ElectronApplication;
  let userData: string;

  beforeAll(async () => {
    userData = await mkdtemp(path.join(os.tmpdir(), 'scrigno-electron-'));
    app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [mainEntry, `--user-data-dir=${userData}`, '--no-sandbox'],
      env: { ...process.env, LANG: 'en_GB.UTF-8' },
    });
  });

  afterAll(async () => {
    await app?.close();
    await rm(userData, { recursive: true, force: true });
  });

  it('opens one window from the app protocol with the shell visible', async () => {
    const win = await app.firstWindow();
    expect(win.url()).toBe('app://scrigno/index.html#/contacts');
    await win.getByRole('navigation').waitFor();
    expect(app.windows()).toHaveLength(1);
  });

  it('exposes exactly one frozen bridge and no Node to the page', async () => {
    const win = await app.firstWindow();
    const facts = await win.evaluate(() => ({
      bridgeKeys: Object.keys((window as unknown as { scrigno: object }).scrigno).sort(),
      frozen: Object.isFrozen((window as unknown as { scrigno: object }).scrigno),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(facts).toEqual({
      bridgeKeys: ['invoke', 'on', 'transport'],
      frozen: true,
      require: 'undefined',
      process: 'undefined',
    });
  });

  it('answers host calls over IPC', async () => {
    const win = await app.firstWindow();
    await win.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => win.getByTestId('app-version').textContent()).toMatch(/desktop app/);
  });

  it('refuses to open new windows', async () => {
    const win = await app.firstWindow();
    await win.evaluate(() => window.open('https://example.com'));
    expect(app.windows()).toHaveLength(1);
  });
});
