import { List } from 'antd-mobile';
import { currentLang, setLang } from '../i18n/lang';

/**
 * The language switch, named in both languages so that whoever cannot read the current one still
 * finds it; a tap switches to the other language.
 */
export function LangSwitch() {
  const lang = currentLang();
  return (
    <List.Item
      data-testid="lang-switch"
      extra={lang === 'zh' ? '中文' : 'English'}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      语言 · Language
    </List.Item>
  );
}
