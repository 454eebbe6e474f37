import type { Geometry } from 'geojson';
import { type GeoJSONSource, Map as MapLibreMap, NavigationControl, Popup } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { Building } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { boundsOf } from '../../map/bounds';
import {
  addMiniLayers,
  asCollection,
  BOUNDARY,
  BUILDINGS,
  buildingCollection,
  DRAFT,
  OVERLAY,
} from '../../map/miniLayers';
import { baseStyle, followBasemap } from '../../map/setup';
import { useVertexDrag } from '../../map/useVertexDrag';

interface Props {
  boundary: Geometry | null;
  buildings: Building[];
  tileUrl: string | null;
  /** A historic boundary drawn dashed for comparison. */
  overlay?: Geometry | null;
  /** The boundary being edited, drawn dashed red. */
  draft?: Geometry | null;
  /** Show draggable vertex handles on the draft (or the current boundary). */
  editable?: boolean;
  onEdit?: (geometry: Geometry) => void;
}

const ignore = () => undefined;

/** The grid's boundary with its buildings as dots (data-testid="grid-page-map"). */
export function GridMiniMap(props: Props) {
  const {
    boundary,
    buildings,
    tileUrl,
    overlay = null,
    draft = null,
    editable = false,
    onEdit = ignore,
  } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const { t } = useI18n();
  const householdsLabel = useRef('');
  householdsLabel.current = t('grid.households');

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new MapLibreMap({
      container,
      style: baseStyle(tileUrl),
      center: [108.9, 34.3],
      zoom: 3,
      dragRotate: false,
      attributionControl: tileUrl ? { compact: true } : false,
    });
    followBasemap(map, tileUrl);
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      addMiniLayers(map);
      map.on('click', `${BUILDINGS}-circle`, (event) => {
        const feature = event.features?.[0];
        if (!feature) return;
        const text = document.createElement('div');
        const props = feature.properties ?? {};
        text.textContent = `${props.name ?? ''} · ${props.code ?? ''} · ${householdsLabel.current} ${props.households ?? 0}`;
        new Popup({ closeButton: false }).setLngLat(event.lngLat).setDOMContent(text).addTo(map);
      });
      map.on('mouseenter', `${BUILDINGS}-circle`, () => {
        map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', `${BUILDINGS}-circle`, () => {
        map.getCanvas().style.cursor = '';
      });
      window.__wanggeGridMap = map;
      setReady(true);
    });
    mapRef.current = map;
    setMap(map);
    return () => {
      if (window.__wanggeGridMap === map) window.__wanggeGridMap = undefined;
      mapRef.current = null;
      setMap(null);
      setReady(false);
      map.remove();
    };
  }, [tileUrl]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.getSource<GeoJSONSource>(BOUNDARY)?.setData(asCollection(boundary));
    map.getSource<GeoJSONSource>(BUILDINGS)?.setData(buildingCollection(buildings));
    const bounds = boundsOf([
      boundary,
      ...buildings.map((b): Geometry => ({ type: 'Point', coordinates: [b.lon, b.lat] })),
    ]);
    if (bounds) map.fitBounds(bounds, { padding: 30, duration: 0, maxZoom: 18 });
    let cancelled = false;
    map.once('idle', () => {
      if (!cancelled) setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
  }, [ready, boundary, buildings]);

  useEffect(() => {
    if (ready) mapRef.current?.getSource<GeoJSONSource>(OVERLAY)?.setData(asCollection(overlay));
  }, [ready, overlay]);

  useEffect(() => {
    if (ready) mapRef.current?.getSource<GeoJSONSource>(DRAFT)?.setData(asCollection(draft));
  }, [ready, draft]);

  useVertexDrag(map, ready, draft ?? boundary, editable, onEdit);

  return (
    <div
      ref={containerRef}
      className="mini-map"
      data-testid="grid-page-map"
      data-loaded={loaded ? 'true' : 'false'}
    />
  );
}
