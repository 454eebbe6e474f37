import { ReloadOutlined } from '@ant-design/icons';
import { ERRAND_STATES, label } from '@wangge/rules';
import { Button, Card, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type ErrandFilter, type ErrandSummary, useErrands, useErrandTypes } from '../api/errands';
import { useI18n } from '../i18n/useI18n';

/** Tag colours of the errand states (antd presets). */
export const ERRAND_STATE_COLOR: Record<string, string> = {
  draft: 'default',
  leader_review: 'processing',
  department_review: 'processing',
  awaiting_delivery: 'gold',
  returned: 'warning',
  completed: 'success',
  cancelled: 'default',
};

/**
 * 代办事项: the errands waiting for the caller (default) or all it may see, by state and item.
 * A department approves here what grid workers collected on their phones.
 */
export default function ErrandsPage() {
  const { t, lang, dateTime } = useI18n();
  const [filter, setFilter] = useState<ErrandFilter>({ view: 'inbox', page: 1, pageSize: 20 });
  const update = (patch: Partial<ErrandFilter>) => setFilter({ ...filter, page: 1, ...patch });
  const { data, isFetching, error, refetch } = useErrands(filter);
  const types = useErrandTypes();
  const name = (item: { nameZh: string; nameEn: string | null }) =>
    lang === 'en' && item.nameEn ? item.nameEn : item.nameZh;
  return (
    <Card
      title={t('errand.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => refetch()} loading={isFetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          data-testid="errand-view"
          value={filter.view}
          onChange={(view) => update({ view: view as ErrandFilter['view'] })}
          options={[
            { value: 'inbox', label: t('errand.viewInbox') },
            { value: 'all', label: t('errand.viewAll') },
          ]}
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('common.status')}
          value={filter.state}
          onChange={(state) => update({ state })}
          options={ERRAND_STATES.map((s) => ({ value: s, label: label('errandState', s, lang) }))}
          data-testid="errand-state-filter"
        />
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('errand.type')}
          value={filter.typeCode}
          onChange={(typeCode) => update({ typeCode })}
          options={(types.data?.items ?? []).map((type) => ({ value: type.code, label: name(type) }))}
          data-testid="errand-type-filter"
        />
      </Space>
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      <Table<ErrandSummary>
        rowKey="id"
        data-testid="errand-table"
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('errand.empty') }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter({ ...filter, page, pageSize }),
        }}
        columns={[
          {
            title: t('common.code'),
            dataIndex: 'code',
            render: (code: string, e) => (
              <Link to={`/errands/${e.id}`} data-testid={`errand-link-${e.id}`}>
                {code}
              </Link>
            ),
          },
          { title: t('errand.type'), render: (_, e) => name(e.type) },
          { title: t('errand.person'), render: (_, e) => <span data-user-content>{e.person.name}</span> },
          { title: t('errand.grid'), render: (_, e) => e.grid.name },
          {
            title: t('common.status'),
            render: (_, e) => (
              <Space size={4}>
                <Tag color={ERRAND_STATE_COLOR[e.state]}>{label('errandState', e.state, lang)}</Tag>
                {e.overdue && <Tag color="error">{t('errand.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('errand.started'), render: (_, e) => dateTime(e.startedAt) },
          { title: t('errand.due'), render: (_, e) => (e.dueAt ? dateTime(e.dueAt) : '—') },
        ]}
      />
    </Card>
  );
}
