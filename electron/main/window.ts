import type {
  App,
  BrowserWindow as BrowserWindowType,
  BrowserWindowConstructorOptions,
  Session,
  WebContents,
} from 'electron';
import { BrowserWindow } from 'electron';
import { APP_ORIGIN, APP_URL } from './protocol';
import type { WindowBounds } from './window-state';

/**
 * The renderer's web preferences: sandboxed, isolated, no Node, nothing loosened. DevTools only
 * in development (`npm start`); a packaged build has none.
 */
export function secureWebPreferences(
  preloadPath: string,
  devTools = false,
): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload: preloadPath,
    devTools,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/**
 * Session-wide policy: every permission request and check is denied (the CRM needs no camera,
 * location or notifications permission from Chromium), and the renderer may not reach the
 * network at all: only the app scheme and in-memory URLs load.
 */
export function applySessionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = /^(app:\/\/scrigno\/|blob:|data:|devtools:)/.test(details.url);
    callback({ cancel: !allowed });
  });
}

/** Denies navigation away from the app, new windows and webviews for one web contents. */
export function applyContentsPolicy(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links go through the allow-listed host channel; a stray window.open is never honoured,
    // but an allow-listed https link is handed to the system browser.
    openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * The app-wide guard: no web contents of any kind (the main window, a devtools pane, anything a
 * future dependency creates) may attach a webview.
 */
export function guardEveryWebContents(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** Creates the one main window at the remembered bounds; DevTools only when `devTools`. */
export function createMainWindow(
  bounds: WindowBounds,
  preloadPath: string,
  openExternal: (url: string) => void,
  devTools = false,
): BrowserWindowType {
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Scrigno',
    backgroundColor: '#f7f6f3',
    webPreferences: secureWebPreferences(preloadPath, devTools),
  });
  applyContentsPolicy(window.webContents, openExternal);
  if (bounds.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}
