import './cases.css';
import type { FeatureCollection, Point } from 'geojson';
import { type GeoJSONSource, LngLatBounds, Map as MapLibreMap, NavigationControl } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { Hotspot } from '../../api/hotspots';
import { baseStyle, DEFAULT_VIEW, followBasemap } from '../../map/setup';

const SOURCE = 'hotspots';

function collection(spots: readonly Hotspot[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: spots.map((s) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
      properties: { count: s.count, address: s.kind === 'address' ? 1 : 0 },
    })),
  };
}

/** The hotspots as circles sized by their case count (orange: a repeated address). */
export function HotspotMap({ spots, tileUrl }: { spots: readonly Hotspot[]; tileUrl: string | null }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);

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
    map.on('load', () => {
      map.addSource(SOURCE, { type: 'geojson', data: collection([]) });
      map.addLayer({
        id: `${SOURCE}-circle`,
        type: 'circle',
        source: SOURCE,
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['get', 'count'], 2, 8, 10, 22],
          'circle-color': ['case', ['==', ['get', 'address'], 1], '#fa8c16', '#e5484d'],
          'circle-opacity': 0.7,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      });
      setReady(true);
    });
    mapRef.current = map;
    return () => {
      mapRef.current = null;
      setReady(false);
      map.remove();
    };
  }, [tileUrl]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    (map.getSource(SOURCE) as GeoJSONSource).setData(collection(spots));
    if (spots.length === 0) return;
    const bounds = new LngLatBounds();
    for (const s of spots) bounds.extend([s.lon, s.lat]);
    map.fitBounds(bounds, { padding: 60, duration: 0, maxZoom: 16 });
  }, [ready, spots]);

  return <div ref={containerRef} className="case-map" style={{ height: 320 }} data-testid="hotspot-map" />;
}
