import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commandCatalog } from '../../../shared/commands/catalog';
import type { HostOutput } from '../../../shared/host/contract';
import { languages, type Language } from '../../../shared/i18n';
import { SectionPage } from '../../app/section-page';
import { useHost } from '../../app/host-context';
import { systemLanguage } from '../../app/i18n';
import { setPreferences, usePreferences, type Preferences } from '../../app/preferences';
import { formatShortcut } from '../../app/shortcuts';
import { SecuritySettings } from './security-settings';

/** Settings: language, theme, shortcuts, and what is running. */
export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const prefs = usePreferences();
  const host = useHost();
  const [info, setInfo] = useState<HostOutput<'app:info'> | null>(null);

  useEffect(() => {
    host.invoke('app:info', {}).then(setInfo, () => setInfo(null));
  }, [host]);

  const chooseLanguage = (value: string): void => {
    const language = value as Preferences['language'];
    setPreferences({ language });
    void i18n.changeLanguage(language === 'system' ? systemLanguage() : language);
  };

  return (
    <SectionPage section="settings">
      <div className="settings">
        <fieldset>
          <legend>{t('settings.appearance')}</legend>
          <label className="field">
            <span>{t('settings.language')}</span>
            <select value={prefs.language} onChange={(e) => chooseLanguage(e.target.value)}>
              <option value="system">
                {t('settings.languageSystem', { language: t(`languages.${systemLanguage()}`) })}
              </option>
              {languages.map((l: Language) => (
                <option key={l} value={l} lang={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </select>
            <small>{t('settings.languageHint')}</small>
          </label>
          <label className="field">
            <span>{t('settings.theme')}</span>
            <select
              value={prefs.theme}
              onChange={(e) => setPreferences({ theme: e.target.value as Preferences['theme'] })}
            >
              <option value="system">{t('settings.themeSystem')}</option>
              <option value="light">{t('settings.themeLight')}</option>
              <option value="dark">{t('settings.themeDark')}</option>
            </select>
          </label>
        </fieldset>
        <SecuritySettings />
        <fieldset>
          <legend>{t('settings.shortcuts')}</legend>
          <dl className="shortcuts">
            {commandCatalog
              .filter((c) => c.shortcut)
              .map((c) => (
                <div key={c.id}>
                  <dt>{t(c.labelKey)}</dt>
                  <dd>
                    <kbd>{formatShortcut(c.shortcut!)}</kbd>
                  </dd>
                </div>
              ))}
          </dl>
        </fieldset>
        <fieldset>
          <legend>{t('settings.about')}</legend>
          <p data-testid="app-version">
            {info
              ? t('settings.version', {
                  version: info.version,
                  transport: t(
                    info.transport === 'electron' ? 'settings.transportElectron' : 'settings.transportWeb',
                  ),
                })
              : '…'}
          </p>
        </fieldset>
      </div>
    </SectionPage>
  );
}
