import type { StyleSpecification } from 'maplibre-gl';
import { setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

// MapLibre finds its worker next to its own module by default; once bundled that file is elsewhere.
setWorkerUrl(workerUrl);

export const BASEMAP_LAYER = 'basemap';

/**
 * A style that needs nothing from the internet: a plain background, plus the configured raster
 * tiles (GET /api/config → tileUrl) when there are any. No glyphs, so no text layers.
 */
export function baseStyle(tileUrl: string | null | undefined): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f5' } }],
  };
  if (tileUrl) {
    style.sources[BASEMAP_LAYER] = { type: 'raster', tiles: [tileUrl], tileSize: 256, maxzoom: 19 };
    style.layers.push({ id: BASEMAP_LAYER, type: 'raster', source: BASEMAP_LAYER });
  }
  return style;
}

/** Somewhere sensible before any data arrives (China). */
export const DEFAULT_VIEW = { center: [108.9, 34.3] as [number, number], zoom: 3 };
