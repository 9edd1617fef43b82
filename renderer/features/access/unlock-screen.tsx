import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../../session/preferences';
import { unlock, type LockReason } from '../../session/session';
import { checkNewPassphrase, PassphraseField, StrengthMeter, useStrength } from './passphrase-field';
import { vaultErrorMessage } from './vault-error';

/** The lock screen: passphrase, or the recovery key together with a new passphrase. */
export function UnlockScreen({ reason }: { reason: LockReason }) {
  const { t } = useTranslation();
  const { autoLockMinutes } = usePreferences();
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [newPassphrase, setNewPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const strength = useStrength(newPassphrase);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    if (mode === 'recovery') {
      const problem = await checkNewPassphrase(newPassphrase, confirmation);
      if (problem) return setError(t(problem));
    }
    setBusy(true);
    try {
      if (mode === 'passphrase') await unlock({ passphrase });
      else await unlock({ recoveryKey }, newPassphrase);
    } catch (err) {
      setError(vaultErrorMessage(t, err));
      setBusy(false);
    }
  };

  const notice =
    reason === 'idle'
      ? t('access.lockedIdle', { count: autoLockMinutes })
      : reason === 'system'
        ? t('access.lockedSystem')
        : null;

  return (
    <main className="access" id="main">
      <form className="access-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>{t('access.unlockTitle')}</h1>
        {notice && <p className="notice">{notice}</p>}
        {mode === 'passphrase' ? (
          <>
            <p>{t('access.unlockBody')}</p>
            <PassphraseField
              label={t('access.passphrase')}
              value={passphrase}
              onChange={setPassphrase}
              autoFocus
              autoComplete="current-password"
              invalid={!!error}
            />
          </>
        ) : (
          <>
            <div className="field">
              <label htmlFor="recovery-key">{t('access.recoveryKey')}</label>
              <input
                id="recovery-key"
                className="mono"
                value={recoveryKey}
                onChange={(e) => setRecoveryKey(e.target.value)}
                autoFocus
                autoComplete="off"
                spellCheck={false}
                aria-describedby="recovery-key-hint"
              />
              <small id="recovery-key-hint">{t('access.recoveryKeyHint')}</small>
            </div>
            <PassphraseField
              label={t('access.newPassphrase')}
              value={newPassphrase}
              onChange={setNewPassphrase}
              autoComplete="new-password"
              describedBy="strength"
            />
            <StrengthMeter strength={strength} id="strength" />
            <PassphraseField
              label={t('access.passphraseConfirm')}
              value={confirmation}
              onChange={setConfirmation}
              autoComplete="new-password"
            />
          </>
        )}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy
            ? t('access.unlocking')
            : mode === 'passphrase'
              ? t('access.unlock')
              : t('access.resetWithRecovery')}
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setMode(mode === 'passphrase' ? 'recovery' : 'passphrase');
            setError(null);
          }}
        >
          {mode === 'passphrase' ? t('access.useRecovery') : t('access.usePassphrase')}
        </button>
      </form>
    </main>
  );
}
