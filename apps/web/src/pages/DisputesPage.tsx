import { ReloadOutlined } from '@ant-design/icons';
import { DISPUTE_RISK_LEVELS, DISPUTE_STATES, label } from '@wangge/rules';
import { Button, Card, Checkbox, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type DisputeFilter, type DisputeSummary, useDisputes } from '../api/disputes';
import { useI18n } from '../i18n/useI18n';

/** Tag colours of the mediation states and risks (antd presets). */
export const DISPUTE_STATE_COLOR: Record<string, string> = {
  registered: 'default',
  mediating: 'processing',
  agreed: 'cyan',
  failed: 'warning',
  closed: 'success',
};
export const RISK_COLOR: Record<string, string> = { low: 'green', medium: 'gold', high: 'red' };

/** 矛盾纠纷调解台账: the mediation records in scope, escalated ones first. */
export default function DisputesPage() {
  const { t, lang, dateTime } = useI18n();
  const [filter, setFilter] = useState<DisputeFilter>({ page: 1, pageSize: 20 });
  const update = (patch: Partial<DisputeFilter>) => setFilter({ ...filter, page: 1, ...patch });
  const { data, isFetching, error, refetch } = useDisputes(filter);
  return (
    <Card
      title={t('dispute.title')}
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
          value={filter.state}
          onChange={(state) => update({ state })}
          options={DISPUTE_STATES.map((s) => ({ value: s, label: label('disputeState', s, lang) }))}
          data-testid="dispute-state-filter"
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('dispute.risk')}
          value={filter.riskLevel}
          onChange={(riskLevel) => update({ riskLevel })}
          options={DISPUTE_RISK_LEVELS.map((r) => ({ value: r, label: label('disputeRisk', r, lang) }))}
        />
        <Checkbox
          checked={filter.escalated === true}
          onChange={(e) => update({ escalated: e.target.checked ? true : undefined })}
          data-testid="dispute-escalated-filter"
        >
          {t('dispute.escalatedOnly')}
        </Checkbox>
      </Space>
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      <Table<DisputeSummary>
        rowKey="caseId"
        data-testid="dispute-table"
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('dispute.empty') }}
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
            render: (_, d) => (
              <Link to={`/disputes/${d.caseId}`} data-testid={`dispute-link-${d.caseId}`}>
                {d.caseCode}
              </Link>
            ),
          },
          { title: t('dispute.summary'), render: (_, d) => <span data-user-content>{d.summary}</span> },
          { title: t('errand.grid'), render: (_, d) => d.gridName },
          {
            title: t('dispute.risk'),
            render: (_, d) => (
              <Space size={4}>
                <Tag color={RISK_COLOR[d.riskLevel]}>{label('disputeRisk', d.riskLevel, lang)}</Tag>
                {d.escalatedAt && <Tag color="error">{t('dispute.escalated')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('common.status'),
            render: (_, d) => (
              <Tag color={DISPUTE_STATE_COLOR[d.state]}>{label('disputeState', d.state, lang)}</Tag>
            ),
          },
          { title: t('dispute.updated'), render: (_, d) => dateTime(d.updatedAt) },
        ]}
      />
    </Card>
  );
}
