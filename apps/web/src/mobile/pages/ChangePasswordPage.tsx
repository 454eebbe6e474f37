import { Button, Form, Input, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { changePasswordAndEnrol } from '../api';
import { t } from '../i18n/zh';
import { flushQueue } from '../queue';

/**
 * After a login whose password was set for the user (outside demo mode): the user's own password,
 * in the cookie session the login left open, before the device gets its token.
 */
export function ChangePasswordPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const csrfToken = (location.state as { csrfToken?: unknown } | null)?.csrfToken;
  // Reached only from the login page, which hands over the session's CSRF token.
  if (typeof csrfToken !== 'string') return <Navigate to="/login" replace />;
  return (
    <div style={{ padding: '48px 20px' }}>
      <h1 style={{ margin: '0 0 8px', fontSize: 22 }}>{t('changePassword')}</h1>
      <div className="m-muted" data-testid="change-password-hint">
        {t('changePasswordHint')}
      </div>
      <Form
        layout="vertical"
        onFinish={async (values: { currentPassword: string; password: string }) => {
          setBusy(true);
          try {
            await changePasswordAndEnrol(csrfToken, values.currentPassword, values.password);
            void flushQueue();
            navigate('/', { replace: true });
          } catch (e) {
            // The server names the broken rule (too short, the username, a common password …).
            Toast.show({ icon: 'fail', content: e instanceof Error ? e.message : String(e) });
          } finally {
            setBusy(false);
          }
        }}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} className="m-big-btn">
            {t('changePassword')}
          </Button>
        }
      >
        <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true }]}>
          <Input id="currentPassword" type="password" autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('newPassword')}
          description={t('newPasswordRule')}
          rules={[{ required: true }]}
        >
          <Input id="newPassword" type="password" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </div>
  );
}
