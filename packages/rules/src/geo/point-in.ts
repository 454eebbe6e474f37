/// <reference path="./robust-point-in-polygon.d.ts" />
// Exact point-in-polygon: robust-point-in-polygon decides with exact orientation, so a point on a
// shared border is "on the boundary" for both neighbours instead of randomly inside one of them.

import classifyPoint from 'robust-point-in-polygon';
import type { Geometry, Position, Ring } from './types.ts';

/** 1 inside, 0 on the boundary, -1 outside. */
export type PointLocation = 1 | 0 | -1;

/** Same convention as pointInGeometry for one ring (closed or not, either winding). */
export function pointInRing(point: Position, ring: Ring): PointLocation {
  const [x, y] = point;
  // robust-point-in-polygon misses a query point sitting exactly on a vertex that is a local
  // minimum or maximum in y (upstream issue #2, still open): it answers by parity instead of
  // "boundary". Every grid border is full of such vertices, so they are caught here first.
  for (const p of ring) {
    if (p[0] === x && p[1] === y) return 0;
  }
  // The library answers -1 inside / 1 outside; flip to our "positive means in" convention
  // (spelled out because negating 0 would give -0).
  const where = classifyPoint(ring, point);
  return where === -1 ? 1 : where === 1 ? -1 : 0;
}

/** Shell minus holes: a hole's boundary is part of the polygon's boundary. */
export function pointInPolygonRings(point: Position, rings: readonly Ring[]): PointLocation {
  const shell = rings[0];
  if (!shell) return -1;
  const inShell = pointInRing(point, shell);
  if (inShell !== 1) return inShell;
  for (let i = 1; i < rings.length; i++) {
    const inHole = pointInRing(point, rings[i]!);
    if (inHole === 1) return -1;
    if (inHole === 0) return 0;
  }
  return 1;
}

/**
 * Where the point lies relative to the geometry. For a MultiPolygon the best answer over its
 * parts wins; parts of a valid MultiPolygon do not share edges, so "boundary" stays meaningful.
 */
export function pointInGeometry(point: Position, geometry: Geometry): PointLocation {
  if (geometry.type === 'Polygon') return pointInPolygonRings(point, geometry.coordinates);
  let best: PointLocation = -1;
  for (const polygon of geometry.coordinates) {
    const where = pointInPolygonRings(point, polygon);
    if (where === 1) return 1;
    if (where > best) best = where;
  }
  return best;
}
