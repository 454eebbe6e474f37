import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { type I18n, I18nContext, type Lang, type Vars } from './context';
import { en } from './en';
import { setServerTextLang } from './server-text';
import { type Dict, type MessageKey, zh } from './zh';

const STORAGE_KEY = 'wangge.lang';
const dictionaries: Record<Lang, Dict> = { zh, en };

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // storage unavailable: fall back to Chinese
  }
  return 'zh';
}

function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // ignore
    }
  }, []);

  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  const value = useMemo<I18n>(() => {
    // During render, not in an effect: the children's first requests already read it.
    setServerTextLang(lang);
    const dict = dictionaries[lang];
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const numberFormat = new Intl.NumberFormat(locale);
    return {
      lang,
      setLang,
      t: (key: MessageKey, vars?: Vars) => format(dict[key], vars),
      tk: (key: string, fallback: string) => (Object.hasOwn(dict, key) ? dict[key as MessageKey] : fallback),
      pick: (zhText: string, enText: string) => (lang === 'zh' ? zhText : enText),
      dateTime: (iso) => {
        if (!iso) return '—';
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
      },
      number: (value) => (value === null || value === undefined ? '—' : numberFormat.format(value)),
    };
  }, [lang, setLang]);

  useEffect(() => {
    document.title = `${value.t('app.name')} · Wangge`;
  }, [value]);

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1668dc' } }}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
