import { CARE_GROUP_TYPES, RESIDENCE_ROLES, SPECIAL_GROUP_TYPES } from '@wangge/rules';
import { Alert, Card, Col, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { hasPermission, useMe } from '../../api/auth';
import { useRegisterStats } from '../../api/registers';
import type { RegisterStats } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { FLAG_COLORS } from './Flags';

type GridRow = RegisterStats['grids'][number];

/** Register statistics of the caller's scope: counts only, special groups only where permitted. */
export function RegisterStatsCards() {
  const { t, pick, number } = useI18n();
  const me = useMe();
  const { data, isPending, error } = useRegisterStats();
  if (isPending) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  const s = data.peopleByStatus;
  const total = Object.values(s).reduce((a, b) => a + b, 0);
  const specials = SPECIAL_GROUP_TYPES.filter((g) => data.specialGroups[g.code] !== undefined);
  const canSeeGrids = hasPermission(me, 'grids.read');

  return (
    <div data-testid="register-stats">
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title={t('reg.stats.population')} className="reg-stat-card">
            <Statistic value={s.active ?? 0} formatter={(v) => number(Number(v))} />
            <Typography.Text type="secondary" className="reg-stat-line">
              {t('reg.stats.statusLine', {
                active: number(s.active ?? 0),
                movedOut: number(s.moved_out ?? 0),
                deregistered: number(s.deregistered ?? 0),
                deceased: number(s.deceased ?? 0),
              })}
            </Typography.Text>
            {total === 0 && <Typography.Text type="secondary">—</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title={t('reg.stats.byRole')} className="reg-stat-card">
            <div className="reg-stat-list">
              {RESIDENCE_ROLES.map((role) => (
                <div key={role.key} className="reg-stat-row">
                  <span>{pick(role.labelZh, role.labelEn)}</span>
                  <strong>{number(data.activeByRole[role.key] ?? 0)}</strong>
                </div>
              ))}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title={t('reg.stats.special')} className="reg-stat-card">
            <div className="reg-stat-list">
              {specials.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
              {specials.map((g) => (
                <div key={g.code} className="reg-stat-row">
                  <span>
                    <Tag color={FLAG_COLORS.special}>{g.code}</Tag>
                    {pick(g.labelZh, g.labelEn)}
                  </span>
                  <strong>{number(data.specialGroups[g.code] ?? 0)}</strong>
                </div>
              ))}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title={t('reg.stats.care')} className="reg-stat-card">
            <div className="reg-stat-list">
              {CARE_GROUP_TYPES.map((g) => (
                <div key={g.key} className="reg-stat-row">
                  <span>{pick(g.labelZh, g.labelEn)}</span>
                  <strong>{number(data.careGroups[g.key] ?? 0)}</strong>
                </div>
              ))}
            </div>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('reg.stats.grids')} className="stack-card">
        <Table<GridRow>
          size="small"
          rowKey="gridId"
          dataSource={data.grids}
          data-testid="register-stats-grids"
          pagination={data.grids.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          columns={[
            {
              title: t('reg.stats.grid'),
              dataIndex: 'name',
              render: (name: string, row) =>
                canSeeGrids ? <Link to={`/grids/${row.gridId}`}>{name}</Link> : name,
            },
            {
              title: t('common.code'),
              dataIndex: 'code',
              render: (code: string) => <code>{code}</code>,
            },
            {
              title: t('reg.stats.households'),
              dataIndex: 'households',
              align: 'right',
              render: (v: number) => number(v),
            },
            {
              title: t('reg.stats.people'),
              dataIndex: 'people',
              align: 'right',
              render: (v: number) => number(v),
            },
          ]}
        />
      </Card>
    </div>
  );
}
