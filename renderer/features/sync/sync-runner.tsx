import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { registerSyncFlushOnQuit } from '../../session/before-quit';
import { onBeforeLock } from '../../session/session';
import { useSyncService } from './service';

/**
 * Mounted by the shell while the vault is open: starts sync if it is on here, stops it at lock
 * (the keys go with the workspace), and makes quitting wait for a running sync to send its last
 * changes, within a bound, saying so.
 */
export function SyncRunner() {
  const { t } = useTranslation();
  const service = useSyncService();

  useEffect(() => {
    void service.start();
    // Stops before the vault locks (its last round still has the keys), and again on unmount.
    const unlock = onBeforeLock(() => void service.dispose());
    return () => {
      unlock();
      void service.dispose();
    };
  }, [service]);

  useEffect(
    () =>
      registerSyncFlushOnQuit({
        get flushing() {
          return service.flushing;
        },
        flush: () => service.flush(),
        waiting: () => void toast.loading(t('sync.quit.waiting'), { id: 'sync-quit' }),
        notSent: () => void toast.warning(t('sync.quit.notSent'), { id: 'sync-quit' }),
      }),
    [service, t],
  );
  return null;
}
