import type { MenuItemConstructorOptions } from 'electron';
import {
  commandCatalog,
  menuCommandIds,
  type CommandDeclaration,
  type MenuCommandId,
  type MenuSection,
} from '../../shared/commands/catalog';
import { translate, type Language } from '../../shared/i18n';

const order: readonly MenuSection[] = ['file', 'view', 'go', 'help'];

/** Which menu commands can act now, as the renderer last said (`menu:set-enabled`). */
export type MenuEnabled = Readonly<Record<MenuCommandId, boolean>>;

/** Until the renderer reports (and while the vault is locked) no command item can act. */
export const nothingEnabled: MenuEnabled = Object.fromEntries(
  menuCommandIds.map((id) => [id, false]),
) as Record<MenuCommandId, boolean>;

/**
 * Builds the application menu from the command catalog: one item per declared menu command,
 * labelled in the current language and enabled as the renderer last reported; choosing it asks
 * the renderer to run the command.
 */
export function buildMenuTemplate(
  language: Language,
  runCommand: (commandId: MenuCommandId) => void,
  platform: NodeJS.Platform = process.platform,
  enabled: MenuEnabled = nothingEnabled,
  /** Shell-owned items: Help → "Export diagnostic report…" where the shell can save one. */
  extras: { exportDiagnostics?: () => void } = {},
): MenuItemConstructorOptions[] {
  const t = (key: string): string => translate(language, key);
  const template: MenuItemConstructorOptions[] = order.map((section) => {
    const submenu: MenuItemConstructorOptions[] = commandCatalog
      .filter((c): c is CommandDeclaration & { id: MenuCommandId } => c.menu === section)
      .map((c) => ({
        id: c.id,
        label: t(c.labelKey),
        accelerator: c.shortcut?.replace('Mod', 'CmdOrCtrl'),
        enabled: enabled[c.id],
        click: () => runCommand(c.id),
      }));
    if (section === 'file') submenu.push({ type: 'separator' }, { role: 'quit', label: t('menu.quit') });
    if (section === 'view') submenu.push({ type: 'separator' }, { role: 'togglefullscreen' });
    if (section === 'help' && extras.exportDiagnostics) {
      submenu.push(
        { type: 'separator' },
        { id: 'app.export-diagnostics', label: t('menu.exportDiagnostics'), click: extras.exportDiagnostics },
      );
    }
    return { label: t(`menu.${section}`), submenu };
  });
  // Copy and paste only work in text fields on macOS if an Edit menu with these roles exists.
  template.splice(1, 0, {
    label: t('menu.edit'),
    submenu: [
      { role: 'undo', label: t('menu.undo') },
      { role: 'redo', label: t('menu.redo') },
      { type: 'separator' },
      { role: 'cut', label: t('menu.cut') },
      { role: 'copy', label: t('menu.copy') },
      { role: 'paste', label: t('menu.paste') },
      { role: 'selectAll', label: t('menu.selectAll') },
    ],
  });
  if (platform === 'darwin') template.unshift({ role: 'appMenu' });
  return template;
}

/** The part of Electron's `Menu` that `applyMenuEnabled` uses. */
export interface MenuWithItems {
  getMenuItemById(id: string): { enabled: boolean } | null;
}

/**
 * Sets `enabled` on the menu's command items in place (no rebuild, so an open menu stays
 * open); does nothing without a menu.
 */
export function applyMenuEnabled(menu: MenuWithItems | null, enabled: MenuEnabled): void {
  if (!menu) return;
  for (const id of menuCommandIds) {
    const item = menu.getMenuItemById(id);
    if (item) item.enabled = enabled[id];
  }
}
