import { useTranslation } from 'react-i18next';
import {
  autoLockChoices,
  setPreferences,
  usePreferences,
  type AutoLockMinutes,
} from '../../session/preferences';
import { ChangePassphraseForm, NewRecoveryKeyForm, RotateMasterKeyForm } from './key-settings';

/** Settings → Security: the auto-lock delay, password managers, and the vault's keys. */
export function SecuritySettings() {
  const { t } = useTranslation();
  const prefs = usePreferences();

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
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={prefs.passwordManager}
            onChange={(e) => setPreferences({ passwordManager: e.target.checked })}
          />
          <span>{t('security.passwordManager')}</span>
        </label>
        <small>{t('security.passwordManagerHint')}</small>
      </div>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={prefs.notificationTitles}
            onChange={(e) => setPreferences({ notificationTitles: e.target.checked })}
          />
          <span>{t('security.notificationTitles')}</span>
        </label>
        <small>{t('security.notificationTitlesHint')}</small>
      </div>
      <ChangePassphraseForm />
      <NewRecoveryKeyForm />
      <RotateMasterKeyForm />
    </fieldset>
  );
}
