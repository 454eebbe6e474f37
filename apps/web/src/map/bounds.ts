import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { BBox } from '../api/types';

function visit(positions: unknown, extend: (p: Position) => void): void {
  if (!Array.isArray(positions)) return;
  if (typeof positions[0] === 'number') {
    extend(positions as Position);
    return;
  }
  for (const inner of positions) visit(inner, extend);
}

function geometryPositions(geometry: Geometry | null | undefined, extend: (p: Position) => void): void {
  if (!geometry) return;
  if (geometry.type === 'GeometryCollection') {
    for (const part of geometry.geometries) geometryPositions(part, extend);
    return;
  }
  visit(geometry.coordinates, extend);
}

/** [minLon, minLat, maxLon, maxLat] of all geometries, or null when there are no coordinates. */
export function boundsOf(geometries: (Geometry | null | undefined)[]): BBox | null {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const extend = (p: Position) => {
    const [x, y] = p;
    if (x === undefined || y === undefined) return;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const geometry of geometries) geometryPositions(geometry, extend);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

export function collectionBounds(collection: FeatureCollection): BBox | null {
  return boundsOf(collection.features.map((feature) => feature.geometry));
}
