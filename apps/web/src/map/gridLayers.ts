import { interiorPoint, type Geometry as RulesGeometry } from '@wangge/rules';
import type { FeatureCollection, Point, Position } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { GridCollection } from '../api/types';
import { HOUSEHOLD_COLORS, KIND_COLORS, UNKNOWN_COLOR } from './colors';

export type ColorMode = 'kind' | 'household';

export const GRID_SOURCE = 'grids';
export const GRID_FILL = 'grids-fill';
export const GRID_LINE = 'grids-line';
export const GRID_LABEL = 'grids-label';
export const GRID_LABEL_SOURCE = 'grid-labels';
export const COMMUNITY_SOURCE = 'communities';
export const COMMUNITY_LABEL = 'communities-label';
/** Grid names from this zoom on; community names below it, where grids are too small to name. */
const GRID_LABEL_ZOOM = 14;
const emptyCollection = { type: 'FeatureCollection' as const, features: [] };

export function fillColor(mode: ColorMode): ExpressionSpecification {
  if (mode === 'kind') {
    return [
      'match',
      ['get', 'kind'],
      'base',
      KIND_COLORS.base,
      'special',
      KIND_COLORS.special,
      UNKNOWN_COLOR,
    ];
  }
  return [
    'match',
    ['get', 'householdStatus'],
    'under',
    HOUSEHOLD_COLORS.under,
    'ok',
    HOUSEHOLD_COLORS.ok,
    'over',
    HOUSEHOLD_COLORS.over,
    UNKNOWN_COLOR,
  ];
}

const hover: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

export function addGridLayers(map: MapLibreMap, mode: ColorMode): void {
  map.addSource(GRID_SOURCE, { type: 'geojson', data: emptyCollection });
  map.addSource(GRID_LABEL_SOURCE, { type: 'geojson', data: emptyCollection });
  map.addSource(COMMUNITY_SOURCE, { type: 'geojson', data: emptyCollection });
  map.addLayer({
    id: GRID_FILL,
    type: 'fill',
    source: GRID_SOURCE,
    paint: {
      'fill-color': fillColor(mode),
      // Lighter close up, where the base map's roads and buildings are what one looks for.
      'fill-opacity': [
        'interpolate',
        ['linear'],
        ['zoom'],
        13,
        ['case', selected, 0.8, hover, 0.75, 0.45],
        16,
        ['case', selected, 0.45, hover, 0.4, 0.2],
      ],
    },
  });
  map.addLayer({
    id: GRID_LINE,
    type: 'line',
    source: GRID_SOURCE,
    paint: {
      'line-color': ['case', selected, '#0b2a66', hover, '#1d39c4', '#334155'],
      'line-width': ['case', selected, 3, hover, 2, 0.8],
      'line-opacity': ['case', selected, 1, 0.8],
    },
  });
  const text = { 'text-color': '#1f2937', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 };
  map.addLayer({
    id: GRID_LABEL,
    type: 'symbol',
    source: GRID_LABEL_SOURCE,
    minzoom: GRID_LABEL_ZOOM,
    layout: { 'text-field': ['get', 'name'], 'text-size': 12, 'text-max-width': 8 },
    paint: text,
  });
  map.addLayer({
    id: COMMUNITY_LABEL,
    type: 'symbol',
    source: COMMUNITY_SOURCE,
    maxzoom: GRID_LABEL_ZOOM,
    layout: { 'text-field': ['get', 'name'], 'text-size': 13 },
    paint: { ...text, 'text-color': '#0b2a66' },
  });
}

type LabelPoints = FeatureCollection<Point, { name: string }>;

/**
 * One label point per grid, inside it (a polygon label would repeat on every internal tile), and
 * one per community: the point of its grid nearest the middle of them all, so inside it too.
 */
export function labelPoints(collection: GridCollection): { grids: LabelPoints; communities: LabelPoints } {
  const point = (name: string, coordinates: Position) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates },
    properties: { name },
  });
  const grids: LabelPoints['features'] = [];
  const byCommunity = new Map<string, Position[]>();
  for (const feature of collection.features) {
    const { geometry, properties } = feature;
    if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon') continue;
    const at = interiorPoint(geometry as RulesGeometry);
    grids.push(point(properties.name, at));
    const list = byCommunity.get(properties.communityName) ?? [];
    list.push(at);
    byCommunity.set(properties.communityName, list);
  }
  const communities = [...byCommunity].map(([name, points]) => {
    const mx = points.reduce((sum, p) => sum + p[0]!, 0) / points.length;
    const my = points.reduce((sum, p) => sum + p[1]!, 0) / points.length;
    const distance = (p: Position) => (p[0]! - mx) ** 2 + (p[1]! - my) ** 2;
    return point(
      name,
      points.reduce((best, p) => (distance(p) < distance(best) ? p : best)),
    );
  });
  return {
    grids: { type: 'FeatureCollection', features: grids },
    communities: { type: 'FeatureCollection', features: communities },
  };
}

/**
 * Feature-state needs numeric feature ids. The contract makes feature.id the grid id; ids are
 * decimal strings elsewhere, so keep the grid id in properties.gridId and number features here.
 */
export function prepareGrids(collection: GridCollection): GridCollection {
  return {
    ...collection,
    features: collection.features.map((feature, index) => {
      const gridId = String(feature.properties?.id ?? feature.id ?? index);
      const numeric = Number(gridId);
      return {
        ...feature,
        id: Number.isSafeInteger(numeric) && numeric >= 0 ? numeric : index + 1,
        properties: { ...feature.properties, id: gridId, gridId },
      };
    }),
  };
}

export function setGridData(map: MapLibreMap, collection: GridCollection): void {
  map.getSource<GeoJSONSource>(GRID_SOURCE)?.setData(collection);
  const labels = labelPoints(collection);
  map.getSource<GeoJSONSource>(GRID_LABEL_SOURCE)?.setData(labels.grids);
  map.getSource<GeoJSONSource>(COMMUNITY_SOURCE)?.setData(labels.communities);
}
