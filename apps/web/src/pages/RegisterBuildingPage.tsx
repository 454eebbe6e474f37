import { Alert, Breadcrumb, Card, Empty, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { hasPermission, useMe } from '../api/auth';
import { isApiError } from '../api/client';
import { useBuildingMatrix } from '../api/registers';
import type { MatrixRoom } from '../api/types';
import { BuildingMatrixGrid, MatrixLegend } from '../components/registers/BuildingMatrixGrid';
import { HouseholdDrawer } from '../components/registers/HouseholdDrawer';
import '../components/registers/registers.css';
import { useI18n } from '../i18n/useI18n';

/** 楼栋户室图: pick a building, know its households; pick a room, know its people. */
export default function RegisterBuildingPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const highlightRoom = params.get('room');
  const highlightPerson = params.get('person');
  const { t } = useI18n();
  const me = useMe();
  const { data: matrix, isPending, error } = useBuildingMatrix(id);
  const [open, setOpen] = useState<MatrixRoom | null>(null);

  if (isPending) return <Skeleton active />;
  if (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 403)) {
      return (
        <Result status={error.status === 404 ? '404' : '403'} title={error.status} subTitle={error.message} />
      );
    }
    return <Alert type="error" showIcon title={error.message} />;
  }
  const b = matrix.building;

  return (
    <div data-testid="building-page">
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'registers', title: <Link to="/registers">{t('nav.registers')}</Link> },
          {
            key: 'grid',
            title: hasPermission(me, 'grids.read') ? (
              <Link to={`/grids/${b.grid.id}`}>{b.grid.name}</Link>
            ) : (
              b.grid.name
            ),
          },
          { key: 'building', title: b.name },
        ]}
      />
      <div className="reg-header">
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {b.name}
          </Typography.Title>
          <Tag>{t('reg.matrix.title')}</Tag>
          <Typography.Text type="secondary">{b.address ?? ''}</Typography.Text>
          <Typography.Text code className="small-code">
            {b.code}
          </Typography.Text>
        </Space>
        <Typography.Text data-testid="matrix-summary">
          {t('reg.matrix.summary', { rooms: matrix.rooms, households: matrix.households })}
        </Typography.Text>
      </div>
      <Card size="small" className="stack-gap">
        <MatrixLegend />
      </Card>
      <Card size="small" style={{ overflowX: 'auto' }}>
        {matrix.units.length === 0 ? (
          <Empty description={t('reg.matrix.empty')} />
        ) : (
          <BuildingMatrixGrid
            matrix={matrix}
            highlightRoom={highlightRoom}
            highlightPerson={highlightPerson}
            onOpen={setOpen}
          />
        )}
      </Card>
      <HouseholdDrawer room={open} highlightPerson={highlightPerson} onClose={() => setOpen(null)} />
    </div>
  );
}
