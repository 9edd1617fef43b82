import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { registerBeforeQuit } from '../../session/before-quit';
import { useWorkspace } from '../../session/workspace';
import type { TableName } from '../../vault';
import { promisedInterval, readBackupSettings } from './settings';
import { useBackupStatus } from './status';
import { useRunBackup } from './use-backup';

const CHECK_EVERY_MS = 30_000;
const quietTables: ReadonlySet<TableName> = new Set(['settings', 'views']);

/**
 * Runs automatic backups while the vault is open, by the chosen schedule: after changes once
 * the user has been idle for N minutes, hourly, or daily. A missing folder is retried on every
 * check and reported until it comes back. Also shows the app-wide backup banner.
 */
export function BackupScheduler() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const runBackup = useRunBackup();
  const status = useBackupStatus();
  const location = useLocation();
  const dirty = useRef(false);
  const lastActivity = useRef(0);
  const [now, setNow] = useState(() => Date.now());

  useEffect(
    () =>
      workspace.model.subscribe((table) => {
        if (!quietTables.has(table)) dirty.current = true;
      }),
    [workspace],
  );

  useEffect(
    () =>
      registerBeforeQuit(async () => {
        const settings = readBackupSettings(workspace);
        if (settings.folderId && settings.onQuit && dirty.current) await runBackup();
      }),
    [workspace, runBackup],
  );

  useEffect(() => {
    const mark = (): void => void (lastActivity.current = Date.now());
    mark();
    window.addEventListener('keydown', mark, { capture: true });
    window.addEventListener('pointerdown', mark, { capture: true });
    const timer = setInterval(() => {
      setNow(Date.now());
      const settings = readBackupSettings(workspace);
      if (!settings.folderId || settings.schedule === 'manual') return;
      const since = settings.lastSuccess ? Date.now() - Date.parse(settings.lastSuccess.at) : Infinity;
      const due =
        settings.schedule === 'idle'
          ? (dirty.current || !settings.lastSuccess) &&
            Date.now() - lastActivity.current >= settings.idleMinutes * 60_000
          : since >= (promisedInterval(settings) ?? Infinity);
      if (!due) return;
      dirty.current = false;
      void runBackup().then((outcome) => {
        if (!outcome) dirty.current = true;
      });
    }, CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      window.removeEventListener('keydown', mark, { capture: true });
      window.removeEventListener('pointerdown', mark, { capture: true });
    };
  }, [workspace, runBackup]);

  const settings = readBackupSettings(workspace);
  const promise = promisedInterval(settings);
  const overdue =
    settings.folderId !== null &&
    promise !== null &&
    settings.lastSuccess !== null &&
    now - Date.parse(settings.lastSuccess.at) > 2 * promise;
  const message = status.folderMissing
    ? t('backups.banner.folderMissing', { folder: settings.folderLabel ?? '' })
    : status.failure
      ? t('backups.banner.failed', {
          reason: t(`backups.errors.${status.failure}`, { defaultValue: t('backups.errors.unknown') }),
        })
      : overdue
        ? t('backups.banner.overdue')
        : null;
  // The Backups page shows the same news in full.
  if (!message || location.pathname.startsWith('/backups')) return null;
  return (
    <div role="status" className="backup-banner">
      <span>{message}</span> <Link to="/backups">{t('backups.banner.open')}</Link>
    </div>
  );
}
