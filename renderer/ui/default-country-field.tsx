import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryChoices } from '../../shared/domain';
import { defaultCountry, setPreferences, usePreferences } from '../session/preferences';

/**
 * The default country picker (first run, Settings, the import screen): what phone numbers with
 * no prefix and addresses with no country are read as. Choosing stores it on this device.
 */
export function DefaultCountryField({ id = 'default-country' }: { id?: string }) {
  const { t, i18n } = useTranslation();
  const prefs = usePreferences();
  const language = i18n.language === 'it' ? 'it' : 'en';
  const choices = useMemo(() => countryChoices(language), [language]);
  return (
    <div className="field">
      <label htmlFor={id}>{t('contactCheck.defaultCountry.label')}</label>
      <select
        id={id}
        aria-describedby={`${id}-hint`}
        value={defaultCountry(prefs)}
        onChange={(e) => setPreferences({ defaultCountry: e.target.value })}
      >
        {choices.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
      <small id={`${id}-hint`} className="muted">
        {t('contactCheck.defaultCountry.hint')}
      </small>
    </div>
  );
}
