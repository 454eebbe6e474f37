import { describe, expect, it } from 'vitest';
import {
  createRandom,
  type Geometry,
  type MultiPolygon,
  orient2dExact,
  type Position,
  pointInGeometry,
  pointInRing,
  type Ring,
} from '../src/index.ts';
import { rect, rectRing } from './fixtures.ts';

/**
 * Independent oracle for rings with small integer (or half-integer) coordinates, where plain
 * double arithmetic is exact: boundary if any edge holds the point, else crossing parity.
 */
function oracle(point: Position, ring: Ring): 1 | 0 | -1 {
  const [x, y] = point;
  let inside = false;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[i + 1]!;
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (
      cross === 0 &&
      Math.min(ax, bx) <= x &&
      x <= Math.max(ax, bx) &&
      Math.min(ay, by) <= y &&
      y <= Math.max(ay, by)
    ) {
      return 0;
    }
    if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** A random star-shaped (hence simple) ring around (cx, cy) on the integer lattice. */
function starRing(seed: number, cx: number, cy: number): Ring {
  const random = createRandom(seed);
  const n = random.int(3, 12);
  const ring: Ring = [];
  for (let k = 0; k < n; k++) {
    const angle = ((k + random.next() * 0.5) / n) * 2 * Math.PI;
    const r = random.int(2, 8);
    const p: Position = [cx + Math.round(r * Math.cos(angle)), cy + Math.round(r * Math.sin(angle))];
    const prev = ring[ring.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) ring.push(p);
  }
  ring.push(ring[0]!);
  return ring;
}

describe('pointInGeometry on a polygon', () => {
  const square = rect(0, 0, 2, 2);

  it('tells inside, boundary and outside apart', () => {
    expect(pointInGeometry([1, 1], square)).toBe(1);
    expect(pointInGeometry([0.001, 1.999], square)).toBe(1);
    expect(pointInGeometry([1, 0], square)).toBe(0);
    expect(pointInGeometry([2, 1.5], square)).toBe(0);
    expect(pointInGeometry([3, 1], square)).toBe(-1);
    expect(pointInGeometry([-1, -1], square)).toBe(-1);
    expect(pointInGeometry([1, 2.0000001], square)).toBe(-1);
  });

  it('puts every vertex on the boundary, including peaks and valleys', () => {
    // Vertices that are local extrema in latitude are where robust-point-in-polygon alone fails.
    const zigzag: Ring = [
      [0, 0],
      [1, -1],
      [2, 0],
      [3, -2],
      [4, 0],
      [4, 3],
      [3, 2],
      [2, 4],
      [1, 2],
      [0, 3],
      [0, 0],
    ];
    const geometry: Geometry = { type: 'Polygon', coordinates: [zigzag] };
    for (const vertex of zigzag) expect(pointInGeometry(vertex, geometry), vertex.join(',')).toBe(0);
  });

  it('ignores winding direction and the closing position', () => {
    const ring = rectRing(0, 0, 2, 2);
    const reversed = [...ring].reverse();
    const open = ring.slice(0, -1);
    for (const p of [
      [1, 1],
      [0, 1],
      [5, 5],
    ] as Position[]) {
      expect(pointInRing(p, reversed)).toBe(pointInRing(p, ring));
      expect(pointInRing(p, open)).toBe(pointInRing(p, ring));
    }
  });

  it('returns 0, never -0, on the boundary', () => {
    expect(Object.is(pointInGeometry([0, 1], square), 0)).toBe(true);
  });

  it('is exact for points on or a hair off a slanted edge at city coordinates', () => {
    const a: Position = [117.2968, 39.0871];
    const b: Position = [117.3051, 39.0913];
    const c: Position = [117.2975, 39.0952];
    const triangle: Geometry = { type: 'Polygon', coordinates: [[a, b, c, a]] };
    const bSide = orient2dExact(a[0], a[1], c[0], c[1], b[0], b[1]);
    let onEdge = 0;
    for (let k = 1; k < 500; k++) {
      // Interpolated points land on, just inside or just outside edge a–c, decided by rounding.
      const t = k / 500;
      const p: Position = [a[0] + (c[0] - a[0]) * t, a[1] + (c[1] - a[1]) * t];
      const side = orient2dExact(a[0], a[1], c[0], c[1], p[0], p[1]);
      const want = side === 0 ? 0 : side === bSide ? 1 : -1;
      if (want === 0) onEdge++;
      expect(pointInGeometry(p, triangle), `t=${t}`).toBe(want);
    }
    expect(onEdge).toBeGreaterThan(0);
  });
});

describe('pointInGeometry with holes and parts', () => {
  const donut = rect(0, 0, 4, 4, [
    [1, 1],
    [1, 3],
    [3, 3],
    [3, 1],
    [1, 1],
  ]);

  it('excludes the hole and counts its edge as boundary', () => {
    expect(pointInGeometry([2, 2], donut)).toBe(-1);
    expect(pointInGeometry([1, 2], donut)).toBe(0);
    expect(pointInGeometry([3, 3], donut)).toBe(0);
    expect(pointInGeometry([0.5, 2], donut)).toBe(1);
    expect(pointInGeometry([0, 2], donut)).toBe(0);
  });

  it('finds the point in any part of a MultiPolygon', () => {
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [rect(0, 0, 1, 1).coordinates, rect(5, 5, 6, 6).coordinates, donut.coordinates],
    };
    expect(pointInGeometry([0.5, 0.5], multi)).toBe(1);
    expect(pointInGeometry([5.5, 5.5], multi)).toBe(1);
    expect(pointInGeometry([6, 5.5], multi)).toBe(0);
    expect(pointInGeometry([3, 3.5], multi)).toBe(1);
    expect(pointInGeometry([2, 2], multi)).toBe(-1);
    expect(pointInGeometry([10, 10], multi)).toBe(-1);
  });

  it('treats a polygon without rings as empty', () => {
    expect(pointInGeometry([0, 0], { type: 'Polygon', coordinates: [] })).toBe(-1);
    expect(pointInGeometry([0, 0], { type: 'MultiPolygon', coordinates: [] })).toBe(-1);
  });
});

describe('pointInRing against an independent oracle', () => {
  it('agrees on random lattice polygons at every lattice and half-lattice point', () => {
    let boundary = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const ring = starRing(seed, 0, 0);
      for (let x = -9; x <= 9; x += 0.5) {
        for (let y = -9; y <= 9; y += 0.5) {
          const want = oracle([x, y], ring);
          if (want === 0) boundary++;
          const got = pointInRing([x, y], ring);
          if (got !== want) throw new Error(`seed ${seed} at ${x},${y}: got ${got}, want ${want}`);
        }
      }
    }
    // Plenty of the probes sit exactly on edges and vertices, which is the point of the test.
    expect(boundary).toBeGreaterThan(1000);
  });
});
