import { TrophyOutlined } from '@ant-design/icons';
import { label, monthsSoFar } from '@wangge/rules';
import { Alert, Card, Col, List, Row, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { fmtScore, lastMonth, type RankedSubject, type RankingItem, useRankings } from '../api/assessment';
import { hasPermission, useMe } from '../api/auth';
import { MonthlyReports } from '../components/assessment/MonthlyReports';
import { ChildUnits, GradeTag, ReviewPeriodPicker, UnitCrumbs } from '../components/assessment/parts';
import { useI18n } from '../i18n/useI18n';

const SUBJECTS: RankedSubject[] = ['worker', 'department', 'dispatcher'];

/** 考核排名: the month's (quarter's, half-year's, year's) ranking of a unit's workers, departments or dispatchers, with drill-down. */
export default function AssessmentRankingsPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? lastMonth();
  const full = hasPermission(me, 'assessment.view');
  // Who sees only their own window starts on their own list: a dispatcher among dispatchers.
  const ownSubject: RankedSubject = !full && hasPermission(me, 'cases.dispatch') ? 'dispatcher' : 'worker';
  const subject = (params.get('subject') as RankedSubject | null) ?? ownSubject;
  const unitId = params.get('unitId') ?? undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };
  const { data, isFetching, error } = useRankings({ period, unitId, subject });
  // A score is explained month by month: a longer period opens its last month begun.
  const scoreMonth = monthsSoFar(period).at(-1) ?? period;
  const scoreLink = (item: RankingItem) =>
    `/assessment/scores/${item.subject.type}/${item.subject.id}?period=${scoreMonth}`;
  const topTenIds = new Set((data?.topTen ?? []).map((i) => i.subject.id));

  return (
    <div data-testid="assessment-rankings">
      <Card
        title={
          <Space>
            {t('assess.rankings')}
            {data && (
              <Tag color={data.frozen ? 'blue' : 'default'} data-testid="period-state">
                {label('assessmentPeriodState', data.frozen ? 'frozen' : 'open', lang)}
              </Tag>
            )}
          </Space>
        }
        className="stack-gap"
      >
        <Space wrap size="middle">
          <span>{t('assess.period')}</span>
          <ReviewPeriodPicker value={period} onChange={(p) => set({ period: p })} />
          <Segmented
            data-testid="assessment-subject"
            value={subject}
            onChange={(v) => set({ subject: String(v) })}
            options={SUBJECTS.map((s) => ({ value: s, label: label('assessmentSubject', s, lang) }))}
          />
        </Space>
        {full && (
          <div style={{ marginTop: 12 }}>
            <UnitCrumbs unitId={data?.unit.id ?? unitId ?? null} onPick={(id) => set({ unitId: id })} />
            <div style={{ marginTop: 8 }}>
              <ChildUnits unitId={data?.unit.id ?? unitId ?? null} onPick={(id) => set({ unitId: id })} />
            </div>
          </div>
        )}
      </Card>
      {error && <Alert type="error" showIcon title={error.message} className="stack-gap" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={subject === 'worker' ? 16 : 24}>
          <Card size="small">
            <Table<RankingItem>
              rowKey={(i) => `${i.subject.type}-${i.subject.id}`}
              data-testid="ranking-table"
              size="small"
              loading={isFetching}
              dataSource={data?.items ?? []}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: t('assess.noData') }}
              rowClassName={(i) =>
                i.self ? 'assessment-self' : i.flaggedForTalk ? 'assessment-flagged' : ''
              }
              footer={() =>
                data &&
                (full ? t('assess.total', { total: data.total }) : t('assess.window', { total: data.total }))
              }
              columns={[
                {
                  title: t('assess.rank'),
                  dataIndex: 'rank',
                  width: 72,
                  render: (rank: number | null, i) =>
                    subject === 'worker' && topTenIds.has(i.subject.id) ? (
                      <Tooltip title={t('assess.topTen')}>
                        <b style={{ color: '#d48806' }}>
                          <TrophyOutlined /> {rank}
                        </b>
                      </Tooltip>
                    ) : (
                      (rank ?? '—')
                    ),
                },
                {
                  title: t('assess.name'),
                  render: (_, i) => (
                    <Space size={4}>
                      <Link to={scoreLink(i)} data-testid="ranking-subject">
                        {i.subject.name}
                      </Link>
                      {i.self && <Tag color="processing">{t('assess.self')}</Tag>}
                    </Space>
                  ),
                },
                { title: t('assess.unitName'), render: (_, i) => i.subject.unitName ?? '—' },
                {
                  title: t('assess.composite'),
                  align: 'right',
                  render: (_, i) => <b>{fmtScore(i.composite)}</b>,
                },
                { title: t('assess.grade'), render: (_, i) => <GradeTag grade={i.grade} /> },
                {
                  title: '',
                  render: (_, i) =>
                    i.flaggedForTalk ? (
                      <Tooltip title={t('assess.flaggedHint')}>
                        <Tag color="red" data-testid="flagged">
                          {t('assess.flagged')}
                        </Tag>
                      </Tooltip>
                    ) : null,
                },
              ]}
            />
          </Card>
        </Col>
        {subject === 'worker' && (
          <Col xs={24} xl={8}>
            <Card
              size="small"
              title={
                <Space>
                  <TrophyOutlined style={{ color: '#d48806' }} />
                  {t('assess.topTen')}
                </Space>
              }
              data-testid="top-ten"
            >
              <List
                size="small"
                dataSource={data?.topTen ?? []}
                locale={{ emptyText: t('assess.noData') }}
                renderItem={(i) => (
                  <List.Item extra={<GradeTag grade={i.grade} />}>
                    <Space>
                      <Tag color={i.rank !== null && i.rank <= 3 ? 'gold' : 'default'}>{i.rank ?? '—'}</Tag>
                      <Link to={scoreLink(i)}>{i.subject.name}</Link>
                      <Typography.Text type="secondary">{i.subject.unitName}</Typography.Text>
                      <b>{fmtScore(i.composite)}</b>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        )}
      </Row>
      {full && (
        <div style={{ marginTop: 16 }}>
          <MonthlyReports unitId={unitId} />
        </div>
      )}
    </div>
  );
}
