import { Alert, Card, Col, DatePicker, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type StatsFilter, useCaseStats } from '../api/cases';
import type { CaseStats } from '../api/types';
import { percent, useCaseLabels } from '../components/cases/labels';
import { OrgUnitTreeSelect } from '../components/OrgUnitTreeSelect';
import { useI18n } from '../i18n/useI18n';

const STEPS = ['accept', 'dispatch', 'handle', 'verify'] as const;

function closedRate(row: { reported: number; closed: number }): number | null {
  return row.reported > 0 ? row.closed / row.reported : null;
}

/** 统计分析: the loop's figures for one unit and period. */
export default function CaseStatsPage() {
  const { t, pick, number } = useI18n();
  const { sourceLabel } = useCaseLabels();
  const [filter, setFilter] = useState<StatsFilter>({});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const { data, isFetching, error } = useCaseStats(filter);

  const cards: { key: string; title: string; value: (stats: CaseStats) => string }[] = [
    { key: 'reported', title: t('stats.reported'), value: (s) => number(s.reported) },
    { key: 'filed', title: t('stats.filed'), value: (s) => number(s.filed) },
    { key: 'closed', title: t('stats.closed'), value: (s) => number(s.closed) },
    { key: 'closureRate', title: t('stats.closureRate'), value: (s) => percent(s.closureRate) },
    { key: 'reworkRate', title: t('stats.reworkRate'), value: (s) => percent(s.reworkRate) },
    { key: 'overdue', title: t('stats.overdue'), value: (s) => number(s.overdue) },
  ];

  return (
    <div data-testid="stats-page">
      <Card title={t('stats.title')} className="stack-gap">
        <Space wrap>
          <span>{t('stats.unit')}</span>
          <OrgUnitTreeSelect
            value={filter.within}
            onChange={(within) => setFilter((current) => ({ ...current, within }))}
            placeholder={t('map.withinPlaceholder')}
            style={{ minWidth: 240 }}
          />
          <span>{t('stats.period')}</span>
          <DatePicker.RangePicker
            value={range}
            allowEmpty={[true, true]}
            onChange={(next) => {
              setRange(next);
              setFilter((current) => ({
                ...current,
                from: next?.[0]?.startOf('day').toISOString(),
                to: next?.[1]?.endOf('day').toISOString(),
              }));
            }}
          />
          {isFetching && <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error.message} className="stack-gap" />}
      <Row gutter={[16, 16]}>
        {cards.map((card) => (
          <Col xs={12} md={8} xl={4} key={card.key}>
            <Card size="small" data-testid={`stats-${card.key}`}>
              <Statistic
                title={card.title}
                value={data ? card.value(data) : '—'}
                loading={!data && isFetching}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} className="stack-card">
        <Col xs={24} xl={8}>
          <Card size="small" title={t('stats.onTime')} data-testid="stats-on-time">
            {STEPS.map((step) => {
              const rate = data?.onTime[step] ?? null;
              return (
                <div key={step} className="stats-progress">
                  <span className="stats-progress-label">{t(`stats.step.${step}`)}</span>
                  <Progress
                    percent={rate === null ? 0 : Math.round(rate * 1000) / 10}
                    format={() => percent(rate)}
                    status={rate === null ? 'normal' : rate < 0.8 ? 'exception' : 'success'}
                  />
                </div>
              );
            })}
            {data && (
              <Typography.Text type="secondary">
                {t('stats.voided')}
                {t('case.colon')}
                {number(data.voided)}
              </Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('stats.byCategory')}>
            <Table
              data-testid="stats-by-category"
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={data?.byCategory ?? []}
              columns={[
                {
                  title: t('case.category'),
                  dataIndex: 'name',
                  render: (name: string, row) => pick(name, row.nameEn),
                },
                { title: t('stats.reported'), dataIndex: 'reported', align: 'right' },
                { title: t('stats.closed'), dataIndex: 'closed', align: 'right' },
                {
                  title: t('stats.closureRate'),
                  key: 'rate',
                  align: 'right',
                  render: (_, row) => percent(closedRate(row)),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('stats.bySource')}>
            <Table
              data-testid="stats-by-source"
              rowKey="source"
              size="small"
              pagination={false}
              dataSource={data?.bySource ?? []}
              columns={[
                {
                  title: t('case.source'),
                  dataIndex: 'source',
                  render: (source: string) => sourceLabel(source),
                },
                { title: t('stats.reported'), dataIndex: 'reported', align: 'right' },
                { title: t('stats.closed'), dataIndex: 'closed', align: 'right' },
                {
                  title: t('stats.closureRate'),
                  key: 'rate',
                  align: 'right',
                  render: (_, row) => percent(closedRate(row)),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
