import { Result } from 'antd';
import type { ReactElement } from 'react';
import { hasPermission, useMe } from '../api/auth';
import { useI18n } from '../i18n/useI18n';

export function RequirePermission({
  permission,
  element,
}: {
  permission: string | readonly string[];
  element: ReactElement;
}) {
  const me = useMe();
  const { t } = useI18n();
  if (!hasPermission(me, permission))
    return <Result status="403" title="403" subTitle={t('common.noPermission')} />;
  return element;
}
