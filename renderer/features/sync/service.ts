import { useSyncExternalStore } from 'react';
import { relayPairingTransport } from '../../sync';
import { SyncService, type SyncSettings, type SyncStatus } from '../../session/sync-service';
import { useWorkspace, type Workspace } from '../../session/workspace';

const services = new WeakMap<Workspace, SyncService>();

/** The sync service of an unlocked vault: one per workspace, gone with it at lock. */
export function syncServiceOf(workspace: Workspace): SyncService {
  let service = services.get(workspace);
  if (!service) {
    service = new SyncService({
      store: {
        read: (id) => workspace.model.get('settings', id),
        write: async (id, data) => {
          await workspace.vault.put('settings', id, data);
          workspace.model.upsert([{ table: 'settings', id, data }]);
        },
      },
      transport: relayPairingTransport(),
      workspace,
    });
    services.set(workspace, service);
  }
  return service;
}

/** The current workspace's sync service. */
export function useSyncService(): SyncService {
  return syncServiceOf(useWorkspace());
}

/** Re-renders on every change of status or settings. */
export function useSyncState(service: SyncService): { status: SyncStatus; settings: SyncSettings | null } {
  useSyncExternalStore(
    (onChange) => service.subscribe(onChange),
    () => service.revision,
  );
  return { status: service.status, settings: service.settings };
}
