import { useCallback } from 'react';
import { useHost } from '../../session/host-context';
import { useWorkspace } from '../../session/workspace';
import { runBackup, type BackupOutcome } from './engine';
import { readBackupSettings, writeBackupSettings } from './settings';
import { failureCode, getBackupStatus, setBackupStatus } from './status';

/**
 * Runs one backup with status reporting; refuses to start a second one concurrently. Returns
 * the outcome, or null when it failed (the failure is in the status and in the settings).
 */
export function useRunBackup(): () => Promise<BackupOutcome | null> {
  const workspace = useWorkspace();
  const host = useHost();
  return useCallback(async () => {
    if (getBackupStatus().running) return null;
    const settings = readBackupSettings(workspace);
    if (!settings.folderId) return null;
    setBackupStatus({ running: 'collect' });
    try {
      const folder = await host.invoke('folder:status', { folderId: settings.folderId });
      if (!folder.available) {
        setBackupStatus({ folderMissing: true, failure: 'folder-missing' });
        await writeBackupSettings(workspace, {
          lastFailure: { at: new Date().toISOString(), code: 'folder-missing' },
        });
        return null;
      }
      const outcome = await runBackup(workspace, host, settings, await workspace.vault.exportKeySlots(), {
        onStep: (step) => setBackupStatus({ running: step }),
      });
      await writeBackupSettings(workspace, {
        lastSuccess: {
          at: new Date().toISOString(),
          name: outcome.name,
          sha256: outcome.sha256,
          generation: outcome.generation,
        },
        lastFailure: null,
        ...(outcome.ledgerRepair
          ? { ledgerRepair: { at: new Date().toISOString(), reason: outcome.ledgerRepair } }
          : {}),
      });
      setBackupStatus({ folderMissing: false, failure: null });
      return outcome;
    } catch (error) {
      const code = failureCode(error);
      setBackupStatus({ failure: code, folderMissing: code === 'folder-missing' });
      await writeBackupSettings(workspace, { lastFailure: { at: new Date().toISOString(), code } }).catch(
        () => undefined,
      );
      return null;
    } finally {
      setBackupStatus({ running: null });
    }
  }, [workspace, host]);
}
