import { Button, Form, Input, Toast } from 'antd-mobile';
import { useState } from 'react';
import { api } from '../api';
import { t } from '../i18n';

export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  const sendCode = async () => {
    try {
      await api.post('/api/residents/code', { phone });
      Toast.show(t('codeSent'));
    } catch (e) {
      Toast.show((e as Error).message);
    }
  };
  const signIn = async () => {
    setBusy(true);
    try {
      await api.signIn(phone, code);
      onSignedIn();
    } catch (e) {
      Toast.show((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="r-page" data-testid="sign-in">
      <h1 className="r-title">{t('appName')}</h1>
      <Form layout="vertical">
        <Form.Item label={t('phone')}>
          <Input id="phone" type="tel" inputMode="numeric" maxLength={11} value={phone} onChange={setPhone} />
        </Form.Item>
        <Form.Item
          label={t('code')}
          extra={
            <Button
              size="small"
              onClick={sendCode}
              disabled={!/^1\d{10}$/.test(phone)}
              data-testid="send-code"
            >
              {t('sendCode')}
            </Button>
          }
        >
          <Input id="code" inputMode="numeric" maxLength={6} value={code} onChange={setCode} />
        </Form.Item>
      </Form>
      <Button block color="primary" size="large" loading={busy} disabled={code.length !== 6} onClick={signIn}>
        {t('signIn')}
      </Button>
    </div>
  );
}
