import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { createOrgUnit, renameOrgUnit } from '../../api/org';
import type { OrgNode } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';

interface ModalProps {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

export function RenameModal({ unit, open, onClose, onDone }: ModalProps & { unit: OrgNode }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const mutation = useMutation({
    mutationFn: (name: string) => renameOrgUnit(unit.id, name),
    onSuccess: async () => {
      message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['org'] });
      onDone();
      onClose();
    },
    onError: (error) => showError(error, form),
  });
  return (
    <Modal
      title={`${t('org.rename')} · ${unit.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: unit.name }}
        onFinish={(v) => mutation.mutate(v.name.trim())}
      >
        <Form.Item
          name="name"
          label={t('org.newName')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CreateChildModal({ parent, open, onClose, onDone }: ModalProps & { parent: OrgNode }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ code: string; name: string }>();
  const mutation = useMutation({
    mutationFn: (values: { code: string; name: string }) =>
      createOrgUnit({ parentId: parent.id, code: values.code.trim(), name: values.name.trim() }),
    onSuccess: async () => {
      message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['org'] });
      onDone();
      onClose();
    },
    onError: (error) => showError(error, form),
  });
  return (
    <Modal
      title={`${t('org.addChild')} · ${parent.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} preserve={false}>
        <Form.Item
          name="code"
          label={t('common.code')}
          extra={parent.code}
          rules={[{ required: true, pattern: /^[0-9]{12}([0-9]{3})?$/ }]}
        >
          <Input autoFocus inputMode="numeric" maxLength={15} placeholder={parent.code} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('common.name')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
