import { useSyncExternalStore } from 'react';
import { languages, type Language } from '../../shared/i18n';

/** Interface preferences. Not personal data, so they live in plain local storage. */
export interface Preferences {
  language: Language | 'system';
  theme: 'system' | 'light' | 'dark';
}

const KEY = 'scrigno.preferences';
const defaults: Preferences = { language: 'system', theme: 'system' };
const subscribers = new Set<() => void>();
let current: Preferences = read();

function read(): Preferences {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Preferences>;
    return {
      language:
        raw.language && (languages as readonly string[]).includes(raw.language) ? raw.language : 'system',
      theme: raw.theme === 'light' || raw.theme === 'dark' ? raw.theme : 'system',
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
