import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../api/auth';
import { useI18n } from '../i18n/useI18n';

/** Renders children only with a session; otherwise sends the browser to /login (remembering where it was). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data, isPending, isError, error, refetch } = useSession();
  const location = useLocation();
  const { t } = useI18n();
  if (isPending) {
    return (
      <div className="fullscreen-center">
        <Spin size="large" />
      </div>
    );
  }
  if (isError) {
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={error.message}
        extra={<Button onClick={() => refetch()}>{t('common.refresh')}</Button>}
      />
    );
  }
  if (!data) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  // Every other API call would answer 403 password_change_required until the password is changed.
  if (data.user.passwordChangeRequired) return <Navigate to="/password" replace />;
  return <>{children}</>;
}
