import type { HostClient, HostInput } from '../../../shared/host/contract';
import { effectiveLanguage } from '../../ui/i18n';

/** A backup problem worth a system notification (a fixed sentence: no folder name, no path). */
export type BackupProblem = HostInput<'notification:backup'>['problem'];

/** Failure codes that mean a written backup did not pass its check. */
const verificationFailures = new Set([
  'backup-corrupt',
  'backup-truncated',
  'backup-foreign',
  'corrupt',
  'truncated',
]);

/** The backup problem to notify for, from the backup status; null when there is none. */
export function backupProblem(state: {
  folderMissing: boolean;
  failure: string | null;
  overdue: boolean;
}): BackupProblem | null {
  if (state.folderMissing) return 'folder-missing';
  if (state.failure !== null && verificationFailures.has(state.failure)) return 'verification-failed';
  return state.overdue ? 'overdue' : null;
}

/**
 * Creates the notifier that tells the OS about a backup problem once when it appears, not on
 * every check while it lasts; a problem that clears and returns is told again.
 */
export function backupNotifier(host: HostClient): (problem: BackupProblem | null) => void {
  let last: BackupProblem | null = null;
  return (problem) => {
    if (problem !== null && problem !== last) {
      host.invoke('notification:backup', { problem, language: effectiveLanguage() }).catch(() => undefined);
    }
    last = problem;
  };
}
