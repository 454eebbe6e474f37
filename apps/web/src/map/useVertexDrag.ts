import type { FeatureCollection, Geometry, Point, Position } from 'geojson';
import type { GeoJSONSource, MapLayerMouseEvent, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { asCollection, DRAFT, VERTICES } from './miniLayers';

type Rings = Position[][];

/** Six decimals of a degree is about 0.1 m: plenty for a grid boundary. */
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** The rings of each polygon of a Polygon / MultiPolygon, or null for anything else. */
function polygonsOf(geometry: Geometry | null): Rings[] | null {
  if (geometry?.type === 'Polygon') return [geometry.coordinates];
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates;
  return null;
}

function vertexCollection(geometry: Geometry | null): FeatureCollection<Point> {
  const polygons = polygonsOf(geometry) ?? [];
  const features = polygons.flatMap((rings, p) =>
    rings.flatMap((ring, r) =>
      // The closing position repeats the first: one handle moves both.
      ring.slice(0, Math.max(ring.length - 1, 0)).map((position, v) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: position },
        properties: { p, r, v },
      })),
    ),
  );
  return { type: 'FeatureCollection', features };
}

function moveVertex(geometry: Geometry, p: number, r: number, v: number, to: Position): void {
  const ring = polygonsOf(geometry)?.[p]?.[r];
  if (!ring) return;
  ring[v] = to;
  if (v === 0 && ring.length > 1) ring[ring.length - 1] = to;
}

/**
 * Vertex handles for the boundary draft on the mini map: drag a handle to move a vertex; the new
 * geometry is handed to onEdit when the mouse is released.
 */
export function useVertexDrag(
  map: MapLibreMap | null,
  ready: boolean,
  geometry: Geometry | null,
  enabled: boolean,
  onEdit: (geometry: Geometry) => void,
): void {
  const geometryRef = useRef(geometry);
  const onEditRef = useRef(onEdit);
  geometryRef.current = geometry;
  onEditRef.current = onEdit;

  useEffect(() => {
    if (!ready || !map) return;
    map.getSource<GeoJSONSource>(VERTICES)?.setData(vertexCollection(enabled ? geometry : null));
  }, [map, ready, geometry, enabled]);

  useEffect(() => {
    if (!ready || !map || !enabled) return;
    const layer = `${VERTICES}-circle`;
    let working: Geometry | null = null;
    let handle: { p: number; r: number; v: number } | null = null;

    const onMove = (event: MapMouseEvent) => {
      if (!working || !handle) return;
      moveVertex(working, handle.p, handle.r, handle.v, [round6(event.lngLat.lng), round6(event.lngLat.lat)]);
      map.getSource<GeoJSONSource>(DRAFT)?.setData(asCollection(working));
      map.getSource<GeoJSONSource>(VERTICES)?.setData(vertexCollection(working));
    };
    const onUp = () => {
      map.off('mousemove', onMove);
      map.dragPan.enable();
      map.getCanvas().style.cursor = '';
      if (working) onEditRef.current(working);
      working = null;
      handle = null;
    };
    const onDown = (event: MapLayerMouseEvent) => {
      const props = event.features?.[0]?.properties;
      const current = geometryRef.current;
      if (!props || !current) return;
      event.preventDefault();
      working = structuredClone(current);
      handle = { p: Number(props.p), r: Number(props.r), v: Number(props.v) };
      map.dragPan.disable();
      map.getCanvas().style.cursor = 'grabbing';
      map.on('mousemove', onMove);
      map.once('mouseup', onUp);
    };
    const onEnter = () => {
      map.getCanvas().style.cursor = 'move';
    };
    const onLeave = () => {
      if (!handle) map.getCanvas().style.cursor = '';
    };
    map.on('mousedown', layer, onDown);
    map.on('mouseenter', layer, onEnter);
    map.on('mouseleave', layer, onLeave);
    return () => {
      map.off('mousedown', layer, onDown);
      map.off('mouseenter', layer, onEnter);
      map.off('mouseleave', layer, onLeave);
      map.off('mousemove', onMove);
      map.dragPan.enable();
    };
  }, [map, ready, enabled]);
}
