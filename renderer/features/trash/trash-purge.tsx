import { useEffect } from 'react';
import { useHost } from '../../session/host-context';
import { useWorkspace, type Workspace } from '../../session/workspace';
import { completePendingErasures, erasePerson } from '../rights';
import { purgeTrash } from './purge-trash';

/** How long after the app is shown the purge starts: unlock and the first screen come first. */
export const purgeDelayMs = 2_000;

// Each workspace (one per unlock) is purged once, however often the shell mounts.
const purged = new WeakSet<Workspace>();

/**
 * Purges the trash once per unlock, shortly after the app is shown (mount it once in the
 * unlocked app), after completing erasures whose backup key ledger could not be written when they
 * ran (this is the maintenance that finishes them; the next backup does too). Renders nothing.
 */
export function TrashPurge() {
  const workspace = useWorkspace();
  const host = useHost();
  useEffect(() => {
    if (purged.has(workspace)) return;
    const timer = setTimeout(() => {
      purged.add(workspace);
      // A failure (the vault locked meanwhile, a full disk) leaves everything due: the next
      // unlock tries again.
      // A person purged from the trash is erased (keys destroyed in the vault and the backups'
      // key ledger). Erasures whose ledger was pending (folder unreachable) are completed first.
      const erase = (personId: string) =>
        erasePerson(workspace, host, personId, { suppress: false, cause: 'trash-purge' });
      void completePendingErasures(workspace, host)
        .catch(() => 0)
        .then(() => purgeTrash({ ...workspace, erasePerson: erase }))
        .catch(() => undefined);
    }, purgeDelayMs);
    return () => clearTimeout(timer);
  }, [workspace, host]);
  return null;
}
