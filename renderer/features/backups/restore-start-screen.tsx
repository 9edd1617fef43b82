import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dedupeKeys, type Organization, type Person } from '../../../shared/domain';
import type { BackupEntry } from '../../../shared/host/contract';
import { useHost } from '../../session/host-context';
import { useLocale } from '../../ui/i18n';
import { cancelRestore, createNewVault } from '../../session/session';
import { useHostErrorToast } from '../../ui/host-error-toast';
import { openKeySlots, isVaultError, type PutItem } from '../../vault';
import { readBackupHeader } from '../../backup';
import { openForRestore, type RestorableBackup } from './engine';
import { failureCode } from './status';

/**
 * First run on a new computer: choose the backup folder, pick a backup, open it with the
 * passphrase or the recovery key, see what it holds, then restore it into a new vault (erased
 * people stay out). Only the folder and the secret are needed.
 */
export function RestoreStartScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const host = useHost();
  const showHostError = useHostErrorToast();
  const [folderId, setFolderId] = useState<string | null>(null);
  const [backups, setBackups] = useState<BackupEntry[]>([]);
  const [name, setName] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [secret, setSecret] = useState('');
  const [newPassphrase, setNewPassphrase] = useState('');
  const [opened, setOpened] = useState<RestorableBackup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  const chooseFolder = async (): Promise<void> => {
    try {
      const folder = await host.invoke('dialog:choose-folder', { purpose: 'restore' });
      if (!folder) return;
      const listing = await host.invoke('backup:list', { folderId: folder.folderId });
      const sorted = [...listing.backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      setFolderId(folder.folderId);
      setBackups(sorted);
      setName(sorted[0]?.name ?? '');
      setError(sorted.length === 0 ? t('backups.noBackupsThere') : null);
    } catch (e) {
      showHostError(e);
    }
  };

  const open = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!folderId || !name) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await host.invoke('backup:read', { folderId, name });
      const header = await readBackupHeader(data);
      const { vaultId, backupsKey } = await openKeySlots(
        header.keySlots,
        useRecovery ? { recoveryKey: secret } : { passphrase: secret },
      );
      setOpened(await openForRestore(host, folderId, name, backupsKey, vaultId));
    } catch (e) {
      setError(
        isVaultError(e)
          ? t(`vaultErrors.${e.code}`)
          : t(`backups.errors.${failureCode(e)}`, { defaultValue: t('backups.errors.unknown') }),
      );
    } finally {
      setBusy(false);
    }
  };

  const restore = async (): Promise<void> => {
    if (!opened) return;
    setBusy(true);
    try {
      await createNewVault(useRecovery ? newPassphrase : secret, async (vault) => {
        const items: PutItem[] = [];
        for (const r of opened.records) {
          if (r.table === 'settings') continue;
          const blind =
            r.table === 'people' || r.table === 'organizations'
              ? await Promise.all(
                  dedupeKeys(r.data as Person | Organization).map((k) => vault.blindToken(k.kind, k.value)),
                )
              : undefined;
          items.push({ table: r.table, id: r.id, data: r.data, subjectId: r.subjectId, blind });
        }
        await vault.putMany(items);
      });
    } catch (e) {
      setError(isVaultError(e) ? t(`vaultErrors.${e.code}`) : t('backups.errors.unknown'));
      setBusy(false);
    }
  };

  const counts = opened?.opened.counts ?? {};
  return (
    <main className="access" id="main">
      <div className="access-card">
        <h1>{t('backups.restoreStart')}</h1>
        <p>{t('backups.restoreStartBody')}</p>
        <button type="button" className="button secondary" onClick={() => void chooseFolder()}>
          {t('backups.chooseBackupFolder')}
        </button>
        {backups.length > 0 && !opened && (
          <form onSubmit={(e) => void open(e)} autoComplete="off" className="restore-form">
            <label className="field">
              <span>{t('backups.pickBackup')}</span>
              <select value={name} onChange={(e) => setName(e.target.value)}>
                {backups.map((b) => (
                  <option key={b.name} value={b.name}>
                    {when.format(new Date(b.createdAt))}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{useRecovery ? t('access.recoveryKey') : t('backups.secretPassphrase')}</span>
              <input
                type={useRecovery ? 'text' : 'password'}
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
              />
            </label>
            <button type="button" className="link-button" onClick={() => setUseRecovery((v) => !v)}>
              {useRecovery ? t('access.usePassphrase') : t('backups.useRecoveryInstead')}
            </button>
            <button type="submit" className="button" disabled={busy || !secret}>
              {t('backups.openBackup')}
            </button>
          </form>
        )}
        {opened && (
          <>
            <p>{t('backups.restoreFrom', { when: when.format(new Date(opened.opened.header.createdAt)) })}</p>
            <ul data-testid="restore-counts">
              {(['people', 'organizations', 'deals', 'activities', 'tasks'] as const).map((table) => (
                <li key={table}>{t(`backups.counts.${table}`, { count: counts[table] ?? 0 })}</li>
              ))}
            </ul>
            {opened.shredded + opened.opened.droppedErased > 0 && (
              <p className="muted">
                {t('backups.erasedLeftOut', { count: opened.shredded + opened.opened.droppedErased })}
              </p>
            )}
            {useRecovery && (
              <label className="field">
                <span>{t('access.newPassphrase')}</span>
                <input
                  type="password"
                  value={newPassphrase}
                  onChange={(e) => setNewPassphrase(e.target.value)}
                  autoComplete="new-password"
                />
              </label>
            )}
            <p className="muted">{t('backups.newVaultNote')}</p>
            <button type="button" className="button" disabled={busy} onClick={() => void restore()}>
              {busy ? t('backups.restoring') : t('backups.restoreIntoNew')}
            </button>
          </>
        )}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button type="button" className="link-button" onClick={cancelRestore}>
          {t('crm.back')}
        </button>
      </div>
    </main>
  );
}
