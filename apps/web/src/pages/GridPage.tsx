import {
  Alert,
  Breadcrumb,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Skeleton,
  Space,
  Tabs,
  Typography,
} from 'antd';
import type { Geometry } from 'geojson';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useConfig } from '../api/auth';
import { isApiError } from '../api/client';
import { useGrid } from '../api/grids';
import { formatArea } from '../components/format';
import { BoundaryEditor } from '../components/grid/BoundaryEditor';
import { BoundaryHistory } from '../components/grid/BoundaryHistory';
import { BuildingsTable } from '../components/grid/BuildingsTable';
import { GridEditForm } from '../components/grid/GridEditForm';
import { GridMiniMap } from '../components/grid/GridMiniMap';
import { formatGeometry } from '../components/grid/geometryText';
import { TeamTable } from '../components/grid/TeamTable';
import { HouseholdTag, KindTag } from '../components/tags';
import { useI18n } from '../i18n/useI18n';

/** 网格页: one grid with its chain, households, boundary, buildings, team, history and editors. */
export default function GridPage() {
  const { id = '' } = useParams();
  const { t, number } = useI18n();
  const config = useConfig();
  const { data: grid, isPending, error } = useGrid(id);
  const [overlay, setOverlay] = useState<Geometry | null>(null);
  const [draft, setDraft] = useState<Geometry | null>(null);
  const [dragMode, setDragMode] = useState(false);
  const [draggedText, setDraggedText] = useState<string | null>(null);

  if (isPending) return <Skeleton active />;
  if (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 403)) {
      return (
        <Result status={error.status === 404 ? '404' : '403'} title={error.status} subTitle={error.message} />
      );
    }
    return <Alert type="error" showIcon title={error.message} />;
  }

  const canEdit = grid.actions.includes('grid.edit');
  const canEditBoundary = grid.actions.includes('grid.editBoundary');
  const chain = [grid.city, grid.district, grid.street, grid.community].filter(
    (unit): unit is NonNullable<typeof unit> => !!unit,
  );

  const tabs = [
    {
      key: 'buildings',
      label: `${t('grid.buildings')} (${grid.buildings.length})`,
      children: <BuildingsTable buildings={grid.buildings} />,
    },
    {
      key: 'history',
      label: t('grid.history'),
      children: <BoundaryHistory gridId={grid.id} shown={overlay} onShow={setOverlay} />,
    },
    ...(canEdit ? [{ key: 'edit', label: t('grid.edit'), children: <GridEditForm grid={grid} /> }] : []),
    ...(canEditBoundary
      ? [
          {
            key: 'boundary',
            label: t('grid.editBoundary'),
            children: (
              <BoundaryEditor
                grid={grid}
                onDraftChange={setDraft}
                externalText={draggedText}
                dragMode={dragMode}
                onDragModeChange={setDragMode}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="grid-page" data-testid="grid-page" data-grid-id={grid.id}>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          ...chain.map((unit) => ({
            key: unit.id,
            title: <Link to={`/grids?within=${unit.id}`}>{unit.name}</Link>,
          })),
          { key: grid.id, title: grid.name },
        ]}
      />
      <Space align="baseline" wrap className="grid-title">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {grid.name}
        </Typography.Title>
        <Typography.Text code copyable data-testid="grid-code">
          {grid.code}
        </Typography.Text>
        <KindTag kind={grid.kind} specialType={grid.specialType} />
        <HouseholdTag status={grid.householdStatus} />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('common.details')}>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('grid.code')}>{grid.code}</Descriptions.Item>
              <Descriptions.Item label={t('grid.name')}>{grid.name}</Descriptions.Item>
              <Descriptions.Item label={t('grid.kind')}>
                <KindTag kind={grid.kind} specialType={grid.specialType} />
              </Descriptions.Item>
              <Descriptions.Item label={t('grid.community')}>{grid.community.name}</Descriptions.Item>
              <Descriptions.Item label={t('grid.street')}>{grid.street?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('grid.district')}>{grid.district?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('grid.registeredHouseholds')}>
                <span data-testid="grid-registered-households">{number(grid.registered.households)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('grid.registeredPopulation')}>
                <span data-testid="grid-registered-population">{number(grid.registered.population)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('grid.declaredHouseholds')}>
                <span data-testid="grid-households">{number(grid.households)}</span>{' '}
                <HouseholdTag status={grid.householdStatus} />
              </Descriptions.Item>
              <Descriptions.Item label={t('grid.declaredPopulation')}>
                <span data-testid="grid-population">{number(grid.population)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('grid.area')}>{formatArea(grid.areaM2, number)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('grid.team')} className="stack-card">
            <TeamTable team={grid.team} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('grid.boundary')}>
            {!grid.boundary && (
              <Alert type="info" showIcon title={t('grid.noBoundary')} className="stack-gap" />
            )}
            {config.isPending ? (
              <Skeleton.Node active className="mini-map" />
            ) : (
              <GridMiniMap
                boundary={grid.boundary}
                buildings={grid.buildings}
                tileUrl={config.data?.tileUrl ?? null}
                overlay={overlay}
                draft={draft}
                editable={canEditBoundary && dragMode}
                onEdit={(geometry) => setDraggedText(formatGeometry(geometry))}
              />
            )}
          </Card>
          <Card size="small" className="stack-card">
            <Tabs items={tabs} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
