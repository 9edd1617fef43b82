import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { BackupEntry } from '../../../shared/host/contract';
import { useHost } from '../../session/host-context';
import { useLocale } from '../../ui/i18n';
import { SectionPage } from '../../ui/section-page';
import { useHostErrorToast } from '../../ui/host-error-toast';
import { useWorkspace } from '../../session/workspace';
import { rankBackups, verifyBackup, type BackupRanking } from '../../backup';
import { useTable } from '../../ui/model-hooks';
import { backupSteps, checkFolderBackups } from './engine';
import { QuarantineList } from './quarantine-list';
import { RestoreDialog } from './restore-dialog';
import { backupSchedules, readBackupSettings, writeBackupSettings, type BackupSettings } from './settings';
import { failureCode, useBackupStatus } from './status';
import { useRunBackup } from './use-backup';

type Verdict = { state: 'checking' } | { state: 'ok' } | { state: 'failed'; code: string };

/** Backups: folder, schedule, retention, status, the list with verify, and restore. */
export function BackupsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const workspace = useWorkspace();
  const host = useHost();
  const showHostError = useHostErrorToast();
  useTable(workspace.model, 'settings');
  const settings = readBackupSettings(workspace);
  const status = useBackupStatus();
  const runBackup = useRunBackup();
  const [backups, setBackups] = useState<BackupEntry[] | null>(null);
  const [setAside, setSetAside] = useState<BackupRanking['quarantined']>([]);
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({});
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const formatSize = (bytes: number): string =>
    bytes >= 1_000_000
      ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
          bytes / 1_000_000,
        )
      : new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(
          Math.max(1, bytes / 1000),
        );

  const lastSha = settings.lastSuccess?.sha256 ?? null;
  // Refreshes overlap (a backup ending and its new anchor both trigger one): only the latest
  // one started may set the list, or a slower, older listing would overwrite a newer one.
  const latestRefresh = useRef(0);
  const refresh = useCallback(async () => {
    const run = ++latestRefresh.current;
    const current = () => run === latestRefresh.current;
    if (!settings.folderId) return setBackups(null);
    try {
      const { vault } = workspace;
      const listing = await host.invoke('backup:list', { folderId: settings.folderId });
      // Listed in the order their authenticated headers prove, never by file name.
      const checked = await checkFolderBackups(
        host,
        settings.folderId,
        vault.purposeKey('backups'),
        vault.vaultId,
      );
      const ranking = rankBackups(checked, { vaultId: vault.vaultId, anchorSha256: lastSha });
      const entries = new Map(listing.backups.map((b) => [b.name, b]));
      if (!current()) return;
      setBackups(ranking.trusted.flatMap((b) => entries.get(b.name) ?? []));
      setSetAside(ranking.quarantined);
    } catch {
      if (!current()) return;
      setBackups([]);
      setSetAside([]);
    }
  }, [host, settings.folderId, workspace, lastSha]);

  useEffect(() => {
    void refresh();
  }, [refresh, status.running]);

  const update = (patch: Partial<BackupSettings>): void => void writeBackupSettings(workspace, patch);

  const chooseFolder = async (): Promise<void> => {
    try {
      const folder = await host.invoke('dialog:choose-folder', { purpose: 'backups' });
      if (folder)
        await writeBackupSettings(workspace, { folderId: folder.folderId, folderLabel: folder.label });
    } catch (error) {
      showHostError(error);
    }
  };

  const backUpNow = async (): Promise<void> => {
    const outcome = await runBackup();
    if (outcome) toast.success(t('backups.done', { size: formatSize(outcome.size) }));
  };

  const verify = async (entry: BackupEntry): Promise<void> => {
    if (!settings.folderId) return;
    setVerdicts((v) => ({ ...v, [entry.name]: { state: 'checking' } }));
    try {
      const { data } = await host.invoke('backup:read', { folderId: settings.folderId, name: entry.name });
      await verifyBackup(data, workspace.vault.purposeKey('backups'), { vaultId: workspace.vault.vaultId });
      setVerdicts((v) => ({ ...v, [entry.name]: { state: 'ok' } }));
    } catch (error) {
      setVerdicts((v) => ({ ...v, [entry.name]: { state: 'failed', code: failureCode(error) } }));
    }
  };

  const stepIndex = status.running ? backupSteps.indexOf(status.running) : -1;
  const errorText = (code: string) =>
    t(`backups.errors.${code}`, { defaultValue: t('backups.errors.unknown') });

  return (
    <SectionPage section="backups">
      <div className="backups">
        {status.folderMissing && (
          <p role="alert" className="banner warning">
            {t('backups.banner.folderMissing', { folder: settings.folderLabel ?? '' })}
          </p>
        )}
        {!status.folderMissing && status.failure && (
          <p role="alert" className="banner warning">
            {t('backups.banner.failed', { reason: errorText(status.failure) })}
          </p>
        )}
        {settings.ledgerRepair && (
          <p role="status" className="banner" data-testid="ledger-repair">
            {t(`backups.ledgerRepair.${settings.ledgerRepair.reason}`, {
              when: when.format(new Date(settings.ledgerRepair.at)),
            })}
          </p>
        )}
        <div className="card">
          <h2>{t('backups.folder')}</h2>
          <p>
            {settings.folderLabel
              ? t('backups.folderChosen', { folder: settings.folderLabel })
              : t('sections.backups.empty')}
          </p>
          <p className="muted">{t('backups.alwaysEncrypted')}</p>
          <button type="button" className="button secondary" onClick={() => void chooseFolder()}>
            {t('backups.chooseFolder')}
          </button>
        </div>
        <div className="card">
          <h2>{t('backups.status')}</h2>
          <p data-testid="last-backup">
            {settings.lastSuccess
              ? t('backups.lastSuccess', { when: when.format(new Date(settings.lastSuccess.at)) })
              : t('backups.never')}
          </p>
          <button
            type="button"
            className="button"
            disabled={!settings.folderId || status.running !== null}
            onClick={() => void backUpNow()}
          >
            {t('backups.now')}
          </button>
          {status.running && (
            <div className="backup-progress">
              <progress max={backupSteps.length} value={stepIndex + 1} aria-label={t('backups.progress')} />
              <span>{t(`backups.steps.${status.running}`)}</span>
            </div>
          )}
        </div>
        <fieldset className="card">
          <legend>{t('backups.schedule')}</legend>
          <label className="field">
            <span>{t('backups.when')}</span>
            <select
              value={settings.schedule}
              onChange={(e) => update({ schedule: e.target.value as BackupSettings['schedule'] })}
            >
              {backupSchedules.map((s) => (
                <option key={s} value={s}>
                  {t(`backups.schedules.${s}`, { minutes: settings.idleMinutes })}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={settings.onQuit}
              onChange={(e) => update({ onQuit: e.target.checked })}
            />
            {t('backups.onQuit')}
          </label>
          <div className="retention">
            {(['last', 'daily', 'weekly', 'monthly'] as const).map((k) => (
              <label key={k} className="field">
                <span>{t(`backups.retention.${k}`)}</span>
                <input
                  type="number"
                  min={k === 'last' ? 1 : 0}
                  max={366}
                  value={settings.retention[k]}
                  onChange={(e) => {
                    const n = Number(e.target.value);
                    if (Number.isInteger(n) && n >= (k === 'last' ? 1 : 0))
                      update({ retention: { ...settings.retention, [k]: n } });
                  }}
                />
              </label>
            ))}
          </div>
        </fieldset>
        {backups && (
          <div className="card backups-list">
            <h2>{t('backups.list')}</h2>
            {backups.length === 0 ? (
              <p className="muted">{t('backups.none')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('backups.columns.date')}</th>
                    <th scope="col">{t('backups.columns.size')}</th>
                    <th scope="col">{t('backups.columns.state')}</th>
                    <th scope="col">{t('backups.columns.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {backups.map((b) => {
                    const verdict = verdicts[b.name];
                    return (
                      <tr key={b.name}>
                        <td>{when.format(new Date(b.createdAt))}</td>
                        <td>{formatSize(b.size)}</td>
                        <td>
                          {verdict?.state === 'ok'
                            ? t('backups.verified')
                            : verdict?.state === 'failed'
                              ? errorText(verdict.code)
                              : verdict?.state === 'checking'
                                ? t('backups.checking')
                                : t('backups.writtenVerified')}
                        </td>
                        <td className="actions">
                          <button type="button" className="button secondary" onClick={() => void verify(b)}>
                            {t('backups.verify')}
                          </button>
                          <button type="button" className="button secondary" onClick={() => setRestoring(b)}>
                            {t('backups.restore')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {setAside.length > 0 && <QuarantineList items={setAside} />}
          </div>
        )}
      </div>
      {restoring && settings.folderId && (
        <RestoreDialog folderId={settings.folderId} entry={restoring} onClose={() => setRestoring(null)} />
      )}
    </SectionPage>
  );
}
