import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dedupeKeys, type Organization, type Person } from '../../../shared/domain';
import { useHost } from '../../session/host-context';
import { useLocale } from '../../ui/i18n';
import { cancelRestore, createNewVault } from '../../session/session';
import { useHostErrorToast } from '../../ui/host-error-toast';
import { openKeySlots, isVaultError, sealedFor, type PutItem } from '../../vault';
import { rankBackups, readBackupHeader, type BackupRanking } from '../../backup';
import { checkFolderBackups, openForRestore, rankFolderWithoutKey, type RestorableBackup } from './engine';
import { QuarantineList } from './quarantine-list';
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
  const [backups, setBackups] = useState<BackupRanking['trusted']>([]);
  const [setAside, setSetAside] = useState<BackupRanking['quarantined']>([]);
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
      // Ranked by what the headers say, never by names: a planted or renamed file is set aside
      // and never preselected.
      const ranking = await rankFolderWithoutKey(host, folder.folderId);
      setFolderId(folder.folderId);
      setBackups(ranking.trusted);
      setSetAside(ranking.quarantined);
      setName(ranking.trusted[0]?.name ?? '');
      setError(ranking.trusted.length === 0 ? t('backups.noBackupsThere') : null);
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
      // With the key, the header is authenticated and the chain checked again.
      const checked = await checkFolderBackups(host, folderId, backupsKey, vaultId);
      const keyed = rankBackups(checked, { vaultId });
      const refused = keyed.quarantined.find((q) => q.name === name);
      if (refused) {
        // The key saw through it: list what the key trusts and offer the newest of those instead.
        const others = setAside.filter((q) => !keyed.quarantined.some((k) => k.name === q.name));
        setSetAside([...others, ...keyed.quarantined]);
        setBackups(keyed.trusted);
        setName(keyed.trusted[0]?.name ?? '');
        setError(t(`backups.quarantine.reasons.${refused.reason}`));
        return;
      }
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
          items.push({
            table: r.table,
            id: r.id,
            data: r.data,
            ...sealedFor(r.subjectId?.split(',') ?? []),
            blind,
          });
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
                    {when.format(b.createdAt)}
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
        {setAside.length > 0 && !opened && <QuarantineList items={setAside} />}
        {opened && (
          <>
            <p>{t('backups.restoreFrom', { when: when.format(new Date(opened.opened.header.createdAt)) })}</p>
            <ul data-testid="restore-counts">
              {(['people', 'organizations', 'deals', 'activities', 'tasks'] as const).map((table) => (
                <li key={table}>{t(`backups.counts.${table}`, { count: counts[table] ?? 0 })}</li>
              ))}
            </ul>
            {opened.opened.droppedErased > 0 && (
              <p className="muted">{t('backups.erasedLeftOut', { count: opened.opened.droppedErased })}</p>
            )}
            {opened.ledgerDamaged && <p className="muted">{t('backups.ledgerDamaged')}</p>}
            {opened.missingKeys > 0 && (
              <p role="alert" className="banner warning">
                {t('backups.missingKeys', { count: opened.missingKeys })}
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
            <button
              type="button"
              className="button"
              disabled={busy || opened.missingKeys > 0}
              onClick={() => void restore()}
            >
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
