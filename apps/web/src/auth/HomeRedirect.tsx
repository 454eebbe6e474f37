import { MobileOutlined } from '@ant-design/icons';
import { Button, Result, Space } from 'antd';
import { Navigate } from 'react-router-dom';
import { useMe } from '../api/auth';
import { useI18n } from '../i18n/useI18n';

/**
 * Each role's first screen, read off the permissions the server gave the caller: the
 * administrator its organisation, whoever dispatches or handles cases (dispatchers, operators,
 * departments, grid staff) the inbox, the leader and the command centre the figures. null: a
 * resident, whose home is the field app.
 */
export function homeOf(permissions: readonly string[]): string | null {
  const has = (permission: string) => permissions.includes(permission);
  if (has('users.write') && has('audit.read')) return '/org';
  if (has('cases.dispatch') || has('cases.handle')) return '/cases/inbox';
  if (has('cases.stats')) return '/cases/stats';
  if (has('errands.approve')) return '/errands';
  if (has('grids.read')) return '/map';
  if (has('org.read')) return '/org';
  return null;
}

export function HomeRedirect() {
  const me = useMe();
  const { t } = useI18n();
  const target = homeOf(me.permissions);
  if (target) return <Navigate to={target} replace />;
  return (
    <Result
      data-testid="home-resident"
      icon={<MobileOutlined />}
      title={t('home.residentTitle')}
      subTitle={t('home.residentHint')}
      extra={
        <Space wrap>
          <Button type="primary" href="/m/report" data-testid="home-resident-report">
            {t('home.report')}
          </Button>
          <Button href="/m/my-reports" data-testid="home-resident-my-reports">
            {t('home.myReports')}
          </Button>
        </Space>
      }
    />
  );
}
