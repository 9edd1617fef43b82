import type { BrowserWindow } from 'electron';
import {
  app,
  dialog,
  Notification,
  ipcMain,
  Menu,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import path from 'node:path';
import type { HostEvent, HostEventPayload } from '../../shared/host/contract';
import { languageFromLocale, type Language } from '../../shared/i18n';
import { FolderGrants } from './host/folders';
import { createHostHandlers, isAllowedExternalLink } from './host/handlers';
import { IPC_EVENT, registerHostIpc } from './ipc';
import { createQuitHandshake } from './quit-handshake';
import { applyMenuEnabled, buildMenuTemplate, nothingEnabled, type MenuEnabled } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { applySessionPolicy, createMainWindow } from './window';
import { loadBounds, saveBounds } from './window-state';

/**
 * The Electron entry point: lifecycle, the one window, and wiring. Everything with logic lives
 * in the modules it imports, which are plain Node and tested without Electron.
 */
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const send = <E extends HostEvent>(event: E, payload: HostEventPayload<E>): void =>
    mainWindow?.webContents.send(IPC_EVENT, event, payload);
  const openExternal = (url: string): void => {
    if (isAllowedExternalLink(url)) void shell.openExternal(url);
  };
  let language: Language = languageFromLocale(app.getLocale());
  let enabled: MenuEnabled = nothingEnabled;
  const setMenu = (): void =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate(
          language,
          (commandId) => send('menu:command', { commandId }),
          process.platform,
          enabled,
        ),
      ),
    );

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());
  // A backup on quit: the renderer is asked first and answers `app:quit-ready` when done.
  const quitHandshake = createQuitHandshake({
    notifyRenderer: () => {
      if (!mainWindow || mainWindow.isDestroyed()) return false;
      send('app:before-quit', {});
      return true;
    },
    quit: () => app.quit(),
  });
  app.on('before-quit', (event) => quitHandshake.onBeforeQuit(event));

  void app
    .whenReady()
    .then(async () => {
      applySessionPolicy(session.defaultSession);
      serveRenderer(protocol, path.join(__dirname, '../renderer'));
      registerHostIpc(
        ipcMain,
        createHostHandlers({
          grants: new FolderGrants(path.join(app.getPath('userData'), 'granted-folders.json')),
          appInfo: {
            name: 'Scrigno',
            version: app.getVersion(),
            platform: process.platform,
            locale: app.getLocale(),
          },
          transport: 'electron',
          pickFolder: async (purpose) => {
            const options = {
              properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
              title: purpose,
            };
            const result = mainWindow
              ? await dialog.showOpenDialog(mainWindow, options)
              : await dialog.showOpenDialog(options);
            return result.canceled ? null : (result.filePaths[0] ?? null);
          },
          openExternal: async (url) => shell.openExternal(url),
          quitReady: () => quitHandshake.ready(),
          notify: (title, body) => {
            if (Notification.isSupported()) new Notification({ title, body, silent: false }).show();
          },
          setMenuLanguage: (next) => {
            language = next;
            setMenu();
          },
          setMenuEnabled: (next) => {
            enabled = next;
            applyMenuEnabled(Menu.getApplicationMenu(), enabled);
          },
        }),
      );
      setMenu();
      const workAreas = screen.getAllDisplays().map((d) => d.workArea);
      mainWindow = createMainWindow(
        await loadBounds(stateFile, workAreas),
        path.join(__dirname, 'preload.cjs'),
        openExternal,
      );
      const remember = (): void => {
        if (!mainWindow) return;
        void saveBounds(stateFile, { ...mainWindow.getNormalBounds(), maximized: mainWindow.isMaximized() });
      };
      mainWindow.on('close', remember);
      mainWindow.on('closed', () => (mainWindow = null));
      powerMonitor.on('suspend', () => send('system:lock', { reason: 'suspend' }));
      powerMonitor.on('lock-screen', () => send('system:lock', { reason: 'screen-lock' }));
    })
    .catch((err: unknown) => {
      // A shell that cannot start must say so rather than linger invisibly.
      dialog.showErrorBox('Scrigno', err instanceof Error ? err.name : 'startup failed');
      app.quit();
    });
}
