/** Longest wait for the renderer's before-quit work (a backup of a large vault) before quitting. */
export const QUIT_GRACE_MS = 120_000;

/**
 * Holds the first quit until the renderer says it is done (or the grace period ends), so a
 * backup on quit can finish. The second quit goes through.
 */
export function createQuitHandshake(options: {
  notifyRenderer: () => boolean;
  quit: () => void;
  graceMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}): { onBeforeQuit(event: { preventDefault(): void }): void; ready(): void } {
  let state: 'running' | 'waiting' | 'done' = 'running';
  const finish = (): void => {
    if (state !== 'waiting') return;
    state = 'done';
    options.quit();
  };
  return {
    onBeforeQuit(event) {
      if (state === 'done') return;
      if (state === 'waiting') return event.preventDefault();
      // No window to ask: nothing to wait for.
      if (!options.notifyRenderer()) {
        state = 'done';
        return;
      }
      event.preventDefault();
      state = 'waiting';
      (options.setTimer ?? setTimeout)(finish, options.graceMs ?? QUIT_GRACE_MS);
    },
    ready: finish,
  };
}
