import { useEffect } from 'react';
import type { Workspace } from '../session/workspace';

const CHECK_EVERY_MS = 120_000;
/** Single-edit rows (and small packs) worth folding into packs: cold open pays per row. */
const COMPACT_ABOVE = 50;

/**
 * Folds the vault's small write rows into packs while the user is idle, so the next unlock
 * stays fast. Runs at most once per check and never while the page is hidden mid-work.
 */
export function useIdleCompaction(workspace: Workspace): void {
  useEffect(() => {
    let last = Date.now();
    const mark = (): void => void (last = Date.now());
    window.addEventListener('keydown', mark, { capture: true });
    window.addEventListener('pointerdown', mark, { capture: true });
    const timer = setInterval(() => {
      if (Date.now() - last < CHECK_EVERY_MS) return;
      void workspace.vault
        .overlaySize()
        .then((rows) => (rows > COMPACT_ABOVE ? workspace.vault.compact() : 0))
        .catch(() => undefined);
    }, CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      window.removeEventListener('keydown', mark, { capture: true });
      window.removeEventListener('pointerdown', mark, { capture: true });
    };
  }, [workspace]);
}
