import { useSyncExternalStore } from 'react';
import { languages, type Language } from '../../shared/i18n';

/** Interface preferences. Not personal data, so they live in plain local storage. */
export interface Preferences {
  language: Language | 'system';
  theme: 'system' | 'light' | 'dark';
  /** Minutes without activity before the vault locks itself. */
  autoLockMinutes: AutoLockMinutes;
}

/** The auto-lock delays offered; anything else read from storage falls back to the default. */
export const autoLockChoices = [1, 5, 10, 15, 30, 60] as const;
export type AutoLockMinutes = (typeof autoLockChoices)[number];

const KEY = 'scrigno.preferences';
// Fail closed: an unreadable setting gives the safe default (10 minutes), never "never".
const defaults: Preferences = { language: 'system', theme: 'system', autoLockMinutes: 10 };
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
    };
  } catch {
    return defaults;
  }
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
