import { useEffect } from 'react';
import type { HostClient } from '../../shared/host/contract';

const tasks = new Set<() => Promise<unknown>>();

/** Adds work to finish before the app quits (a backup on quit); returns the remover. */
export function registerBeforeQuit(task: () => Promise<unknown>): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}

/** Runs every registered task; failures do not keep the app open. */
export async function runBeforeQuit(): Promise<void> {
  await Promise.allSettled([...tasks].map((task) => task()));
}

/**
 * Answers the shell's before-quit event: runs the registered work, then tells the shell it may
 * quit. Returns the unsubscribe.
 */
export function answerBeforeQuit(host: HostClient): () => void {
  return host.on('app:before-quit', () => {
    void runBeforeQuit().then(() => host.invoke('app:quit-ready', {}).catch(() => undefined));
  });
}

/** `answerBeforeQuit` for the app's lifetime. */
export function useQuitHandshake(host: HostClient): void {
  useEffect(() => answerBeforeQuit(host), [host]);
}

/** Longest wait for a running sync to send its last changes when the app quits. */
export const SYNC_QUIT_FLUSH_MS = 15_000;

/** What the quit flush needs from sync, and what it tells the user. */
export interface QuitFlush {
  /** Whether sync is running with changes not yet sent. */
  readonly flushing: boolean;
  flush(): Promise<void>;
  /** Shown while the app waits ("Sending the last changes…"). */
  waiting(): void;
  /** Shown when the wait ended without the changes sent; they go out next time. */
  notSent(): void;
  /** Injectable timer (tests). */
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly boundMs?: number;
}

/**
 * Registers the sync flush as before-quit work: when sync has changes to send, the app waits for
 * them, at most `boundMs`, telling the user; a failed or overlong flush lets the app quit (the
 * changes stay queued in the vault and go out on the next start).
 */
export function registerSyncFlushOnQuit(sync: QuitFlush): () => void {
  return registerBeforeQuit(async () => {
    if (!sync.flushing) return;
    sync.waiting();
    const bound = new Promise<'timeout'>((resolve) =>
      (sync.setTimer ?? setTimeout)(() => resolve('timeout'), sync.boundMs ?? SYNC_QUIT_FLUSH_MS),
    );
    const outcome = await Promise.race([
      sync.flush().then(
        () => 'sent' as const,
        () => 'failed' as const,
      ),
      bound,
    ]);
    if (outcome !== 'sent') sync.notSent();
  });
}
