// Server messages are written "中文 (English)" (apps/server/src/http/errors.ts and every module), so
// an error reads in the console's language by taking its half. The API client keeps the language
// of the console here, set by I18nProvider, because errors are built outside React.
import type { Lang } from './context';

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;
const BILINGUAL = /^(.*?)\s*[(（]([^()（）]*)[)）]\s*$/s;

let current: Lang = 'zh';

export function setServerTextLang(lang: Lang): void {
  current = lang;
}

/** The half of a "中文 (English)" server text in `lang`; a text in one language as it is. */
export function serverText(text: string, lang: Lang = current, status?: number): string {
  const parts = BILINGUAL.exec(text);
  if (parts && CJK.test(parts[1]!) && !CJK.test(parts[2]!)) return lang === 'zh' ? parts[1]! : parts[2]!;
  if (lang === 'en' && CJK.test(text)) {
    return status ? `The server refused the request (HTTP ${status})` : 'The server refused the request';
  }
  return text;
}
