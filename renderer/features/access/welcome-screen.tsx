import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultCountry, setPreferences } from '../../session/preferences';
import { createNewVault, startRestore } from '../../session/session';
import { DefaultCountryField } from '../../ui/default-country-field';
import {
  checkNewPassphrase,
  newPassphraseProblem,
  PassphraseField,
  StrengthMeter,
  useStrength,
} from './passphrase-field';
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
  const [problem, setProblem] = useState<'access.tooWeak' | 'access.mismatch' | null>(null);
  const liveProblem = attempted ? newPassphraseProblem(passphrase, confirmation, strength) : null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setAttempted(true);
    const found = await checkNewPassphrase(passphrase, confirmation);
    setProblem(found);
    if (found) return;
    setBusy(true);
    setError(null);
    // The country shown is the one chosen, even when the user left the proposal from the locale.
    setPreferences({ defaultCountry: defaultCountry() });
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
          invalid={liveProblem === 'access.tooWeak'}
        />
        <StrengthMeter strength={strength} id="strength" />
        <PassphraseField
          label={t('access.passphraseConfirm')}
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
          invalid={liveProblem === 'access.mismatch'}
        />
        <DefaultCountryField id="welcome-default-country" />
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
        <button type="button" className="link-button" onClick={startRestore}>
          {t('access.restoreInstead')}
        </button>
      </form>
    </main>
  );
}
