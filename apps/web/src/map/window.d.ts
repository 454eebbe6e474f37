import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /** Test hook: the grid map, once its style has loaded (see components/map/GridMap.tsx). */
    __wanggeMap?: MapLibreMap;
    /** Test hook: the small boundary map of the grid page (components/grid/GridMiniMap.tsx). */
    __wanggeGridMap?: MapLibreMap;
    /** Test hook: the field app's map, once its style has loaded (mobile/FieldMap.tsx). */
    __wanggeFieldMap?: MapLibreMap;
  }
}
