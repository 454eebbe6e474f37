import './cases.css';
import type { FeatureCollection, Point } from 'geojson';
import { type GeoJSONSource, Map as MapLibreMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { GridCollection } from '../../api/types';
import { collectionBounds } from '../../map/bounds';
import { addGridLayers, GRID_FILL, prepareGrids, setGridData } from '../../map/gridLayers';
import { baseStyle, DEFAULT_VIEW, followBasemap } from '../../map/setup';

declare global {
  interface Window {
    /** Test hook: the location picker of 上报事件 (pages/NewCasePage.tsx). */
    __wanggeNewCaseMap?: MapLibreMap;
    /** Test hook: the small location map of a case page. */
    __wanggeCaseMap?: MapLibreMap;
  }
}

const POINT = 'case-point';

function pointCollection(point: [number, number] | null): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: point
      ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: point }, properties: {} }]
      : [],
  };
}

interface Props {
  tileUrl: string | null;
  /** Grids drawn under the point (the caller's grids, or the case's grid). */
  grids?: GridCollection;
  /** Set when the grids will not come (no permission): the map is then fitted to the point. */
  gridsSkipped?: boolean;
  point: [number, number] | null;
  /** Clicking the map picks a location. */
  onPick?: (lon: number, lat: number) => void;
  testId: string;
  hook: '__wanggeNewCaseMap' | '__wanggeCaseMap';
  className?: string;
}

/**
 * A MapLibre map with grids and one case location (a red dot). data-loaded="true" once the
 * data has rendered; window[hook] is the map.
 */
export function CaseMap({
  tileUrl,
  grids,
  gridsSkipped = false,
  point,
  onPick,
  testId,
  hook,
  className,
}: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const onPickRef = useRef(onPick);
  const pointRef = useRef(point);
  const [ready, setReady] = useState(false);
  const [loaded, setLoaded] = useState(false);
  onPickRef.current = onPick;
  pointRef.current = point;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new MapLibreMap({
      container,
      style: baseStyle(tileUrl),
      center: pointRef.current ?? DEFAULT_VIEW.center,
      zoom: pointRef.current ? 16 : DEFAULT_VIEW.zoom,
      dragRotate: false,
      pitchWithRotate: false,
      attributionControl: tileUrl ? { compact: true } : false,
    });
    followBasemap(map, tileUrl);
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    map.on('load', () => {
      addGridLayers(map, 'kind');
      map.setPaintProperty(GRID_FILL, 'fill-opacity', 0.25);
      map.addSource(POINT, { type: 'geojson', data: pointCollection(pointRef.current) });
      map.addLayer({
        id: `${POINT}-circle`,
        type: 'circle',
        source: POINT,
        paint: {
          'circle-radius': 8,
          'circle-color': '#e5484d',
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      });
      map.on('click', (event) => {
        const pick = onPickRef.current;
        if (!pick) return;
        const round = (value: number) => Math.round(value * 1e6) / 1e6;
        pick(round(event.lngLat.lng), round(event.lngLat.lat));
      });
      window[hook] = map;
      setReady(true);
    });
    mapRef.current = map;
    return () => {
      if (window[hook] === map) window[hook] = undefined;
      mapRef.current = null;
      setReady(false);
      setLoaded(false);
      map.remove();
    };
  }, [tileUrl, hook]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    if (onPick) map.getCanvas().style.cursor = 'crosshair';
  }, [ready, onPick]);

  // Grids: draw them and fit the view to them (or to the point when there are none).
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    if (!grids && !gridsSkipped) return;
    if (grids) setGridData(map, prepareGrids(grids));
    const bounds = grids ? collectionBounds(grids) : null;
    const at = pointRef.current;
    if (bounds && !(at && onPickRef.current === undefined)) {
      map.fitBounds(bounds, { padding: 30, duration: 0, maxZoom: 17 });
    } else if (at) {
      map.jumpTo({ center: at, zoom: 16 });
    }
    let cancelled = false;
    map.once('idle', () => {
      if (!cancelled) setLoaded(true);
    });
    map.triggerRepaint();
    return () => {
      cancelled = true;
    };
  }, [ready, grids, gridsSkipped]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.getSource<GeoJSONSource>(POINT)?.setData(pointCollection(point));
  }, [ready, point]);

  return (
    <div
      ref={containerRef}
      className={className ?? 'case-map'}
      data-testid={testId}
      data-loaded={loaded ? 'true' : 'false'}
    />
  );
}
