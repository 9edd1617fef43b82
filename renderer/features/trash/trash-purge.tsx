import { useEffect } from 'react';
import { useWorkspace, type Workspace } from '../../session/workspace';
import { purgeTrash } from './purge-trash';

/** How long after the app is shown the purge starts: unlock and the first screen come first. */
export const purgeDelayMs = 2_000;

// Each workspace (one per unlock) is purged once, however often the shell mounts.
const purged = new WeakSet<Workspace>();

/**
 * Purges the trash once per unlock, shortly after the app is shown (mount it once in the
 * unlocked app). Renders nothing.
 */
export function TrashPurge() {
  const workspace = useWorkspace();
  useEffect(() => {
    if (purged.has(workspace)) return;
    const timer = setTimeout(() => {
      purged.add(workspace);
      // A failure (the vault locked meanwhile, a full disk) leaves everything due: the next
      // unlock tries again.
      void purgeTrash(workspace).catch(() => undefined);
    }, purgeDelayMs);
    return () => clearTimeout(timer);
  }, [workspace]);
  return null;
}
