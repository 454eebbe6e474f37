import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import type { UserSummary } from '../../api/types';
import { resetPassword } from '../../api/users';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';

export function PasswordModal({ user, onClose }: { user: UserSummary | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ password: string }>();
  const mutation = useMutation({
    mutationFn: (password: string) => resetPassword(user?.id ?? '', password),
    onSuccess: () => {
      message.success(t('user.passwordReset'));
      onClose();
    },
    onError: (error) => showError(error, form),
  });
  return (
    <Modal
      title={user ? `${t('user.resetPassword')} · ${user.displayName}` : ''}
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => mutation.mutate(values.password)}
        preserve={false}
      >
        <Form.Item
          name="password"
          label={t('user.newPassword')}
          extra={t('user.passwordHint')}
          rules={[{ required: true }]}
        >
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
