import { ReloadOutlined } from '@ant-design/icons';
import { HOTLINE_DELIVERY_STATUSES, label } from '@wangge/rules';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type HotlineCallback, useHotlineCallbacks } from '../api/devices';
import { useI18n } from '../i18n/useI18n';

const STATUS_COLOR: Record<string, string> = { pending: 'processing', delivered: 'green', failed: 'red' };

/** 12345 热线回告: each status change of a hotline case sent back to the hotline, with its attempts. */
export default function HotlinePage() {
  const { t, lang, dateTime } = useI18n();
  const [filter, setFilter] = useState<{ status?: string; page: number; pageSize: number }>({
    page: 1,
    pageSize: 20,
  });
  const { data, isFetching, error, refetch } = useHotlineCallbacks(filter);
  return (
    <Card
      title={t('hotline.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => refetch()} loading={isFetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('common.status')}
          value={filter.status}
          onChange={(status) => setFilter({ ...filter, page: 1, status })}
          options={HOTLINE_DELIVERY_STATUSES.map((s) => ({
            value: s,
            label: label('hotlineDelivery', s, lang),
          }))}
        />
      </Space>
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      <Table<HotlineCallback>
        rowKey="id"
        data-testid="hotline-table"
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('hotline.empty') }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter({ ...filter, page, pageSize }),
        }}
        columns={[
          { title: t('hotline.orderNo'), dataIndex: 'orderNo' },
          {
            title: t('hotline.case'),
            render: (_, c) => (
              <Link to={`/cases/${c.case.id}`} data-user-content>
                {c.case.code}
              </Link>
            ),
          },
          { title: t('hotline.state'), render: (_, c) => label('caseState', c.state, lang) },
          {
            title: t('common.status'),
            render: (_, c) => (
              <Tag color={STATUS_COLOR[c.status]}>{label('hotlineDelivery', c.status, lang)}</Tag>
            ),
          },
          { title: t('hotline.attempts'), dataIndex: 'attempts' },
          {
            title: t('hotline.lastResult'),
            render: (_, c) => c.lastError ?? (c.lastStatusCode ? `HTTP ${c.lastStatusCode}` : '—'),
          },
          { title: t('hotline.createdAt'), render: (_, c) => dateTime(c.createdAt) },
          {
            title: t('hotline.next'),
            render: (_, c) =>
              c.deliveredAt ? dateTime(c.deliveredAt) : c.nextAttemptAt ? dateTime(c.nextAttemptAt) : '—',
          },
        ]}
      />
    </Card>
  );
}
