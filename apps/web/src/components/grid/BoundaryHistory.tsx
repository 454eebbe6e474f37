import { Alert, Button, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { Geometry } from 'geojson';
import { useGridBoundaries } from '../../api/grids';
import type { ChangedBy } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { formatArea } from '../format';

function changedByName(changedBy: ChangedBy): string {
  if (!changedBy) return '—';
  if (typeof changedBy === 'string') return changedBy;
  return changedBy.displayName ?? changedBy.username ?? String(changedBy.id ?? '—');
}

interface Props {
  gridId: string;
  shown: Geometry | null;
  onShow: (geometry: Geometry | null) => void;
}

/** 边界历史 (GET /api/grids/:id/boundaries, newest first); any version can be drawn on the map. */
export function BoundaryHistory({ gridId, shown, onShow }: Props) {
  const { t, dateTime, number } = useI18n();
  const { data, isPending, error } = useGridBoundaries(gridId);
  if (isPending) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (data.length === 0) return <Empty description={t('grid.historyEmpty')} />;
  return (
    <div data-testid="grid-history">
      <Timeline
        items={data.map((version) => {
          const current = !version.validTo;
          const isShown = shown === version.geometry;
          return {
            key: version.id,
            color: current ? 'green' : 'gray',
            content: (
              <div className="history-item" data-version={version.id}>
                <div>
                  <Typography.Text strong>{dateTime(version.validFrom)}</Typography.Text>
                  {' → '}
                  {current ? <Tag color="green">{t('grid.current')}</Tag> : dateTime(version.validTo)}
                </div>
                <Typography.Text type="secondary">
                  {t('grid.changedBy')}: {changedByName(version.changedBy)}
                  {version.areaM2 !== undefined &&
                    ` · ${t('grid.area')}: ${formatArea(version.areaM2, number)}`}
                </Typography.Text>
                {version.note && <div>{version.note}</div>}
                {!current && (
                  <Button size="small" type="link" onClick={() => onShow(isShown ? null : version.geometry)}>
                    {isShown ? t('grid.hideOnMap') : t('grid.showOnMap')}
                  </Button>
                )}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
