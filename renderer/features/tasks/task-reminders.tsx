import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import type { Task } from '../../../shared/domain';
import { useHost } from '../../session/host-context';
import { getPreferences } from '../../session/preferences';
import { effectiveLanguage } from '../../ui/i18n';
import { useWorkspace } from '../../session/workspace';
import { reminderNotification, ReminderWatcher } from './reminders';

/** How often due reminders are looked for while the vault is open. */
export const reminderCheckMs = 30_000;
/** Reminders shown one toast each; any beyond get one summary toast. */
const toastsPerCheck = 3;
/** How long a reminder toast stays: long enough to read and act on, short enough not to linger. */
const reminderToastMs = 10_000;

// One watcher for the page's lifetime, so a reminder shown before a lock is not shown again after.
let watcher: ReminderWatcher | null = null;
// Mounted instances' delivery; the newest shows the reminders, so mounting twice is harmless.
const deliverers: Array<(due: readonly Task[]) => void> = [];

/**
 * Watches task reminders while mounted (mount it once in the unlocked app): checks at mount,
 * whenever tasks change, and every 30 s. Each due reminder gives an in-app toast with the task
 * title and one system notification per check that carries only the count.
 */
export function TaskReminders() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const host = useHost();
  const { model, read } = useWorkspace();

  useEffect(() => {
    const deliver = (due: readonly Task[]): void => {
      for (const task of due.slice(0, toastsPerCheck)) {
        // A title may name someone: gone after a few seconds (and at lock, see the app root).
        toast.info(t('tasks.reminderToast', { title: task.title }), {
          duration: reminderToastMs,
          action: { label: t('tasks.openTask'), onClick: () => void navigate(`/tasks/${task.id}`) },
        });
      }
      if (due.length > toastsPerCheck) {
        toast.info(t('tasks.moreReminders', { count: due.length - toastsPerCheck }), { duration: Infinity });
      }
      // WARNING: the system notification outlives the vault (OS notification history): the
      // count, and a title only if the user allowed it.
      host
        .invoke(
          'notification:reminders',
          reminderNotification(due, getPreferences().notificationTitles, effectiveLanguage()),
        )
        .catch(() => undefined);
    };
    deliverers.push(deliver);
    watcher ??= new ReminderWatcher((due) => deliverers.at(-1)?.(due));
    // Through the `reminders.due` read command: tasks about a restricted person stay silent.
    const check = (): void =>
      void watcher?.check(read('reminders.due', 'tasks', model.list('tasks')).records, Date.now());
    check();
    const timer = setInterval(check, reminderCheckMs);
    const unsubscribe = model.subscribe(
      (table) => (table === 'tasks' || table === 'restrictions') && check(),
    );
    return () => {
      clearInterval(timer);
      unsubscribe();
      deliverers.splice(deliverers.indexOf(deliver), 1);
    };
  }, [model, read, host, navigate, t]);

  return null;
}
