import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import { translate, type Language } from '../../shared/i18n';

/**
 * The native context menu for a right-click in the page: cut, copy, paste and select all in a
 * text field (each enabled as the field allows), copy on selected text, nothing elsewhere.
 * Spelling suggestions are never offered: the spell checker is off, so field contents are not
 * sent to a dictionary service.
 */
export function contextMenuTemplate(
  params: Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags'>,
  language: Language,
): MenuItemConstructorOptions[] {
  const t = (key: string): string => translate(language, key);
  if (params.isEditable) {
    return [
      { role: 'cut', label: t('menu.cut'), enabled: params.editFlags.canCut },
      { role: 'copy', label: t('menu.copy'), enabled: params.editFlags.canCopy },
      { role: 'paste', label: t('menu.paste'), enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', label: t('menu.selectAll'), enabled: params.editFlags.canSelectAll },
    ];
  }
  if (params.selectionText.trim() !== '') return [{ role: 'copy', label: t('menu.copy') }];
  return [];
}
