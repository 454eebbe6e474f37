import { Button, Form, Input, List, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { logIn } from '../api';
import { LangSwitch } from '../components/LangSwitch';
import { t } from '../i18n/zh';
import { flushQueue } from '../queue';

export function LoginPage() {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  return (
    <div style={{ padding: '48px 20px' }}>
      <div style={{ textAlign: 'center', marginBottom: 28 }}>
        <img src="/m/icon.svg" width={72} height={72} alt="" />
        <h1 style={{ margin: '12px 0 4px', fontSize: 24 }}>{t('appName')}</h1>
        <div className="m-muted">{t('loginHint')}</div>
      </div>
      <Form
        layout="vertical"
        onFinish={async (values: { username: string; password: string }) => {
          setBusy(true);
          try {
            const result = await logIn(values.username.trim(), values.password);
            if ('mustChangePassword' in result) {
              navigate('/password', { state: { csrfToken: result.mustChangePassword } });
              return;
            }
            void flushQueue();
            navigate('/', { replace: true });
          } catch (e) {
            Toast.show({ icon: 'fail', content: e instanceof Error ? e.message : String(e) });
          } finally {
            setBusy(false);
          }
        }}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} className="m-big-btn">
            {t('login')}
          </Button>
        }
      >
        <Form.Item name="username" label={t('username')} rules={[{ required: true }]}>
          <Input id="username" autoComplete="username" clearable />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true }]}>
          <Input id="password" type="password" autoComplete="current-password" />
        </Form.Item>
      </Form>
      <List style={{ marginTop: 16 }}>
        <LangSwitch />
      </List>
    </div>
  );
}
