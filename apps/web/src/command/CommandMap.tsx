import type { CommandMeasure } from '@wangge/rules';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { type GeoJSONSource, Map as MapLibreMap, NavigationControl } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CommandOverview, LiveWorker } from '../api/command';
import type { GridCollection } from '../api/types';
import { addCameraLayer, CAMERA_LAYER, type CameraPoint, setCameras } from '../map/cameraLayer';
import { baseStyle, DEFAULT_VIEW, followBasemap } from '../map/setup';
import { CODE_DIGITS, screenCoords } from './coords';

const GRIDS = 'cmd-grids';
const DOTS = 'cmd-dots';

function measureOf(figures: CommandOverview['figures'], measure: CommandMeasure): number {
  if (measure === 'open') return figures.open;
  if (measure === 'overdue') return figures.overdue;
  if (measure === 'onDuty') return figures.workersOnDuty;
  return figures.openPer1000 ?? 0;
}

function mapGeometry(g: Geometry, f: (lon: number, lat: number) => [number, number]): Geometry {
  const ring = (r: Position[]) => r.map(([lon, lat]) => f(lon!, lat!));
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(ring) };
  if (g.type === 'MultiPolygon')
    return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
  return g;
}

/**
 * The screen's map: the grids of the unit shaded by the chosen measure of the child unit each
 * lies in (click one to drill down), and every worker on duty as a dot that moves with each
 * pushed fix. No external tiles needed; GCJ-02 shifting when the configured tiles need it.
 */
export function CommandMap({
  tileUrl,
  grids,
  overview,
  measure,
  workers,
  onChild,
  onWorker,
  cameras,
  onCamera,
}: {
  tileUrl: string | null;
  grids: GridCollection | undefined;
  overview: CommandOverview | undefined;
  measure: CommandMeasure;
  workers: LiveWorker[];
  onChild: (id: string) => void;
  onWorker: (worker: LiveWorker) => void;
  /** The camera layer: a click opens the camera's stream and alarms. */
  cameras?: readonly CameraPoint[];
  onCamera?: (cameraId: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const handlers = useRef({ onChild, onWorker, workers, onCamera });
  handlers.current = { onChild, onWorker, workers, onCamera };
  const toScreen = useMemo(() => screenCoords(tileUrl), [tileUrl]);

  useEffect(() => {
    if (!ref.current) return;
    const map = new MapLibreMap({
      container: ref.current,
      style: baseStyle(tileUrl),
      center: DEFAULT_VIEW.center,
      zoom: DEFAULT_VIEW.zoom,
      dragRotate: false,
      attributionControl: false,
    });
    followBasemap(map, tileUrl);
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      const empty = { type: 'FeatureCollection' as const, features: [] };
      map.addSource(GRIDS, { type: 'geojson', data: empty });
      map.addSource(DOTS, { type: 'geojson', data: empty, cluster: false });
      map.addLayer({
        id: GRIDS,
        type: 'fill',
        source: GRIDS,
        paint: {
          'fill-color': [
            'interpolate',
            ['linear'],
            ['get', 'share'],
            0,
            '#10395e',
            0.5,
            '#d48806',
            1,
            '#cf1322',
          ],
          'fill-opacity': 0.55,
        },
      });
      map.addLayer({
        id: `${GRIDS}-line`,
        type: 'line',
        source: GRIDS,
        paint: { 'line-color': '#69c0ff', 'line-width': 0.6, 'line-opacity': 0.8 },
      });
      map.addLayer({
        id: DOTS,
        type: 'circle',
        source: DOTS,
        paint: {
          'circle-color': ['case', ['get', 'online'], '#52c41a', '#8c8c8c'],
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2.5, 15, 6],
          'circle-stroke-color': '#001529',
          'circle-stroke-width': 1,
        },
      });
      addCameraLayer(map, (id) => handlers.current.onCamera?.(id));
      map.on('click', GRIDS, (e) => {
        // A camera or a worker drawn over the grid takes the click.
        if (map.queryRenderedFeatures(e.point, { layers: [CAMERA_LAYER, DOTS] }).length) return;
        const child = e.features?.[0]?.properties?.childId as string | undefined;
        if (child) handlers.current.onChild(child);
      });
      map.on('click', DOTS, (e) => {
        const id = e.features?.[0]?.properties?.userId as string | undefined;
        const worker = handlers.current.workers.find((w) => w.userId === id);
        if (worker) handlers.current.onWorker(worker);
      });
      mapRef.current = map;
      window.__wanggeMap = map;
      setReady(true);
    });
    return () => {
      mapRef.current = null;
      setReady(false);
      map.remove();
    };
  }, [tileUrl]);

  // Grids shaded by their child unit's figure, relative to the largest child.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !grids || !overview) return;
    const children = overview.children;
    const digits = CODE_DIGITS[children[0]?.level ?? 'grid'] ?? 15;
    const byPrefix = new Map(children.map((c) => [c.code.slice(0, digits), c]));
    const max = Math.max(1, ...children.map((c) => measureOf(c.figures, measure)));
    const features: Feature[] = grids.features.map((f) => {
      const child = byPrefix.get(f.properties.code.slice(0, digits));
      return {
        type: 'Feature',
        geometry: mapGeometry(f.geometry, toScreen),
        properties: {
          childId: child?.id ?? null,
          share: child ? measureOf(child.figures, measure) / max : 0,
        },
      };
    });
    (map.getSource(GRIDS) as GeoJSONSource).setData({ type: 'FeatureCollection', features });
    const coords = grids.features.flatMap((f) =>
      f.geometry.type === 'Polygon'
        ? f.geometry.coordinates[0]!
        : f.geometry.type === 'MultiPolygon'
          ? f.geometry.coordinates.flat(2)
          : [],
    );
    if (coords.length) {
      const lons = coords.map((c) => c[0]!);
      const lats = coords.map((c) => c[1]!);
      const [w, s] = toScreen(Math.min(...lons), Math.min(...lats));
      const [e, n] = toScreen(Math.max(...lons), Math.max(...lats));
      map.fitBounds(
        [
          [w, s],
          [e, n],
        ],
        { padding: 30, duration: 0 },
      );
    }
  }, [ready, grids, overview, measure, toScreen]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const onlineSince = Date.now() - 10 * 60_000;
    const data: FeatureCollection = {
      type: 'FeatureCollection',
      features: workers.map((w) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: toScreen(w.lon, w.lat) },
        properties: { userId: w.userId, online: Date.parse(w.at) >= onlineSince },
      })),
    };
    (map.getSource(DOTS) as GeoJSONSource).setData(data);
    map.getContainer().dataset.dots = String(workers.length);
  }, [ready, workers, toScreen]);

  useEffect(() => {
    const map = mapRef.current;
    if (ready && map) setCameras(map, cameras ?? [], toScreen);
  }, [ready, cameras, toScreen]);

  return <div ref={ref} data-testid="command-map" style={{ position: 'absolute', inset: 0 }} />;
}
