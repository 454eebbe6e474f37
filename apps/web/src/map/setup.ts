import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { api } from '../api/client';
import { followOwnBasemap, OWN_BASEMAP, OWN_BASEMAP_SOURCE, ownBasemapLayers } from './basemap';

// MapLibre finds its worker next to its own module by default; once bundled that file is elsewhere.
setWorkerUrl(workerUrl);

export const BASEMAP_LAYER = 'basemap';

/**
 * A style that needs nothing from the internet: the configured raster tiles (GET /api/config →
 * tileUrl) when there are any, otherwise our own light base map (map/basemap.ts, filled by
 * followBasemap). Data layers added later draw above either.
 */
export function baseStyle(tileUrl: string | null | undefined): StyleSpecification {
  if (!tileUrl) {
    return { version: 8, sources: { [OWN_BASEMAP]: OWN_BASEMAP_SOURCE }, layers: ownBasemapLayers() };
  }
  return {
    version: 8,
    sources: { [BASEMAP_LAYER]: { type: 'raster', tiles: [tileUrl], tileSize: 256, maxzoom: 19 } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef1f5' } },
      { id: BASEMAP_LAYER, type: 'raster', source: BASEMAP_LAYER },
    ],
  };
}

/** Call right after creating a map with baseStyle(tileUrl): without tiles, loads our base map. */
export function followBasemap(map: MapLibreMap, tileUrl: string | null | undefined): void {
  if (!tileUrl) followOwnBasemap(map, (path) => api.get(path));
}

/** Somewhere sensible before any data arrives (China). */
export const DEFAULT_VIEW = { center: [108.9, 34.3] as [number, number], zoom: 3 };
