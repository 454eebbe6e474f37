import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { revealPersonField } from '../../api/registers';
import type { Id, RevealResult } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';

/**
 * A masked ID or phone number with a 查看 button: a modal asks for the reason, the server checks
 * the permission and records the read; the plain value lives in this component's state only, and
 * is shown with the server's watermark (who revealed it, when) so a screenshot names its taker.
 */
export function RevealField({
  personId,
  field,
  masked,
  canReveal,
  testId,
}: {
  personId: Id;
  field: 'idNumber' | 'phone';
  masked: string | null;
  canReveal: boolean;
  testId: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [revealed, setRevealed] = useState<RevealResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const label = t(field === 'idNumber' ? 'reg.field.idNumber' : 'reg.field.phone');

  if (!masked) return <span>—</span>;

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      setRevealed(await revealPersonField(personId, field, reason.trim()));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      if (isApiError(e) && e.status === 403) setError(t('reg.reveal.forbidden'));
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size={4} wrap>
      <Typography.Text
        className="mono"
        data-testid={`${testId}-value`}
        data-revealed={revealed ? 'true' : 'false'}
        copyable={revealed ? { text: revealed.value } : false}
      >
        {revealed?.value ?? masked}
      </Typography.Text>
      {revealed && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-watermark`}>
          {revealed.watermark}
        </Typography.Text>
      )}
      {revealed ? (
        <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)}>
          {t('reg.reveal.hide')}
        </Button>
      ) : (
        canReveal && (
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            data-testid={testId}
            onClick={() => {
              setError(null);
              setOpen(true);
            }}
          >
            {t('reg.reveal.button')}
          </Button>
        )
      )}
      <Modal
        open={open}
        title={t('reg.reveal.title', { field: label })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('reg.reveal.button')}
        okButtonProps={{ loading: busy, 'data-testid': `${testId}-submit` }}
        destroyOnHidden
      >
        <div data-testid={`${testId}-modal`}>
          <Typography.Paragraph type="secondary">{t('reg.reveal.notice')}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
            <Form.Item
              name="reason"
              label={t('reg.reveal.reason')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  min: 2,
                  message: t('reg.reveal.reasonRequired'),
                },
              ]}
            >
              <Input.TextArea
                rows={2}
                maxLength={500}
                placeholder={t('reg.reveal.reasonPlaceholder')}
                data-testid={`${testId}-reason`}
              />
            </Form.Item>
          </Form>
          {error && <Alert type="error" showIcon title={error} data-testid={`${testId}-error`} />}
        </div>
      </Modal>
    </Space>
  );
}
