import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

interface MenuItem {
  id?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItem[];
}

function findItem(items: MenuItem[], id: string): MenuItem | null {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = item.submenu && findItem(item.submenu, id);
    if (inner) return inner;
  }
  return null;
}

function makeElectron(lock: boolean, options: { packaged?: boolean; argv?: string[] } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'scrigno-entry-'));
  profiles.push(profile);
  let applicationMenu: MenuItem[] | null = null;
  const appEvents = new Map<string, Listener>();
  const powerEvents = new Map<string, Listener>();
  const windowEvents = new Map<string, Listener>();
  const contentsEvents = new Map<string, Listener>();
  const trays: Array<{ menu: MenuItem[] | null; events: Map<string, Listener> }> = [];
  const popups: MenuItem[][] = [];
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const window = {
    webContents: {
      on: vi.fn((e: string, l: Listener) => contentsEvents.set(e, l)),
      setWindowOpenHandler: vi.fn(),
      send: vi.fn(),
      printToPDF: vi.fn(async () => new Uint8Array([0x25, 0x50, 0x44, 0x46])),
    },
    loadURL: vi.fn(async () => undefined),
    once: vi.fn(),
    on: vi.fn((e: string, l: Listener) => windowEvents.set(e, l)),
    maximize: vi.fn(),
    isMinimized: () => false,
    isDestroyed: () => false,
    isMaximized: () => false,
    getNormalBounds: () => ({ x: 0, y: 0, width: 1000, height: 700 }),
    focus: vi.fn(),
    show: vi.fn(),
    hide: vi.fn(),
    restore: vi.fn(),
  };
  const electron = {
    app: {
      requestSingleInstanceLock: vi.fn(() => lock),
      quit: vi.fn(),
      exit: vi.fn(),
      on: (e: string, l: Listener) => appEvents.set(e, l),
      whenReady: () => whenReady,
      getPath: (name: string) => path.join(profile, name),
      getLocale: () => 'it-IT',
      getVersion: () => '1.0.0',
      isPackaged: options.packaged ?? false,
      isReady: () => true,
      setAsDefaultProtocolClient: vi.fn(),
    },
    BrowserWindow: vi.fn(function () {
      return window;
    }),
    dialog: {
      showOpenDialog: vi.fn(),
      showErrorBox: vi.fn(),
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
      showMessageBox: vi.fn(async () => ({ response: 0 })),
    },
    ipcMain: { handle: vi.fn() },
    Menu: {
      setApplicationMenu: vi.fn((menu: MenuItem[]) => (applicationMenu = menu)),
      // A built menu is its template, plus the popup a context menu is shown with.
      buildFromTemplate: vi.fn((t: MenuItem[]) => Object.assign(t, { popup: () => popups.push(t) })),
      // The real menu finds items by id in every submenu; so does this one, over the template.
      getApplicationMenu: () =>
        applicationMenu && {
          getMenuItemById: (id: string) => findItem(applicationMenu!, id),
        },
    },
    powerMonitor: { on: (e: string, l: Listener) => powerEvents.set(e, l) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onBeforeRequest: vi.fn() },
      },
    },
    shell: { openExternal: vi.fn() },
    nativeImage: { createFromPath: vi.fn((p: string) => ({ path: p })) },
    Tray: vi.fn(function () {
      const tray = {
        menu: null as MenuItem[] | null,
        events: new Map<string, Listener>(),
        setToolTip: vi.fn(),
        setContextMenu(menu: MenuItem[]) {
          tray.menu = menu;
        },
        on(e: string, l: Listener) {
          tray.events.set(e, l);
        },
      };
      trays.push(tray);
      return tray;
    }),
    Notification: Object.assign(vi.fn(), { isSupported: () => true }),
  };
  if (options.argv) process.argv = options.argv;
  return {
    electron,
    appEvents,
    powerEvents,
    windowEvents,
    contentsEvents,
    trays,
    popups,
    ready: () => ready(),
    profile,
    window,
    menu: () => applicationMenu,
  };
}

