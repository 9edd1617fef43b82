import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { BackupEntry } from '../../../shared/host/contract';
import { useHost } from '../../session/host-context';
import { useLocale } from '../../ui/i18n';
import { getSession, reloadWorkspace } from '../../session/session';
import { Dialog } from '../../ui/dialog';
import { useWorkspace } from '../../session/workspace';
import { loadBackupKeys } from './backup-keys';
import { openForRestore, type RestorableBackup } from './engine';
import { replaceWithBackup } from './restore';
import { failureCode } from './status';
import { useRunBackup } from './use-backup';

/**
 * Restore, in two steps: first the backup is opened and its content shown (date, counts,
 * people whose data was erased since), with nothing changed; then, on confirmation, a safety
 * backup of the current state is made and only if it succeeded the records are replaced.
 */
export function RestoreDialog(props: { folderId: string; entry: BackupEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const workspace = useWorkspace();
  const host = useHost();
  const runBackup = useRunBackup();
  const [opened, setOpened] = useState<RestorableBackup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    // The vault's own copy of the subject keys opens the backup even when the ledger is gone.
    loadBackupKeys(workspace)
      .then((own) =>
        openForRestore(
          host,
          props.folderId,
          props.entry.name,
          workspace.vault.purposeKey('backups'),
          workspace.vault.vaultId,
          own,
        ),
      )
      .then(
        (o) => live && setOpened(o),
        (e: unknown) => live && setError(failureCode(e)),
      );
    return () => {
      live = false;
    };
  }, [host, props.folderId, props.entry.name, workspace]);

  const restore = async (): Promise<void> => {
    if (!opened) return;
    setBusy(true);
    const safety = await runBackup();
    if (!safety) {
      setBusy(false);
      return setError('safety-backup-failed');
    }
    await replaceWithBackup(workspace, opened);
    await reloadWorkspace();
    const session = getSession();
    if (session.status === 'unlocked') await session.workspace.repo.logCommand('backups.restore');
    toast.success(t('backups.restored'));
    props.onClose();
  };

  const counts = opened?.opened.counts ?? {};
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()} title={t('backups.restoreTitle')}>
      {error ? (
        <p role="alert" className="form-error">
          {t(`backups.errors.${error}`, { defaultValue: t('backups.errors.unknown') })}
        </p>
      ) : !opened ? (
        <p>{t('backups.opening')}</p>
      ) : (
        <>
          <p>
            {t('backups.restoreFrom', {
              when: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(
                new Date(opened.opened.header.createdAt),
              ),
            })}
          </p>
          <ul data-testid="restore-counts">
            {(['people', 'organizations', 'deals', 'activities', 'tasks'] as const).map((table) => (
              <li key={table}>{t(`backups.counts.${table}`, { count: counts[table] ?? 0 })}</li>
            ))}
          </ul>
          {opened.opened.droppedErased > 0 && (
            <p className="muted">{t('backups.erasedLeftOut', { count: opened.opened.droppedErased })}</p>
          )}
          {opened.missingKeys > 0 && (
            <p role="alert" className="banner warning">
              {t('backups.missingKeys', { count: opened.missingKeys })}
            </p>
          )}
          <p className="banner warning">{t('backups.replaceWarning')}</p>
        </>
      )}
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!opened || opened.missingKeys > 0 || busy || !!error}
          onClick={() => void restore()}
        >
          {busy ? t('backups.restoring') : t('backups.replace')}
        </button>
      </div>
    </Dialog>
  );
}
