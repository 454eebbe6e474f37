import { createContext } from 'react';
import type { MessageKey } from './zh';

export type Lang = 'zh' | 'en';

export type Vars = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** Translate a key built at run time (e.g. a rule name from the server); unknown keys give the fallback. */
  tk: (key: string, fallback: string) => string;
  /** Pick the zh or en variant of a bilingual record (roles carry nameZh / nameEn). */
  pick: (zh: string, en: string) => string;
  dateTime: (iso: string | null | undefined) => string;
  number: (value: number | null | undefined) => string;
}

export const I18nContext = createContext<I18n | null>(null);
