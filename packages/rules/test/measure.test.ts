import { describe, expect, it } from 'vitest';
import {
  areaM2,
  bboxOf,
  centroidOf,
  type Geometry,
  interiorPoint,
  type MultiPolygon,
  type Polygon,
  pointInGeometry,
  type Ring,
} from '../src/index.ts';
import { ellipsoidBoxArea, rect, rectRing } from './fixtures.ts';

/** Degrees spanning `metres` along a meridian and along a parallel at `lat` (WGS-84 radii). */
function degreesFor(metres: number, lat: number): { dLon: number; dLat: number } {
  const a = 6378137;
  const e2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);
  const s = Math.sin((lat * Math.PI) / 180);
  const n = a / Math.sqrt(1 - e2 * s * s);
  const m = (a * (1 - e2)) / (1 - e2 * s * s) ** 1.5;
  return {
    dLon: (metres / (n * Math.cos((lat * Math.PI) / 180))) * (180 / Math.PI),
    dLat: (metres / m) * (180 / Math.PI),
  };
}

describe('bboxOf', () => {
  it('bounds a polygon and a MultiPolygon', () => {
    expect(bboxOf(rect(117.1, 39.0, 117.3, 39.2))).toEqual([117.1, 39.0, 117.3, 39.2]);
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [rect(1, 5, 2, 6).coordinates, rect(-3, 0, -2, 1).coordinates],
    };
    expect(bboxOf(multi)).toEqual([-3, 0, 2, 6]);
  });
});

describe('areaM2', () => {
  it('measures a 1 km square within 0.5 %', () => {
    const { dLon, dLat } = degreesFor(1000, 39.1);
    const square = rect(117.3, 39.1 - dLat / 2, 117.3 + dLon, 39.1 + dLat / 2);
    expect(Math.abs(areaM2(square) / 1_000_000 - 1)).toBeLessThan(0.005);
  });

  it.each([
    [0, 0.01],
    [22.5, 0.01],
    [39.1, 0.01],
    [40.8, 0.5],
    [53, 0.5],
  ])('matches the exact ellipsoidal area of a box at %s° spanning %s°', (lat, span) => {
    const box = rect(111.5, lat, 111.5 + span, lat + span);
    const exact = ellipsoidBoxArea(111.5, lat, 111.5 + span, lat + span);
    // The requirement is 0.5 %; the projection actually does far better.
    expect(Math.abs(areaM2(box) / exact - 1)).toBeLessThan(0.0005);
  });

  it('subtracts holes and ignores winding', () => {
    const outer = rectRing(117, 39, 117.01, 39.01);
    const hole = rectRing(117.002, 39.002, 117.004, 39.004);
    const whole = areaM2({ type: 'Polygon', coordinates: [outer] });
    const holeArea = areaM2({ type: 'Polygon', coordinates: [hole] });
    expect(areaM2({ type: 'Polygon', coordinates: [outer, hole] })).toBeCloseTo(whole - holeArea, 3);
    expect(areaM2({ type: 'Polygon', coordinates: [[...outer].reverse(), hole] })).toBeCloseTo(
      whole - holeArea,
      3,
    );
    expect(areaM2({ type: 'Polygon', coordinates: [outer, [...hole].reverse()] })).toBeCloseTo(
      whole - holeArea,
      3,
    );
  });

  it('adds the parts of a MultiPolygon, and halves add up to the whole', () => {
    const left = rect(117, 39, 117.005, 39.01);
    const right = rect(117.005, 39, 117.01, 39.01);
    const whole = areaM2(rect(117, 39, 117.01, 39.01));
    const multi: Geometry = { type: 'MultiPolygon', coordinates: [left.coordinates, right.coordinates] };
    expect(areaM2(multi)).toBeCloseTo(whole, 3);
    expect(areaM2(left) + areaM2(right)).toBeCloseTo(whole, 3);
    // A triangle is half its bounding box.
    const triangle: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [117, 39],
          [117.01, 39],
          [117.01, 39.01],
          [117, 39],
        ],
      ],
    };
    expect(areaM2(triangle) / whole).toBeCloseTo(0.5, 3);
  });

  it('is zero for degenerate rings', () => {
    const flat: Ring = [
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 0],
    ];
    expect(areaM2({ type: 'Polygon', coordinates: [flat] })).toBe(0);
  });
});

describe('centroidOf', () => {
  it('is the middle of a rectangle', () => {
    const [x, y] = centroidOf(rect(117, 39, 117.02, 39.01));
    expect(x).toBeCloseTo(117.01, 10);
    expect(y).toBeCloseTo(39.005, 10);
  });

  it('weights an L-shape by area', () => {
    // Squares [0,2]x[0,1] and [0,1]x[1,2] (areas 2 and 1): centroid (5/6, 5/6).
    const l: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 1],
          [1, 1],
          [1, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const [x, y] = centroidOf(l);
    expect(x).toBeCloseTo(5 / 6, 12);
    expect(y).toBeCloseTo(5 / 6, 12);
  });

  it('moves away from a hole whichever way it is wound', () => {
    const hole = rectRing(0, 0, 1, 2);
    const [x] = centroidOf(rect(0, 0, 4, 2, hole));
    const [xReversed] = centroidOf(rect(0, 0, 4, 2, [...hole].reverse()));
    // Remaining area is [1,4]x[0,2]: centroid x = 2.5.
    expect(x).toBeCloseTo(2.5, 12);
    expect(xReversed).toBeCloseTo(2.5, 12);
  });

  it('falls back to the vertex mean for zero area', () => {
    const flat: Ring = [
      [0, 0],
      [3, 0],
      [0, 0],
      [0, 0],
    ];
    expect(centroidOf({ type: 'Polygon', coordinates: [flat] })).toEqual([0.75, 0]);
  });
});

describe('interiorPoint', () => {
  it('is the centroid when that is inside', () => {
    const square = rect(117, 39, 117.02, 39.01);
    expect(interiorPoint(square)).toEqual(centroidOf(square));
  });

  it('is inside a U-shape whose centroid is not', () => {
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 0.2],
          [1, 0.2],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    expect(pointInGeometry(centroidOf(u), u)).toBe(-1);
    expect(pointInGeometry(interiorPoint(u), u)).toBe(1);
  });

  it('is inside a ring whose hole holds the centroid', () => {
    const donut = rect(0, 0, 4, 4, rectRing(0.5, 0.5, 3.5, 3.5));
    const point = interiorPoint(donut);
    expect(pointInGeometry(point, donut)).toBe(1);
  });

  it('lands in the largest part of a MultiPolygon when the centroid is between parts', () => {
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [rect(0, 0, 1, 1).coordinates, rect(5, 0, 8, 3).coordinates],
    };
    const point = interiorPoint(multi);
    expect(pointInGeometry(point, multi)).toBe(1);
    expect(point[0]).toBeGreaterThan(5);
  });

  it('is inside spiky random star polygons', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const ring: Ring = [];
      const n = 5 + (seed % 17);
      for (let k = 0; k < n; k++) {
        const angle = (k / n) * 2 * Math.PI;
        const r = k % 2 === 0 ? 1 : 0.05 + ((seed * 7919 + k * 104729) % 97) / 400;
        ring.push([111.7 + r * Math.cos(angle) * 0.01, 40.8 + r * Math.sin(angle) * 0.01]);
      }
      ring.push(ring[0]!);
      const star: Polygon = { type: 'Polygon', coordinates: [ring] };
      expect(pointInGeometry(interiorPoint(star), star), `seed ${seed}`).toBe(1);
    }
  });
});
