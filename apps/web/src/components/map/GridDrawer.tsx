import { Alert, Button, Descriptions, Divider, Drawer, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useGrid } from '../../api/grids';
import { useI18n } from '../../i18n/useI18n';
import { formatArea } from '../format';
import { TeamList } from '../grid/TeamList';
import { HouseholdTag, KindTag } from '../tags';

/**
 * Side drawer of the map: grid summary and team (GET /api/grids/:id). data-testid="grid-drawer".
 * Rendered inside the map frame (not over the header), without a mask so other grids stay clickable.
 */
export function GridDrawer({ gridId, onClose }: { gridId: string | null; onClose: () => void }) {
  const { t, number } = useI18n();
  const { data: grid, isPending, error } = useGrid(gridId);
  return (
    <Drawer
      data-testid="grid-drawer"
      open={gridId !== null}
      onClose={onClose}
      mask={false}
      size={400}
      getContainer={false}
      title={grid ? grid.name : t('common.details')}
      extra={
        gridId && (
          <Link to={`/grids/${gridId}`}>
            <Button type="primary" size="small" data-testid="grid-drawer-open">
              {t('map.openGridPage')}
            </Button>
          </Link>
        )
      }
    >
      {error ? (
        <Alert type="error" showIcon title={error.message} />
      ) : isPending || !grid ? (
        <Skeleton active />
      ) : (
        <div data-grid-id={grid.id}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('grid.code')}>
              <Typography.Text copyable code>
                {grid.code}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('grid.name')}>{grid.name}</Descriptions.Item>
            <Descriptions.Item label={t('grid.kind')}>
              <KindTag kind={grid.kind} specialType={grid.specialType} />
            </Descriptions.Item>
            <Descriptions.Item label={t('grid.households')}>
              {number(grid.households)} <HouseholdTag status={grid.householdStatus} />
            </Descriptions.Item>
            <Descriptions.Item label={t('grid.population')}>{number(grid.population)}</Descriptions.Item>
            <Descriptions.Item label={t('grid.area')}>{formatArea(grid.areaM2, number)}</Descriptions.Item>
            <Descriptions.Item label={t('grid.chain')}>
              {[grid.district?.name, grid.street?.name, grid.community.name].filter(Boolean).join(' / ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('grid.buildings')}>{grid.buildings.length}</Descriptions.Item>
          </Descriptions>
          <Divider titlePlacement="start">{t('grid.team')}</Divider>
          <TeamList team={grid.team} />
        </div>
      )}
    </Drawer>
  );
}
