// The real desktop app: Electron started on the repository folder, as `npm start` does, on a
// fresh profile. The tests run in order on one app: first run, then the unlocked shell.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureElectronBinary } from '../../build/scripts/electron-binary.mjs';
import { addPerson, createVaultThroughUi, unlockThroughUi } from '../e2e/harness';
import { fuseWire, lockedDownFuses, packLinuxDir } from '../unit/pack-linux';
import { assertAppBuilt, electronBinary, repo, skipNotice } from './harness';

const binary = electronBinary();
const notice = skipNotice(binary);
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
  /** The person the deep-link case adds, for the cases after it. */
  let personId: string;

  /** Makes the next save dialogs answer `file`, keeping the name each one suggested. */
  const saveDialogAnswers = (file: string) =>
    app!.evaluate(({ dialog }, target) => {
      dialog.showSaveDialog = async (...args: unknown[]) => {
        const options = args.at(-1) as { defaultPath?: string };
        (globalThis as { suggestedFile?: string }).suggestedFile = path.basename(options.defaultPath ?? '');
        return { canceled: false, filePath: target };
      };
    }, file);
  const suggestedFile = () => app!.evaluate(() => (globalThis as { suggestedFile?: string }).suggestedFile);

  /** The file is a PDF whose pages are A4 (210 × 297 mm: 595 × 842 points). */
  const expectA4Pdf = async (file: string) => {
    const pdf = (await readFile(file)).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf);
    expect(Math.round(Number(box![1]))).toBeGreaterThanOrEqual(594);
    expect(Math.round(Number(box![1]))).toBeLessThanOrEqual(596);
    expect(Math.round(Number(box![2]))).toBeGreaterThanOrEqual(841);
    expect(Math.round(Number(box![2]))).toBeLessThanOrEqual(843);
  };
  const jsonOf = (file: string): unknown =>
    existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : null;
  const windowFacts = () =>
    app!.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => ({ visible: w.isVisible(), bounds: w.getNormalBounds() })),
    );

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

  it('blocks navigation away from the app and server redirects', async () => {
    await win.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await win.evaluate(() => {
      window.location.href = 'data:text/html,<h1>elsewhere</h1>';
    });
    expect(win.url()).toMatch(/^app:\/\/scrigno\/index\.html/);
    const redirectPrevented = await app!.evaluate(({ BrowserWindow }) => {
      let prevented = false;
      BrowserWindow.getAllWindows()[0]!.webContents.emit(
        'will-redirect',
        { preventDefault: () => (prevented = true) },
        'https://evil.example/',
      );
      return prevented;
    });
    expect(redirectPrevented).toBe(true);
  });

  it('refuses host calls from an injected frame, which has no bridge either', async () => {
    await win.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.srcdoc = '<p>injected</p>';
      frame.id = 'injected';
      document.body.append(frame);
    });
    const frame = await (await win.waitForSelector('#injected')).contentFrame();
    await frame!.waitForLoadState();
    expect(await frame!.evaluate(() => typeof (window as unknown as { scrigno?: unknown }).scrigno)).toBe(
      'undefined',
    );
    const answer = await app!.evaluate(async ({ BrowserWindow, ipcMain }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      const sub = contents.mainFrame.frames[0]!;
      // Electron keeps `ipcMain.handle` handlers in this map: call ours as the subframe would.
      const handlers = (ipcMain as unknown as { _invokeHandlers: Map<string, (...a: unknown[]) => unknown> })
        ._invokeHandlers;
      return handlers.get('host:call')!({ senderFrame: sub, sender: contents }, 'app:info', {});
    });
    expect(answer).toEqual({ ok: false, error: { code: 'forbidden-sender' } });
    await win.evaluate(() => document.getElementById('injected')?.remove());
  });

  it('denies every permission and serves the page with its Content-Security-Policy', async () => {
    const facts = await win.evaluate(async () => ({
      geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
      notifications: await Notification.requestPermission(),
      camera: await navigator.mediaDevices
        .getUserMedia({ video: true })
        .then(() => 'granted')
        .catch((e: Error) => e.name),
      csp: (await fetch('/index.html')).headers.get('content-security-policy'),
    }));
    expect(facts.geolocation).toBe('denied');
    expect(facts.notifications).toBe('denied');
    expect(facts.camera).not.toBe('granted');
    expect(facts.csp).toContain("default-src 'self'");
    expect(facts.csp).toContain("frame-ancestors 'none'");
  });

  it('greys and enables menu items as the page changes', async () => {
    const switchView = () =>
      app!.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('tasks.switch-view')?.enabled);
    await win.getByRole('link', { name: 'Tasks', exact: true }).click();
    await expect.poll(switchView).toBe(true);
    await win.getByRole('link', { name: 'Overview', exact: true }).click();
    await expect.poll(switchView).toBe(false);
  });

  it('keeps a tray icon with the app', async () => {
    const tray = await app!.evaluate(() => {
      const t = (globalThis as { scrignoTray?: { isDestroyed(): boolean } }).scrignoTray;
      return t ? !t.isDestroyed() : null;
    });
    expect(tray).toBe(true);
  });

  it('opens a record from a deep link, and after unlock when the link came while locked', async () => {
    await addPerson(win, 'Ada', 'Link');
    const id = /#\/contacts\/([0-9a-f]{32})/.exec(win.url())![1]!;
    personId = id;
    const follow = (url: string) =>
      app!.evaluate(({ app: electronApp }, link) => {
        electronApp.emit('second-instance', {}, ['scrigno', link], '/');
      }, url);
    await win.getByRole('link', { name: 'Overview', exact: true }).click();
    await follow(`scrigno://person/${id}`);
    await expect.poll(() => win.url()).toBe(`app://scrigno/index.html#/contacts/${id}`);
    // A link cannot run a command: this one is dropped.
    await win.getByRole('link', { name: 'Overview', exact: true }).click();
    await follow('scrigno://command/vault.lock');
    await follow(`scrigno://person/${id}?then=export`);
    expect(await win.getByRole('navigation', { name: 'Main navigation' }).count()).toBe(1);
    expect(win.url()).toBe('app://scrigno/index.html#/dashboard');

    await app!.evaluate(({ powerMonitor }) => powerMonitor.emit('lock-screen'));
    await win.getByRole('heading', { name: 'Scrigno is locked' }).waitFor();
    await follow(`scrigno://person/${id}`);
    await unlockThroughUi(win);
    await expect.poll(() => win.url()).toBe(`app://scrigno/index.html#/contacts/${id}`);
    await app!.evaluate(({ powerMonitor }) => powerMonitor.emit('unlock-screen'));
  });

  it('prints the page shown to an A4 PDF', async () => {
    const target = path.join(userData!, 'card.pdf');
    await saveDialogAnswers(target);
    await app!.evaluate(({ Menu }) => {
      Menu.getApplicationMenu()?.getMenuItemById('app.print')?.click();
    });
    await expect.poll(() => existsSync(target)).toBe(true);
    await expectA4Pdf(target);
  });

  it("prints a person's card, the privacy notice, the Art. 30 register and the access report to A4 PDFs named after them", async () => {
    const reports = [
      { hash: `#/contacts/${personId}`, button: null, document: 'person-card' },
      { hash: '#/privacy/notice', button: 'Print or save as PDF', document: 'privacy-notice' },
      { hash: '#/privacy/register', button: 'Print or save as PDF', document: 'art30-register' },
      {
        hash: `#/privacy/access/${personId}`,
        button: 'Print or save the report as PDF',
        document: 'access-report',
      },
    ];
    for (const report of reports) {
      const target = path.join(userData!, `${report.document}.pdf`);
      await saveDialogAnswers(target);
      await win.evaluate((hash) => {
        window.location.hash = hash;
      }, report.hash);
      await expect.poll(() => win.url()).toBe(`app://scrigno/index.html${report.hash}`);
      if (report.button === null) {
        await win.getByRole('heading', { level: 1, name: 'Ada Link' }).waitFor();
        await app!.evaluate(({ Menu }) => {
          Menu.getApplicationMenu()?.getMenuItemById('app.print')?.click();
        });
      } else {
        await win.getByRole('button', { name: report.button, exact: true }).click();
      }
      await expect.poll(() => existsSync(target)).toBe(true);
      await expectA4Pdf(target);
      // The suggested name says what the PDF is, never whom it is about.
      expect(await suggestedFile()).toMatch(
        new RegExp(`^scrigno-${report.document}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`),
      );
    }
    await win.getByRole('link', { name: 'Overview', exact: true }).click();
  });

  it('offers Open, Quick add and Lock now in the tray, each following the page', async () => {
    // The tray's menu is rebuilt whenever the page says what can act: keep the latest one.
    await app!.evaluate(() => {
      const g = globalThis as { scrignoTray?: { setContextMenu(menu: unknown): void }; trayMenu?: unknown };
      const tray = g.scrignoTray!;
      const set = tray.setContextMenu.bind(tray);
      tray.setContextMenu = (menu) => {
        g.trayMenu = menu;
        set(menu);
      };
    });
    const trayItem = (id: string) =>
      app!.evaluate((_electron, itemId) => {
        type Item = { label: string; enabled: boolean; click(): void };
        const menu = (globalThis as { trayMenu?: { getMenuItemById(id: string): Item | null } }).trayMenu;
        const item = menu?.getMenuItemById(itemId);
        return item ? { label: item.label, enabled: item.enabled } : null;
      }, id);
    const clickTray = (id: string) =>
      app!.evaluate((_electron, itemId) => {
        type Item = { click(): void };
        (globalThis as { trayMenu?: { getMenuItemById(id: string): Item | null } })
          .trayMenu!.getMenuItemById(itemId)!
          .click();
      }, id);
    await win.getByRole('link', { name: 'Tasks', exact: true }).click();
    await win.getByRole('link', { name: 'Overview', exact: true }).click();
    await expect.poll(() => trayItem('tray.open')).toEqual({ label: 'Open Scrigno', enabled: true });
    await expect.poll(() => trayItem('tray.contacts.create')).toEqual({ label: 'Person…', enabled: true });
    expect(await trayItem('tray.tasks.create')).toMatchObject({ enabled: true });
    expect(await trayItem('tray.activities.log')).toMatchObject({ enabled: true });
    expect(await trayItem('tray.vault.lock')).toEqual({ label: 'Lock now', enabled: true });

    // Quick add brings the hidden window forward on the new person's form.
    await app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
    await clickTray('tray.contacts.create');
    await expect.poll(() => win.url()).toBe('app://scrigno/index.html#/contacts/new');
    expect((await windowFacts()).map((w) => w.visible)).toEqual([true]);
    await win.getByRole('link', { name: 'Overview', exact: true }).click();

    // Lock now locks; while locked, quick add is greyed.
    await clickTray('tray.vault.lock');
    await win.getByRole('heading', { name: 'Scrigno is locked' }).waitFor();
    await expect.poll(() => trayItem('tray.contacts.create')).toMatchObject({ enabled: false });
    await unlockThroughUi(win);
    await win.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await expect.poll(() => trayItem('tray.contacts.create')).toMatchObject({ enabled: true });
  });

  // On macOS closing the window never quits, and the tray has no such setting.
  it.skipIf(process.platform === 'darwin')(
    'keeps running in the tray when closed with the setting on, and remembers the window',
    async () => {
      const bounds = { x: 40, y: 30, width: 1100, height: 760 };
      await app!.evaluate(({ BrowserWindow }, b) => BrowserWindow.getAllWindows()[0]!.setBounds(b), bounds);
      await expect.poll(async () => (await windowFacts())[0]!.bounds.width).toBe(bounds.width);
      const shown = (await windowFacts())[0]!.bounds;
      await app!.evaluate(() => {
        type Item = { click(): void };
        (globalThis as { trayMenu?: { getMenuItemById(id: string): Item | null } })
          .trayMenu!.getMenuItemById('tray.close-to-tray')!
          .click();
      });
      const profile = await app!.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
      const settingsFile = path.join(profile, 'shell-settings.json');
      await expect.poll(() => jsonOf(settingsFile)).toEqual({ closeToTray: true });
      await app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
      await expect.poll(async () => (await windowFacts()).map((w) => w.visible)).toEqual([false]);
      const stateFile = path.join(profile, 'window-state.json');
      await expect.poll(() => jsonOf(stateFile)).toEqual({ ...shown, maximized: false });
      await app!.evaluate(() => {
        type Item = { click(): void };
        const menu = (globalThis as { trayMenu?: { getMenuItemById(id: string): Item | null } }).trayMenu!;
        menu.getMenuItemById('tray.open')!.click();
        menu.getMenuItemById('tray.close-to-tray')!.click();
      });
      await expect.poll(async () => (await windowFacts()).map((w) => w.visible)).toEqual([true]);
      await expect.poll(() => jsonOf(settingsFile)).toEqual({ closeToTray: false });
    },
  );

  it('a second launch brings the one window forward with its record link, and exits', async () => {
    await win.getByRole('link', { name: 'Overview', exact: true }).click();
    await app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
    const second = spawn(
      'path' in binary ? binary.path : '',
      [repo, `--user-data-dir=${userData}`, '--lang=en-GB', `scrigno://person/${personId}`],
      { cwd: repo, env: { ...process.env, LANG: 'en_GB.UTF-8' }, stdio: 'ignore' },
    );
    const exitCode = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(exitCode).toBe(0);
    await expect.poll(() => win.url()).toBe(`app://scrigno/index.html#/contacts/${personId}`);
    expect((await windowFacts()).map((w) => w.visible)).toEqual([true]);
    await win.getByRole('link', { name: 'Overview', exact: true }).click();
  });

  it('offers cut, copy and paste on a right-click in a text field, with spelling off', async () => {
    await app!.evaluate(({ BrowserWindow, Menu }) => {
      const g = globalThis as {
        contextClicks?: Array<{ editable: boolean; spellcheck: boolean; suggestions: number }>;
        contextMenus?: string[][];
        realPopup?: PropertyDescriptor;
      };
      g.contextClicks = [];
      g.contextMenus = [];
      BrowserWindow.getAllWindows()[0]!.webContents.on('context-menu', (_event, params) => {
        g.contextClicks!.push({
          editable: params.isEditable,
          spellcheck: params.spellcheckEnabled,
          suggestions: params.dictionarySuggestions.length,
        });
      });
      // Record what would pop up instead of leaving a native menu open.
      g.realPopup = Object.getOwnPropertyDescriptor(Menu.prototype, 'popup');
      Menu.prototype.popup = function (this: InstanceType<typeof Menu>) {
        g.contextMenus!.push(this.items.map((i) => (i.role ?? i.type).toLowerCase()));
      };
    });
    await win.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'context-probe';
      input.value = 'Scrignoo';
      input.style.cssText = 'position: fixed; top: 8px; left: 8px; z-index: 2147483647';
      document.body.append(input);
    });
    await win.locator('#context-probe').click({ button: 'right' });
    await win.getByRole('heading', { level: 1 }).click({ button: 'right' });
    const facts = () =>
      app!.evaluate(() => {
        const g = globalThis as { contextClicks?: unknown[]; contextMenus?: string[][] };
        return { clicks: g.contextClicks, menus: g.contextMenus };
      });
    await expect.poll(async () => (await facts()).clicks).toHaveLength(2);
    const { clicks, menus } = await facts();
    expect(clicks![0]).toEqual({ editable: true, spellcheck: false, suggestions: 0 });
    expect(clicks![1]).toMatchObject({ editable: false });
    // Outside a field with nothing selected there is no menu at all.
    expect(menus).toEqual([['cut', 'copy', 'paste', 'separator', 'selectall']]);
    await app!.evaluate(({ Menu }) => {
      Object.defineProperty(
        Menu.prototype,
        'popup',
        (globalThis as { realPopup?: PropertyDescriptor }).realPopup!,
      );
    });
    await win.evaluate(() => document.getElementById('context-probe')?.remove());
  });

  it('runs the binary npm start finds, so npm start downloads nothing where it is installed', async () => {
    const written: string[] = [];
    const found = await ensureElectronBinary({
      write: (text) => written.push(text),
      download: () => Promise.reject(new Error('no download expected')),
    });
    const running = await app!.evaluate(() => process.execPath);
    expect(realpathSync(found)).toBe(realpathSync(running));
    expect(written).toEqual([]);
  });

  it('shows system notifications with no personal data on a locked screen', async () => {
    await app!.evaluate(({ Notification }) => {
      const shown: string[] = [];
      (globalThis as { shownNotifications?: string[] }).shownNotifications = shown;
      Notification.prototype.show = function (this: { body: string }) {
        shown.push(this.body);
      };
    });
    const invoke = (channel: string, input: unknown) =>
      win.evaluate(
        ([c, i]) =>
          (
            window as unknown as { scrigno: { invoke(c: string, i: unknown): Promise<unknown> } }
          ).scrigno.invoke(c, i),
        [channel, input] as const,
      );
    await invoke('notification:backup', { problem: 'overdue', language: 'en' });
    await app!.evaluate(({ powerMonitor }) => powerMonitor.emit('lock-screen'));
    await invoke('notification:reminders', { count: 1, language: 'en', taskTitle: 'Call Ada Link' });
    const shown = await app!.evaluate(
      () => (globalThis as { shownNotifications?: string[] }).shownNotifications,
    );
    expect(shown).toEqual([
      'Backups are overdue. Open Scrigno to check them.',
      '1 reminder is due. Open Scrigno to see it.',
    ]);
    await unlockThroughUi(win);
    await app!.evaluate(({ powerMonitor }) => powerMonitor.emit('unlock-screen'));
  });

  it('writes a redacted log and exports it in a diagnostic report without records', async () => {
    const logsDir = await app!.evaluate(({ app: electronApp }) => electronApp.getPath('logs'));
    const text = await readFile(path.join(logsDir, 'main.log'), 'utf8');
    expect(text).toContain('start');
    expect(text).not.toContain(userData!);
    expect(text).not.toContain('Ada');
    const target = path.join(userData!, 'diagnostics.zip');
    await app!.evaluate(({ dialog }, file) => {
      dialog.showSaveDialog = async () => ({
        canceled: false,
        filePath: file,
      });
      dialog.showMessageBox = async () => ({
        response: 0,
        checkboxChecked: false,
      });
    }, target);
    await app!.evaluate(({ Menu }) => {
      Menu.getApplicationMenu()?.getMenuItemById('app.export-diagnostics')?.click();
    });
    await expect.poll(() => existsSync(target)).toBe(true);
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(new Uint8Array(await readFile(target)));
    expect(Object.keys(files)).toContain('report.json');
    expect(Object.keys(files)).toContain('logs/main.log');
    expect(
      Object.values(files)
        .map((f) => strFromU8(f))
        .join(''),
    ).not.toContain('Ada');
  });

  // Last: after this the app has been through its quit handshake.
  it('holds Mod+Q until the page has finished its last work, then quits once', async () => {
    const held = await app!.evaluate(({ app: electronApp }) => {
      const g = globalThis as { quitAsked?: number; realQuit?: () => void };
      g.quitAsked = 0;
      g.realQuit = electronApp.quit.bind(electronApp);
      // Count the quit the handshake asks for instead of ending the app under the suite.
      electronApp.quit = () => void g.quitAsked!++;
      let prevented = false;
      electronApp.emit('before-quit', { preventDefault: () => (prevented = true) });
      return prevented;
    });
    expect(held).toBe(true);
    await expect.poll(() => app!.evaluate(() => (globalThis as { quitAsked?: number }).quitAsked)).toBe(1);
    await app!.evaluate(({ app: electronApp }) => {
      electronApp.quit = (globalThis as { realQuit?: () => void }).realQuit!;
    });
  });
});

describe.skipIf(notice !== null)('The packed desktop app', () => {
  // Packing for Linux around the real Electron binary: the fuses flipped are Electron's own.
  it.skipIf(process.platform !== 'linux')(
    'carries every Electron fuse locked down in the real binary',
    async () => {
      assertAppBuilt();
      const output = await mkdtemp(path.join(os.tmpdir(), 'scrigno-packed-'));
      try {
        const result = packLinuxDir(path.dirname('path' in binary ? binary.path : ''), output);
        expect(result.status, result.stderr).toBe(0);
        expect(fuseWire(path.join(output, 'linux-unpacked/scrigno'))).toEqual(lockedDownFuses);
      } finally {
        await rm(output, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
