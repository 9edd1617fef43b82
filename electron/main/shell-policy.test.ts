import { beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron binary is not needed: every Electron API the shell touches is a recorded mock.
type Listener = (...args: unknown[]) => unknown;
const created: Array<{ options: Record<string, unknown>; window: ReturnType<typeof fakeWindow> }> = [];

function fakeContents() {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    windowOpenHandler: undefined as undefined | ((d: { url: string }) => unknown),
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
    },
    setWindowOpenHandler(handler: (d: { url: string }) => unknown) {
      this.windowOpenHandler = handler;
    },
    send: vi.fn(),
  };
}

function fakeWindow(options: Record<string, unknown>) {
  const events = new Map<string, Listener>();
  return {
    options,
    webContents: fakeContents(),
    loadURL: vi.fn(async () => undefined),
    maximize: vi.fn(),
    show: vi.fn(),
    once: (e: string, l: Listener) => events.set(e, l),
    on: (e: string, l: Listener) => events.set(e, l),
    events,
  };
}

const electron = vi.hoisted(() => ({
  BrowserWindow: vi.fn(),
  app: {},
  ipcMain: { handle: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
}));

vi.mock('electron', () => electron);

beforeEach(() => {
  created.length = 0;
  electron.BrowserWindow.mockImplementation(function (options: Record<string, unknown>) {
    const window = fakeWindow(options);
    created.push({ options, window });
    return window;
  });
  electron.ipcMain.handle.mockReset();
  electron.protocol.handle.mockReset();
});

describe('main window', () => {
  it('is sandboxed, isolated, without Node, and loads the app from the custom protocol', async () => {
    const { createMainWindow } = await import('./window');
    createMainWindow({ width: 1000, height: 700, maximized: false }, '/app/preload.cjs', vi.fn());
    expect(created).toHaveLength(1);
    const prefs = created[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      nodeIntegrationInSubFrames: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      devTools: false,
    });
    expect(created[0]!.window.loadURL).toHaveBeenCalledWith('app://scrigno/index.html');
  });

  it('denies navigation away from the app, new windows and webviews', async () => {
    const { createMainWindow } = await import('./window');
    const openExternal = vi.fn();
    createMainWindow({ width: 1000, height: 700, maximized: false }, '/p.cjs', openExternal);
    const contents = created[0]!.window.webContents;
    const navigate = contents.listeners.get('will-navigate')!;
    const outside = { preventDefault: vi.fn() };
    navigate(outside, 'https://evil.example/');
    expect(outside.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    navigate(inside, 'app://scrigno/index.html#/contacts');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    for (const lookAlike of ['app://scrigno.example/', 'app://scrignoo/index.html', 'http://scrigno/']) {
      const event = { preventDefault: vi.fn() };
      navigate(event, lookAlike);
      expect(event.preventDefault).toHaveBeenCalled();
    }
    const redirect = contents.listeners.get('will-redirect')!;
    const redirectedOut = { preventDefault: vi.fn() };
    redirect(redirectedOut, 'https://evil.example/');
    expect(redirectedOut.preventDefault).toHaveBeenCalled();
    const redirectedIn = { preventDefault: vi.fn() };
    redirect(redirectedIn, 'app://scrigno/index.html');
    expect(redirectedIn.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'https://gdpr-info.eu/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://gdpr-info.eu/');
  });

  it('refuses a webview in every web contents the app creates, not only the main window', async () => {
    const { guardEveryWebContents } = await import('./window');
    const appListeners = new Map<string, Listener>();
    guardEveryWebContents({
      on: (event: string, listener: Listener) => appListeners.set(event, listener),
    } as never);
    const other = fakeContents();
    appListeners.get('web-contents-created')!({}, other);
    const webview = { preventDefault: vi.fn() };
    other.listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('restores maximised windows', async () => {
    const { createMainWindow } = await import('./window');
    createMainWindow({ width: 1000, height: 700, maximized: true }, '/p.cjs', vi.fn());
    expect(created[0]!.window.maximize).toHaveBeenCalled();
  });
});

describe('session policy', () => {
  it('denies every permission and every network request outside the app', async () => {
    const { applySessionPolicy } = await import('./window');
    let request: Listener = () => undefined;
    let check: Listener = () => undefined;
    let before: Listener = () => undefined;
    const session = {
      setPermissionRequestHandler: (h: Listener) => (request = h),
      setPermissionCheckHandler: (h: Listener) => (check = h),
      webRequest: { onBeforeRequest: (h: Listener) => (before = h) },
    };
    applySessionPolicy(session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check({}, permission)).toBe(false);
    }
    const decide = (url: string) => {
      const callback = vi.fn();
      before({ url }, callback);
      return callback.mock.calls[0]![0] as { cancel: boolean };
    };
    expect(decide('https://tracker.example/pixel.gif')).toEqual({ cancel: true });
    expect(decide('http://127.0.0.1:8080/')).toEqual({ cancel: true });
    expect(decide('app://scrigno/assets/index.js')).toEqual({ cancel: false });
    expect(decide('app://other/x')).toEqual({ cancel: true });
  });
});

describe('content security policy', () => {
  it('allows only the app itself and the Argon2 WebAssembly', async () => {
    const { contentSecurityPolicy } = await import('./security');
    const directives = Object.fromEntries(
      contentSecurityPolicy.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives['script-src']).not.toContain("'unsafe-inline'");
    expect(directives['script-src']).not.toContain("'unsafe-eval'");
    expect(directives['object-src']).toEqual(["'none'"]);
    // Sync's WebSockets to the relay, and nothing else: no http(s) to another origin.
    expect(directives['connect-src']).toEqual(["'self'", 'ws:', 'wss:']);
    const connect = directives['connect-src'] as string[];
    expect(connect.some((v) => /^https?:|^\*$|^\*\./.test(v))).toBe(false);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
  });

  it('is sent with every file the app protocol serves', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scrigno-proto-'));
    await writeFile(path.join(dir, 'index.html'), '<title>x</title>');
    const { serveRenderer, registerAppScheme } = await import('./protocol');
    registerAppScheme(electron.protocol as never);
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    serveRenderer(electron.protocol as never, dir);
    const [scheme, handler] = electron.protocol.handle.mock.calls[0]! as [
      string,
      (r: Request) => Promise<Response>,
    ];
    expect(scheme).toBe('app');
    const ok = await handler(new Request('app://scrigno/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'self'");
    // A path climbing out of the renderer folder gets the app shell, never the file.
    const escape = await handler(new Request('app://scrigno/%2e%2e/%2e%2e/etc/passwd'));
    expect(await escape.text()).toBe('<title>x</title>');
    const escapeFile = await handler(new Request('app://scrigno/%2e%2e/%2e%2e/etc/hostname.txt'));
    expect(escapeFile.status).toBe(404);
    const foreignHost = await handler(new Request('app://elsewhere/index.html'));
    expect(foreignHost.status).toBe(404);
  });
});

describe('IPC', () => {
  it('answers only the app’s own top-level frame, and checks the contract', async () => {
    const { registerHostIpc } = await import('./ipc');
    const handlers = {
      'app:info': vi.fn(async () => ({
        name: 'Scrigno',
        version: '1',
        platform: 'linux',
        locale: 'it',
        transport: 'electron',
      })),
    };
    registerHostIpc(electron.ipcMain as never, handlers as never);
    const [channel, listener] = electron.ipcMain.handle.mock.calls[0]! as [string, Listener];
    expect(channel).toBe('host:call');
    const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
    expect(await listener(frame('https://evil.example/'), 'app:info', {})).toEqual({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await listener(frame('app://scrigno/index.html', {}), 'app:info', {})).toEqual({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await listener({ senderFrame: null }, 'app:info', {})).toEqual({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(handlers['app:info']).not.toHaveBeenCalled();
    expect(await listener(frame('app://scrigno/index.html'), 'app:info', { sneaky: true })).toEqual({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await listener(frame('app://scrigno/index.html#/contacts'), 'app:info', {})).toMatchObject({
      ok: true,
      value: { name: 'Scrigno' },
    });
  });
});

describe('application menu', () => {
  it('is built from the command catalog, in the chosen language', async () => {
    const { buildMenuTemplate } = await import('./menu');
    const run = vi.fn();
    const template = buildMenuTemplate('it', run, 'linux');
    const labels = template.map((m) => m.label);
    expect(labels).toEqual(['File', 'Modifica', 'Vista', 'Vai', 'Aiuto']);
    const go = template.find((m) => m.label === 'Vai')!.submenu as Array<{
      id?: string;
      label?: string;
      accelerator?: string;
      click?: () => void;
    }>;
    const contacts = go.find((i) => i.id === 'nav.contacts')!;
    expect(contacts.label).toBe('Vai a Contatti');
    expect(contacts.accelerator).toBe('CmdOrCtrl+2');
    contacts.click!();
    expect(run).toHaveBeenCalledWith('nav.contacts');
    const english = buildMenuTemplate('en', run, 'darwin');
    expect(english[0]).toEqual({ role: 'appMenu' });
    expect(english.map((m) => m.label)).toContain('Go');
  });

  it('shows every menu command disabled until told otherwise, switch-view ones in View', async () => {
    const { applyMenuEnabled, buildMenuTemplate } = await import('./menu');
    const { menuCommandIds } = await import('../../shared/commands/catalog');
    type Item = { id?: string; enabled?: boolean; submenu?: Item[] };
    const items = (template: Item[]) => template.flatMap((m) => m.submenu ?? []).filter((i) => i.id);
    const closed = items(buildMenuTemplate('en', vi.fn(), 'linux') as Item[]);
    expect(closed.map((i) => i.id).sort()).toEqual([...menuCommandIds].sort());
    expect(closed.every((i) => i.enabled === false)).toBe(true);
    const view = buildMenuTemplate('en', vi.fn(), 'linux').find((m) => m.label === 'View')!;
    expect((view.submenu as Item[]).map((i) => i.id)).toContain('deals.switch-view');

    const state = Object.fromEntries(menuCommandIds.map((id) => [id, id.startsWith('nav.')])) as never;
    const open = items(buildMenuTemplate('en', vi.fn(), 'linux', state) as Item[]);
    expect(open.filter((i) => i.enabled).every((i) => i.id!.startsWith('nav.'))).toBe(true);
    expect(open.find((i) => i.id === 'nav.deals')!.enabled).toBe(true);

    // In place on a live menu: every command item found by id is set.
    const live = new Map(closed.map((i) => [i.id!, { enabled: false }]));
    applyMenuEnabled({ getMenuItemById: (id) => live.get(id) ?? null }, state);
    expect(live.get('nav.tasks')!.enabled).toBe(true);
    expect(live.get('vault.lock')!.enabled).toBe(false);
    applyMenuEnabled(null, state); // no menu yet: nothing to do
  });
});
