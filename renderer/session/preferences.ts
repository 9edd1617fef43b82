import { useSyncExternalStore } from 'react';
import { regionFromLocale } from '../../shared/domain';
import { languages, type Language } from '../../shared/i18n';

/** Interface preferences. Not personal data, so they live in plain local storage. */
export interface Preferences {
  language: Language | 'system';
  theme: 'system' | 'light' | 'dark';
  /** Minutes without activity before the vault locks itself. */
  autoLockMinutes: AutoLockMinutes;
  /** Whether passphrase fields invite password managers to save and fill them (off unless chosen). */
  passwordManager: boolean;
  /**
   * Whether a system notification for one due task may show its title (only ever while the
   * vault is unlocked, and never on a locked screen). Off unless the user turns it on.
   */
  notificationTitles: boolean;
  /**
   * The default country (ISO alpha-2): the country of phone numbers written without a prefix
   * (only those valid there) and of addresses that name none. `null` until the user chooses;
   * `defaultCountry()` then takes it from the system locale.
   */
  defaultCountry: string | null;
}

/** The auto-lock delays offered; anything else read from storage falls back to the default. */
export const autoLockChoices = [1, 5, 10, 15, 30, 60] as const;
export type AutoLockMinutes = (typeof autoLockChoices)[number];

const KEY = 'scrigno.preferences';
// Fail closed: an unreadable setting gives the safe default (10 minutes), never "never".
const defaults: Preferences = {
  language: 'system',
  theme: 'system',
  autoLockMinutes: 10,
  passwordManager: false,
  notificationTitles: false,
  defaultCountry: null,
};
const subscribers = new Set<() => void>();
let current: Preferences = read();

function read(): Preferences {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Preferences>;
    return {
      language:
        raw.language && (languages as readonly string[]).includes(raw.language) ? raw.language : 'system',
      theme: raw.theme === 'light' || raw.theme === 'dark' ? raw.theme : 'system',
      autoLockMinutes: (autoLockChoices as readonly number[]).includes(raw.autoLockMinutes as number)
        ? (raw.autoLockMinutes as AutoLockMinutes)
        : defaults.autoLockMinutes,
      passwordManager: raw.passwordManager === true,
      notificationTitles: raw.notificationTitles === true,
      defaultCountry:
        typeof raw.defaultCountry === 'string' && /^[A-Z]{2}$/.test(raw.defaultCountry)
          ? raw.defaultCountry
          : null,
    };
  } catch {
    return defaults;
  }
}

/**
 * The default country in effect: the user's choice, else the system locale's region (`it-IT` →
 * `IT`, `de` → `DE`), else Italy.
 */
export function defaultCountry(prefs: Pick<Preferences, 'defaultCountry'> = current): string {
  return prefs.defaultCountry ?? regionFromLocale(navigator.language) ?? 'IT';
}

/** The current preferences, outside React. */
export function getPreferences(): Preferences {
  return current;
}

/** Changes preferences and notifies subscribers. */
export function setPreferences(patch: Partial<Preferences>): void {
  current = { ...current, ...patch };
  localStorage.setItem(KEY, JSON.stringify(current));
  for (const notify of subscribers) notify();
}

/** The current preferences, re-rendering on change. */
export function usePreferences(): Preferences {
  return useSyncExternalStore(
    (notify) => {
      subscribers.add(notify);
      return () => subscribers.delete(notify);
    },
    () => current,
  );
}
