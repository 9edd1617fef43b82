import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createNewVault } from '../../app/session';
import { newPassphraseProblem, PassphraseField, StrengthMeter, useStrength } from './passphrase-field';
import { vaultErrorMessage } from './vault-error';

/** First run: choose the passphrase that encrypts the vault. */
export function WelcomeScreen() {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const strength = useStrength(passphrase);
  const problem = newPassphraseProblem(passphrase, confirmation, strength);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setAttempted(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await createNewVault(passphrase);
    } catch (err) {
      setError(vaultErrorMessage(t, err));
      setBusy(false);
    }
  };

  return (
    <main className="access" id="main">
      <form className="access-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>{t('access.welcomeTitle')}</h1>
        <p>{t('access.welcomeBody')}</p>
        <PassphraseField
          label={t('access.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          autoFocus
          autoComplete="new-password"
          describedBy="strength"
          invalid={attempted && problem === 'access.tooWeak'}
        />
        <StrengthMeter strength={strength} id="strength" />
        <PassphraseField
          label={t('access.passphraseConfirm')}
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
          invalid={attempted && problem === 'access.mismatch'}
        />
        {attempted && problem && (
          <p role="alert" className="form-error">
            {t(problem)}
          </p>
        )}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('access.creating') : t('access.create')}
        </button>
        {busy && <progress aria-label={t('access.creating')} />}
      </form>
    </main>
  );
}
