// The field app's language: the same `wangge.lang` key as the console, so both apps agree on a
// phone that opens either. Switching installs the dictionary t() reads and re-renders the app.
import { useSyncExternalStore } from 'react';
import { en } from './en';
import { installDictionary, zh } from './zh';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'wangge.lang';
const listeners = new Set<() => void>();

function stored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = stored();
installDictionary(current === 'en' ? en : zh);

export const currentLang = (): Lang => current;

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  installDictionary(next === 'en' ? en : zh);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // storage unavailable: the choice lasts until the page is closed
  }
  for (const listener of listeners) listener();
}

export function useLang(): Lang {
  return useSyncExternalStore((cb) => {
    listeners.add(cb);
    return () => listeners.delete(cb);
  }, currentLang);
}

/** The current language's variant of a record the server names in both (types, fields, documents). */
export function pick(zh: string, en: string | null | undefined): string {
  return current === 'en' && en ? en : zh;
}
