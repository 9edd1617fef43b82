import { en, type Catalog } from './en';
import { it } from './it';

/** Languages the UI speaks. */
export const languages = ['it', 'en'] as const;
export type Language = (typeof languages)[number];

/** Every catalog, by language. */
export const catalogs: Readonly<Record<Language, Catalog>> = { it, en };

/** Picks the UI language from a BCP 47 tag (the OS locale): Italian for `it-*`, else English. */
export function languageFromLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('it') ? 'it' : 'en';
}

/**
 * Looks up a dotted key (`menu.file`) in a catalog, for code outside React (the Electron
 * menu). Falls back to English, then to the key itself.
 */
export function translate(language: Language, key: string): string {
  const find = (catalog: Catalog): string | undefined => {
    let node: unknown = catalog;
    for (const part of key.split('.')) {
      if (typeof node !== 'object' || node === null) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === 'string' ? node : undefined;
  };
  return find(catalogs[language]) ?? find(en) ?? key;
}
