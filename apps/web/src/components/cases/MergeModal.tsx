import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { caseKeys, mergeCase, resolveCase } from '../../api/cases';
import { isApiError } from '../../api/client';
import type { CaseDetail } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';

/** Merge a duplicate into another case, named by its code (or id): POST /api/cases/:id/merge. */
export function MergeModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ into: string }>();
  const mutation = useMutation({
    mutationFn: async ({ into }: { into: string }) => {
      const target = await resolveCase(into);
      if (!target) {
        form.setFields([{ name: 'into', errors: [t('case.mergeNotFound')] }]);
        return null;
      }
      if (target.id === detail.id) {
        form.setFields([{ name: 'into', errors: [t('case.mergeSelf')] }]);
        return null;
      }
      return mergeCase(detail.id, detail.version, target.id);
    },
    onSuccess: (updated) => {
      if (!updated) return;
      queryClient.setQueryData(caseKeys.detail(detail.id), updated);
      queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      message.success(t('case.merged'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'stale_version') {
        message.warning(t('case.stale'));
        queryClient.invalidateQueries({ queryKey: caseKeys.detail(detail.id) });
        onClose();
        return;
      }
      showError(error);
    },
  });
  return (
    <Modal
      open
      title={`${t('case.merge')} · ${detail.code}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'case-merge-submit' } as Record<string, string>}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          name="into"
          label={t('case.mergeInto')}
          extra={t('case.mergeHelp')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input autoFocus data-testid="case-merge-into" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
