// Size and position summaries of a geometry: bounding box, area on the WGS-84 ellipsoid,
// centroid, and a point guaranteed to be inside (for labels and map pins).

import { pointInGeometry } from './point-in.ts';
import { type BBox, type Geometry, type Position, polygonsOf, type Ring } from './types.ts';

export function bboxOf(geometry: Geometry): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    // Holes lie inside the shell, so the shell alone bounds the polygon.
    for (const [x, y] of polygon[0] ?? []) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

// WGS-84 ellipsoid.
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;
// Coefficients of the meridian arc length series (to e⁶, well below a millimetre).
const M0 = 1 + (3 / 4) * E2 + (45 / 64) * E2 ** 2 + (175 / 256) * E2 ** 3;
const M2 = (3 / 4) * E2 + (15 / 16) * E2 ** 2 + (525 / 512) * E2 ** 3;
const M4 = (15 / 64) * E2 ** 2 + (105 / 256) * E2 ** 3;
const M6 = (35 / 512) * E2 ** 3;

function meridianArc(phi: number): number {
  return (
    A *
    (1 - E2) *
    (M0 * phi - (M2 / 2) * Math.sin(2 * phi) + (M4 / 4) * Math.sin(4 * phi) - (M6 / 6) * Math.sin(6 * phi))
  );
}

/**
 * Ring area in m² via the ellipsoidal sinusoidal projection x = N(φ)·cos φ·(λ − λ₀), y = arc(φ):
 * its Jacobian is exactly the ellipsoid's area element M·N·cos φ, so the projection is equal-area
 * and only the bending of edges between vertices (negligible at city scale) is approximated.
 * A sphere would be simpler but is off by up to 0.4 % at Chinese latitudes.
 */
function ringAreaM2(ring: Ring, lon0: number, arc0: number): number {
  let sum = 0;
  let prevX = 0;
  let prevY = 0;
  for (let i = 0; i < ring.length; i++) {
    const [lon, lat] = ring[i]!;
    const phi = lat * RAD;
    const sinPhi = Math.sin(phi);
    const n = A / Math.sqrt(1 - E2 * sinPhi * sinPhi);
    const x = n * Math.cos(phi) * (lon - lon0) * RAD;
    const y = meridianArc(phi) - arc0;
    if (i > 0) sum += prevX * y - x * prevY;
    prevX = x;
    prevY = y;
  }
  return Math.abs(sum) / 2;
}

/** Area in square metres; holes subtract, winding order does not matter. */
export function areaM2(geometry: Geometry): number {
  const [minX, minY, maxX, maxY] = bboxOf(geometry);
  // A local origin keeps the shoelace terms small, which keeps the cancellation error small.
  const lon0 = (minX + maxX) / 2;
  const arc0 = meridianArc(((minY + maxY) / 2) * RAD);
  let total = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, i) => {
      const a = ringAreaM2(ring, lon0, arc0);
      total += i === 0 ? a : -a;
    });
  }
  return Math.max(0, total);
}

/** Signed planar area and first moments of a ring in degrees, relative to an origin. */
function ringMoments(ring: Ring, ox: number, oy: number): [area: number, mx: number, my: number] {
  let area = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const x0 = ring[i]![0] - ox;
    const y0 = ring[i]![1] - oy;
    const x1 = ring[i + 1]![0] - ox;
    const y1 = ring[i + 1]![1] - oy;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    mx += (x0 + x1) * cross;
    my += (y0 + y1) * cross;
  }
  return [area / 2, mx / 6, my / 6];
}

/**
 * Area-weighted centroid in lon/lat. Computed in plain degrees: a uniform east-west scale would
 * not move it, and the change of that scale across a city is far below label precision.
 * May lie outside a concave polygon; use interiorPoint for a point that is always inside.
 */
export function centroidOf(geometry: Geometry): Position {
  const [minX, minY] = bboxOf(geometry);
  let area = 0;
  let mx = 0;
  let my = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, i) => {
      const [a, x, y] = ringMoments(ring, minX, minY);
      // Normalise winding: shells add, holes subtract, whatever direction they were drawn in.
      const s = (i === 0 ? 1 : -1) * Math.sign(a);
      area += s * a;
      mx += s * x;
      my += s * y;
    });
  }
  if (area > 0) return [minX + mx / area, minY + my / area];
  // Degenerate (zero area): fall back to the mean of the shell vertices.
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (const polygon of polygonsOf(geometry)) {
    for (const [x, y] of polygon[0] ?? []) {
      sx += x;
      sy += y;
      count++;
    }
  }
  return count > 0 ? [sx / count, sy / count] : [Number.NaN, Number.NaN];
}

/**
 * A point strictly inside the geometry: the centroid when it is inside, otherwise the middle of
 * the widest span on a horizontal line through the largest polygon. The line is placed halfway
 * between two vertex latitudes so it never runs through a vertex, which keeps the spans exact.
 */
export function interiorPoint(geometry: Geometry): Position {
  const centroid = centroidOf(geometry);
  if (pointInGeometry(centroid, geometry) === 1) return centroid;

  let largest: Ring[] | null = null;
  let largestArea = -1;
  for (const polygon of polygonsOf(geometry)) {
    const a = areaM2({ type: 'Polygon', coordinates: polygon });
    if (a > largestArea) {
      largest = polygon;
      largestArea = a;
    }
  }
  if (largest === null) return centroid;
  const polygon: Geometry = { type: 'Polygon', coordinates: largest };
  const [, minY, , maxY] = bboxOf(polygon);
  const middle = (minY + maxY) / 2;
  const ys = [...new Set(largest.flatMap((ring) => ring.map((p) => p[1])))].sort((a, b) => a - b);
  const lines: number[] = [];
  for (let i = 0; i + 1 < ys.length; i++) lines.push((ys[i]! + ys[i + 1]!) / 2);
  lines.sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle));

  for (const y of lines) {
    const xs: number[] = [];
    for (const ring of largest) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i]!;
        const [bx, by] = ring[i + 1]!;
        if (ay > y !== by > y) xs.push(ax + ((y - ay) / (by - ay)) * (bx - ax));
      }
    }
    xs.sort((a, b) => a - b);
    let best: Position | null = null;
    let bestWidth = 0;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const width = xs[i + 1]! - xs[i]!;
      if (width > bestWidth) {
        bestWidth = width;
        best = [(xs[i]! + xs[i + 1]!) / 2, y];
      }
    }
    if (best && pointInGeometry(best, polygon) === 1) return best;
  }
  return centroid;
}
