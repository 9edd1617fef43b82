import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../ui/i18n';
import { finishRecoveryKit } from '../../session/session';

/**
 * Shows the recovery key once, offers a printable page, and asks for confirmation. The key is
 * not copied to the clipboard on purpose: clipboard managers and sync would keep it.
 */
export function RecoveryKitScreen({ recoveryKey, vaultId }: { recoveryKey: string; vaultId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [stored, setStored] = useState(false);
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
  }).format(new Date());
  return (
    <main className="access" id="main">
      <div className="access-card recovery-kit">
        <h1>{t('access.recoveryTitle')}</h1>
        <p className="no-print">{t('access.recoveryBody')}</p>
        <p className="print-only">{t('access.recoveryPrintNote')}</p>
        <p className="recovery-key" data-testid="recovery-key" aria-label={t('access.recoveryKey')}>
          {recoveryKey}
        </p>
        <p className="muted">{t('access.recoveryVault', { id: vaultId.slice(0, 8), date })}</p>
        <div className="no-print actions">
          <button type="button" className="button secondary" onClick={() => window.print()}>
            {t('access.recoveryPrint')}
          </button>
        </div>
        <label className="checkbox no-print">
          <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
          {t('access.recoveryConfirm')}
        </label>
        <button
          type="button"
          className="button no-print"
          disabled={!stored}
          onClick={() => void finishRecoveryKit()}
        >
          {t('access.recoveryContinue')}
        </button>
      </div>
    </main>
  );
}
