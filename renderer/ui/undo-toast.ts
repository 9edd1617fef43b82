import type { TFunction } from 'i18next';
import { toast } from 'sonner';
import type { Repository } from '../vault';

/**
 * Confirms a command with a toast whose Undo reverses exactly that command (by its token), and
 * only while nothing newer was done; otherwise the button says there is nothing to undo.
 */
export function toastWithUndo(repo: Repository, token: number, message: string, t: TFunction): void {
  toast.success(message, {
    action: {
      label: t('crm.undo'),
      onClick: () =>
        void repo
          .undo(token)
          .then((undone) => (undone ? toast.success(t('crm.undone')) : toast.info(t('crm.nothingToUndo')))),
    },
  });
}
