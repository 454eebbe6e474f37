import { Map as MapLibreMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { GridCollection } from '../../api/types';
import { collectionBounds } from '../../map/bounds';
import { addCameraLayer, CAMERA_LAYER, type CameraPoint, setCameras } from '../../map/cameraLayer';
import {
  addGridLayers,
  type ColorMode,
  fillColor,
  GRID_FILL,
  GRID_SOURCE,
  prepareGrids,
  setGridData,
} from '../../map/gridLayers';
import { baseStyle, DEFAULT_VIEW, followBasemap } from '../../map/setup';

interface Props {
  data: GridCollection | undefined;
  tileUrl: string | null;
  colorMode: ColorMode;
  selectedId: string | null;
  onSelect: (gridId: string) => void;
  /** Camera points drawn above the grids (a click opens the camera). */
  cameras?: readonly CameraPoint[];
  onCamera?: (cameraId: string) => void;
}

/**
 * The grid map. Test hooks: the container has data-testid="grid-map" and data-loaded="true" once
 * the grid layer has rendered; window.__wanggeMap is the MapLibre map.
 */
export function GridMap({ data, tileUrl, colorMode, selectedId, onSelect, cameras, onCamera }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const onSelectRef = useRef(onSelect);
  const colorModeRef = useRef(colorMode);
  const featureIdsRef = useRef(new Map<string, number>());
  const [ready, setReady] = useState(false);
  const [loaded, setLoaded] = useState(false);
  onSelectRef.current = onSelect;
  const onCameraRef = useRef(onCamera);
  onCameraRef.current = onCamera;
  colorModeRef.current = colorMode;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new MapLibreMap({
      container,
      style: baseStyle(tileUrl),
      center: DEFAULT_VIEW.center,
      zoom: DEFAULT_VIEW.zoom,
      dragRotate: false,
      pitchWithRotate: false,
      attributionControl: tileUrl ? { compact: true } : false,
    });
    followBasemap(map, tileUrl);
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    mapRef.current = map;

    let hovered: number | null = null;
    const setHover = (id: number | null) => {
      if (hovered !== null) map.setFeatureState({ source: GRID_SOURCE, id: hovered }, { hover: false });
      hovered = id;
      if (id !== null) map.setFeatureState({ source: GRID_SOURCE, id }, { hover: true });
    };

    map.on('load', () => {
      addGridLayers(map, colorModeRef.current);
      addCameraLayer(map, (id) => onCameraRef.current?.(id));
      map.on('mousemove', GRID_FILL, (event) => {
        const id = event.features?.[0]?.id;
        map.getCanvas().style.cursor = 'pointer';
        if (typeof id === 'number' && id !== hovered) setHover(id);
      });
      map.on('mouseleave', GRID_FILL, () => {
        map.getCanvas().style.cursor = '';
        setHover(null);
      });
      map.on('click', GRID_FILL, (event) => {
        // A camera drawn over the grid takes the click.
        if (map.queryRenderedFeatures(event.point, { layers: [CAMERA_LAYER] }).length) return;
        const gridId = event.features?.[0]?.properties?.gridId;
        if (gridId !== undefined && gridId !== null) onSelectRef.current(String(gridId));
      });
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

  // Data: replace the source, fit to it, and report "loaded" when the map is idle again.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !data) return;
    const prepared = prepareGrids(data);
    featureIdsRef.current = new Map(
      prepared.features.map((feature) => [String(feature.properties.id), Number(feature.id)]),
    );
    setLoaded(false);
    setGridData(map, prepared);
    const bounds = collectionBounds(prepared);
    if (bounds) map.fitBounds(bounds, { padding: 40, duration: 0, maxZoom: 17 });
    let cancelled = false;
    map.once('idle', () => {
      if (!cancelled) setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
  }, [ready, data]);

  useEffect(() => {
    const map = mapRef.current;
    if (ready && map) map.setPaintProperty(GRID_FILL, 'fill-color', fillColor(colorMode));
  }, [ready, colorMode]);

  useEffect(() => {
    const map = mapRef.current;
    if (ready && map) setCameras(map, cameras ?? []);
  }, [ready, cameras]);

  // Selection outline follows the drawer.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !loaded || !selectedId) return;
    const id = featureIdsRef.current.get(selectedId);
    if (id === undefined) return;
    map.setFeatureState({ source: GRID_SOURCE, id }, { selected: true });
    return () => {
      if (mapRef.current === map) map.setFeatureState({ source: GRID_SOURCE, id }, { selected: false });
    };
  }, [ready, loaded, selectedId]);

  return (
    <div
      ref={containerRef}
      className="grid-map"
      data-testid="grid-map"
      data-loaded={loaded ? 'true' : 'false'}
    />
  );
}
