import { useEffect } from 'react';
import type { HostClient } from '../../shared/host/contract';
import { lock } from '../session/session';

const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the vault after `minutes` without user activity, and at once when the host reports
 * that the computer is suspending or the screen was locked.
 */
export function useAutoLock(host: HostClient, minutes: number): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => lock('idle'), minutes * 60_000);
    };
    const onActivity = (): void => {
      // Pointer moves arrive by the hundred: re-arm at most once a second.
      const now = Date.now();
      if (now - last < 1000) return;
      last = now;
      arm();
    };
    arm();
    for (const e of activityEvents) window.addEventListener(e, onActivity, { passive: true, capture: true });
    const offSystem = host.on('system:lock', () => lock('system'));
    return () => {
      clearTimeout(timer);
      for (const e of activityEvents) window.removeEventListener(e, onActivity, { capture: true });
      offSystem();
    };
  }, [host, minutes]);
}
