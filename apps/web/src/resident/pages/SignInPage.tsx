import { Button, Form, Input, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { t } from '../i18n';
import { resendAnonymous, unsentAnonymousDraft } from '../send-report';

export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const draft = unsentAnonymousDraft();

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
      <div className="r-guest">
        <Button block size="large" onClick={() => navigate('/report')} data-testid="report-anonymously">
          {t('reportWithoutAccount')}
        </Button>
        <Button block size="large" onClick={() => navigate('/track')} data-testid="track-progress">
          {t('trackProgress')}
        </Button>
        {draft && (
          <Button
            block
            onClick={() =>
              void resendAnonymous(draft)
                .then((code) => navigate(`/track/${code}`))
                .catch((e: Error) => Toast.show(e.message))
            }
          >
            {t('sendAnonymousDraft')}
          </Button>
        )}
      </div>
    </div>
  );
}
