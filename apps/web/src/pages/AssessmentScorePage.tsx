import { hasLabel, label } from '@wangge/rules';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  type Adjustment,
  type CountRef,
  fmtScore,
  type IndicatorResult,
  lastMonth,
  type ScoreEvent,
  subjectName,
  useScore,
  useScoreEvents,
  useTrend,
} from '../api/assessment';
import { GradeTag, MonthPicker, TrendChart } from '../components/assessment/parts';
import { useI18n } from '../i18n/useI18n';

const PAGE_SIZE = 20;

/** A worker's (department's, dispatcher's) scorecard for a month: every number down to its events. */
export default function AssessmentScorePage() {
  const { subjectType = 'worker', id = '' } = useParams();
  const { t, lang, pick, dateTime, number } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? lastMonth();
  const { data, error, isFetching } = useScore(subjectType, id, period);
  const trend = useTrend(subjectType, id);
  const [count, setCount] = useState<CountRef | null>(null);
  const [page, setPage] = useState(1);
  const events = useScoreEvents(
    subjectType,
    id,
    count ? { period, count: count.name, page, pageSize: PAGE_SIZE } : null,
  );
  const openCount = (ref: CountRef) => {
    setPage(1);
    setCount(ref);
  };

  const countCell = (ref: CountRef | null, indicator: IndicatorResult) => {
    if (!ref) return '—';
    const text = (
      <span>
        <Typography.Text type="secondary">{label('eventCount', ref.name, lang)}</Typography.Text>{' '}
        <b>{number(ref.count)}</b>
      </span>
    );
    // Seconds and working days are not events one can list.
    if (!indicator.eventsUrl || ref.count === 0 || !hasLabel('eventCount', ref.name)) return text;
    if (ref.name === 'workdays' || ref.name === 'households' || ref.name === 'training.hours') return text;
    return (
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        data-testid={`count-${indicator.code}-${ref.name}`}
        onClick={() => openCount(ref)}
      >
        {text}
      </Button>
    );
  };

  return (
    <div data-testid="assessment-score">
      <Card
        className="stack-gap"
        title={
          <Space>
            <Button size="small" onClick={() => navigate(-1)}>
              {t('common.back')}
            </Button>
            <span data-testid="score-subject">{data?.subject.name ?? '…'}</span>
            {data && (
              <Typography.Text type="secondary">
                {label('assessmentSubject', data.subject.type, lang)}
                {data.subject.unitName ? ` · ${data.subject.unitName}` : ''}
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          <MonthPicker
            value={period}
            onChange={(p) => {
              const next = new URLSearchParams(params);
              next.set('period', p);
              setParams(next);
            }}
          />
        }
      >
        {error && <Alert type="error" showIcon title={error.message} />}
        {data && (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic
                title={t('assess.composite')}
                value={fmtScore(data.composite)}
                valueStyle={{ fontWeight: 600 }}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('assess.grade')} valueRender={() => <GradeTag grade={data.grade} />} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('assess.rank')}
                value={
                  data.rank !== null && data.rankOf !== null
                    ? t('assess.rankOf', { rank: data.rank, of: data.rankOf })
                    : '—'
                }
              />
            </Col>
            <Col xs={12} md={6}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('assess.scheme')}>
                  {data.scheme?.effectiveFrom
                    ? t('assess.schemeFrom', { month: data.scheme.effectiveFrom })
                    : t('assess.builtinScheme')}
                </Descriptions.Item>
                <Descriptions.Item label={t('common.status')}>
                  <Tag color={data.frozen ? 'blue' : 'default'}>
                    {label('assessmentPeriodState', data.frozen ? 'frozen' : 'open', lang)}
                  </Tag>
                </Descriptions.Item>
              </Descriptions>
            </Col>
          </Row>
        )}
      </Card>
      <Card size="small" className="stack-gap">
        <Table<IndicatorResult>
          rowKey="code"
          size="small"
          data-testid="score-indicators"
          loading={isFetching}
          pagination={false}
          dataSource={data?.indicators ?? []}
          columns={[
            {
              title: t('assess.indicator'),
              render: (_, i) => (
                <Space direction="vertical" size={0}>
                  <b>{pick(i.name, i.nameEn)}</b>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.direction === 'low' ? t('assess.low') : t('assess.high')}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('assess.weight'), align: 'right', render: (_, i) => `${i.weight}` },
            { title: t('assess.numerator'), render: (_, i) => countCell(i.numerator, i) },
            { title: t('assess.denominator'), render: (_, i) => countCell(i.denominator, i) },
            { title: t('assess.value'), align: 'right', render: (_, i) => fmtScore(i.value) },
            { title: t('assess.target'), align: 'right', render: (_, i) => fmtScore(i.target) },
            {
              title: t('assess.adjustedTarget'),
              align: 'right',
              render: (_, i) =>
                Math.abs(i.adjustedTarget - i.target) > 1e-9 ? (
                  <Typography.Text strong type="warning">
                    {fmtScore(i.adjustedTarget)}
                  </Typography.Text>
                ) : (
                  fmtScore(i.adjustedTarget)
                ),
            },
            {
              title: t('assess.score'),
              align: 'right',
              render: (_, i) => <b>{fmtScore(i.score)}</b>,
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('assess.trend')}>
            <TrendChart items={trend.data?.items ?? []} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('assess.adjustments')}>
            <Table<Adjustment>
              rowKey="id"
              size="small"
              data-testid="score-adjustments"
              pagination={false}
              dataSource={data?.adjustments ?? []}
              locale={{ emptyText: t('assess.noAdjustments') }}
              columns={[
                {
                  title: t('assess.delta'),
                  align: 'right',
                  width: 64,
                  render: (_, a) => (
                    <Typography.Text type={a.delta < 0 ? 'danger' : 'success'}>
                      {a.delta > 0 ? `+${a.delta}` : a.delta}
                    </Typography.Text>
                  ),
                },
                { title: t('assess.reason'), render: (_, a) => <span data-user-content>{a.reason}</span> },
                {
                  title: t('common.status'),
                  render: (_, a) => <Tag>{label('adjustmentState', a.state, lang)}</Tag>,
                },
                { title: t('assess.by'), render: (_, a) => subjectName(a.by) },
                { title: t('assess.at'), render: (_, a) => dateTime(a.at) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Drawer
        open={count !== null}
        width={720}
        onClose={() => setCount(null)}
        title={count ? t('assess.eventsOf', { count: label('eventCount', count.name, lang) }) : ''}
        destroyOnHidden
      >
        <Table<ScoreEvent>
          rowKey={(e) => `${e.kind}-${e.id}`}
          size="small"
          data-testid="score-events"
          loading={events.isFetching}
          dataSource={events.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: events.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
          }}
          columns={[
            {
              title: t('assess.eventKind'),
              width: 72,
              render: (_, e) => <Tag>{label('assessmentEventKind', e.kind, lang)}</Tag>,
            },
            {
              title: t('assess.eventCode'),
              render: (_, e) =>
                e.link ? (
                  <Link to={e.link} data-testid="score-event-link">
                    {e.code ?? e.id}
                  </Link>
                ) : (
                  (e.code ?? '—')
                ),
            },
            { title: t('assess.eventTitle'), render: (_, e) => <span data-user-content>{e.title}</span> },
            { title: t('assess.at'), render: (_, e) => dateTime(e.at) },
          ]}
        />
      </Drawer>
    </div>
  );
}
