// The real desktop app: Electron started on the repository folder, as `npm start` does, on a
// fresh profile. The tests run in order on one app: first run, then the unlocked shell.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughUi, unlockThroughUi } from '../e2e/harness';
import { assertAppBuilt, electronBinary, repo, skipNotice } from './harness';

const notice = skipNotice(electronBinary());
if (notice !== null) console.warn(notice);

const version = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string })
  .version;
const sidebar = [
  'Overview',
  'Contacts',
  'Organizations',
  'Deals',
  'Tasks',
  'Privacy',
  'Backups',
  'Settings',
  'Trash',
];

describe.skipIf(notice !== null)('Electron app', () => {
  let app: ElectronApplication | undefined;
  let userData: string | undefined;
  let win: Page;

  beforeAll(async () => {
    // A missing build is a failure, not a reason to skip.
    assertAppBuilt();
    userData = await mkdtemp(path.join(os.tmpdir(), 'scrigno-electron-'));
    // No executablePath: Playwright then starts the electron package's binary with its loader,
    // which holds the app's `ready` until it is attached, so it sees the window from the start.
    app = await electron.launch({
      args: [repo, `--user-data-dir=${userData}`, '--lang=en-GB'],
      cwd: repo,
      env: { ...process.env, LANG: 'en_GB.UTF-8' },
    });
    win = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  it('opens one window from the app protocol on the first-run screen', async () => {
    await win.getByRole('heading', { level: 1, name: 'Welcome to Scrigno' }).waitFor();
    expect(win.url()).toBe('app://scrigno/index.html');
    expect(await win.title()).toBe('Scrigno');
    expect(await win.getByRole('main').count()).toBe(1);
    expect(await win.getByRole('navigation').count()).toBe(0);
    expect(await win.getByRole('button', { name: 'Create my encrypted vault' }).count()).toBe(1);
    expect(app!.windows()).toHaveLength(1);
  });

  it('exposes exactly one frozen bridge and no Node to the page', async () => {
    const facts = await win.evaluate(() => ({
      bridgeKeys: Object.keys((window as unknown as { scrigno: object }).scrigno).sort(),
      frozen: Object.isFrozen((window as unknown as { scrigno: object }).scrigno),
      transport: (window as unknown as { scrigno: { transport: string } }).scrigno.transport,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(facts).toEqual({
      bridgeKeys: ['invoke', 'on', 'transport'],
      frozen: true,
      transport: 'electron',
      require: 'undefined',
      process: 'undefined',
    });
  });

  it('creates the vault and opens the shell on the Overview, its home', async () => {
    await createVaultThroughUi(win);
    const nav = win.getByRole('navigation', { name: 'Main navigation' });
    await expect.poll(() => win.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
    expect(win.url()).toBe('app://scrigno/index.html#/dashboard');
    expect(await nav.getByRole('link').allTextContents()).toEqual(sidebar);
    expect(await win.getByRole('main').count()).toBe(1);
    expect(app!.windows()).toHaveLength(1);
  });

  it('answers host calls over IPC', async () => {
    await win.getByRole('link', { name: 'Settings', exact: true }).click();
    await expect
      .poll(() => win.getByTestId('app-version').textContent())
      .toBe(`Version ${version} · desktop app`);
  });

  it('runs a command chosen in the application menu', async () => {
    // The menu owns the shortcuts in Electron; choosing an item reaches the page over IPC.
    await app!.evaluate(({ Menu }) => {
      Menu.getApplicationMenu()?.getMenuItemById('nav.tasks')?.click();
    });
    await expect.poll(() => win.getByRole('heading', { level: 1 }).textContent()).toBe('Tasks');
    expect(win.url()).toBe('app://scrigno/index.html#/tasks');
  });

  it('refuses to open new windows', async () => {
    await win.evaluate(() => window.open('https://example.com'));
    expect(app!.windows()).toHaveLength(1);
  });

  it('locks when the system reports a screen lock, and unlocks with the passphrase', async () => {
    await app!.evaluate(({ powerMonitor }) => powerMonitor.emit('lock-screen'));
    await win.getByRole('heading', { name: 'Scrigno is locked' }).waitFor();
    expect(await win.getByText('screen was locked').count()).toBe(1);
    await unlockThroughUi(win);
    await win.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  });
});
