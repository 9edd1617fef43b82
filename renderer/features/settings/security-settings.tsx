import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import {
  autoLockChoices,
  setPreferences,
  usePreferences,
  type AutoLockMinutes,
} from '../../session/preferences';
import { useSession } from '../../session/session';
import {
  checkNewPassphrase,
  PassphraseField,
  StrengthMeter,
  useStrength,
  vaultErrorMessage,
} from '../access';

/** Settings → Security: the auto-lock delay and changing the passphrase. */
export function SecuritySettings() {
  const { t } = useTranslation();
  const prefs = usePreferences();
  const session = useSession();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const strength = useStrength(passphrase);

  const change = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const problem = await checkNewPassphrase(passphrase, confirmation);
    if (problem) return setError(t(problem));
    if (session.status !== 'unlocked') return;
    setBusy(true);
    setError(null);
    try {
      await session.vault.changePassphrase(passphrase);
      setPassphrase('');
      setConfirmation('');
      toast.success(t('security.changed'));
    } catch (err) {
      setError(vaultErrorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset>
      <legend>{t('security.title')}</legend>
      <label className="field">
        <span>{t('security.autoLock')}</span>
        <select
          value={prefs.autoLockMinutes}
          onChange={(e) => setPreferences({ autoLockMinutes: Number(e.target.value) as AutoLockMinutes })}
        >
          {autoLockChoices.map((m) => (
            <option key={m} value={m}>
              {t('security.autoLockMinutes', { count: m })}
            </option>
          ))}
        </select>
      </label>
      <form className="subform" onSubmit={(e) => void change(e)} noValidate aria-labelledby="change-title">
        <h2 id="change-title">{t('security.changeTitle')}</h2>
        <p className="muted">{t('security.changeBody')}</p>
        <PassphraseField
          label={t('access.newPassphrase')}
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="new-password"
          describedBy="new-strength"
        />
        <StrengthMeter strength={strength} id="new-strength" />
        <PassphraseField
          label={t('access.passphraseConfirm')}
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
        />
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('security.changing') : t('security.change')}
        </button>
      </form>
    </fieldset>
  );
}
