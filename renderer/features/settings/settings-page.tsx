import { useEffect, useState, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { commandCatalog } from '../../../shared/commands/catalog';
import type { HostOutput } from '../../../shared/host/contract';
import { languages, type Language } from '../../../shared/i18n';
import { DefaultCountryField } from '../../ui/default-country-field';
import { SectionPage } from '../../ui/section-page';
import { useHost } from '../../session/host-context';
import { systemLanguage } from '../../ui/i18n';
import { setPreferences, usePreferences, type Preferences } from '../../session/preferences';
import { formatShortcut } from '../../ui/shortcuts';
import { CustomFieldsSettings } from './custom-fields-settings';
import { PipelineEditor } from './pipeline-editor';
import { SecuritySettings } from './security-settings';
import { TagsSettings } from './tags-settings';
import { SyncSettings } from '../sync';

const tabs = ['general', 'customFields', 'pipeline', 'tags', 'sync'] as const;
type Tab = (typeof tabs)[number];

/**
 * Settings, in tabs: general (language, theme, security, shortcuts, about), custom fields,
 * pipeline, tags, sync. The palette's settings commands (`settings.*`, `tags.create`…) are routes to
 * a tab, registered app-wide by the shell from their catalog `route`.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (tabs as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'general';
  const choose = (next: Tab) => setParams(next === 'general' ? {} : { tab: next }, { replace: true });

  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  const onTabKey = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabs[(index + step + tabs.length) % tabs.length]!;
    choose(next);
    document.getElementById(`settings-tab-${next}`)?.focus();
  };

  return (
    <SectionPage section="settings">
      <div role="tablist" aria-label={t('settingsCrm.tabs.label')} className="settings-crm-tabs">
        {tabs.map((id, index) => (
          <button
            key={id}
            id={`settings-tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls="settings-panel"
            tabIndex={tab === id ? 0 : -1}
            onClick={() => choose(id)}
            onKeyDown={(e) => onTabKey(e, index)}
          >
            {id === 'sync' ? t('sync.tab') : t(`settingsCrm.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div id="settings-panel" role="tabpanel" aria-labelledby={`settings-tab-${tab}`}>
        {tab === 'general' && <GeneralSettings />}
        {tab === 'customFields' && <CustomFieldsSettings />}
        {tab === 'pipeline' && <PipelineEditor />}
        {tab === 'tags' && <TagsSettings />}
        {tab === 'sync' && <SyncSettings />}
      </div>
    </SectionPage>
  );
}

/** Language, theme, security, shortcuts, and what is running. */
function GeneralSettings() {
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
    <>
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
        <fieldset>
          <legend>{t('contactCheck.defaultCountry.section')}</legend>
          <DefaultCountryField id="settings-default-country" />
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
    </>
  );
}
