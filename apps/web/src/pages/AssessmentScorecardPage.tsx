import { label } from '@wangge/rules';
import { Alert, Button, Card, Space, Table, Tooltip, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { fmtScore, LIGHT_COLOR, lastMonth, type Scorecard, useScorecard } from '../api/assessment';
import { GradeTag, MonthPicker, UnitCrumbs } from '../components/assessment/parts';
import { useI18n } from '../i18n/useI18n';

type Row = Scorecard['rows'][number];

/** 单位记分卡: the child units of a unit × the area indicators, DHIS2-style traffic lights. */
export default function AssessmentScorecardPage() {
  const { t, lang, pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? lastMonth();
  const unitId = params.get('unitId') ?? undefined;
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next);
  };
  const { data, isFetching, error } = useScorecard({ period, unitId });
  const shownUnit = unitId ?? data?.unit.id ?? null;

  return (
    <div data-testid="assessment-scorecard">
      <Card title={t('assess.scorecardTitle')} className="stack-gap">
        <Space wrap size="middle">
          <span>{t('assess.period')}</span>
          <MonthPicker value={period} onChange={(p) => set('period', p)} />
          <Typography.Text type="secondary">{t('assess.lightsHint')}</Typography.Text>
        </Space>
        {shownUnit && (
          <div style={{ marginTop: 12 }}>
            <UnitCrumbs unitId={shownUnit} onPick={(id) => set('unitId', id)} />
          </div>
        )}
      </Card>
      {error && <Alert type="error" showIcon title={error.message} className="stack-gap" />}
      <Card size="small">
        <Table<Row>
          rowKey={(r) => r.unit.id}
          size="small"
          bordered
          data-testid="scorecard-table"
          loading={isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={data?.rows ?? []}
          locale={{ emptyText: t('assess.noData') }}
          columns={[
            {
              title: t('assess.unit'),
              fixed: 'left',
              render: (_, r) =>
                r.unit.level === 'grid' ? (
                  r.unit.name
                ) : (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => set('unitId', r.unit.id)}
                    data-testid="scorecard-unit"
                  >
                    {r.unit.name}
                  </Button>
                ),
            },
            ...(data?.indicators ?? []).map((ind) => ({
              key: ind.code,
              title: (
                <Tooltip
                  title={`${t('assess.target')} ${fmtScore(ind.target)} · ${
                    ind.direction === 'low' ? t('assess.low') : t('assess.high')
                  }`}
                >
                  {pick(ind.name, ind.nameEn) || label('indicator', ind.code, lang)}
                </Tooltip>
              ),
              align: 'center' as const,
              onCell: (r: Row) => {
                const light = r.values[ind.code]?.light ?? null;
                return {
                  'data-light': light ?? 'none',
                  style: light
                    ? { background: LIGHT_COLOR[light], color: light === 'yellow' ? '#000' : '#fff' }
                    : undefined,
                } as React.TdHTMLAttributes<HTMLTableCellElement>;
              },
              render: (_: unknown, r: Row) => fmtScore(r.values[ind.code]?.value ?? null),
            })),
            {
              title: t('assess.composite'),
              align: 'right',
              render: (_, r) => <b>{fmtScore(r.composite)}</b>,
            },
            { title: t('assess.grade'), render: (_, r) => <GradeTag grade={r.grade} /> },
          ]}
        />
      </Card>
    </div>
  );
}
