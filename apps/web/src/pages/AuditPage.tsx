import { Card, DatePicker, Input, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { type AuditFilter, useAudit } from '../api/audit';
import { hasPermission, useMe } from '../api/auth';
import type { AuditEntry } from '../api/types';
import { UserPicker } from '../components/UserPicker';
import { useI18n } from '../i18n/useI18n';

function DetailsCell({ details }: { details: unknown }) {
  if (details === null || details === undefined) return <>—</>;
  const text = JSON.stringify(details);
  if (text === '{}') return <>—</>;
  return (
    <Typography.Text
      className="mono audit-details"
      ellipsis={{ tooltip: <pre className="mono">{JSON.stringify(details, null, 2)}</pre> }}
    >
      {text}
    </Typography.Text>
  );
}

/** 审计日志: who did what, when, from where. */
export default function AuditPage() {
  const { t, dateTime } = useI18n();
  const me = useMe();
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: 50 });
  const { data, isFetching, error } = useAudit(filter);
  const change = (patch: Partial<AuditFilter>) => setFilter((current) => ({ ...current, ...patch, page: 1 }));

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (at: string) => dateTime(at) },
    {
      title: t('audit.user'),
      dataIndex: 'username',
      render: (username: string | null, entry) => username ?? (entry.userId ? `#${entry.userId}` : '—'),
    },
    { title: t('audit.action'), dataIndex: 'action', render: (action: string) => <code>{action}</code> },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_, entry) => (
        <span>
          {entry.targetType}
          {entry.targetId ? ` #${entry.targetId}` : ''}
        </span>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
    {
      title: t('audit.details'),
      dataIndex: 'details',
      render: (details: unknown) => <DetailsCell details={details} />,
    },
  ];

  return (
    <Card title={t('audit.title')}>
      <Space wrap className="filter-bar">
        <UserPicker
          value={filter.userId}
          onChange={(userId) => change({ userId })}
          placeholder={t('audit.userPlaceholder')}
          enabled={hasPermission(me, 'users.read')}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.actionPlaceholder')}
          onSearch={(value) => change({ action: value.trim() || undefined })}
          style={{ width: 220 }}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.targetType')}
          onSearch={(value) => change({ targetType: value.trim() || undefined })}
          style={{ width: 160 }}
        />
        <DatePicker.RangePicker
          showTime
          placeholder={[t('grid.validFrom'), t('grid.validTo')]}
          onChange={(range) =>
            change({
              from: range?.[0]?.toISOString() ?? undefined,
              to: range?.[1]?.toISOString() ?? undefined,
            })
          }
        />
      </Space>
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      <Table<AuditEntry>
        data-testid="audit-table"
        rowKey="id"
        size="small"
        loading={isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter((current) => ({ ...current, page, pageSize })),
        }}
      />
    </Card>
  );
}
