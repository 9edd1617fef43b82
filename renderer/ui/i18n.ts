import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { catalogs, languageFromLocale, type Language } from '../../shared/i18n';
import { getPreferences } from '../session/preferences';

/** The system language, from the browser (in Electron, the OS locale). */
export function systemLanguage(): Language {
  return languageFromLocale(navigator.language);
}

/** The language in effect: the user's choice, else the system's. */
export function effectiveLanguage(): Language {
  const chosen = getPreferences().language;
  return chosen === 'system' ? systemLanguage() : chosen;
}

/** The BCP 47 locale used for dates, numbers and currency in a UI language. */
export function localeOf(language: Language): string {
  return language === 'it' ? 'it-IT' : 'en-GB';
}

/** Sets up i18next with both catalogs bundled (no loading at run time, works offline). */
export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { it: { translation: catalogs.it }, en: { translation: catalogs.en } },
    lng: effectiveLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => (document.documentElement.lang = lng));
  return i18next;
}

/** The locale for dates, numbers and currency in the current UI language (re-renders on change). */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return localeOf(i18n.language === 'it' ? 'it' : 'en');
}

/** `localeOf` for a raw i18next language code (anything not Italian formats as en-GB). */
export function localeFor(language: string): string {
  return localeOf(language === 'it' ? 'it' : 'en');
}
