import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { GridCollection } from '../api/types';
import { HOUSEHOLD_COLORS, KIND_COLORS, UNKNOWN_COLOR } from './colors';

export type ColorMode = 'kind' | 'household';

export const GRID_SOURCE = 'grids';
export const GRID_FILL = 'grids-fill';
export const GRID_LINE = 'grids-line';

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
  map.addSource(GRID_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: GRID_FILL,
    type: 'fill',
    source: GRID_SOURCE,
    paint: {
      'fill-color': fillColor(mode),
      'fill-opacity': ['case', selected, 0.8, hover, 0.75, 0.45],
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
  const source = map.getSource<GeoJSONSource>(GRID_SOURCE);
  source?.setData(collection);
}
