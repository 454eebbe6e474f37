import { Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { hasPermission, useMe } from '../api/auth';
import { useBuildingMatrix } from '../api/registers';
import type { MatrixRoom } from '../api/types';
import { BuildingMatrixGrid, MatrixLegend } from '../components/registers/BuildingMatrixGrid';
import { HouseholdDrawer } from '../components/registers/HouseholdDrawer';
import { LoadFailure } from '../components/registers/LoadFailure';
import { RegisterPageHeader } from '../components/registers/RegisterPageHeader';
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
  if (error) return <LoadFailure error={error} />;
  const b = matrix.building;

  return (
    <div data-testid="building-page">
      <RegisterPageHeader
        title={b.name}
        parents={[
          {
            key: 'grid',
            title: hasPermission(me, 'grids.read') ? (
              <Link to={`/grids/${b.grid.id}`}>{b.grid.name}</Link>
            ) : (
              b.grid.name
            ),
          },
        ]}
        tags={
          <>
            <Tag>{t('reg.matrix.title')}</Tag>
            <Typography.Text type="secondary">{b.address ?? ''}</Typography.Text>
            <Typography.Text code className="small-code">
              {b.code}
            </Typography.Text>
          </>
        }
        extra={
          <Typography.Text data-testid="matrix-summary">
            {t('reg.matrix.summary', { rooms: matrix.rooms, households: matrix.households })}
          </Typography.Text>
        }
      />
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
