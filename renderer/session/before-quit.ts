import { useEffect } from 'react';
import type { HostClient } from '../../shared/host/contract';

const tasks = new Set<() => Promise<unknown>>();

/** Adds work to finish before the app quits (a backup on quit); returns the remover. */
export function registerBeforeQuit(task: () => Promise<unknown>): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}

/**
 * Answers the shell's before-quit event: runs the registered work (failures do not keep the
 * app open), then tells the shell it may quit.
 */
export function useQuitHandshake(host: HostClient): void {
  useEffect(
    () =>
      host.on('app:before-quit', () => {
        void Promise.allSettled([...tasks].map((task) => task())).then(() =>
          host.invoke('app:quit-ready', {}).catch(() => undefined),
        );
      }),
    [host],
  );
}
