import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Building } from '../api/types';

export const BOUNDARY = 'boundary';
export const BUILDINGS = 'buildings';
export const OVERLAY = 'overlay';
export const DRAFT = 'draft';
export const VERTICES = 'vertices';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function asCollection(geometry: Geometry | null | undefined): FeatureCollection {
  return geometry
    ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] }
    : empty;
}

export function buildingCollection(buildings: Building[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: buildings.map(
      (b): Feature<Point> => ({
        type: 'Feature',
        id: Number(b.id) || undefined,
        geometry: { type: 'Point', coordinates: [b.lon, b.lat] },
        properties: { id: b.id, name: b.name, code: b.code, households: b.households ?? 0 },
      }),
    ),
  };
}

/** Boundary fill + outline, a dashed overlay (a historic version), a draft outline, building dots. */
export function addMiniLayers(map: MapLibreMap): void {
  for (const id of [BOUNDARY, OVERLAY, DRAFT, BUILDINGS, VERTICES])
    map.addSource(id, { type: 'geojson', data: empty });
  map.addLayer({
    id: `${BOUNDARY}-fill`,
    type: 'fill',
    source: BOUNDARY,
    paint: { 'fill-color': '#3b82f6', 'fill-opacity': 0.18 },
  });
  map.addLayer({
    id: `${BOUNDARY}-line`,
    type: 'line',
    source: BOUNDARY,
    paint: { 'line-color': '#1d4ed8', 'line-width': 2 },
  });
  map.addLayer({
    id: `${OVERLAY}-line`,
    type: 'line',
    source: OVERLAY,
    paint: { 'line-color': '#7c3aed', 'line-width': 2, 'line-dasharray': [2, 2] },
  });
  map.addLayer({
    id: `${DRAFT}-line`,
    type: 'line',
    source: DRAFT,
    paint: { 'line-color': '#dc2626', 'line-width': 2, 'line-dasharray': [3, 1.5] },
  });
  map.addLayer({
    id: `${BUILDINGS}-circle`,
    type: 'circle',
    source: BUILDINGS,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 3, 17, 7],
      'circle-color': '#f97316',
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
  map.addLayer({
    id: `${VERTICES}-circle`,
    type: 'circle',
    source: VERTICES,
    paint: {
      'circle-radius': 6,
      'circle-color': '#ffffff',
      'circle-stroke-color': '#dc2626',
      'circle-stroke-width': 2,
    },
  });
}
