// The report's place on a small map with one draggable pin. Nothing from the internet: the
// configured raster tiles (GET /api/config → tileUrl) when there are any, otherwise our own base
// map (GET /api/basemap, for signed-in residents; a guest sees the plain background). No grid
// boundaries: /api/grids/geojson needs grids.read, which the resident role does not hold.
import { Map as MapLibreMap, Marker } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { followOwnBasemap } from '../map/basemap';
import { baseStyle } from '../map/setup';
import { api } from './api';

export type LonLat = { lon: number; lat: number };

/** Where the pin starts when the phone gives no position: the demo city's centre, as in /m. */
const CENTRE: [number, number] = [117.2, 39.1];

let configCache: Promise<string | null> | null = null;
function tileUrl(): Promise<string | null> {
  configCache ??= api
    .get<{ tileUrl: string | null }>('/api/config')
    .then((c) => c.tileUrl)
    .catch(() => null);
  return configCache;
}

/**
 * `at`: the pin's position (the GPS fix, then wherever it was dragged); null while locating.
 * `fallback`: no GPS fix — the pin starts at the map's centre and `onMove` reports it only once
 * dragged, so a report is never sent from a spot the resident did not choose.
 */
export function PinMap(props: {
  at: LonLat | null;
  fallback: boolean;
  signedIn: boolean;
  onMove: (p: LonLat) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const pin = useRef<Marker | null>(null);
  const moveRef = useRef(props.onMove);
  moveRef.current = props.onMove;
  const signedIn = props.signedIn;

  useEffect(() => {
    let created: MapLibreMap | null = null;
    let cancelled = false;
    void tileUrl().then((tiles) => {
      if (cancelled || !box.current) return;
      const m = new MapLibreMap({
        container: box.current,
        style: baseStyle(tiles),
        center: CENTRE,
        zoom: 15,
        dragRotate: false,
        touchPitch: false,
        attributionControl: tiles ? { compact: true } : false,
      });
      if (!tiles && signedIn) followOwnBasemap(m, (path) => api.get(path));
      m.on('load', () => setLoaded(true));
      created = m;
      setMap(m);
    });
    return () => {
      cancelled = true;
      created?.remove();
      pin.current = null;
    };
  }, [signedIn]);

  useEffect(() => {
    if (!map) return;
    const start: [number, number] | null = props.at
      ? [props.at.lon, props.at.lat]
      : props.fallback
        ? map.getCenter().toArray()
        : null;
    if (!start) return;
    if (pin.current) {
      pin.current.setLngLat(start);
      return;
    }
    const marker = new Marker({ draggable: true, color: '#00a870' }).setLngLat(start).addTo(map);
    marker.getElement().dataset.testid = 'pin';
    marker.on('dragend', () => {
      const p = marker.getLngLat();
      moveRef.current({ lon: p.lng, lat: p.lat });
    });
    pin.current = marker;
    if (props.at) map.jumpTo({ center: start, zoom: 17 });
  }, [map, props.at, props.fallback]);

  return (
    <div
      ref={box}
      data-testid="pin-map"
      data-loaded={loaded}
      style={{ height: 240, width: '100%', borderRadius: 8, overflow: 'hidden' }}
    />
  );
}
