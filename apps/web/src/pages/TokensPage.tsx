import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { createToken, listTokens, revokeToken, tokensKey } from '../api/auth';
import type { ApiToken, CreatedToken } from '../api/types';
import { useShowError } from '../components/useShowError';
import { useI18n } from '../i18n/useI18n';

function tokenState(token: ApiToken): 'active' | 'expired' | 'revoked' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) return 'expired';
  return 'active';
}

/** API 令牌: my bearer tokens; the secret is shown once, right after creation. */
export default function TokensPage() {
  const { t, dateTime } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: listTokens });
  const [createOpen, setCreateOpen] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [form] = Form.useForm<{ name: string; expiresInDays?: number | null }>();

  const create = useMutation({
    mutationFn: (values: { name: string; expiresInDays?: number | null }) =>
      createToken(values.name.trim(), values.expiresInDays ?? undefined),
    onSuccess: (result) => {
      setCreateOpen(false);
      setCreated(result);
      form.resetFields();
      queryClient.invalidateQueries({ queryKey: tokensKey });
    },
    onError: (error) => showError(error, form),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeToken(id),
    onSuccess: () => {
      message.success(t('token.revoked'));
      queryClient.invalidateQueries({ queryKey: tokensKey });
    },
    onError: (error) => showError(error),
  });

  const columns: TableColumnsType<ApiToken> = [
    { title: t('token.name'), dataIndex: 'name' },
    { title: t('token.createdAt'), dataIndex: 'createdAt', render: (v?: string) => dateTime(v) },
    {
      title: t('token.expiresAt'),
      dataIndex: 'expiresAt',
      render: (v?: string | null) => (v ? dateTime(v) : t('token.noExpiry')),
    },
    {
      title: t('token.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (v?: string | null) => (v ? dateTime(v) : t('token.never')),
    },
    {
      title: t('token.status'),
      key: 'status',
      render: (_, token) => {
        const state = tokenState(token);
        return state === 'active' ? (
          <Tag color="green">{t('token.active')}</Tag>
        ) : state === 'expired' ? (
          <Tag>{t('token.expired')}</Tag>
        ) : (
          <Tag color="red">{t('token.revoked')}</Tag>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, token) =>
        tokenState(token) === 'revoked' ? null : (
          <Popconfirm
            title={t('token.revokeConfirm', { name: token.name })}
            onConfirm={() => revoke.mutate(token.id)}
          >
            <Button type="link" danger size="small">
              {t('token.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('token.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreateOpen(true)}
          data-testid="token-create"
        >
          {t('token.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('token.intro')}</Typography.Paragraph>
      {tokens.error && <Alert type="error" showIcon title={tokens.error.message} />}
      <Table<ApiToken>
        data-testid="tokens-table"
        rowKey="id"
        size="middle"
        loading={tokens.isFetching}
        columns={columns}
        dataSource={tokens.data ?? []}
        pagination={false}
      />
      <Modal
        title={t('token.create')}
        open={createOpen}
        onCancel={() => setCreateOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)}>
          <Form.Item
            name="name"
            label={t('token.name')}
            rules={[{ required: true, whitespace: true, max: 100 }]}
          >
            <Input autoFocus placeholder="GIS / Traccar / …" />
          </Form.Item>
          <Form.Item
            name="expiresInDays"
            label={t('token.expiresInDays')}
            extra={t('token.expiresInDaysHint')}
          >
            <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={t('token.secretTitle')}
        open={created !== null}
        onCancel={() => setCreated(null)}
        footer={<Button onClick={() => setCreated(null)}>{t('common.confirm')}</Button>}
        data-testid="token-secret-modal"
      >
        <Alert type="warning" showIcon title={t('token.secretWarning')} className="stack-gap" />
        <Typography.Paragraph
          copyable={{ text: created?.token ?? '' }}
          className="token-secret mono"
          data-testid="token-secret"
        >
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
