import { Segmented } from 'antd';
import type { Lang } from '../i18n/context';
import { useI18n } from '../i18n/useI18n';

export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' | 'large' }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      size={size}
      value={lang}
      onChange={setLang}
      options={[
        // Each language is offered in its own language.
        {
          label: (
            <span lang="zh-CN" data-own-language>
              中文
            </span>
          ),
          value: 'zh',
        },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
