import type { BrowserWindow, Tray as TrayType } from 'electron';
import {
  app,
  dialog,
  Notification,
  ipcMain,
  Menu,
  nativeImage,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import log from 'electron-log/main';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HostEvent, HostEventPayload } from '../../shared/host/contract';
import { DEEP_LINK_SCHEME } from '../../shared/host/deep-link';
import { languageFromLocale, translate, type Language } from '../../shared/i18n';
import { contextMenuTemplate } from './context-menu';
import { createDeepLinkInbox } from './deep-links';
import { buildDiagnosticReport, diagnosticFileName } from './diagnostics';
import { writeFileAtomic } from './host/atomic-write';
import { FolderGrants } from './host/folders';
import { createHostHandlers, isAllowedExternalLink } from './host/handlers';
import { IPC_EVENT, registerHostIpc } from './ipc';
import { configureLogger, logFiles } from './log';
import { createQuitHandshake } from './quit-handshake';
import { applyMenuEnabled, buildMenuTemplate, nothingEnabled, type MenuEnabled } from './menu';
import { printToPdfFile } from './print';
import { createRelayHost } from './relay-host';
import { registerAppScheme, serveRenderer } from './protocol';
import { loadShellSettings, saveShellSettings, type ShellSettings } from './shell-settings';
import { hidesOnClose, trayMenuTemplate } from './tray';
import { applySessionPolicy, createMainWindow, guardEveryWebContents } from './window';
import { loadBounds, saveBounds } from './window-state';

