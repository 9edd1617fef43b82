import { deepLinkRoute } from '../../shared/host/deep-link';
import type { HostClient, HostInput } from '../../shared/host/contract';
import { effectiveLanguage } from './i18n';

/**
 * Opens the record each deep link names (`scrigno://person/<id>` → its page), taking the one
 * waiting now and each one announced later. The host holds links until taken, and the shell
 * only calls this once the vault is unlocked, so a link that arrived while locked opens after
 * unlock. A link only ever navigates: it cannot run a command. Returns the unsubscribe.
 */
export function followDeepLinks(host: HostClient, navigate: (to: string) => void): () => void {
  const take = (): void =>
    void host
      .invoke('deep-link:take', {})
      .then(({ link }) => link && navigate(deepLinkRoute(link)))
      .catch(() => undefined);
  take();
  return host.on('deep-link:available', take);
}

/** What the page at `hash` prints as, for the PDF's suggested file name. */
export function printDocumentFor(hash: string): HostInput<'print:pdf'>['document'] {
  if (/^#\/contacts\/[0-9a-f]{32}(\/|$|\?)/.test(hash)) return 'person-card';
  return 'page';
}

/**
 * Prints the page shown: in the desktop app an A4 PDF saved where the user chooses (through
 * the host), in the web mode the browser's print dialog. The print stylesheet hides the app's
 * frame either way.
 */
export function printPage(
  host: HostClient,
  hash: string,
  done: (saved: boolean) => void,
  failed: (error: unknown) => void,
  print: () => void = () => window.print(),
): void {
  if (host.transport === 'web') return print();
  host
    .invoke('print:pdf', { document: printDocumentFor(hash), language: effectiveLanguage() })
    .then(({ saved }) => done(saved))
    .catch(failed);
}

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
