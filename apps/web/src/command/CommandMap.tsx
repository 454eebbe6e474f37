import { type CommandMeasure, label } from '@wangge/rules';
import type { Feature, FeatureCollection, Geometry, Point, Position } from 'geojson';
import {
  type ExpressionSpecification,
  type GeoJSONSource,
  Map as MapLibreMap,
  NavigationControl,
} from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CommandOverview, LiveWorker } from '../api/command';
import type { CommandCases } from '../api/generated';
import type { GridCollection } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { addCameraLayer, CAMERA_LAYER, type CameraPoint, setCameras } from '../map/cameraLayer';
import { baseStyle, DEFAULT_VIEW, followBasemap } from '../map/setup';
import { CODE_DIGITS, screenCoords } from './coords';

const GRIDS = 'cmd-grids';
const DOTS = 'cmd-dots';
const CASES = 'cmd-cases';
const CASE_CLUSTERS = `${CASES}-cluster`;
const CASE_COUNTS = `${CASES}-count`;
const CASE_PINS = `${CASES}-pin`;
const CASE_LAYERS = [CASE_CLUSTERS, CASE_COUNTS, CASE_PINS];
const LIGHTS = ['red', 'yellow', 'green'] as const;
const LIGHT_COLOURS: Record<(typeof LIGHTS)[number], string> = {
  red: '#f5222d',
  yellow: '#fadb14',
  green: '#52c41a',
};
/** A cluster takes its worst light: red if any pin in it is red, else yellow if any is, else green. */
const WORST_LIGHT: ExpressionSpecification = [
  'case',
  ['>', ['get', 'red'], 0],
  LIGHT_COLOURS.red,
  ['>', ['get', 'yellow'], 0],
  LIGHT_COLOURS.yellow,
  LIGHT_COLOURS.green,
];
const isLight = (light: string): ExpressionSpecification => [
  '+',
  ['case', ['==', ['get', 'light'], light], 1, 0],
];

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
  cases,
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
  /** Open cases as pins by traffic light, clustered below zoom 15 (GET /api/command/cases). */
  cases?: CommandCases;
}) {
  const { t, lang, number } = useI18n();
  const [showCases, setShowCases] = useState(true);
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
      map.addSource(CASES, {
        type: 'geojson',
        data: empty,
        cluster: true,
        clusterMaxZoom: 14,
        clusterRadius: 40,
        clusterProperties: Object.fromEntries(LIGHTS.map((l) => [l, isLight(l)])),
      });
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
      // Case pins under the workers and cameras: clusters by their worst light with their count
      // (labels need no glyph server, see map/basemap.ts), single pins by their own light.
      map.addLayer({
        id: CASE_CLUSTERS,
        type: 'circle',
        source: CASES,
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': WORST_LIGHT,
          'circle-radius': ['step', ['get', 'point_count'], 11, 10, 14, 100, 18, 1000, 23],
          'circle-opacity': 0.85,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      });
      map.addLayer({
        id: CASE_COUNTS,
        type: 'symbol',
        source: CASES,
        filter: ['has', 'point_count'],
        layout: {
          'text-field': ['get', 'point_count_abbreviated'],
          'text-size': 12,
          'text-allow-overlap': true,
          'text-ignore-placement': true,
        },
        paint: { 'text-color': '#ffffff', 'text-halo-color': 'rgba(0, 21, 41, 0.8)', 'text-halo-width': 1.2 },
      });
      map.addLayer({
        id: CASE_PINS,
        type: 'circle',
        source: CASES,
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': [
            'match',
            ['get', 'light'],
            'red',
            LIGHT_COLOURS.red,
            'yellow',
            LIGHT_COLOURS.yellow,
            LIGHT_COLOURS.green,
          ],
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 16, 7],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.2,
        },
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
      map.on('click', CASE_CLUSTERS, async (e) => {
        const cluster = e.features?.[0];
        const id = cluster?.properties?.cluster_id as number | undefined;
        if (!cluster || id === undefined) return;
        // Where the cluster splits, but at least one level closer (the screen may sit between levels).
        const splits = await (map.getSource(CASES) as GeoJSONSource).getClusterExpansionZoom(id);
        const zoom = Math.max(splits, map.getZoom() + 1);
        map.easeTo({ center: (cluster.geometry as Point).coordinates as [number, number], zoom });
      });
      for (const layer of [CASE_CLUSTERS, CASE_PINS]) {
        map.on('mouseenter', layer, () => {
          map.getCanvas().style.cursor = 'pointer';
        });
        map.on('mouseleave', layer, () => {
          map.getCanvas().style.cursor = '';
        });
      }
      map.on('click', GRIDS, (e) => {
        // A camera, a worker or a case drawn over the grid takes the click.
        const over = [CAMERA_LAYER, DOTS, ...CASE_LAYERS].filter((id) => map.getLayer(id));
        if (map.queryRenderedFeatures(e.point, { layers: over }).length) return;
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

  const fittedFor = useRef<{ grids: unknown; toScreen: unknown }>({ grids: null, toScreen: null });
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
    // Fit once per scope (and base map): a refreshed overview or another measure re-shades the
    // grids but leaves the view where the operator (or a click on a camera) put it.
    if (fittedFor.current.grids === grids && fittedFor.current.toScreen === toScreen) return;
    fittedFor.current = { grids, toScreen };
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

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const items = cases?.items ?? [];
    const data: FeatureCollection = {
      type: 'FeatureCollection',
      features: items.map((c) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: toScreen(c.lon, c.lat) },
        properties: { caseId: c.id, code: c.code, light: c.light, category: c.category },
      })),
    };
    (map.getSource(CASES) as GeoJSONSource).setData(data);
    map.getContainer().dataset.cases = String(items.length);
  }, [ready, cases, toScreen]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    for (const id of CASE_LAYERS) map.setLayoutProperty(id, 'visibility', showCases ? 'visible' : 'none');
  }, [ready, showCases]);

  return (
    <>
      <div ref={ref} data-testid="command-map" style={{ position: 'absolute', inset: 0 }} />
      <div className="command-legend" data-testid="command-case-legend" data-total={cases?.total ?? 0}>
        <label>
          <input type="checkbox" checked={showCases} onChange={(e) => setShowCases(e.target.checked)} />{' '}
          {t('command.caseLayer')} {number(cases?.total ?? 0)}
        </label>
        {LIGHTS.map((l) => (
          <div key={l} data-light={l} data-count={cases?.counts[l] ?? 0}>
            <span className="command-legend-dot" style={{ background: LIGHT_COLOURS[l] }} />
            {label('light', l, lang)} {number(cases?.counts[l] ?? 0)}
          </div>
        ))}
        {cases?.truncated && (
          <div className="command-muted">{t('command.caseTruncated', { n: number(cases.items.length) })}</div>
        )}
      </div>
    </>
  );
}