/**
 * The Electron entry point: lifecycle, the one window, the tray, and wiring. Everything with
 * logic lives in the modules it imports, which are plain Node and tested without Electron.
 */
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  // The first instance receives this one's arguments (a deep link) in `second-instance`.
  app.quit();
} else {
  const logsDir = app.getPath('logs');
  configureLogger(log, { dir: logsDir, console: !app.isPackaged, fs });
  log.info('start', { version: app.getVersion(), platform: process.platform });
  process.on('uncaughtException', (err) => log.error('uncaught exception', err));

  let mainWindow: BrowserWindow | null = null;
  let tray: TrayType | null = null;
  let quitting = false;
  let screenLocked = false;
  const userData = app.getPath('userData');
  const stateFile = path.join(userData, 'window-state.json');
  const settingsFile = path.join(userData, 'shell-settings.json');
  let settings: ShellSettings = { closeToTray: false };
  const send = <E extends HostEvent>(event: E, payload: HostEventPayload<E>): void =>
    mainWindow?.webContents.send(IPC_EVENT, event, payload);
  const openExternal = (url: string): void => {
    if (isAllowedExternalLink(url)) void shell.openExternal(url);
  };
  let language: Language = languageFromLocale(app.getLocale());
  let enabled: MenuEnabled = nothingEnabled;
  const deepLinks = createDeepLinkInbox(() => send('deep-link:available', {}));
  // The office relay (Settings → Sync), started only when the renderer asks.
  const relayHost = createRelayHost({ dataDir: path.join(userData, 'office-relay') });

  const exportDiagnostics = async (): Promise<void> => {
    const now = new Date();
    const options = {
      title: translate(language, 'desktop.diagnosticsSaveTitle'),
      defaultPath: path.join(app.getPath('documents'), diagnosticFileName(now)),
      filters: [{ name: 'Zip', extensions: ['zip'] }],
    };
    const chosen = mainWindow
      ? await dialog.showSaveDialog(mainWindow, options)
      : await dialog.showSaveDialog(options);
    if (chosen.canceled || !chosen.filePath) return;
    try {
      const report = buildDiagnosticReport(
        {
          app: { name: 'Scrigno', version: app.getVersion(), packaged: app.isPackaged },
          versions: {
            electron: process.versions.electron,
            chrome: process.versions.chrome,
            node: process.versions.node,
            v8: process.versions.v8,
          },
          os: { platform: process.platform, release: os.release(), arch: process.arch },
          locale: app.getLocale(),
          settings,
        },
        logFiles(logsDir),
        now,
      );
      await writeFileAtomic(chosen.filePath, report, 'replace');
      log.info('diagnostic report saved');
      await dialog.showMessageBox({ type: 'info', message: translate(language, 'desktop.diagnosticsSaved') });
    } catch (err) {
      log.error('diagnostic report failed', err);
      dialog.showErrorBox('Scrigno', translate(language, 'desktop.diagnosticsFailed'));
    }
  };

  const setTray = (): void =>
    tray?.setContextMenu(
      Menu.buildFromTemplate(
        trayMenuTemplate(
          language,
          {
            open: () => showWindow(),
            runCommand: (commandId) => send('menu:command', { commandId }),
            setCloseToTray: (on) => {
              settings = { ...settings, closeToTray: on };
              void saveShellSettings(settingsFile, settings).catch((err: unknown) =>
                log.error('settings not saved', err),
              );
              setTray();
            },
            quit: () => app.quit(),
          },
          { enabled, closeToTray: settings.closeToTray },
        ),
      ),
    );
  const setMenu = (): void => {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate(
          language,
          (commandId) => send('menu:command', { commandId }),
          process.platform,
          enabled,
          { exportDiagnostics: () => void exportDiagnostics() },
        ),
      ),
    );
    setTray();
  };

  const openWindow = async (): Promise<BrowserWindow> => {
    const workAreas = screen.getAllDisplays().map((d) => d.workArea);
    const window = createMainWindow(
      await loadBounds(stateFile, workAreas),
      path.join(__dirname, 'preload.cjs'),
      openExternal,
      !app.isPackaged,
    );
    const remember = (): void => {
      void saveBounds(stateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() }).catch(
        (err: unknown) => log.warn('window state not saved', err),
      );
    };
    window.on('close', (event) => {
      remember();
      // Kept in the tray: backups and reminders go on in the hidden window.
      if (tray && hidesOnClose({ platform: process.platform, closeToTray: settings.closeToTray, quitting })) {
        event.preventDefault();
        window.hide();
      }
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    window.webContents.on('context-menu', (_event, params) => {
      const template = contextMenuTemplate(params, language);
      if (template.length > 0) Menu.buildFromTemplate(template).popup({ window });
    });
    window.webContents.on('render-process-gone', (_event, details) =>
      log.error('renderer gone', { reason: details.reason }),
    );
    mainWindow = window;
    return window;
  };

  /** Brings the window forward, opening it again if it was closed (macOS keeps the app alive). */
  function showWindow(): void {
    if (!mainWindow) {
      if (app.isReady()) void openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  }

  // Deep links: in this instance's arguments at launch, a second instance's arguments (Windows,
  // Linux) or `open-url` (macOS). The installers register the scheme; a development run does
  // not touch the OS's handlers.
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  deepLinks.receiveArgv(process.argv);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deepLinks.receive(url);
    showWindow();
  });
  app.on('second-instance', (_event, argv) => {
    deepLinks.receiveArgv(argv);
    showWindow();
  });
  guardEveryWebContents(app);
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => showWindow());
  // A backup on quit: the renderer is asked first and answers `app:quit-ready` when done.
  const quitHandshake = createQuitHandshake({
    notifyRenderer: () => {
      if (!mainWindow || mainWindow.isDestroyed()) return false;
      send('app:before-quit', {});
      return true;
    },
    quit: () => app.quit(),
  });
  app.on('before-quit', (event) => {
    quitting = true;
    quitHandshake.onBeforeQuit(event);
  });
  // The office relay closes its connections and flushes LevelDB before the process ends.
  app.on('will-quit', (event) => {
    if (!relayHost.running()) return;
    event.preventDefault();
    void relayHost
      .stop()
      .catch((err: unknown) => log.error('relay stop failed', err))
      .finally(() => app.exit(0));
  });

  void app
    .whenReady()
    .then(async () => {
      applySessionPolicy(session.defaultSession);
      serveRenderer(protocol, path.join(__dirname, '../renderer'));
      settings = await loadShellSettings(settingsFile);
      registerHostIpc(
        ipcMain,
        createHostHandlers({
          grants: new FolderGrants(path.join(userData, 'granted-folders.json')),
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
          screenLocked: () => screenLocked,
          printToPdf: async (document, lang) => {
            const window = mainWindow;
            if (!window) return false;
            return printToPdfFile({
              contents: window.webContents,
              document,
              chooseFile: async (name) => {
                const result = await dialog.showSaveDialog(window, {
                  title: translate(lang, 'desktop.pdfSaveTitle'),
                  defaultPath: path.join(app.getPath('documents'), name),
                  filters: [{ name: 'PDF', extensions: ['pdf'] }],
                });
                return result.canceled || !result.filePath ? null : result.filePath;
              },
            });
          },
          takeDeepLink: () => deepLinks.take(),
          relay: relayHost,
          setMenuLanguage: (next) => {
            language = next;
            setMenu();
          },
          setMenuEnabled: (next) => {
            enabled = next;
            applyMenuEnabled(Menu.getApplicationMenu(), enabled);
            setTray();
          },
        }),
      );
      tray = new Tray(nativeImage.createFromPath(path.join(__dirname, 'tray.png')));
      tray.setToolTip('Scrigno');
      tray.on('click', () => showWindow());
      // Kept on the main process's global so a debugger (and the real-Electron suite) can find
      // it; the sandboxed renderer has no way to reach main-process globals.
      (globalThis as { scrignoTray?: TrayType }).scrignoTray = tray;
      setMenu();
      await openWindow();
      powerMonitor.on('suspend', () => send('system:lock', { reason: 'suspend' }));
      powerMonitor.on('lock-screen', () => {
        screenLocked = true;
        send('system:lock', { reason: 'screen-lock' });
      });
      powerMonitor.on('unlock-screen', () => (screenLocked = false));
    })
    .catch((err: unknown) => {
      // A shell that cannot start must say so rather than linger invisibly.
      log.error('startup failed', err);
      dialog.showErrorBox('Scrigno', err instanceof Error ? err.name : 'startup failed');
      app.quit();
    });
}
