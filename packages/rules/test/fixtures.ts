// Geometry builders shared by the tests.

import type { Polygon, Position, Ring } from '../src/index.ts';
import { createRandom } from '../src/index.ts';

/** Counter-clockwise closed rectangle ring. */
export function rectRing(x0: number, y0: number, x1: number, y1: number): Ring {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}

export function rect(x0: number, y0: number, x1: number, y1: number, ...holes: Ring[]): Polygon {
  return { type: 'Polygon', coordinates: [rectRing(x0, y0, x1, y1), ...holes] };
}

export interface LatticeCell {
  key: string;
  geometry: Polygon;
}

/**
 * An nx × ny tiling with jittered corners and every shared edge broken into `steps` jittered
 * pieces, the same vertices on both sides: irregular like real grids, yet gap- and overlap-free.
 */
export function jitteredLattice(options: {
  nx: number;
  ny: number;
  origin: Position;
  cell: number;
  steps?: number;
  seed?: number;
}): LatticeCell[] {
  const { nx, ny, origin, cell } = options;
  const steps = options.steps ?? 4;
  const random = createRandom(options.seed ?? 7);
  const corner: Position[][] = [];
  for (let i = 0; i <= nx; i++) {
    const column: Position[] = [];
    for (let j = 0; j <= ny; j++) {
      // The outline stays straight so that the lattice fills its bounding rectangle exactly.
      const dx = i > 0 && i < nx ? (random.next() - 0.5) * cell * 0.4 : 0;
      const dy = j > 0 && j < ny ? (random.next() - 0.5) * cell * 0.4 : 0;
      column.push([origin[0] + i * cell + dx, origin[1] + j * cell + dy]);
    }
    corner.push(column);
  }
  const edges = new Map<string, Position[]>();
  const inner = (a: [number, number], b: [number, number]): Position[] => {
    const [ka, kb] = [a.join(','), b.join(',')];
    const forward = ka < kb;
    const key = forward ? `${ka}|${kb}` : `${kb}|${ka}`;
    let points = edges.get(key);
    if (!points) {
      const [p, q] = forward ? [a, b] : [b, a];
      const from = corner[p[0]]![p[1]]!;
      const to = corner[q[0]]![q[1]]!;
      const boundary =
        (p[0] === q[0] && (p[0] === 0 || p[0] === nx)) || (p[1] === q[1] && (p[1] === 0 || p[1] === ny));
      points = [];
      for (let s = 1; s < steps; s++) {
        const t = s / steps;
        const wobble = boundary ? 0 : (random.next() - 0.5) * cell * 0.1;
        // Wobble perpendicular-ish: along x for vertical edges, along y for horizontal ones.
        const vertical = p[0] === q[0];
        points.push([
          from[0] + (to[0] - from[0]) * t + (vertical ? wobble : 0),
          from[1] + (to[1] - from[1]) * t + (vertical ? 0 : wobble),
        ]);
      }
      edges.set(key, points);
    }
    return forward ? points : [...points].reverse();
  };
  const cells: LatticeCell[] = [];
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const corners: [number, number][] = [
        [i, j],
        [i + 1, j],
        [i + 1, j + 1],
        [i, j + 1],
      ];
      const ring: Ring = [];
      corners.forEach((c, k) => {
        const next = corners[(k + 1) % 4]!;
        ring.push(corner[c[0]]![c[1]]!, ...inner(c, next));
      });
      ring.push(ring[0]!);
      cells.push({
        key: `${String(i).padStart(3, '0')}-${String(j).padStart(3, '0')}`,
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  }
  return cells;
}

/** Exact area of a lon/lat-aligned box on the WGS-84 ellipsoid (authalic latitude formula). */
export function ellipsoidBoxArea(lon0: number, lat0: number, lon1: number, lat1: number): number {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const e2 = f * (2 - f);
  const e = Math.sqrt(e2);
  const b2 = a * a * (1 - e2);
  const q = (lat: number): number => {
    const s = Math.sin((lat * Math.PI) / 180);
    return s / (1 - e2 * s * s) + Math.log((1 + e * s) / (1 - e * s)) / (2 * e);
  };
  return (b2 / 2) * (((lon1 - lon0) * Math.PI) / 180) * (q(lat1) - q(lat0));
}
