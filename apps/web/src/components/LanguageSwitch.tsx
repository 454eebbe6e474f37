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
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
