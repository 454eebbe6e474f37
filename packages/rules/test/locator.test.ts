import { describe, expect, it } from 'vitest';
import {
  createRandom,
  type Geometry,
  GridLocator,
  type GridLocatorEntry,
  type Position,
  pointInGeometry,
} from '../src/index.ts';
import { jitteredLattice, rect } from './fixtures.ts';

function entry(key: string, geometry: Geometry, order = key): GridLocatorEntry<string> {
  return { key, order, geometry };
}

/**
 * The rule spelled out naively: strictly inside wins, then the smallest order on a border.
 * Entries must be sorted by order.
 */
function bruteForce(sorted: GridLocatorEntry<string>[], [lon, lat]: Position): string | null {
  const inside = sorted.find((e) => pointInGeometry([lon, lat], e.geometry) === 1);
  if (inside) return inside.key;
  return sorted.find((e) => pointInGeometry([lon, lat], e.geometry) === 0)?.key ?? null;
}

describe('GridLocator basics', () => {
  it('finds the grid strictly containing the point', () => {
    const locator = GridLocator.build([entry('a', rect(0, 0, 1, 1)), entry('b', rect(1, 0, 2, 1))]);
    expect(locator.size).toBe(2);
    expect(locator.locate(0.5, 0.5)).toBe('a');
    expect(locator.locate(1.5, 0.5)).toBe('b');
  });

  it('gives a shared border to the smaller order, whatever the input order', () => {
    const left = entry('left', rect(0, 0, 1, 1), '120110001001002');
    const right = entry('right', rect(1, 0, 2, 1), '120110001001001');
    for (const entries of [
      [left, right],
      [right, left],
    ]) {
      const locator = GridLocator.build(entries);
      expect(locator.locate(1, 0.5)).toBe('right');
      expect(locator.locate(1, 0)).toBe('right');
      expect(locator.locate(1, 1)).toBe('right');
      // Outer borders belong to the only grid touching them.
      expect(locator.locate(0, 0.5)).toBe('left');
      expect(locator.locate(2, 0.5)).toBe('right');
    }
    const swapped = GridLocator.build([
      entry('left', left.geometry, '1'),
      entry('right', right.geometry, '2'),
    ]);
    expect(swapped.locate(1, 0.5)).toBe('left');
  });

  it('compares orders by code unit, not by locale or number', () => {
    const locator = GridLocator.build([
      entry('ten', rect(0, 0, 1, 1), '10'),
      entry('nine', rect(1, 0, 2, 1), '9'),
    ]);
    expect(locator.locate(1, 0.5)).toBe('ten');
  });

  it('gives the vertex shared by four grids to the smallest order', () => {
    const quads = [
      entry('sw', rect(0, 0, 1, 1), 'd'),
      entry('se', rect(1, 0, 2, 1), 'b'),
      entry('nw', rect(0, 1, 1, 2), 'c'),
      entry('ne', rect(1, 1, 2, 2), 'a'),
    ];
    const random = createRandom(4);
    for (let round = 0; round < 5; round++) {
      const shuffled = [...quads].sort(() => random.next() - 0.5);
      const locator = GridLocator.build(shuffled);
      expect(locator.locate(1, 1)).toBe('ne');
      expect(locator.locate(1, 0.5)).toBe('se');
      expect(locator.locate(0.5, 1)).toBe('nw');
      expect(locator.locate(0.25, 0.25)).toBe('sw');
    }
  });

  it('does not place a point in a hole in the grid with the hole', () => {
    const hole: Position[] = [
      [0.25, 0.25],
      [0.25, 0.75],
      [0.75, 0.75],
      [0.75, 0.25],
      [0.25, 0.25],
    ];
    const ring = entry('ring', rect(0, 0, 1, 1, hole), 'a');
    expect(GridLocator.build([ring]).locate(0.5, 0.5)).toBeNull();
    expect(GridLocator.build([ring]).locate(0.1, 0.5)).toBe('ring');
    // A grid filling the hole gets the point even though its order is larger.
    const filler = entry('filler', rect(0.25, 0.25, 0.75, 0.75), 'b');
    const locator = GridLocator.build([ring, filler]);
    expect(locator.locate(0.5, 0.5)).toBe('filler');
    // The hole's edge is a border between the two: smaller order.
    expect(locator.locate(0.25, 0.5)).toBe('ring');
    expect(locator.locate(0.75, 0.75)).toBe('ring');
  });

  it('returns null outside every grid and for non-finite input', () => {
    const locator = GridLocator.build([entry('a', rect(0, 0, 1, 1))]);
    expect(locator.locate(2, 2)).toBeNull();
    expect(locator.locate(-0.0001, 0.5)).toBeNull();
    expect(locator.locate(Number.NaN, 0.5)).toBeNull();
    expect(locator.locate(0.5, Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('finds a point in the second part of a MultiPolygon', () => {
    const multi: Geometry = {
      type: 'MultiPolygon',
      coordinates: [rect(0, 0, 1, 1).coordinates, rect(3, 3, 4, 4).coordinates],
    };
    const locator = GridLocator.build([entry('multi', multi), entry('between', rect(1, 1, 3, 3))]);
    expect(locator.size).toBe(2);
    expect(locator.locate(3.5, 3.5)).toBe('multi');
    expect(locator.locate(0.5, 0.5)).toBe('multi');
    expect(locator.locate(2, 2)).toBe('between');
    expect(locator.locate(3.5, 2)).toBeNull();
  });

  it('lets strictly inside beat a smaller order on the boundary when grids overlap', () => {
    const big = entry('big', rect(0, 0, 2, 2), 'z');
    const edge = entry('edge', rect(1, 0, 3, 2), 'a');
    const locator = GridLocator.build([big, edge]);
    // On edge's border but inside big: big wins although its order is larger.
    expect(locator.locate(1, 1)).toBe('big');
    // Inside both: the smaller order.
    expect(locator.locate(1.5, 1)).toBe('edge');
  });

  it('works empty', () => {
    const locator = GridLocator.build<string>([]);
    expect(locator.size).toBe(0);
    expect(locator.locate(0, 0)).toBeNull();
  });

  it('keeps any key type and tolerates repeated positions', () => {
    const geometry: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const key = { id: 42 };
    const locator = GridLocator.build([{ key, order: 'x', geometry }]);
    expect(locator.locate(0.5, 0.5)).toBe(key);
    expect(locator.locate(1, 0.5)).toBe(key);
    expect(locator.locate(1, 0)).toBe(key);
  });
});

describe('GridLocator near-degenerate orientation', () => {
  it('decides points a few ulps off a diagonal border exactly', () => {
    // Shewchuk's classic lattice: coordinate differences are inexact here, so a plain double
    // determinant comes out as exactly zero for about a third of these points although they are
    // off the diagonal; only the error bound and the exact fallback get them right.
    const upper = entry(
      'upper',
      {
        type: 'Polygon',
        coordinates: [
          [
            [-24, -24],
            [24, 24],
            [-24, 24],
            [-24, -24],
          ],
        ],
      },
      'a',
    );
    const lower = entry(
      'lower',
      {
        type: 'Polygon',
        coordinates: [
          [
            [-24, -24],
            [24, -24],
            [24, 24],
            [-24, -24],
          ],
        ],
      },
      'b',
    );
    const sorted = [upper, lower];
    const locator = GridLocator.build(sorted);
    const ulp = 2 ** -53;
    let wrong = 0;
    let onBorder = 0;
    for (let i = 0; i < 64; i++) {
      for (let j = 0; j < 64; j++) {
        const p: Position = [0.5 + i * ulp, 0.5 + j * ulp];
        if (pointInGeometry(p, upper.geometry) === 0) onBorder++;
        if (locator.locate(p[0], p[1]) !== bruteForce(sorted, p)) wrong++;
      }
    }
    expect(onBorder).toBeGreaterThan(0);
    expect(wrong).toBe(0);
  });
});

describe('GridLocator against brute force on an irregular lattice', () => {
  const cells = jitteredLattice({ nx: 20, ny: 20, origin: [111.6, 40.8], cell: 0.004, steps: 5 });
  // Lattice keys are zero-padded, so creation order is already order order.
  const entries = cells.map((c) => entry(c.key, c.geometry));
  const locator = GridLocator.build([...entries].reverse());

  it('agrees at random points', () => {
    const random = createRandom(99);
    for (let i = 0; i < 3000; i++) {
      const p: Position = [111.59 + random.next() * 0.1, 40.79 + random.next() * 0.1];
      expect(locator.locate(p[0], p[1])).toBe(bruteForce(entries, p));
    }
  });

  it('agrees at every vertex, where borders meet', () => {
    let checked = 0;
    for (const cell of cells.slice(0, 120)) {
      for (const p of cell.geometry.coordinates[0]!) {
        const found = locator.locate(p[0], p[1]);
        expect(found).not.toBeNull();
        expect(found).toBe(bruteForce(entries, p));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('agrees at points on and a hair off the borders, where the fast test must defer', () => {
    const random = createRandom(5);
    for (const cell of cells.slice(150, 230)) {
      const ring = cell.geometry.coordinates[0]!;
      for (let k = 0; k + 1 < ring.length; k++) {
        const a = ring[k]!;
        const b = ring[k + 1]!;
        const t = random.next();
        const p: Position = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
        expect(locator.locate(p[0], p[1]), `${cell.key} edge ${k}`).toBe(bruteForce(entries, p));
      }
    }
  });

  it('finds a grid for every point of the covered area', () => {
    const random = createRandom(6);
    for (let i = 0; i < 2000; i++) {
      const lon = 111.6 + random.next() * 0.08;
      const lat = 40.8 + random.next() * 0.08;
      expect(locator.locate(lon, lat)).not.toBeNull();
    }
  });
});

// Speed is measured by `npm run bench -- locate`, never asserted in a test.
describe('GridLocator on a city-sized index', () => {
  it('places every point of a 5,929-cell lattice in exactly one cell', () => {
    const cells = jitteredLattice({ nx: 77, ny: 77, origin: [111.5, 40.6], cell: 0.005, steps: 6, seed: 3 });
    const locator = GridLocator.build(cells.map((c) => entry(c.key, c.geometry)));
    expect(locator.size).toBe(5929);
    const random = createRandom(1);
    const n = 200_000;
    const points = new Float64Array(n * 2);
    for (let i = 0; i < n * 2; i += 2) {
      points[i] = 111.5 + random.next() * 0.385;
      points[i + 1] = 40.6 + random.next() * 0.385;
    }
    let hits = 0;
    for (let i = 0; i < n * 2; i += 2) if (locator.locate(points[i]!, points[i + 1]!) !== null) hits++;
    expect(hits).toBe(n);
  });
});
