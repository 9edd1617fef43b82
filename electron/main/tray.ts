import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommandId } from '../../shared/commands/catalog';
import { translate, type Language } from '../../shared/i18n';
import type { MenuEnabled } from './menu';

/** What the tray menu's items do, given by the entry point (and by tests). */
export interface TrayActions {
  /** Shows and focuses the window (creating it again if it was closed). */
  open(): void;
  /** Runs a command in the page, as the application menu does. */
  runCommand(id: MenuCommandId): void;
  setCloseToTray(on: boolean): void;
  quit(): void;
}

/** The commands the tray offers; each follows the menu's enabled state (greyed while locked). */
export const trayCommands = {
  lock: 'vault.lock',
  person: 'contacts.create',
  task: 'tasks.create',
  activity: 'activities.log',
} as const satisfies Record<string, MenuCommandId>;

/**
 * The tray (menu bar on macOS) menu: Open, Quick add (person, task, activity), Lock now, the
 * close-to-tray setting (Windows and Linux: on macOS closing the window never quits) and Quit.
 * A command item first brings the window forward, so its form is seen.
 */
export function trayMenuTemplate(
  language: Language,
  actions: TrayActions,
  state: { enabled: MenuEnabled; closeToTray: boolean },
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const t = (key: string): string => translate(language, `desktop.${key}`);
  const command = (id: MenuCommandId, label: string): MenuItemConstructorOptions => ({
    id: `tray.${id}`,
    label,
    enabled: state.enabled[id],
    click: () => {
      actions.open();
      actions.runCommand(id);
    },
  });
  return [
    { id: 'tray.open', label: t('trayOpen'), click: () => actions.open() },
    { type: 'separator' },
    {
      label: t('trayQuickAdd'),
      submenu: [
        command(trayCommands.person, t('trayNewPerson')),
        command(trayCommands.task, t('trayNewTask')),
        command(trayCommands.activity, t('trayLogActivity')),
      ],
    },
    // Locking needs no window: the vault locks where it is.
    {
      id: `tray.${trayCommands.lock}`,
      label: t('trayLock'),
      enabled: state.enabled[trayCommands.lock],
      click: () => actions.runCommand(trayCommands.lock),
    },
    { type: 'separator' },
    ...(platform === 'darwin'
      ? []
      : [
          {
            id: 'tray.close-to-tray',
            label: t('trayKeepRunning'),
            type: 'checkbox' as const,
            checked: state.closeToTray,
            click: (item: { checked: boolean }) => actions.setCloseToTray(item.checked),
          },
          { type: 'separator' as const },
        ]),
    { id: 'tray.quit', label: translate(language, 'menu.quit'), click: () => actions.quit() },
  ];
}

/**
 * Whether closing the window hides it instead (the app stays in the tray, backups and reminders
 * go on): on Windows and Linux with the setting on, unless the app is quitting.
 */
export function hidesOnClose(options: {
  platform: NodeJS.Platform;
  closeToTray: boolean;
  quitting: boolean;
}): boolean {
  return options.platform !== 'darwin' && options.closeToTray && !options.quitting;
}
