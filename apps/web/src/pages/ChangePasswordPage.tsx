import { LockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Spin, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router-dom';
import { changePassword, meKey, useSession } from '../api/auth';
import { useLogout } from '../auth/useLogout';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useShowError } from '../components/useShowError';
import { useI18n } from '../i18n/useI18n';

interface Values {
  currentPassword: string;
  password: string;
  confirm: string;
}

/**
 * Changing one's own password. Outside demo mode a user whose password was set for them lands
 * here (RequireAuth) and nowhere else until it is done; the policy's reasons come from the server.
 */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const onLogout = useLogout();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (values: Values) => changePassword(values.currentPassword, values.password),
    onSuccess: async () => {
      // The guard reads passwordChangeRequired from the session: it must be fresh before moving on.
      await queryClient.refetchQueries({ queryKey: meKey });
      message.success(t('password.changed'));
      navigate('/', { replace: true });
    },
    onError: (error) => showError(error, form),
  });

  if (session.isPending) {
    return (
      <div className="fullscreen-center">
        <Spin size="large" />
      </div>
    );
  }
  if (!session.data) return <Navigate to="/login" replace />;

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <Card className="login-card" data-testid="change-password">
        <div className="login-head">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('password.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {session.data.user.displayName} · {session.data.user.username}
          </Typography.Text>
        </div>
        {session.data.user.passwordChangeRequired && (
          <Alert type="warning" showIcon title={t('password.forced')} className="login-error" />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(values) => mutation.mutate(values)}
          requiredMark={false}
          size="large"
        >
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('password.new')}
            extra={t('user.passwordHint')}
            rules={[{ required: true }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['password']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
            {t('password.submit')}
          </Button>
          <Button type="link" block onClick={onLogout} style={{ marginTop: 8 }}>
            {t('header.logout')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
