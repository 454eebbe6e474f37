import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

export const CAMERA_SOURCE = 'cameras';
export const CAMERA_LAYER = 'cameras-dot';

export interface CameraPoint {
  id: string;
  lon: number;
  lat: number;
  status: string;
}

/**
 * The camera layer shared by the console map and the big screen: one purple dot per camera (grey
 * when offline or disabled) above the grids; `toScreen` shifts to GCJ-02 where the tiles need it.
 */
export function addCameraLayer(map: MapLibreMap, onClick: (cameraId: string) => void): void {
  map.addSource(CAMERA_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: CAMERA_LAYER,
    type: 'circle',
    source: CAMERA_SOURCE,
    paint: {
      'circle-color': [
        'match',
        ['get', 'status'],
        'alarm',
        '#f5222d',
        'offline',
        '#8c8c8c',
        'disabled',
        '#8c8c8c',
        '#722ed1',
      ],
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 3.5, 15, 8],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
  map.on('click', CAMERA_LAYER, (event) => {
    const id = event.features?.[0]?.properties?.cameraId;
    if (id !== undefined && id !== null) onClick(String(id));
  });
  map.on('mouseenter', CAMERA_LAYER, () => {
    map.getCanvas().style.cursor = 'pointer';
  });
  map.on('mouseleave', CAMERA_LAYER, () => {
    map.getCanvas().style.cursor = '';
  });
}

export function setCameras(
  map: MapLibreMap,
  cameras: readonly CameraPoint[],
  toScreen: (lon: number, lat: number) => [number, number] = (lon, lat) => [lon, lat],
): void {
  const data: FeatureCollection = {
    type: 'FeatureCollection',
    features: cameras.map((c) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: toScreen(c.lon, c.lat) },
      properties: { cameraId: c.id, status: c.status },
    })),
  };
  (map.getSource(CAMERA_SOURCE) as GeoJSONSource | undefined)?.setData(data);
  map.getContainer().dataset.cameras = String(cameras.length);
}