const argv = process.argv;
const profiles: string[] = [];
const ownListeners = process.listeners('uncaughtException');
afterEach(() => {
  process.argv = argv;
  // Each import of the entry point adds its crash logger; keep only the test runner's.
  for (const listener of process.listeners('uncaughtException')) {
    if (!ownListeners.includes(listener)) process.off('uncaughtException', listener);
  }
  for (const dir of profiles.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A stand-in for electron-log's main logger: records what the shell logs. */
function fakeLog() {
  const lines: unknown[][] = [];
  const transport = () => ({ level: 'info' as unknown });
  const logger = {
    lines,
    hooks: [] as unknown[],
    transports: { file: transport(), console: transport() },
    info: (...data: unknown[]) => lines.push(data),
    warn: (...data: unknown[]) => lines.push(data),
    error: (...data: unknown[]) => lines.push(data),
  };
  return logger;
}
let logger: ReturnType<typeof fakeLog>;

let current: ReturnType<typeof makeElectron>;

beforeEach(() => {
  vi.resetModules();
  logger = fakeLog();
  vi.doMock('electron', () => current.electron);
  vi.doMock('electron-log/main', () => ({ default: logger }));
});

/** The IPC handler the entry point registered, called as the app's own page. */
function hostCall(electron: ReturnType<typeof makeElectron>['electron']) {
  const [, call] = electron.ipcMain.handle.mock.calls[0]! as unknown as [
    string,
    (event: unknown, channel: unknown, input: unknown) => Promise<unknown>,
  ];
  const page = { senderFrame: { url: 'app://scrigno/index.html', parent: null } };
  return (channel: string, input: unknown) => call(page, channel, input);
}

describe('Electron entry point', () => {
  it('quits when another instance holds the lock', async () => {
    current = makeElectron(false);
    await import('./index');
    expect(current.electron.app.quit).toHaveBeenCalled();
    expect(current.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(current.electron.BrowserWindow).not.toHaveBeenCalled();
  });

  it('installs policy, protocol, IPC and menu before opening one window, and locks on suspend', async () => {
    current = makeElectron(true);
    await import('./index');
    expect(current.electron.app.quit).not.toHaveBeenCalled();
    current.ready();
    await vi.waitFor(() => expect(current.electron.BrowserWindow).toHaveBeenCalledTimes(1));
    const { defaultSession } = current.electron.session;
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(defaultSession.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(current.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(current.electron.ipcMain.handle).toHaveBeenCalledWith('host:call', expect.any(Function));
    expect(current.electron.Menu.setApplicationMenu).toHaveBeenCalled();
    const options = current.electron.BrowserWindow.mock.calls[0] as unknown as [
      { webPreferences: Record<string, unknown> },
    ];
    expect(options[0].webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    current.powerEvents.get('suspend')!();
    current.powerEvents.get('lock-screen')!();
    expect(current.window.webContents.send).toHaveBeenCalledWith('host:event', 'system:lock', {
      reason: 'suspend',
    });
    expect(current.window.webContents.send).toHaveBeenCalledWith('host:event', 'system:lock', {
      reason: 'screen-lock',
    });
    expect(current.appEvents.has('second-instance')).toBe(true);
    // Quitting waits for the renderer (a backup on quit) and asks it first.
    const quit = { preventDefault: vi.fn() };
    current.appEvents.get('before-quit')!(quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    expect(current.window.webContents.send).toHaveBeenCalledWith('host:event', 'app:before-quit', {});
  });

  it('greys the menu until the renderer says what can act, and keeps that across a language change', async () => {
    current = makeElectron(true);
    await import('./index');
    current.ready();
    await vi.waitFor(() => expect(current.electron.BrowserWindow).toHaveBeenCalledTimes(1));
    const item = (id: string) => findItem(current.menu()!, id)!;
    expect(item('deals.create').enabled).toBe(false);
    expect(item('vault.lock').enabled).toBe(false);

    const [, call] = current.electron.ipcMain.handle.mock.calls[0]! as unknown as [
      string,
      (event: unknown, channel: unknown, input: unknown) => Promise<unknown>,
    ];
    const app = { senderFrame: { url: 'app://scrigno/index.html', parent: null } };
    const { menuCommandIds } = await import('../../shared/commands/catalog');
    const enabled = Object.fromEntries(menuCommandIds.map((id) => [id, id !== 'deals.switch-view']));
    expect(await call(app, 'menu:set-enabled', { enabled })).toEqual({ ok: true, value: {} });
    expect(item('deals.create').enabled).toBe(true);
    expect(item('deals.switch-view').enabled).toBe(false);
    // Partial or unknown ids break the contract and change nothing.
    expect(await call(app, 'menu:set-enabled', { enabled: { 'deals.create': false } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call(app, 'menu:set-enabled', { enabled: { ...enabled, 'no.such': true } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(item('deals.create').enabled).toBe(true);

    // Rebuilt in another language, the menu keeps the state.
    await call(app, 'menu:set-language', { language: 'en' });
    expect(item('deals.create').enabled).toBe(true);
    expect(item('deals.switch-view').enabled).toBe(false);

    // Choosing an item asks the renderer to run that command.
    item('deals.create').click!();
    expect(current.window.webContents.send).toHaveBeenCalledWith('host:event', 'menu:command', {
      commandId: 'deals.create',
    });
  });
});

const personId = '0123456789abcdef0123456789abcdef';
const allEnabled = async () => {
  const { menuCommandIds } = await import('../../shared/commands/catalog');
  return Object.fromEntries(menuCommandIds.map((id) => [id, true]));
};

async function started(options: Parameters<typeof makeElectron>[1] = {}) {
  current = makeElectron(true, options);
  await import('./index');
  current.ready();
  await vi.waitFor(() => expect(current.electron.BrowserWindow).toHaveBeenCalledTimes(1));
  return current;
}

describe('desktop manners', () => {
  it('keeps a tray whose items follow the menu state and run commands in the page', async () => {
    const { trays, window, electron } = await started();
    expect(trays).toHaveLength(1);
    expect(electron.nativeImage.createFromPath).toHaveBeenCalledWith(expect.stringMatching(/tray\.png$/));
    const item = (id: string) => findItem(trays[0]!.menu!, id)!;
    expect(item('tray.open').enabled).toBeUndefined();
    // Locked (nothing enabled yet): quick add and lock are greyed.
    expect(item('tray.contacts.create').enabled).toBe(false);
    expect(item('tray.vault.lock').enabled).toBe(false);
    await hostCall(electron)('menu:set-enabled', { enabled: await allEnabled() });
    expect(item('tray.contacts.create').enabled).toBe(true);
    item('tray.tasks.create').click!();
    expect(window.show).toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenCalledWith('host:event', 'menu:command', {
      commandId: 'tasks.create',
    });
    item('tray.vault.lock').click!();
    expect(window.webContents.send).toHaveBeenCalledWith('host:event', 'menu:command', {
      commandId: 'vault.lock',
    });
    item('tray.quit').click!();
    expect(electron.app.quit).toHaveBeenCalled();
  });

  it('hides to the tray on close when the setting is on, remembers it, and closes when quitting', async () => {
    const { trays, window, windowEvents, appEvents, profile } = await started();
    if (process.platform === 'darwin') return;
    const close = () => {
      const event = { preventDefault: vi.fn() };
      windowEvents.get('close')!(event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(close()).toBe(false);
    const toggle = findItem(trays[0]!.menu!, 'tray.close-to-tray')! as MenuItem & { checked: boolean };
    expect(toggle.checked).toBe(false);
    (toggle.click as unknown as (item: { checked: boolean }) => void)({ checked: true });
    expect(close()).toBe(true);
    expect(window.hide).toHaveBeenCalled();
    const file = path.join(profile, 'userData', 'shell-settings.json');
    await vi.waitFor(() => expect(existsSync(file)).toBe(true));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ closeToTray: true });
    expect((findItem(trays[0]!.menu!, 'tray.close-to-tray') as MenuItem & { checked: boolean }).checked).toBe(
      true,
    );
    // Quitting closes for real.
    appEvents.get('before-quit')!({ preventDefault: vi.fn() });
    expect(close()).toBe(false);
  });

  it('keeps a deep link from launch or a second instance until the unlocked app takes it', async () => {
    const { electron, appEvents, window } = await started({
      argv: ['/opt/Scrigno/scrigno', `scrigno://person/${personId}`],
    });
    const call = hostCall(electron);
    expect(await call('deep-link:take', {})).toEqual({
      ok: true,
      value: { link: { kind: 'person', id: personId } },
    });
    expect(await call('deep-link:take', {})).toEqual({ ok: true, value: { link: null } });

    appEvents.get('second-instance')!({}, ['/opt/Scrigno/scrigno', `scrigno://deal/${personId}`], '/');
    expect(window.focus).toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenCalledWith('host:event', 'deep-link:available', {});
    expect(await call('deep-link:take', {})).toMatchObject({
      value: { link: { kind: 'deal', id: personId } },
    });

    // A link that names anything but a record is dropped: no announcement, nothing to take.
    window.webContents.send.mockClear();
    appEvents.get('second-instance')!({}, ['/opt/Scrigno/scrigno', 'scrigno://command/vault.lock'], '/');
    const openUrl = { preventDefault: vi.fn() };
    appEvents.get('open-url')!(openUrl, `scrigno://person/${personId}?run=export`);
    expect(openUrl.preventDefault).toHaveBeenCalled();
    expect(window.webContents.send).not.toHaveBeenCalledWith('host:event', 'deep-link:available', {});
    expect(await call('deep-link:take', {})).toEqual({ ok: true, value: { link: null } });
    // A development run leaves the OS's scheme handlers alone.
    expect(electron.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });

  it('registers the scheme when packaged, and has no DevTools there', async () => {
    const { electron } = await started({ packaged: true });
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('scrigno');
    const options = electron.BrowserWindow.mock.calls[0] as unknown as [
      { webPreferences: Record<string, unknown> },
    ];
    expect(options[0].webPreferences.devTools).toBe(false);
  });

  it('has DevTools in a development run', async () => {
    const { electron } = await started({ packaged: false });
    const options = electron.BrowserWindow.mock.calls[0] as unknown as [
      { webPreferences: Record<string, unknown> },
    ];
    expect(options[0].webPreferences.devTools).toBe(true);
  });

  it('opens the window where it was left, and remembers where it is on close', async () => {
    current = makeElectron(true);
    const stateFile = path.join(current.profile, 'userData', 'window-state.json');
    mkdirSync(path.dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, JSON.stringify({ x: 100, y: 80, width: 1100, height: 760, maximized: true }));
    await import('./index');
    current.ready();
    await vi.waitFor(() => expect(current.electron.BrowserWindow).toHaveBeenCalledTimes(1));
    const [options] = current.electron.BrowserWindow.mock.calls[0] as unknown as [Record<string, unknown>];
    expect(options).toMatchObject({ x: 100, y: 80, width: 1100, height: 760 });
    expect(current.window.maximize).toHaveBeenCalled();
    current.windowEvents.get('close')!({ preventDefault: vi.fn() });
    await vi.waitFor(() =>
      expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({
        x: 0,
        y: 0,
        width: 1000,
        height: 700,
        maximized: false,
      }),
    );
  });

  it('puts a window left on a display that is gone back on a screen that exists', async () => {
    current = makeElectron(true);
    const stateFile = path.join(current.profile, 'userData', 'window-state.json');
    mkdirSync(path.dirname(stateFile), { recursive: true });
    writeFileSync(
      stateFile,
      JSON.stringify({ x: 5000, y: 3000, width: 1100, height: 760, maximized: false }),
    );
    await import('./index');
    current.ready();
    await vi.waitFor(() => expect(current.electron.BrowserWindow).toHaveBeenCalledTimes(1));
    const [options] = current.electron.BrowserWindow.mock.calls[0] as unknown as [Record<string, unknown>];
    expect(options).toMatchObject({ width: 1100, height: 760 });
    expect(options.x).toBeUndefined();
    expect(options.y).toBeUndefined();
    expect(current.window.maximize).not.toHaveBeenCalled();
  });

  it('brings a minimised window forward when the app is started again', async () => {
    const { appEvents, window } = await started();
    window.isMinimized = () => true;
    appEvents.get('second-instance')!({}, ['/opt/Scrigno/scrigno'], '/');
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    // No link in those arguments: nothing is announced.
    expect(window.webContents.send).not.toHaveBeenCalledWith('host:event', 'deep-link:available', {});
  });

  it('holds Mod+Q until the page says its last work is done, then quits once', async () => {
    const { electron, appEvents, window } = await started();
    const first = { preventDefault: vi.fn() };
    appEvents.get('before-quit')!(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenCalledWith('host:event', 'app:before-quit', {});
    // Asked again while the page is still at it (a backup, the sync flush): still held.
    const again = { preventDefault: vi.fn() };
    appEvents.get('before-quit')!(again);
    expect(again.preventDefault).toHaveBeenCalled();
    expect(electron.app.quit).not.toHaveBeenCalled();
    expect(await hostCall(electron)('app:quit-ready', {})).toEqual({ ok: true, value: {} });
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    // The quit that follows goes through.
    const last = { preventDefault: vi.fn() };
    appEvents.get('before-quit')!(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('shows a native cut/copy/paste menu in text fields', async () => {
    const { contentsEvents, popups, electron } = await started();
    // Spelling is off: field contents never go to a dictionary, and no suggestions are offered.
    const [windowOptions] = electron.BrowserWindow.mock.calls[0] as unknown as [
      { webPreferences: Record<string, unknown> },
    ];
    expect(windowOptions.webPreferences.spellcheck).toBe(false);
    const editFlags = { canCut: false, canCopy: false, canPaste: true, canSelectAll: true };
    contentsEvents.get('context-menu')!({}, { isEditable: true, selectionText: '', editFlags });
    expect(popups).toHaveLength(1);
    expect(popups[0]!.map((i) => [(i as { role?: string }).role, i.enabled])).toEqual([
      ['cut', false],
      ['copy', false],
      ['paste', true],
      [undefined, undefined],
      ['selectAll', true],
    ]);
    contentsEvents.get('context-menu')!({}, { isEditable: false, selectionText: '', editFlags });
    expect(popups).toHaveLength(1);
    // Selected text outside a field: copy only.
    contentsEvents.get('context-menu')!({}, { isEditable: false, selectionText: 'Ada', editFlags });
    expect(popups[1]!.map((i) => (i as { role?: string }).role)).toEqual(['copy']);
  });

  it('prints the page to an A4 PDF where the user chooses', async () => {
    const { electron, window, profile } = await started();
    const target = path.join(profile, 'report.pdf');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await hostCall(electron)('print:pdf', { document: 'art30-register', language: 'it' })).toEqual({
      ok: true,
      value: { saved: true },
    });
    const [, dialogOptions] = electron.dialog.showSaveDialog.mock.calls[0]! as [
      unknown,
      { defaultPath: string; title: string },
    ];
    expect(path.basename(dialogOptions.defaultPath)).toMatch(
      /^scrigno-art30-register-\d{4}-\d{2}-\d{2}\.pdf$/,
    );
    expect(dialogOptions.title).toBe('Salva come PDF');
    expect(window.webContents.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'A4' }));
    expect(readFileSync(target, 'latin1')).toBe('%PDF');
    // Cancelled: nothing printed.
    expect(await hostCall(electron)('print:pdf', { document: 'page', language: 'en' })).toEqual({
      ok: true,
      value: { saved: false },
    });
    expect(window.webContents.printToPDF).toHaveBeenCalledTimes(1);
  });

  it('drops task titles from notifications while the screen is locked', async () => {
    const { electron, powerEvents } = await started();
    const call = hostCall(electron);
    const bodies = () =>
      electron.Notification.mock.calls.map((c) => (c as unknown as [{ body: string }])[0].body);
    await call('notification:reminders', { count: 1, language: 'en', taskTitle: 'Call Canary' });
    powerEvents.get('lock-screen')!();
    await call('notification:reminders', { count: 1, language: 'en', taskTitle: 'Call Canary' });
    powerEvents.get('unlock-screen')!();
    await call('notification:reminders', { count: 1, language: 'en', taskTitle: 'Call Canary' });
    expect(bodies()).toEqual([
      'Due: Call Canary',
      '1 reminder is due. Open Scrigno to see it.',
      'Due: Call Canary',
    ]);
  });

  it('logs through the redaction hook into the profile logs, and exports a diagnostic report', async () => {
    const { electron, profile } = await started();
    const { redactionHook } = await import('./log');
    expect(logger.hooks).toEqual([redactionHook]);
    const file = logger.transports.file as unknown as { resolvePathFn(): string };
    expect(file.resolvePathFn()).toBe(path.join(profile, 'logs', 'main.log'));
    const target = path.join(profile, 'diagnostics.zip');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    findItem(current.menu()!, 'app.export-diagnostics')!.click!();
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalled());
    const { unzipSync, strFromU8 } = await import('fflate');
    const report = JSON.parse(strFromU8(unzipSync(readFileSync(target))['report.json']!)) as Record<
      string,
      unknown
    >;
    expect(report).toMatchObject({
      app: { name: 'Scrigno', version: '1.0.0' },
      settings: { closeToTray: false },
    });
  });
});

describe('the office relay', () => {
  it('starts on request over IPC, in the profile, and is stopped (flushed) before the app exits', async () => {
    const { electron, appEvents } = await started();
    const call = hostCall(electron);
    const { newSpaceId, newToken } = await import('../relay/space-tokens');
    // A port the system just found free.
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    expect(await call('relay:start', { spaceId: newSpaceId(), token: newToken(), port })).toMatchObject({
      ok: true,
      value: { state: 'running', port },
    });
    expect(existsSync(path.join(current.profile, 'userData', 'office-relay', 'spaces.json'))).toBe(true);
    const quit = { preventDefault: vi.fn() };
    appEvents.get('will-quit')!(quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(0));
    expect(await call('relay:status', {})).toMatchObject({ value: { state: 'stopped' } });
    // Nothing running: quitting is not held up.
    const again = { preventDefault: vi.fn() };
    appEvents.get('will-quit')!(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
