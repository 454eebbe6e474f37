import { type GeoJSONSource, Map as MapLibreMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { TimedPoint } from '../../map/playback';
import { baseStyle, DEFAULT_VIEW, followBasemap } from '../../map/setup';
import type { WorkerDay } from '../../pages/TrackPage';

const TRACK = 'track';
const STOPS = 'track-stops';
const ACTIVITIES = 'track-activities';
/** The day's work on the track: a case reported, a household visited, a venue inspected. */
export const ACTIVITY_COLOURS = { case: '#f5222d', visit: '#52c41a', inspection: '#722ed1' } as const;
const DOT = 'track-dot';

/**
 * A worker's day: the track's lines, its stops sized by duration, and a dot at the playback
 * position the map follows while playing. data-loaded="true" once the track has rendered.
 */
export function TrackMap({
  day,
  tileUrl,
  position,
  follow,
}: {
  day: WorkerDay;
  tileUrl: string | null;
  position: TimedPoint | null;
  follow: boolean;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new MapLibreMap({
      container,
      style: baseStyle(tileUrl),
      center: DEFAULT_VIEW.center,
      zoom: DEFAULT_VIEW.zoom,
      dragRotate: false,
      attributionControl: tileUrl ? { compact: true } : false,
    });
    followBasemap(map, tileUrl);
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    map.on('load', () => {
      const empty = { type: 'FeatureCollection' as const, features: [] };
      map.addSource(TRACK, { type: 'geojson', data: empty });
      map.addSource(STOPS, { type: 'geojson', data: empty });
      map.addSource(ACTIVITIES, { type: 'geojson', data: empty });
      map.addSource(DOT, { type: 'geojson', data: empty });
      map.addLayer({
        id: TRACK,
        type: 'line',
        source: TRACK,
        paint: { 'line-color': '#1677ff', 'line-width': 3, 'line-opacity': 0.75 },
        layout: { 'line-join': 'round', 'line-cap': 'round' },
      });
      map.addLayer({
        id: STOPS,
        type: 'circle',
        source: STOPS,
        paint: {
          'circle-color': '#fa8c16',
          'circle-opacity': 0.55,
          'circle-stroke-color': '#d46b08',
          'circle-stroke-width': 1,
          'circle-radius': ['interpolate', ['linear'], ['get', 'minutes'], 5, 6, 60, 16],
        },
      });
      map.addLayer({
        id: ACTIVITIES,
        type: 'circle',
        source: ACTIVITIES,
        paint: {
          'circle-color': [
            'match',
            ['get', 'kind'],
            'case',
            ACTIVITY_COLOURS.case,
            'visit',
            ACTIVITY_COLOURS.visit,
            ACTIVITY_COLOURS.inspection,
          ],
          'circle-radius': 6,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 2,
        },
      });
      map.addLayer({
        id: DOT,
        type: 'circle',
        source: DOT,
        paint: {
          'circle-color': '#f5222d',
          'circle-radius': 7,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 2,
        },
      });
      mapRef.current = map;
      window.__wanggeMap = map;
      setReady(true);
    });
    return () => {
      if (window.__wanggeMap === map) window.__wanggeMap = undefined;
      mapRef.current = null;
      setReady(false);
      setLoaded(false);
      map.remove();
    };
  }, [tileUrl]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    (map.getSource(TRACK) as GeoJSONSource).setData(day.track);
    (map.getSource(STOPS) as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: day.stops.map((s) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        properties: { minutes: s.durationS / 60 },
      })),
    });
    const placed = (day.activities ?? []).filter((a) => a.lon !== null && a.lat !== null);
    (map.getSource(ACTIVITIES) as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: placed.map((a) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [a.lon!, a.lat!] },
        properties: { kind: a.kind, label: a.label },
      })),
    });
    map.getContainer().dataset.activities = String(placed.length);
    const coords = day.track.features.flatMap((f) => f.geometry.coordinates);
    if (coords.length) {
      const lons = coords.map((c) => c[0]);
      const lats = coords.map((c) => c[1]);
      map.fitBounds(
        [
          [Math.min(...lons), Math.min(...lats)],
          [Math.max(...lons), Math.max(...lats)],
        ],
        { padding: 40, duration: 0, maxZoom: 18 },
      );
    }
    setLoaded(false);
    let cancelled = false;
    map.once('idle', () => {
      if (!cancelled) setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
  }, [ready, day]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    (map.getSource(DOT) as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: position
        ? [
            {
              type: 'Feature',
              geometry: { type: 'Point', coordinates: [position.lon, position.lat] },
              properties: {},
            },
          ]
        : [],
    });
    if (follow && position && !map.getBounds().contains([position.lon, position.lat])) {
      map.easeTo({ center: [position.lon, position.lat], duration: 300 });
    }
  }, [ready, position, follow]);

  return (
    <div
      ref={containerRef}
      className="grid-map"
      data-testid="track-map"
      data-loaded={loaded ? 'true' : 'false'}
    />
  );
}
