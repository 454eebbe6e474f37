// MapLibre without any external tiles: our own base map (map/basemap.ts), the worker's grids
// (GET /api/grids/geojson) with their names, today's track, and optionally a draggable marker.
import { type GeoJSONSource, Marker, Map as MlMap, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { followOwnBasemap, OWN_BASEMAP, OWN_BASEMAP_SOURCE, ownBasemapLayers } from '../map/basemap';
import { get } from './api';

/**
 * MapLibre starts its worker with `new Worker(url)`, and Chromium loads a worker's script past the
 * service worker: offline that load fails and the map stays blank. Fetched by the page, the script
 * comes from the service worker's cache, and a blob: URL of it starts the worker without a request.
 */
const workerReady: Promise<void> = fetch(workerUrl)
  .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(`HTTP ${r.status}`))))
  .then((script) => setWorkerUrl(URL.createObjectURL(new Blob([script], { type: 'text/javascript' }))))
  .catch(() => setWorkerUrl(workerUrl));

type Fc = GeoJSON.FeatureCollection;
const EMPTY: Fc = { type: 'FeatureCollection', features: [] };

let gridsCache: Promise<Fc> | null = null;
export function myGrids(): Promise<Fc> {
  gridsCache ??= get<Fc>('/api/grids/geojson').catch((e) => {
    gridsCache = null;
    throw e;
  });
  return gridsCache;
}

function bboxOf(fc: Fc): [number, number, number, number] | null {
  let b: [number, number, number, number] | null = null;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      b = b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)] : [x, y, x, y];
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return b;
}

function createMap(container: HTMLDivElement): MlMap {
  return new MlMap({
    container,
    style: {
      version: 8,
      sources: {
        [OWN_BASEMAP]: OWN_BASEMAP_SOURCE,
        grids: { type: 'geojson', data: EMPTY },
        track: { type: 'geojson', data: EMPTY },
      },
      layers: [
        ...ownBasemapLayers(),
        {
          id: 'grid-fill',
          type: 'fill',
          source: 'grids',
          paint: { 'fill-color': '#1677ff', 'fill-opacity': 0.08 },
        },
        {
          id: 'grid-line',
          type: 'line',
          source: 'grids',
          paint: { 'line-color': '#1677ff', 'line-width': 2 },
        },
        {
          id: 'grid-label',
          type: 'symbol',
          source: 'grids',
          minzoom: 13,
          layout: { 'text-field': ['get', 'name'], 'text-size': 12, 'text-max-width': 8 },
          paint: { 'text-color': '#0b2a66', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
        },
        {
          id: 'track',
          type: 'line',
          source: 'track',
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': '#fa541c', 'line-width': 4 },
        },
      ],
    },
    center: [117.2, 39.1],
    zoom: 12,
    attributionControl: false,
  });
}

export function FieldMap(props: {
  track?: Fc | null;
  marker?: { lon: number; lat: number } | null;
  onMarkerMove?: (p: { lon: number; lat: number }) => void;
  height?: number;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MlMap | null>(null);
  const markerRef = useRef<Marker | null>(null);
  const moveRef = useRef(props.onMarkerMove);
  moveRef.current = props.onMarkerMove;
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let created: MlMap | null = null;
    let cancelled = false;
    void workerReady.then(() => {
      if (cancelled || !box.current) return;
      const m = createMap(box.current);
      followOwnBasemap(m, get);
      created = m;
      m.on('load', () => {
        window.__wanggeFieldMap = m;
        setLoaded(true);
        myGrids()
          .then((fc) => {
            (m.getSource('grids') as GeoJSONSource | undefined)?.setData(fc);
            const b = bboxOf(fc);
            if (b && !markerRef.current) m.fitBounds(b, { padding: 20, duration: 0 });
          })
          .catch(() => undefined);
      });
      setMap(m);
    });
    return () => {
      cancelled = true;
      if (created && window.__wanggeFieldMap === created) window.__wanggeFieldMap = undefined;
      created?.remove();
      markerRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (!map || !loaded) return;
    const fc = props.track ?? EMPTY;
    (map.getSource('track') as GeoJSONSource | undefined)?.setData(fc);
    const b = bboxOf(fc);
    if (b && !props.marker) map.fitBounds(b, { padding: 40, maxZoom: 17, duration: 0 });
  }, [map, props.track, loaded, props.marker]);

  useEffect(() => {
    if (!map || !props.marker) return;
    const at: [number, number] = [props.marker.lon, props.marker.lat];
    if (!markerRef.current) {
      const marker = new Marker({ draggable: Boolean(moveRef.current), color: '#1677ff' })
        .setLngLat(at)
        .addTo(map);
      marker.on('dragend', () => {
        const p = marker.getLngLat();
        moveRef.current?.({ lon: p.lng, lat: p.lat });
      });
      markerRef.current = marker;
      map.jumpTo({ center: at, zoom: 16 });
    } else {
      markerRef.current.setLngLat(at);
    }
  }, [map, props.marker]);

  return (
    <div
      ref={box}
      data-testid={props.testId}
      data-loaded={loaded}
      style={{ height: props.height ?? 220, width: '100%', borderRadius: 8, overflow: 'hidden' }}
    />
  );
}
