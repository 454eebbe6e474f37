import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { label } from '@wangge/rules';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type Notice, publishNotice, useNotices, withdrawNotice } from '../api/notices';
import { useI18n } from '../i18n/useI18n';

const STATE_COLOR: Record<string, string> = {
  current: 'green',
  scheduled: 'blue',
  expired: 'default',
  withdrawn: 'red',
};

interface Draft {
  communityId: string;
  title: string;
  body: string;
  publishAt?: Dayjs;
  expireAt?: Dayjs;
}

/** 通知公告: what a community tells its residents in the resident app, with publish and expiry dates. */
export default function NoticesPage() {
  const { t, lang, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const { data, isFetching, error } = useNotices();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Draft>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notices'] });

  const submit = async (draft: Draft) => {
    setSaving(true);
    try {
      await publishNotice({
        communityId: draft.communityId,
        title: draft.title,
        body: draft.body,
        publishAt: draft.publishAt?.toISOString(),
        expireAt: draft.expireAt?.toISOString(),
      });
      setOpen(false);
      form.resetFields();
      await refresh();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={t('notices.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t('notices.new')}
        </Button>
      }
    >
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      <Table<Notice>
        rowKey="id"
        data-testid="notices-table"
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('notices.empty') }}
        expandable={{ expandedRowRender: (n) => <p data-user-content>{n.body}</p> }}
        columns={[
          { title: t('notices.noticeTitle'), render: (_, n) => <span data-user-content>{n.title}</span> },
          { title: t('notices.community'), render: (_, n) => n.community.name },
          { title: t('notices.publishAt'), render: (_, n) => dateTime(n.publishAt) },
          { title: t('notices.expireAt'), render: (_, n) => (n.expireAt ? dateTime(n.expireAt) : '—') },
          {
            title: t('common.status'),
            render: (_, n) => <Tag color={STATE_COLOR[n.state]}>{label('noticeState', n.state, lang)}</Tag>,
          },
          {
            title: '',
            render: (_, n) =>
              n.state === 'withdrawn' ? null : (
                <Popconfirm
                  title={t('notices.withdrawConfirm')}
                  onConfirm={() => withdrawNotice(n.id).then(refresh)}
                >
                  <Button size="small" danger>
                    {t('notices.withdraw')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        title={t('notices.new')}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(d) => void submit(d)}>
          <Form.Item name="communityId" label={t('notices.community')} rules={[{ required: true }]}>
            <Select options={(data?.communities ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="title" label={t('notices.noticeTitle')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="body" label={t('notices.body')} rules={[{ required: true, max: 5000 }]}>
            <Input.TextArea rows={5} />
          </Form.Item>
          <Form.Item name="publishAt" label={t('notices.publishAt')} extra={t('notices.publishNow')}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item name="expireAt" label={t('notices.expireAt')}>
            <DatePicker showTime />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
