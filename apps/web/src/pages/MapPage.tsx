import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Segmented, Space, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useConfig } from '../api/auth';
import { useCameras } from '../api/cameras';
import { useGridGeoJson } from '../api/grids';
import { CameraDrawer } from '../components/cameras/CameraDrawer';
import { GridDrawer } from '../components/map/GridDrawer';
import { GridMap } from '../components/map/GridMap';
import { MapLegend } from '../components/map/MapLegend';
import { OrgUnitTreeSelect } from '../components/OrgUnitTreeSelect';
import { useI18n } from '../i18n/useI18n';
import type { ColorMode } from '../map/gridLayers';

/** 网格地图: all grids in scope (or within one unit), coloured by kind or household status. */
export default function MapPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const within = params.get('within') ?? undefined;
  const colorMode: ColorMode = params.get('color') === 'household' ? 'household' : 'kind';
  const selectedId = params.get('grid');
  const config = useConfig();
  const grids = useGridGeoJson(within);
  const cameras = useCameras();
  const cameraId = params.get('camera');

  const update = (changes: Record<string, string | undefined | null>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  };

  const count = grids.data?.features.length ?? 0;
  return (
    <div className="map-page">
      <div className="map-toolbar">
        <Space wrap>
          <span>{t('map.within')}</span>
          <OrgUnitTreeSelect
            excludeGrids
            value={within}
            onChange={(value) => update({ within: value, grid: null })}
            placeholder={t('map.withinPlaceholder')}
            style={{ minWidth: 240 }}
          />
          <span>{t('map.colorBy')}</span>
          <Segmented<ColorMode>
            data-testid="map-color-mode"
            value={colorMode}
            onChange={(value) => update({ color: value === 'kind' ? null : value })}
            options={[
              { label: t('map.byKind'), value: 'kind' },
              { label: t('map.byHousehold'), value: 'household' },
            ]}
          />
          <Button icon={<ReloadOutlined />} onClick={() => grids.refetch()} loading={grids.isFetching}>
            {t('common.refresh')}
          </Button>
        </Space>
        <Typography.Text type="secondary" data-testid="map-count">
          {grids.isPending ? t('common.loading') : `${t('map.gridCount', { count })} · ${t('map.hint')}`}
        </Typography.Text>
      </div>
      {grids.error && <Alert type="error" showIcon title={grids.error.message} />}
      <div className="map-frame">
        {config.isPending ? (
          <Spin className="map-spin" />
        ) : (
          <GridMap
            data={grids.data}
            tileUrl={config.data?.tileUrl ?? null}
            colorMode={colorMode}
            selectedId={selectedId}
            onSelect={(id) => update({ grid: id })}
            cameras={cameras.data?.items}
            onCamera={(id) => update({ camera: id })}
          />
        )}
        <MapLegend mode={colorMode} data={grids.data} />
        {grids.data && count === 0 && <div className="map-empty">{t('map.noGrids')}</div>}
        <GridDrawer gridId={selectedId} onClose={() => update({ grid: null })} />
        <CameraDrawer cameraId={cameraId} onClose={() => update({ camera: null })} />
      </div>
    </div>
  );
}
