import type { MenuItemConstructorOptions } from 'electron';
import { commandCatalog, type MenuSection } from '../../shared/commands/catalog';
import { translate, type Language } from '../../shared/i18n';

const order: readonly MenuSection[] = ['file', 'view', 'go', 'help'];

/**
 * Builds the application menu from the command catalog: one item per declared command,
 * labelled in the current language; choosing it asks the renderer to run the command.
 */
export function buildMenuTemplate(
  language: Language,
  runCommand: (commandId: string) => void,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const t = (key: string): string => translate(language, key);
  const template: MenuItemConstructorOptions[] = order.map((section) => {
    const submenu: MenuItemConstructorOptions[] = commandCatalog
      .filter((c) => c.menu === section)
      .map((c) => ({
        id: c.id,
        label: t(c.labelKey),
        accelerator: c.shortcut?.replace('Mod', 'CmdOrCtrl'),
        click: () => runCommand(c.id),
      }));
    if (section === 'file') submenu.push({ type: 'separator' }, { role: 'quit', label: t('menu.quit') });
    if (section === 'view') submenu.push({ type: 'separator' }, { role: 'togglefullscreen' });
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
