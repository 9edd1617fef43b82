import { beforeEach, describe, expect, it, vi } from 'vitest';

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

function makeElectron(lock: boolean) {
  let applicationMenu: MenuItem[] | null = null;
  const appEvents = new Map<string, Listener>();
  const powerEvents = new Map<string, Listener>();
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const window = {
    webContents: { on: vi.fn(), setWindowOpenHandler: vi.fn(), send: vi.fn() },
    loadURL: vi.fn(async () => undefined),
    once: vi.fn(),
    on: vi.fn(),
    maximize: vi.fn(),
    isMinimized: () => false,
    isDestroyed: () => false,
    focus: vi.fn(),
  };
  const electron = {
    app: {
      requestSingleInstanceLock: vi.fn(() => lock),
      quit: vi.fn(),
      on: (e: string, l: Listener) => appEvents.set(e, l),
      whenReady: () => whenReady,
      getPath: () => '/tmp/scrigno-entry-test',
      getLocale: () => 'it-IT',
      getVersion: () => '1.0.0',
    },
    BrowserWindow: vi.fn(function () {
      return window;
    }),
    dialog: { showOpenDialog: vi.fn(), showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn() },
    Menu: {
      setApplicationMenu: vi.fn((menu: MenuItem[]) => (applicationMenu = menu)),
      buildFromTemplate: vi.fn((t: unknown) => t),
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
  };
  return { electron, appEvents, powerEvents, ready: () => ready(), window, menu: () => applicationMenu };
}

let current: ReturnType<typeof makeElectron>;

beforeEach(() => {
  vi.resetModules();
  vi.doMock('electron', () => current.electron);
});

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
